package dialog

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// maxStreetWords is how many words after «на» may name a street («на
// Тараса Шевченка», «на Героїв УПА»).
const maxStreetWords = 3

// outagePlace is where a question about an outage asks about: a street as
// the resident wrote it (without the house number and the words around it)
// and the districts it names («на Сихові»).
type outagePlace struct {
	street    []string // the words of the street, in the order written
	abbr      string   // the street type before it when abbreviated («вул.»)
	upper     bool     // the resident wrote the street with a capital letter
	districts []string // vikno.District IDs
}

// questionWord is a word of a question with the punctuation around it
// taken off; end is set when the word closes a clause («Сихові,»).
type questionWord struct {
	text, key, raw string
	end            bool
}

func questionWords(text string) []questionWord {
	var out []questionWord
	for _, tok := range strings.Fields(text) {
		core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" {
			if len(out) > 0 {
				out[len(out)-1].end = true
			}
			continue
		}
		tail := tok[strings.LastIndex(tok, core)+len(core):]
		out = append(out, questionWord{text: core, key: labelKey(core), raw: tok, end: strings.ContainsAny(tail, ",;:?!.")})
	}
	return out
}

// questionPlace finds the street and the districts a question names: the
// districts by their stems anywhere but right after a street type, the
// street in the words after the last «на»/«по»/«біля», up to a house
// number, the end of the clause, or a word of the question itself
// («немає», «води», «будинок», «район»).
func questionPlace(c *Conv, city vikno.City, text string) outagePlace {
	words := questionWords(text)
	var p outagePlace
	for i, w := range words {
		afterType := i > 0 && c.inWords("street_types", words[i-1].key)
		if id, ok := cases.DistrictOf(city, w.text); ok && !afterType && !slices.Contains(p.districts, id) {
			p.districts = append(p.districts, id)
		}
	}
	at := -1
	for i := len(words) - 2; i >= 0; i-- {
		if c.inWords("outage_at", words[i].key) {
			at = i
			break
		}
	}
	if at < 0 {
		return p
	}
	for _, w := range words[at+1:] {
		if c.inWords("street_types", w.key) {
			if w.end && len(p.street) > 0 {
				break // «Zelena St.»
			}
			if len(p.street) == 0 && strings.HasSuffix(w.raw, ".") {
				p.abbr = w.raw // «вул.», not inflected
			}
			continue
		}
		if placeStop(c, w) || len(p.street) > 0 && p.upper && !startsUpper(w.text) {
			break
		}
		if _, ok := cases.DistrictOf(city, w.text); ok {
			break
		}
		if len(p.street) == 0 {
			p.upper = startsUpper(w.text)
		}
		p.street = append(p.street, w.text)
		if w.end || len(p.street) == maxStreetWords {
			break
		}
	}
	return p
}

// placeStop reports whether a word cannot be part of a street name: a
// house number, a short word like «з», or a word the question is made of.
func placeStop(c *Conv, w questionWord) bool {
	if strings.ContainsFunc(w.text, unicode.IsDigit) || utf8.RuneCountInString(w.key) <= 2 && !startsUpper(w.text) {
		return true
	}
	k := w.key
	return c.inWords("outage_when", k) || c.inWords("outage_at", k) || c.inWords("place_stop", k) ||
		c.inWords("outage_hot_water", k) || c.inWords("outage_water", k) || c.inWords("outage_electricity", k) ||
		c.inWords("outage_heating", k)
}

// inWords reports whether key (a labelKey) is one of the words of the
// catalogue list words.<name>, or a word of one of its phrases.
func (c *Conv) inWords(name, key string) bool {
	return c.engine.wordParts[name][key]
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// streetNames returns the ways the place's street may be read, longest
// first («Тараса Шевченка», «Тараса»): the words after «на» may run on
// into the rest of the sentence when the resident writes in lower case.
func (p outagePlace) streetNames() []string {
	var out []string
	for n := len(p.street); n > 0; n-- {
		out = append(out, strings.Join(p.street[:n], " "))
	}
	return out
}

// shownStreet is the street as the reply shows it when no notice names
// it: after its abbreviated type as written («вул.»), in the dictionary form of a street named by an adjective («на
// Зеленій» → «Зелена»), with a capital letter. A street written in lower
// case is shown by its first word, as the rest may not be part of it.
func (p outagePlace) shownStreet() string {
	words := p.street
	if !p.upper && len(words) > 1 {
		words = words[:1]
	}
	out := make([]string, len(words))
	for i, w := range words {
		if i == len(words)-1 {
			w = cases.StreetNominative(w)
		}
		r, n := utf8.DecodeRuneInString(w)
		out[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	if p.abbr != "" {
		out = append([]string{p.abbr}, out...)
	}
	return strings.Join(out, " ")
}
