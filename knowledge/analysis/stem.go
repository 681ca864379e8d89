package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Stem returns the stem of a lower-case Ukrainian word. It is a light
// suffix-stripping stemmer in the spirit of the Snowball stemmers for Slavic
// languages, written for Ukrainian:
//
//  1. RV is the part of the word after its first vowel; endings are only
//     removed from RV, and at least three letters always stay.
//  2. A gerund ending (-вши, -вшись, -учи, -ючи, -ачи, -ячи) is removed; if
//     there is none, a reflexive -ся/-сь is removed.
//  3. The longest inflectional ending is removed: adjective and participle
//     endings, verb endings, noun endings (-ія/-ії/-ію, verbal nouns -ння,
//     -ення, -ування, ...). Endings of Russian and surzhyk words (-ение, -ия)
//     are known too, so that those words meet their Ukrainian cousins. Nouns
//     whose forms look like verb forms (виплат-и, маршрут-и) keep their stem.
//  4. The stem is tidied: the soft sign goes, -нн and -тт lose a letter, the
//     passive participle suffix -ен goes, the epenthetic л after a labial
//     goes (оформл-ення → оформ, like оформ-ити), дж becomes д (народж →
//     народ), the fleeting о/е of -ок and -ець goes (довідок → довідк), and
//     -іст becomes -ост (вартість → вартост).
//
// Words that are not all Cyrillic letters, and words of three letters or
// fewer, are returned unchanged.
func Stem(word string) string {
	if s, ok := stemExceptions[word]; ok {
		return s
	}
	if s, ok := stemCache.Load(word); ok {
		return s.(string)
	}
	s := stem(word)
	if stemCacheSize.Add(1) <= maxStemCache {
		stemCache.Store(word, s)
	}
	return s
}

// Stems are cached: a knowledge base and its queries use a few tens of
// thousands of word forms, each many times.
var (
	stemCache     sync.Map
	stemCacheSize atomic.Int64
)

const maxStemCache = 200_000

func stem(word string) string {
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

// minStem is the fewest letters a stem keeps.
const minStem = 3

// nounStems are stems of nouns whose forms end like verbs: виплат-и is not
// випл-ати, маршрут-и is not маршр-ути, держав (genitive plural) is not
// держ-ав, режим is not реж-им.
var nounStems = wordSet(`виплат зарплат оплат доплат плат палат кімнат хат дат цитат карат
	результат кандидат депутат формат автомат банкомат сертифікат атестат адресат штат мат брат
	кредит візит депозит ліміт транзит маршрут інститут атрибут
	держав справ підстав вистав застав заяв архів мотив актив режим
	диплом прийом альбом`)

// stemExceptions are word forms the rules would conflate with an unrelated
// word; they get the stem given here. водій (driver) declines like the -ія
// nouns and would meet вода (water). The Russian and surzhyk надо, нада
// ("need") would meet надати, надання (to provide), and долго ("long") would
// meet долг ("debt"); the dictionary maps each to its own Ukrainian word.
// The Russian пожениться ("to get married") would lose all but пож and meet
// пожати ("to shake hands"); the Ukrainian кришитися ("to crumble") would meet
// the Russian крыша ("roof"); погода (weather) would meet погодити (to
// approve: погодити ремонт фасаду).
var stemExceptions = func() map[string]string {
	m := map[string]string{"надо": "надо", "нада": "надо", "долго": "долго"}
	for w := range wordSet("водій водія водію водієві водієм водії водіїв водіям водіями водіях") {
		m[w] = "водій"
	}
	for w := range wordSet("пожениться поженитися поженились поженилися поженимся поженитесь поженился поженилась поженятся") {
		m[w] = "пожен"
	}
	for w := range wordSet("кришиться кришитися кришаться кришився кришилася кришилась кришилося кришилось кришилися кришитись") {
		m[w] = "кришит"
	}
	for w := range wordSet("погода погоди погоду погоді погодою погод погодний погодні погодна погодних") {
		m[w] = "погода"
	}
	return m
}()

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// keepNounStem gives back the part of a removed ending that belongs to the
// stem of a known noun.
func keepNounStem(stem []rune, ending string) ([]rune, string) {
	end := []rune(ending)
	for k := len(end); k > 0; k-- {
		cand := string(stem) + string(end[:k])
		if rest := string(end[k:]); nounStems[cand] && (rest == "" || inflectionEndings.has[rest]) {
			return []rune(cand), rest
		}
	}
	return stem, ending
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
	verbForm := epenthetic(ending)
	switch {
	case hasSuffix(rs, "нн"), hasSuffix(rs, "тт"):
		rs = rs[:len(rs)-1]
	case participleStem(rs) && ending != "":
		rs, verbForm = rs[:len(rs)-2], true
	}
	switch {
	case verbForm && len(rs) > 3 && hasSuffix(rs, "л") && strings.ContainsRune("бпвмф", rs[len(rs)-2]):
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

// epenthetic reports whether an ending is one before which Ukrainian inserts
// л after a labial: роблю, роблять, роблячи, оформлення, оформлень.
func epenthetic(ending string) bool {
	switch ending {
	case "ю", "ять", "ячи":
		return true
	}
	return strings.HasPrefix(ending, "ен")
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
		if tok.Type != analysis.Numeric && tok.Type != EnglishStopType && !tok.KeyWord {
			tok.Term = []byte(Stem(string(tok.Term)))
		}
	}
	return input
}

// Inflected reports whether a lower-case word reads as a Ukrainian word
// form: a stem of at least minStem letters and an inflectional ending of two
// letters or more that the stemmer removes (руках, поставити, розмістити).
// A misspelling seldom keeps a whole ending of two letters intact while
// breaking the stem into another word, so such a word is taken for a real
// word that the knowledge base does not use, not for a typo. One-letter
// endings (будивництва) are too common in typos to tell anything.
func Inflected(word string) bool {
	rs := []rune(Derussify(word))
	if len(rs) <= minStem+1 || !cyrillicWord(rs) {
		return false
	}
	rv := firstVowel(rs) + 1
	if rv == 0 {
		return false
	}
	stem, ending := stripEnding(rs, rv)
	return len([]rune(ending)) >= 2 && len(stem) >= minStem
}
