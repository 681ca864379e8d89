package dialog

import (
	"slices"
	"strings"
)

// familyName reads a name typed with whom it is for: «Записую онука,
// Іваненко Тарас», «Іваненко Тарас — мій онук», "my grandson Taras
// Ivanenko". When the message names a relative (words.family), it returns
// the message without the words around the name (words.family and
// words.family_lead at its beginning and end) and true. A writer who
// introduces herself first («Бабуся Ганна, записую внука») is not the
// person booked: what comes before the second relative word is dropped, and
// the name is empty when the message gives none after it.
func (c *Conv) familyName(text string) (string, bool) {
	words := strings.Fields(strings.NewReplacer(",", " ", ":", " ", ";", " ", "—", " ", "–", " ").Replace(text))
	kin := func(w string) bool {
		return c.engine.wordParts[strings.TrimPrefix("words.family", wordsGroup)][labelKey(w)]
	}
	if !slices.ContainsFunc(words, kin) {
		return text, false
	}
	around := func(w string) bool {
		return kin(w) || c.engine.wordParts[strings.TrimPrefix("words.family_lead", wordsGroup)][labelKey(w)] || labelKey(w) == ""
	}
	words = words[bookedRelative(words, kin, around):]
	for len(words) > 0 && around(words[0]) {
		words = words[1:]
	}
	for len(words) > 0 && around(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) > maxPersonNameWords {
		// «ой, це не для мене, запишіть онука Іваненко Тараса»: the name
		// follows the last relative word
		after := words[lastIndexFunc(words, kin)+1:]
		for len(after) > 0 && around(after[0]) {
			after = after[1:]
		}
		if len(after) > 0 && len(after) <= maxPersonNameWords {
			words = after
		}
	}
	return strings.Join(words, " "), true
}

// lastIndexFunc returns the index of the last element of s that f holds
// for, or -1.
func lastIndexFunc(s []string, f func(string) bool) int {
	for i := len(s) - 1; i >= 0; i-- {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// bookedRelative returns where the relative booked begins in words: at the
// second relative word when a name stands between it and the first (the
// writer's own: «бабуся Ганна, записую внука»), else at 0.
func bookedRelative(words []string, kin, around func(string) bool) int {
	first := slices.IndexFunc(words, kin)
	named := false
	for i := first + 1; i < len(words); i++ {
		switch {
		case kin(words[i]) && named:
			return i
		case !around(words[i]):
			named = true
		}
	}
	return 0
}

// maxIntroWords is how many words an introduction before a name has at
// most: «мене звати», «my name is».
const maxIntroWords = 3

// nameIntroduced returns the name of a polite introduction at the name
// step: the words after the last phrase of words.name_intro («Добрий день,
// мене звати Ганна Коваль», «моє ім’я …», "my name is …"), without the
// words.please ones after it («…, дякую»). Text without one is returned as
// it is.
func (c *Conv) nameIntroduced(text string) string {
	words := strings.Fields(text)
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, ",.;:!?")) }
	for end := len(words) - 1; end >= 0; end-- {
		for n := 1; n <= min(maxIntroWords, end+1); n++ {
			phrase := make([]string, n)
			for i := range phrase {
				phrase[i] = clean(words[end-n+1+i])
			}
			if !c.isWord("name_intro", strings.Join(phrase, " ")) {
				continue
			}
			rest := words[end+1:]
			for len(rest) > 0 && c.isWord("please", clean(rest[len(rest)-1])) {
				rest = rest[:len(rest)-1]
			}
			return strings.TrimRight(strings.Join(rest, " "), ",.;:!")
		}
	}
	return text
}
