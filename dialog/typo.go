package dialog

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A control word typed with one slip of the finger («скасуватии», «назат»,
// «менюю») still works: only the few words of words.typo_menu,
// words.typo_back and words.typo_cancel are read so, and only when the
// whole message is one word, so that an ordinary word («мені», «Назар» at
// the name step) never turns into a command.

// typoLists are the lists of control words read with a slip.
var typoLists = []string{"typo_menu", "typo_back", "typo_cancel"}

// minTypoAnyEdit is how long a control word must be for any single edit
// (a letter added, dropped, changed or two swapped) to be read as a slip;
// a shorter one is read with a doubled letter or a letter that sounds
// alike (words.typo_alike) only.
const minTypoAnyEdit = 8

// typoWord returns the control word a one-word message is with a slip
// («скасувати» for «скасуватии»), or "".
func (c *Conv) typoWord(text string) string {
	word := labelKey(text)
	if word == "" || strings.Contains(word, " ") {
		return ""
	}
	for _, list := range typoLists {
		for _, w := range c.engine.wordKeys[list] {
			if word != w && c.slipOf(word, w) {
				return w
			}
		}
	}
	return ""
}

// slipOf reports whether typed is word with one slip: a letter doubled or
// dropped from a double, a letter swapped for one that sounds alike, or,
// for a long word, any single edit.
func (c *Conv) slipOf(typed, word string) bool {
	if collapseRepeats(typed) == collapseRepeats(word) {
		return true
	}
	a, b := []rune(typed), []rune(word)
	if len(a) == len(b) {
		if diff := differingAt(a, b); len(diff) == 1 && c.soundsAlike(a[diff[0]], b[diff[0]]) {
			return true
		}
	}
	return utf8.RuneCountInString(word) >= minTypoAnyEdit && oneEdit(a, b)
}

// collapseRepeats writes s with every run of one letter as one letter.
func collapseRepeats(s string) string {
	var b strings.Builder
	var last rune = -1
	for _, r := range s {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// differingAt returns the positions where a and b (of one length) differ.
func differingAt(a, b []rune) []int {
	var out []int
	for i := range a {
		if a[i] != b[i] {
			out = append(out, i)
		}
	}
	return out
}

// soundsAlike reports whether x and y are a pair of words.typo_alike.
func (c *Conv) soundsAlike(x, y rune) bool {
	for pair := range c.engine.words["typo_alike"] {
		rs := []rune(pair)
		if len(rs) == 2 && (rs[0] == x && rs[1] == y || rs[0] == y && rs[1] == x) {
			return true
		}
	}
	return false
}

// oneEdit reports whether a becomes b by one letter added, dropped or
// changed, or two neighbours swapped.
func oneEdit(a, b []rune) bool {
	switch len(a) - len(b) {
	case 0:
		diff := differingAt(a, b)
		return len(diff) == 1 ||
			len(diff) == 2 && diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
	case 1:
		return dropsTo(a, b)
	case -1:
		return dropsTo(b, a)
	}
	return false
}

// dropsTo reports whether long without one of its letters is short.
func dropsTo(long, short []rune) bool {
	for i := range long {
		if slices.Equal(long[:i], short[:i]) && slices.Equal(long[i+1:], short[i:]) {
			return true
		}
	}
	return false
}
