package cases

import (
	"strings"
	"unicode"

	"github.com/vikno-city/vikno"
)

// adjectiveEndings are the endings cut from a district's name to get the
// stem residents say it by: «Сихівський» gives «сихів» (also in «на
// Сихові», «Сихів», «у Сихівському»), «Залізничний» gives «залізнич».
var adjectiveEndings = []string{"ський", "ький", "ний", "ий", "skyi", "kyi", "nyi", "yi"}

// minDistrictStem is the shortest stem a district is recognised by.
const minDistrictStem = 4

// DistrictStems returns the stems a district is named by in what residents
// write, derived from its names: the first word without its adjective
// ending, and for a stem in «-ів» the form of the place it is named after
// as residents inflect it («Сихів» → «на Сихові»: «сихов»).
func DistrictStems(d vikno.District) []string {
	var stems []string
	for _, name := range []string{d.Name, d.NameEN} {
		first, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(name)), " ")
		stem := first
		for _, end := range adjectiveEndings {
			if s, ok := strings.CutSuffix(first, end); ok {
				stem = s
				break
			}
		}
		if len([]rune(stem)) < minDistrictStem {
			continue
		}
		stems = append(stems, stem)
		if s, ok := strings.CutSuffix(stem, "ів"); ok {
			stems = append(stems, s+"ов")
		}
	}
	return stems
}

// DistrictOf returns the ID of the city's district a word names («Сихові»,
// «сихівському», «Sykhiv»); ok is false when it names none or several.
func DistrictOf(city vikno.City, word string) (id string, ok bool) {
	word = strings.ToLower(strings.TrimFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }))
	for _, d := range city.Districts {
		for _, stem := range DistrictStems(d) {
			if strings.HasPrefix(word, stem) {
				if ok && id != d.ID {
					return "", false
				}
				id, ok = d.ID, true
				break
			}
		}
	}
	return id, ok
}

// StreetNominative returns the dictionary form of the last word of a street
// named by a feminine adjective as residents inflect it after «на»: «на
// Зеленій» → «Зелена», «на Стрийській» → «Стрийська». Other words are
// returned as they are («Шевченка»).
func StreetNominative(word string) string {
	if stem, ok := strings.CutSuffix(word, "ій"); ok && len([]rune(stem)) >= 3 {
		return stem + "а"
	}
	return word
}
