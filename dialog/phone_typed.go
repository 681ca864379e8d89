package dialog

import (
	"strings"
	"unicode"

	"github.com/vikno-city/vikno/cases"
)

// typedPhone reads a phone number typed alone or in a few words around it
// («мій номер 067 123 45 67», "it's +48 601 234 567"): the one run of
// digits and separators in text that is a phone number.
func typedPhone(text string) (string, bool) {
	if p, ok := cases.Phone(text); ok {
		return p, true
	}
	var found []string
	run := func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("+ -()", r) }
	for i, rs := 0, []rune(text); i < len(rs); {
		if !unicode.IsDigit(rs[i]) && rs[i] != '+' {
			i++
			continue
		}
		j := i
		for j < len(rs) && run(rs[j]) {
			j++
		}
		if p, ok := cases.Phone(strings.TrimSpace(string(rs[i:j]))); ok {
			found = append(found, p)
		} else if strings.IndexFunc(string(rs[i:j]), unicode.IsDigit) >= 0 && len(strings.TrimSpace(string(rs[i:j]))) > 2 {
			return "", false // another number beside it: which one is meant?
		}
		i = j
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}
