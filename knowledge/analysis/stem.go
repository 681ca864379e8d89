package analysis

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Stem returns the stem of a lower-case Ukrainian word. It is a light
// suffix-stripping stemmer in the spirit of the Snowball stemmers for Slavic
// languages, written for Ukrainian:
//
//  1. RV is the part of the word after its first vowel; endings are only
//     removed from RV, and at least two letters always stay.
//  2. A gerund ending (-вши, -вшись, -учи, -ючи, -ачи, -ячи) is removed; if
//     there is none, a reflexive -ся/-сь is removed.
//  3. The longest inflectional ending is removed: adjective and participle
//     endings, verb endings, noun endings (-ія/-ії/-ію, verbal nouns -ння and
//     -ення, ...). Endings of Russian and surzhyk words (-ение, -ия, ...) are
//     known too, so that those words meet their Ukrainian cousins.
//  4. The stem is tidied: the soft sign goes, -нн and -тт lose a letter, the epenthetic л
//     after a labial goes (оформл → оформ), дж becomes д (народж → народ),
//     and the fleeting о/е of -ок and -ець goes (довідок → довідк), -іст
//     becomes -ост (вартість → вартост).
//
// Words that are not all Cyrillic letters, and words of three letters or
// fewer, are returned unchanged.
func Stem(word string) string {
	if s, ok := stemExceptions[word]; ok {
		return s
	}
	rs := []rune(word)
	if len(rs) <= 3 || !cyrillicWord(rs) {
		return word
	}
	rv := firstVowel(rs) + 1
	if rv == 0 {
		return word
	}
	stem, ending := stripEnding(rs, rv)
	stem, ending = keepNounStem(stem, ending)
	return string(tidy(stem, ending))
}

// nounStems are stems of nouns whose forms end like verbs: виплат-и is not
// випл-ати, маршрут-и is not маршр-ути, держав (genitive plural) is not
// держ-ав.
var nounStems = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`виплат зарплат оплат доплат плат палат кімнат хат дат цитат карат
		результат кандидат депутат формат автомат банкомат сертифікат атестат адресат штат мат брат
		кредит візит депозит ліміт транзит маршрут інститут атрибут
		держав справ підстав вистав застав заяв архів мотив актив`) {
		nounStems[s] = true
	}
}

// keepNounStem gives back the part of a removed ending that belongs to the
// stem of a known noun.
func keepNounStem(stem []rune, ending string) ([]rune, string) {
	end := []rune(ending)
	for k := len(end) - 1; k > 0; k-- {
		cand := string(stem) + string(end[:k])
		if nounStems[cand] && inflectionEndings.has[string(end[k:])] {
			return []rune(cand), string(end[k:])
		}
	}
	if nounStems[string(stem)+ending] {
		return []rune(string(stem) + ending), ""
	}
	return stem, ending
}

// minStem is the fewest letters a stem keeps.
const minStem = 3

// stemExceptions are word forms the rules would conflate with an unrelated
// word; they get the stem given here.
var stemExceptions = map[string]string{}

func init() {
	// водій (driver) declines like -ія nouns and would meet вода (water).
	for _, w := range strings.Fields("водій водія водію водієві водієм водії водіїв водіям водіями водіях") {
		stemExceptions[w] = "водій"
	}
}

// stripEnding removes the gerund or reflexive ending and then the longest
// inflectional ending inside RV; it returns the stem and the last ending
// removed.
func stripEnding(rs []rune, rv int) ([]rune, string) {
	if stem, end, ok := strip(rs, rv, gerundEndings); ok {
		return stem, end
	}
	if stem, _, ok := strip(rs, rv, reflexiveEndings); ok {
		rs = stem
	}
	stem, end, _ := strip(rs, rv, inflectionEndings)
	return stem, end
}

// strip removes the longest ending from set that lies inside RV.
func strip(rs []rune, rv int, set endingSet) ([]rune, string, bool) {
	for n := min(set.longest, len(rs)-minStem); n > 0; n-- {
		if len(rs)-n < rv {
			continue
		}
		end := string(rs[len(rs)-n:])
		if set.has[end] {
			return rs[:len(rs)-n], end, true
		}
	}
	return rs, "", false
}

// tidy applies the stem clean-up rules of step 4.
func tidy(rs []rune, ending string) []rune {
	rs = trimSuffix(rs, "ь")
	switch {
	case hasSuffix(rs, "нн"), hasSuffix(rs, "тт"):
		rs = rs[:len(rs)-1]
	case participleStem(rs) && ending != "":
		rs, ending = rs[:len(rs)-2], "participle"
	}
	switch {
	case len(rs) > 3 && epenthetic(ending) && hasSuffix(rs, "л") && strings.ContainsRune("бпвмф", rs[len(rs)-2]):
		rs = rs[:len(rs)-1]
	case len(rs) > 3 && hasSuffix(rs, "дж"):
		rs = rs[:len(rs)-1]
	case fleeting(rs, "ок") || fleeting(rs, "ец"):
		rs = append(rs[:len(rs)-2:len(rs)-2], rs[len(rs)-1])
	case len(rs) >= 5 && hasSuffix(rs, "іст"):
		rs = append(rs[:len(rs)-3:len(rs)-3], 'о', 'с', 'т')
	}
	return rs
}

// epenthetic reports whether an ending is one after which Ukrainian inserts
// л after a labial (роблю, роблять, оформлення, оформлений, оформлена).
func epenthetic(ending string) bool {
	switch {
	case ending == "ю", ending == "ять", ending == "яч", ending == "ячи":
		return true
	default:
		return strings.HasPrefix(ending, "енн") || strings.HasPrefix(ending, "ень") ||
			strings.HasPrefix(ending, "ен") || ending == "participle"
	}
}

// participleStem reports whether rs ends like the stem of a passive
// participle whose -ен- should go with the ending (оформлен-а → оформл).
func participleStem(rs []rune) bool {
	if len(rs) < 5 || !hasSuffix(rs, "ен") {
		return false
	}
	return strings.ContainsRune("лчшжщ", rs[len(rs)-3])
}

// fleeting reports whether rs ends in suffix (-ок, -ец) with a fleeting vowel:
// there is a vowel before it, so the rest is a stem of its own.
func fleeting(rs []rune, suffix string) bool {
	if len(rs) < 4 || !hasSuffix(rs, suffix) {
		return false
	}
	return firstVowel(rs[:len(rs)-2]) >= 0
}

func hasSuffix(rs []rune, suffix string) bool {
	sr := []rune(suffix)
	if len(sr) > len(rs) {
		return false
	}
	for i := range sr {
		if rs[len(rs)-len(sr)+i] != sr[i] {
			return false
		}
	}
	return true
}

func trimSuffix(rs []rune, suffix string) []rune {
	if hasSuffix(rs, suffix) && len(rs)-len([]rune(suffix)) >= minStem {
		return rs[:len(rs)-len([]rune(suffix))]
	}
	return rs
}

const ukrainianVowels = "аеєиіїоуюя"

// firstVowel returns the index of the first vowel in rs, or -1.
func firstVowel(rs []rune) int {
	for i, r := range rs {
		if strings.ContainsRune(ukrainianVowels, r) {
			return i
		}
	}
	return -1
}

func cyrillicWord(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return true
}

// StemFilter is the bleve token filter that applies Stem.
type StemFilter struct{}

// Filter implements analysis.TokenFilter.
func (StemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.Type != analysis.Numeric && !tok.KeyWord {
			tok.Term = []byte(Stem(string(tok.Term)))
		}
	}
	return input
}
