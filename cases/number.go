package cases

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// FormatAppealNumber returns the readable number of the seq-th appeal of year:
// "2026-000123".
func FormatAppealNumber(year int, seq int64) string {
	return fmt.Sprintf("%04d-%06d", year, seq)
}

// ParseAppealNumber reads an appeal number the way people type it — "2026-000123",
// "2026-123", "№ 2026/123", "2026 000123", "2026000123" — and returns it in the
// form FormatAppealNumber gives. ok is false for anything else.
func ParseAppealNumber(s string) (number string, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "№")
	s = strings.TrimPrefix(s, "#")
	s = strings.TrimSpace(s)
	if compact := strings.ReplaceAll(s, " ", ""); len(compact) == compactNumberLen && digitsOnly(compact) {
		s = compact[:4] + "-" + compact[4:]
	}
	year, seq, found := strings.Cut(s, "-")
	if !found {
		if year, seq, found = strings.Cut(s, "/"); !found {
			year, seq, found = strings.Cut(s, " ")
		}
	}
	seq = strings.TrimSpace(seq)
	if !found || len(year) != 4 || len(seq) == 0 || len(seq) > 9 || !digitsOnly(year) || !digitsOnly(seq) {
		return "", false
	}
	y, _ := strconv.Atoi(year)
	n, _ := strconv.ParseInt(seq, 10, 64)
	if y < 2000 || n < 1 {
		return "", false
	}
	return FormatAppealNumber(y, n), true
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// appealNumberInText is an appeal number inside a sentence: a year and a
// sequence joined by «-» or «/», perhaps after «№», not part of a longer
// word, date or code.
var appealNumberInText = regexp.MustCompile(`(?:^|[^\p{L}\p{N}/-])((?:№|#)?\s*\d{4}\s*[-/]\s*\d{1,9})(?:$|[^\p{L}\p{N}/-])`)

// compactNumberLen is the length of an appeal number written without its
// dash: four digits of the year and six of the sequence ("2026000123").
const compactNumberLen = 10

// appealNumberCompactInText is an appeal number written without the dash
// inside a sentence: a year of this century and six digits, perhaps
// apart («2026000123», «2026 000123»), not part of a longer number.
var appealNumberCompactInText = regexp.MustCompile(`(?:^|[^\p{L}\p{N}/-])((?:№|#)?\s*20\d{2} ?\d{6})(?:$|[^\p{L}\p{N}/-])`)

// FindAppealNumber finds the one appeal number in a message («перевірте
// №2026-000123, пін 4821») and returns it in the form FormatAppealNumber
// gives, with the rest of the message. ok is false when the message holds
// no appeal number or more than one. Only numbers with their dash (or «/»)
// count: ten digits alone may as well be a tax number (FindAnyAppealNumber
// reads those too).
func FindAppealNumber(text string) (number, rest string, ok bool) {
	return findAppealNumber(text, appealNumberInText.FindAllStringSubmatchIndex(text, 2))
}

// FindAnyAppealNumber is FindAppealNumber that also reads a number written
// without its dash («номер звернення 2026000123, пін 4821»), for where an
// appeal number is what the resident was asked for.
func FindAnyAppealNumber(text string) (number, rest string, ok bool) {
	found := append(appealNumberInText.FindAllStringSubmatchIndex(text, 2),
		appealNumberCompactInText.FindAllStringSubmatchIndex(text, 2)...)
	return findAppealNumber(text, found)
}

// findAppealNumber reads the one match of found, the submatch indexes of
// the patterns above.
func findAppealNumber(text string, found [][]int) (number, rest string, ok bool) {
	if len(found) != 1 {
		return "", "", false
	}
	start, end := found[0][2], found[0][3]
	number, ok = ParseAppealNumber(strings.Join(strings.Fields(text[start:end]), ""))
	if !ok {
		return "", "", false
	}
	return number, text[:start] + " " + text[end:], true
}

// digitGroups are digits with single spaces or dashes between them: a
// PIN typed in groups («117 265», «11-72-65»), or numbers side by side.
var digitGroups = regexp.MustCompile(`\d+(?:[ -]\d+)*`)

// FindPIN returns the one valid PIN (digits only) in text, written whole or
// in groups of up to three digits («117 265», «117-265»); ok is false when
// there is none or more than one.
func FindPIN(text string) (pin string, ok bool) {
	for _, w := range pinCandidates(text) {
		if ValidPIN(w) {
			if ok {
				return "", false
			}
			pin, ok = w, true
		}
	}
	return pin, ok
}

// pinCandidates are the numbers of text: a run of groups of one to three
// digits joined into one («117 265» is 117265), other runs word by word
// («4821 2» is 4821 and 2).
func pinCandidates(text string) []string {
	var out []string
	for _, run := range digitGroups.FindAllString(text, -1) {
		parts := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		if len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return len(p) > 3 }) {
			out = append(out, strings.Join(parts, ""))
			continue
		}
		out = append(out, parts...)
	}
	return out
}
