package hunspell

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// condition is the condition of an affix rule: one character class per
// letter, matched against the end of the word a suffix is added to (or the
// start of the word a prefix is added to).
type condition []charClass

// charClass is one letter of a condition: any letter ("."), one of a set
// ("[аеє]", "а") or none of a set ("[^аеє]").
type charClass struct {
	any bool
	neg bool
	set string
}

// parseCondition reads a condition as written; "." alone is no condition.
func parseCondition(s string) (condition, error) {
	if s == "." || s == "" {
		return nil, nil
	}
	var c condition
	for len(s) > 0 {
		cl, rest, err := parseClass(s)
		if err != nil {
			return nil, err
		}
		c, s = append(c, cl), rest
	}
	return c, nil
}

// parseClass reads the first character class of s.
func parseClass(s string) (charClass, string, error) {
	switch s[0] {
	case '.':
		return charClass{any: true}, s[1:], nil
	case '[':
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return charClass{}, "", fmt.Errorf("%w: unclosed [ in condition %q", ErrFormat, s)
		}
		set, neg := s[1:end], false
		if strings.HasPrefix(set, "^") {
			set, neg = set[1:], true
		}
		return charClass{neg: neg, set: strings.ToLower(set)}, s[end+1:], nil
	}
	r, size := utf8.DecodeRuneInString(s)
	return charClass{set: strings.ToLower(string(r))}, s[size:], nil
}

func (cl charClass) matches(r rune) bool {
	return cl.any || strings.ContainsRune(cl.set, r) != cl.neg
}

// matchEnd reports whether the last letters of word match c.
func (c condition) matchEnd(word string) bool {
	for i := len(c) - 1; i >= 0; i-- {
		r, size := utf8.DecodeLastRuneInString(word)
		if size == 0 || !c[i].matches(r) {
			return false
		}
		word = word[:len(word)-size]
	}
	return true
}

// matchStart reports whether the first letters of word match c.
func (c condition) matchStart(word string) bool {
	for _, cl := range c {
		r, size := utf8.DecodeRuneInString(word)
		if size == 0 || !cl.matches(r) {
			return false
		}
		word = word[size:]
	}
	return true
}
