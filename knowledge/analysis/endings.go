package analysis

import "strings"

// endingSet is a set of word endings with the length of the longest one.
type endingSet struct {
	has     map[string]bool
	longest int
}

func newEndingSet(groups ...string) endingSet {
	set := endingSet{has: map[string]bool{}}
	for _, g := range groups {
		for _, e := range strings.Fields(g) {
			set.has[e] = true
			set.longest = max(set.longest, len([]rune(e)))
		}
	}
	return set
}

// combine returns every prefix+suffix pair.
func combine(prefixes, suffixes string) string {
	var b strings.Builder
	for _, p := range strings.Fields(prefixes) {
		for _, s := range strings.Fields(suffixes) {
			b.WriteString(p + s + " ")
		}
	}
	return b.String()
}

var gerundEndings = newEndingSet(
	"ивши івши авши явши увши ившись івшись авшись явшись",
	"учи ючи ачи ячи учись ючись ачись ячись",
)

var reflexiveEndings = newEndingSet("ся сь")

// adjectiveEndings are the full endings of adjectives and participles.
const adjectiveEndings = "ий ій ого ього ому ьому им ім их іх ими іми ої ьої ою ьою ую юю ая яя еє ее ое ые ие"

var inflectionEndings = newEndingSet(
	// nouns
	"а я о е є у ю і ї и ь",
	"ом ем єм ою ею єю ам ям ах ях ами ями ів їв ей ові еві єві",
	"ія ії ію ією ій іям іями іях",
	// verbal nouns: оформлення, отримання, відкриття; genitive plural -ень, -ань
	combine("енн анн інн янн єнн итт утт ятт уванн юванн ованн", "я ю і ям ями ях"),
	"увань ювань овань",
	"ень ань янь інь",
	// adjectives and participles: закордонний, зареєстрований, оформлений
	adjectiveEndings,
	combine("ован йован уван", adjectiveEndings+" а е і у о"),
	// verbs: infinitive, present, past, imperative, future
	"ати яти ити іти ути їти увати ювати овувати",
	"ав ала ало али яв яла яло яли ив ила ило или ів іла іло іли ув ула уло ули",
	"еш єш емо ємо ете єте уть ють ить іть ать ять имо ите іте иш іш",
	"ую уєш ує уємо уєте ують юю юєш ює юємо юєте юють",
	"аю аєш ає аємо аєте ають яю яєш яє яємо яєте яють",
	"уєть юєть аєть яєть",
	"ай айте ій іть йте ймо імо",
	"тиму тимеш тиме тимемо тимете тимуть",
	// Russian and surzhyk: оформление, субсидия, получить
	combine("ени ани", "е я ю ем и й ям ями ях"),
	"ия ии ию ией иям иями иях",
)
