package cases

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// referenceTrim is what may stand around a reference in a sentence:
// punctuation, quotes, brackets, «№».
const referenceTrim = ".,;:!?«»\"'()[]№#“”„"

// ReferenceIn finds the reference of a CNAP case (a receipt's «ЦН-2026-01234»)
// in what a resident typed and returns it normalised (NormalizeReference).
// A reference holds at least one digit. A reference typed with spaces
// («ЦН 2026 01234») is joined when the message is only its parts: an
// optional prefix of up to three letters, then words with digits. In a
// sentence, the one word that looks like a reference is taken («моя справа
// ЦН-2026-01234, дякую»). ok is false for anything else: no word like a
// reference, or more than one.
func ReferenceIn(text string) (ref string, ok bool) {
	var words []string
	for _, w := range strings.Fields(text) {
		if w = strings.Trim(w, referenceTrim); w != "" {
			words = append(words, w)
		}
	}
	if len(words) > 1 && spacedReference(words) {
		if r, ok := referenceLike(strings.Join(words, "")); ok {
			return r, true
		}
	}
	var found []string
	for _, w := range words {
		if r, ok := referenceLike(w); ok {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

// referenceLike normalises w and reports whether it looks like a
// reference: valid for NormalizeReference and holding a digit.
func referenceLike(w string) (string, bool) {
	r, err := NormalizeReference(w)
	if err != nil || !strings.ContainsFunc(r, unicode.IsDigit) {
		return "", false
	}
	return r, true
}

// spacedReference reports whether words are the parts of one reference:
// a first word of up to three letters or with digits, the others with
// digits.
func spacedReference(words []string) bool {
	for i, w := range words {
		digits := strings.ContainsFunc(w, unicode.IsDigit)
		short := utf8.RuneCountInString(w) <= 3 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if !digits && (i > 0 || !short) {
			return false
		}
	}
	return true
}
