package dialog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A request to book a relative that names them («хочу записати внука на
// паспорт, він в мене Іваненко Тарас Петрович») has that name offered at
// the name step: one press (or «так») takes it, another name typed
// replaces it. The name is a run of words with a capital letter after the
// last relative word (words.family), so the writer's own name before it
// («бабуся Ганна Петрівна, записую внука …») is not taken.

// keyNameSaid is the session key of the name read from the request.
const keyNameSaid = "name0"

// minSaidNameWords and maxPersonNameWords bound the words of a name read
// from a request: a name and a surname at least.
const minSaidNameWords = 2

// saidName is a run of capitalised words in a request: where it is among
// the request's words and the name it makes.
type saidName struct {
	at, n int
	name  string
}

// nameSaid finds the name of the relative a request books, or ok false.
func (c *Conv) nameSaid(text string) (saidName, bool) {
	words := strings.Fields(text)
	last := -1
	for i, w := range words {
		if c.engine.wordParts[strings.TrimPrefix("words.family", wordsGroup)][labelKey(w)] {
			last = i
		}
	}
	if last < 0 {
		return saidName{}, false
	}
	for i := last + 1; i < len(words); i++ {
		n := 0
		for i+n < len(words) && n < maxPersonNameWords && nameWord(words[i+n]) {
			n++
			if strings.ContainsAny(words[i+n-1], ",.;:!?") {
				break // «…Петрович, дякую»
			}
		}
		if n >= minSaidNameWords {
			parts := make([]string, n)
			for k := range parts {
				parts[k] = strings.TrimRight(words[i+k], ",.;:!?")
			}
			return saidName{at: i, n: n, name: strings.Join(parts, " ")}, true
		}
	}
	return saidName{}, false
}

// nameWord reports whether w may be a word of a person's name: a capital
// letter, then small letters (an apostrophe or a hyphen allowed), and
// punctuation at most after it. «ЦНАП» in capitals is no name.
func nameWord(w string) bool {
	w = strings.TrimRight(w, ",.;:!?")
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLower(r) && r != '-' && r != '’' && r != '\'' && r != 'ʼ' {
			return false
		}
	}
	return true
}

// withoutNameSaid returns text without the name of the relative it books,
// so that «Тараса» of the grandson is no CNAP on Taras Shevchenko Street.
func (c *Conv) withoutNameSaid(text string) string {
	s, ok := c.nameSaid(text)
	if !ok {
		return text
	}
	words := strings.Fields(text)
	return strings.Join(append(words[:s.at:s.at], words[s.at+s.n:]...), " ")
}

// keepNameSaid keeps, for a booking of a relative, the name the message
// that opened it gives, in the nominative where sure.
func (c *Conv) keepNameSaid(text string) {
	if s, ok := c.nameSaid(text); ok {
		c.Session.Set(keyNameSaid, c.nominativeName(text, s.name))
	}
}
