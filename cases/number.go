package cases

import (
	"fmt"
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
