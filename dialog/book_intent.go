package dialog

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var (
	_ intentReader = (*bookFlow)(nil)
	_ offerReader  = (*bookFlow)(nil)
)

// familyArg begins the arg of a booking for another person.
const familyArg = "fam"

// OfferArg implements offerReader: a request that names a relative
// («хочу записати онука на паспорт») books that person: familyArg, then
// the service it names, if one.
func (f *bookFlow) OfferArg(c *Conv, text string) string {
	svc := serviceNamedIn(f.v.City, text)
	if !c.hasWord(strings.TrimPrefix("words.family", wordsGroup), text) {
		return svc
	}
	if svc != "" {
		return familyArg + ":" + svc
	}
	return familyArg
}

// NamesVisit implements visitNamer: the request names the service (one
// of the city's, not «на паспорт», which may be two), the CNAP, the day or
// the time of the visit.
func (f *bookFlow) NamesVisit(c *Conv, text string) bool {
	w := f.wantedIn(c, text)
	named := w.svc != "" && !strings.HasPrefix(w.svc, wantGroupPrefix) // a group («на паспорт») is not one
	return named || w.loc != "" || w.day != "" || w.clock >= 0 || w.from >= 0
}

// IntentArg implements intentReader: the id of the one bookable service a
// request names («записатися на субсидію» names Житлова субсидія), or ""
// when it names none or several equally («на паспорт»: ID card or passport
// for travel abroad); with the CNAP, the day or the time it names too
// (bookWant), all of them; after familyArg when it names a relative.
func (f *bookFlow) IntentArg(c *Conv, text string) string {
	arg := f.wantedIn(c, text).arg()
	if c.hasWord(strings.TrimPrefix("words.family", wordsGroup), text) { // «запишіть мого сина»
		if arg == "" {
			return familyArg
		}
		return familyArg + ":" + arg // a want without a time ends in ":" too
	}
	return arg
}

// serviceNamedIn returns the bookable service most of whose name's words
// the text holds, in any form («субсидію» for «субсидія»), if one holds
// more than any other.
func serviceNamedIn(city vikno.City, text string) string {
	if best := servicesNamedIn(city, text); len(best) == 1 {
		return best[0].ID
	}
	return ""
}

// servicesNamedIn returns the bookable services that hold the most of the
// text's words (names and keywords), none when no service holds any.
func servicesNamedIn(city vikno.City, text string) []vikno.Service {
	words := strings.FieldsFunc(cases.NormalizeText(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	var best []vikno.Service
	bestScore := 0
	for _, s := range city.Services {
		if !s.Bookable {
			continue
		}
		score := nameWordsIn(s.Name, words) + nameWordsIn(s.NameEN, words) + keywordsIn(s.Keywords, words)
		switch {
		case score > bestScore:
			best, bestScore = []vikno.Service{s}, score
		case score == bestScore && score > 0:
			best = append(best, s)
		}
	}
	return best
}

// groupNamedIn returns the group of services a text names when the
// services it names equally all belong to it («на паспорт»: the ID card
// and the passport for travel abroad), "" otherwise.
func groupNamedIn(city vikno.City, text string) string {
	best := servicesNamedIn(city, text)
	if len(best) < 2 {
		return ""
	}
	for _, s := range best[1:] {
		if s.Group != best[0].Group {
			return ""
		}
	}
	return best[0].Group
}

// keywordsIn counts the keywords (a word's start, or a phrase) the
// normalised words of a text hold.
func keywordsIn(keywords []string, text []string) int {
	joined := " " + strings.Join(text, " ")
	n := 0
	for _, k := range keywords {
		k = normalizedName(k)
		if strings.Contains(k, " ") && strings.Contains(joined, " "+k) ||
			!strings.Contains(k, " ") && slices.ContainsFunc(text, func(w string) bool { return strings.HasPrefix(w, k) }) {
			n++
		}
	}
	return n
}

func nameWordsIn(name string, text []string) int {
	n := 0
	for _, stem := range nameStems(name) {
		for _, t := range text {
			if strings.HasPrefix(t, stem) {
				n++
				break
			}
		}
	}
	return n
}

// The names and keywords of the city's services are matched against every
// question (is it a request to book?), so their normal forms are kept once
// made. They come from the city's configuration: a bounded set of strings.
var (
	normalizedName = memo(cases.NormalizeText)
	// nameStems returns the words of a service's name of four letters or
	// more, normalised, each less its last two letters (an ending) but no
	// shorter than four.
	nameStems = memo(func(name string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(cases.NormalizeText(name), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
			if n := utf8.RuneCountInString(w); n >= 4 {
				out = append(out, string([]rune(w)[:max(4, n-2)]))
			}
		}
		return out
	})
)

// memo returns f remembering its results; for strings of the city's
// configuration or the catalogue, never of residents' messages.
func memo[T any](f func(string) T) func(string) T {
	var cache sync.Map
	return func(s string) T {
		if v, ok := cache.Load(s); ok {
			return v.(T)
		}
		v := f(s)
		cache.Store(s, v)
		return v
	}
}
