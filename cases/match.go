package cases

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vikno-city/vikno"
)

// NormalizeText prepares text for keyword matching: NFC, lower case, every
// apostrophe variant (' ’ ʼ ` ‘) as ', no stress marks. Й and ї stay whole.
func NormalizeText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = norm.NFD.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', 'ʼ', '`', '‘', '´', 'ʹ', '′', '＇':
			return '\''
		case '\u0301', '\u0300', '\u00AD', '\u200B', '\u200C', '\u200D', '\uFEFF':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return norm.NFC.String(s)
}

// splitWords splits normalised text into splitWords: runs of letters and digits with
// apostrophes inside them ("під'їзд").
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// CategoryNamed returns the category whose name, in Ukrainian or English,
// is the whole of text (case, apostrophes, stress marks, spaces and
// punctuation aside): a resident who types a topic as the bot names it
// means that topic.
func CategoryNamed(city vikno.City, text string) (vikno.Category, bool) {
	want := strings.Join(splitWords(NormalizeText(text)), " ")
	if want == "" {
		return vikno.Category{}, false
	}
	for _, s := range city.Spheres {
		for _, c := range s.Categories {
			for _, name := range []string{c.Name, c.NameEN} {
				if name != "" && strings.Join(splitWords(NormalizeText(name)), " ") == want {
					return c, true
				}
			}
		}
	}
	return vikno.Category{}, false
}

// MatchCategories returns the categories whose keywords occur in text, best
// first, at most limit of them. A keyword matches where each of its splitWords
// begins a consecutive word of the text (keywords are stems: "гаряч" matches
// "гарячої"); keywords of one or two letters must match a whole word. A
// longer keyword weighs more; ties keep the order of the city file.
func MatchCategories(city vikno.City, text string, limit int) []vikno.Category {
	tw := splitWords(NormalizeText(text))
	type scored struct {
		cat   vikno.Category
		score int
		order int
	}
	var found []scored
	for _, s := range city.Spheres {
		for _, c := range s.Categories {
			if n := categoryScore(c, tw); n > 0 {
				found = append(found, scored{c, n, len(found)})
			}
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	var out []vikno.Category
	for _, f := range found {
		if len(out) == limit {
			break
		}
		out = append(out, f.cat)
	}
	return out
}

func categoryScore(c vikno.Category, text []string) int {
	score := 0
	// The names count as keywords too, so English text finds a category by
	// its English name.
	for _, kw := range append([]string{c.Name, c.NameEN}, c.Keywords...) {
		kws := splitWords(NormalizeText(kw))
		if len(kws) > 0 && containsPhrase(text, kws) {
			score += utf8.RuneCountInString(strings.Join(kws, " "))
		}
	}
	return score
}

func containsPhrase(text, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(text); i++ {
		if phraseAt(text[i:], phrase) {
			return true
		}
	}
	return false
}

func phraseAt(text, phrase []string) bool {
	for j, w := range phrase {
		if utf8.RuneCountInString(w) <= 2 {
			if text[j] != w {
				return false
			}
			continue
		}
		if !strings.HasPrefix(text[j], w) {
			return false
		}
	}
	return true
}
