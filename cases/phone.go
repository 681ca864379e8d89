package cases

import "strings"

// Phone reads a phone number in the usual written forms and returns it in
// international form, +<country code><number>. It is the one phone reader of
// bookings, appeals and call-backs.
//
// A Ukrainian number may come without a country code ("067 123-45-67"), with
// 80 or 380 ("+38 (067) 123 45 67"); it becomes +380XXXXXXXXX. A foreign
// number comes with its country code after "+" or "00" ("+48 601 234 567",
// "0049 151 2345 6789") or, as messengers share contacts, as bare digits
// ("48601234567"); it keeps its 10 to 15 digits. Spaces, dashes, dots and
// parentheses are allowed between digits.
func Phone(s string) (string, bool) {
	d, plus, ok := phoneDigits(s)
	if !ok {
		return "", false
	}
	if !plus && strings.HasPrefix(d, "00") {
		d, plus = d[2:], true
	}
	if national, ok := ukrainianNational(d, plus); ok {
		return "+380" + national, true
	}
	if strings.HasPrefix(d, "380") || strings.HasPrefix(d, "0") {
		return "", false // a Ukrainian number of the wrong length, or no country code
	}
	min := 10 // the shortest in Europe: +354, +372 and seven digits
	if !plus {
		min = 11 // bare digits: long enough not to be a local number
	}
	if len(d) < min || len(d) > 15 {
		return "", false
	}
	return "+" + d, true
}

// phoneDigits returns the digits of s and whether it began with "+"; ok is
// false when s holds anything but digits and separators.
func phoneDigits(s string) (digits string, plus, ok bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == ' ', r == '-', r == '(', r == ')', r == '.':
		default:
			return "", false, false
		}
	}
	return b.String(), plus, b.Len() > 0
}

// ukrainianNational returns the nine digits after +380 of a Ukrainian
// number: 380XXXXXXXXX with or without "+", 80XXXXXXXXX and 0XXXXXXXXX
// without it.
func ukrainianNational(d string, plus bool) (string, bool) {
	var n string
	switch {
	case len(d) == 12 && strings.HasPrefix(d, "380"):
		n = d[3:]
	case plus:
		return "", false
	case len(d) == 11 && strings.HasPrefix(d, "80"):
		n = d[2:]
	case len(d) == 10 && strings.HasPrefix(d, "0"):
		n = d[1:]
	default:
		return "", false
	}
	return n, n[0] != '0'
}
