// Package translit turns Ukrainian written in Latin letters back into
// Cyrillic. It is shared by the search analyzer (knowledge/analysis) and
// the dialog, which must not link the search engine.
package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word turns a Latin-script word into Cyrillic the way Ukrainian is
// romanised (the 2010 national system, plus the common informal spellings:
// ja/ju/je, sch, g for г, w for в): "zakordonnyi" → "закордонний",
// "dovidka" → "довідка". A word that mixes Cyrillic and Latin letters gets its
// Latin look-alikes replaced ("пacпopт" → "паспорт"). Other words are
// returned unchanged.
func Word(word string) string {
	latin, cyrillic := scripts(word)
	switch {
	case latin && cyrillic:
		return strings.Map(homoglyph, word)
	case latin:
		return romanToCyrillic(word)
	default:
		return word
	}
}

// scripts reports whether word holds ASCII Latin letters and Cyrillic letters.
func scripts(word string) (latin, cyrillic bool) {
	for _, r := range word {
		switch {
		case r >= 'a' && r <= 'z':
			latin = true
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic = true
		}
	}
	return latin, cyrillic
}

// romanRules are tried longest first at each position.
var romanRules = []struct{ latin, cyr string }{
	{"shch", "щ"}, {"sch", "щ"}, {"zgh", "зг"},
	{"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"tz", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"ya", "я"}, {"ia", "я"}, {"ja", "я"},
	{"yu", "ю"}, {"iu", "ю"}, {"ju", "ю"},
	{"ye", "є"}, {"ie", "є"}, {"je", "є"},
	{"yo", "йо"}, {"jo", "йо"}, {"ji", "ї"},
}

var romanLetters = map[byte]string{
	'a': "а", 'b': "б", 'c': "ц", 'd': "д", 'e': "е", 'f': "ф", 'g': "г",
	'h': "г", 'i': "і", 'j': "й", 'k': "к", 'l': "л", 'm': "м", 'n': "н",
	'o': "о", 'p': "п", 'q': "к", 'r': "р", 's': "с", 't': "т", 'u': "у",
	'v': "в", 'w': "в", 'x': "кс", 'y': "и", 'z': "з",
}

// adjectiveEnds are the romanised spellings of the ending -ий.
var adjectiveEnds = []string{"yi", "yy", "iy", "ij", "yj"}

func romanToCyrillic(word string) string {
	var b strings.Builder
	b.Grow(len(word) * 2)
	for i := 0; i < len(word); {
		cyr, n := romanAt(word, i)
		b.WriteString(cyr)
		i += n
	}
	return b.String()
}

// romanAt transliterates the longest rule that matches word at byte i.
func romanAt(word string, i int) (string, int) {
	rest := word[i:]
	if i > 0 && len(rest) == 2 {
		for _, end := range adjectiveEnds {
			if rest == end {
				return "ий", 2
			}
		}
	}
	if i == 0 && strings.HasPrefix(rest, "yi") {
		return "ї", 2
	}
	if i > 0 && strings.HasPrefix(rest, "io") && romanVowel(word[i-1]) {
		// the national system writes й inside a word as i; after a vowel
		// and before o (ia, ie, iu are я, є, ю) it cannot be і: pryiom →
		// прийом, raion → район
		return "й", 1
	}
	for _, r := range romanRules {
		if strings.HasPrefix(rest, r.latin) {
			return r.cyr, len(r.latin)
		}
	}
	if cyr, ok := romanLetters[rest[0]]; ok {
		return cyr, 1
	}
	// A digit or a non-ASCII rune: copy it whole.
	_, n := utf8.DecodeRuneInString(rest)
	return rest[:n], n
}

// romanVowel reports whether c is a Latin letter that romanises a vowel.
func romanVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// homoglyph maps a Latin letter that looks like a Cyrillic one to that letter.
func homoglyph(r rune) rune {
	if c, ok := homoglyphs[r]; ok {
		return c
	}
	return r
}

var homoglyphs = map[rune]rune{
	'a': 'а', 'b': 'в', 'c': 'с', 'e': 'е', 'h': 'н', 'i': 'і', 'k': 'к',
	'm': 'м', 'o': 'о', 'p': 'р', 't': 'т', 'x': 'х', 'y': 'у',
}
