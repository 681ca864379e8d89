package cases

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// FormatAppealNumber returns the readable number of the seq-th appeal of year:
// "2026-000123".
func FormatAppealNumber(year int, seq int64) string {
	return fmt.Sprintf("%04d-%06d", year, seq)
}

// ParseAppealNumber reads an appeal number the way people type it — "2026-000123",
// "2026-123", "№ 2026/123", "2026 000123" — and returns it in the form
// FormatAppealNumber gives. ok is false for anything else.
func ParseAppealNumber(s string) (number string, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "№")
	s = strings.TrimPrefix(s, "#")
	s = strings.TrimSpace(s)
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

// FindAppealNumber finds the one appeal number in a message («перевірте
// №2026-000123, пін 4821») and returns it in the form FormatAppealNumber
// gives, with the rest of the message. ok is false when the message holds
// no appeal number or more than one.
func FindAppealNumber(text string) (number, rest string, ok bool) {
	found := appealNumberInText.FindAllStringSubmatchIndex(text, 2)
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

// FindPIN returns the one word of text that is a valid PIN (digits only);
// ok is false when there is none or more than one.
func FindPIN(text string) (pin string, ok bool) {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r < '0' || r > '9' }) {
		if ValidPIN(w) {
			if ok {
				return "", false
			}
			pin, ok = w, true
		}
	}
	return pin, ok
}
