package analysis

import "strings"

// The English glossary (english_uk.txt) is matched after transliteration and
// the Ukrainian stemmer, which know nothing of English number: "kids" and
// "kid" are different stems to them. withEnglishNumber completes each English
// phrase of the glossary with the other number of its last word (its head in
// English: "library card" → "library cards", "pharmacies" → "pharmacy"; not
// "kids" → "kid", too short, see minNumberRunes), by the regular
// rules of English spelling, unless that form is on the left of a line of its
// own (the editor's choice wins), two lines would claim it (then neither
// does: a form of two meanings is no evidence for one), or, transliterated,
// it reads as a Ukrainian word of the other dictionaries (intervals →
// interval → інтервал): the glossary holds no English word that reads as
// Ukrainian, and a form made from one must not bring one in.
func withEnglishNumber(rules []Rule, ukrainian []Rule) []Rule {
	avoid := map[string]bool{}
	for _, r := range ukrainian {
		for _, p := range append([]string{r.To}, r.Phrases...) {
			for _, w := range strings.Fields(strings.ToLower(p)) {
				avoid[Stem(strings.Trim(w, ".,;:!?«»()\"'"))] = true
			}
		}
	}
	taken := map[string]bool{}
	for _, r := range rules {
		for _, p := range r.Phrases {
			taken[strings.ToLower(p)] = true
		}
	}
	claims := map[string]int{}
	variants := make([][]string, len(rules))
	for i, r := range rules {
		seen := map[string]bool{}
		for _, p := range r.Phrases {
			v, ok := otherNumber(strings.ToLower(p))
			if !ok || taken[v] || seen[v] || avoid[Stem(Transliterate(lastWord(v)))] {
				continue
			}
			seen[v] = true
			claims[v]++
			variants[i] = append(variants[i], v)
		}
	}
	out := make([]Rule, len(rules))
	for i, r := range rules {
		r.Phrases = append([]string(nil), r.Phrases...)
		for _, v := range variants[i] {
			if claims[v] == 1 {
				r.Phrases = append(r.Phrases, v)
			}
		}
		out[i] = r
	}
	return out
}

// minNumberRunes is the shortest English word whose number is changed, and
// the shortest form made is a letter longer: the glossary has no words of
// three letters or fewer, the rules below would misread short ones (bus, gas,
// yes), and a short form may read as a transliterated Ukrainian word (baby →
// баби, the stem of бабуся).
const minNumberRunes = 4

// otherNumber returns p, a phrase of lowercase English words, with its last
// word in the other number, and whether there is one: a word that cannot be
// read as a regular noun (ends in -ss, -us, -is, -ing, or is short) has none.
func otherNumber(p string) (string, bool) {
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r == ' ' || r == '-' || r == '\'') {
			return "", false
		}
	}
	last := lastWord(p)
	head := p[:len(p)-len(last)]
	if len(last) < minNumberRunes || strings.ContainsRune(last, '\'') {
		return "", false
	}
	for _, s := range []string{"ss", "us", "is", "ing", "ics"} {
		if strings.HasSuffix(last, s) {
			return "", false
		}
	}
	var v string
	switch {
	case strings.HasSuffix(last, "ies"):
		v = strings.TrimSuffix(last, "ies") + "y"
	case strings.HasSuffix(last, "ches"), strings.HasSuffix(last, "shes"), strings.HasSuffix(last, "xes"), strings.HasSuffix(last, "sses"):
		v = strings.TrimSuffix(last, "es")
	case strings.HasSuffix(last, "s"):
		v = strings.TrimSuffix(last, "s")
	case strings.HasSuffix(last, "y") && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		v = strings.TrimSuffix(last, "y") + "ies"
	case strings.HasSuffix(last, "ch"), strings.HasSuffix(last, "sh"), strings.HasSuffix(last, "x"):
		v = last + "es"
	default:
		v = last + "s"
	}
	if len(v) < minNumberRunes+1 {
		return "", false
	}
	return head + v, true
}

// lastWord is the last word of a phrase of words joined by spaces or hyphens.
func lastWord(p string) string {
	return p[strings.LastIndexAny(p, " -")+1:]
}
