package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Apostrophe is the one apostrophe Normalize leaves in text.
const Apostrophe = '\''

// Normalize returns s in the form the analyzer works on: valid UTF-8, NFC,
// lower case, every apostrophe variant (' ’ ʼ ` ‘ ′ ″ ´) as Apostrophe, without
// stress marks (U+0301, U+0300), soft hyphens and zero-width characters.
// Й and ї are kept as they are.
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !plain(s) {
		// Decompose so that a stress mark on a precomposed letter can be
		// dropped, then compose again: й (и+U+0306) and ї (і+U+0308) come
		// back whole.
		return norm.NFC.String(mapRunes(norm.NFD.String(s)))
	}
	return mapRunes(s)
}

// plain reports whether s is ASCII, Latin-1 punctuation or Cyrillic without
// combining marks or letters that carry a stress mark: the text residents
// type, which needs no Unicode decomposition.
func plain(s string) bool {
	for _, r := range s {
		switch {
		case r < 0xC0:
		case r >= 0x400 && r <= 0x4FF && !stressed[r]:
		case r >= 0x2000 && r <= 0x206F: // punctuation: quotes, dashes, zero widths
		default:
			return false
		}
	}
	return true
}

// stressed are the Cyrillic letters that decompose into a letter and a stress
// mark (ѐ ѝ ѓ ќ and their capitals).
var stressed = map[rune]bool{0x400: true, 0x403: true, 0x40C: true, 0x40D: true, 0x450: true, 0x453: true, 0x45C: true, 0x45D: true}

// mapRunes applies normalRune to every rune of s.
func mapRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r, ok := normalRune(r); ok {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normalRune maps one rune of decomposed text; ok is false for a rune that is
// dropped.
func normalRune(r rune) (rune, bool) {
	switch r {
	case '\'', '’', 'ʼ', '`', '‘', '′', '″', '´', 'ʹ', 'ˈ', '＇':
		return Apostrophe, true
	case '\u0301', '\u0300', // stress marks
		'\u00AD',                               // soft hyphen
		'\u200B', '\u200C', '\u200D', '\u2060', // zero width
		'\uFEFF':
		return 0, false
	}
	if unicode.IsControl(r) {
		return ' ', true
	}
	return unicode.ToLower(r), true
}

// CharFilter is the bleve char filter that applies Normalize.
type CharFilter struct{}

// Filter implements analysis.CharFilter.
func (CharFilter) Filter(input []byte) []byte { return []byte(Normalize(string(input))) }
