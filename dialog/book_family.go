package dialog

import (
	"slices"
	"strings"
)

// familyName reads a name typed with whom it is for: «Записую онука,
// Іваненко Тарас», «Іваненко Тарас — мій онук», "my grandson Taras
// Ivanenko". When the message names a relative (words.family), it returns
// the message without the words around the name (words.family and
// words.family_lead at its beginning and end) and true.
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
	for len(words) > 0 && around(words[0]) {
		words = words[1:]
	}
	for len(words) > 0 && around(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " "), true
}
