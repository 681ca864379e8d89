package dialog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A relative's name typed in the case the sentence puts it in («запишіть
// онука Тараса Іваненка») is booked in the nominative («Тарас Іваненко»)
// when its endings say the case for sure (words.name_him_sure,
// words.name_him, words.name_her after a relative of words.family_him,
// words.family_him_maybe or words.family_her). A name with an ending that
// may be read two ways (words.name_him_unsure: «Петра») is kept as typed,
// all of it.

// minNameStem is how many letters a name keeps at least when an ending is
// dropped: «Тараса» is Тарас, but «Лука» is no «Лук».
const minNameStem = 4

// nameRule is one ending of a name in the case after a relative and its
// ending in the nominative.
type nameRule struct{ from, to string }

// nameRules returns the «ending>nominative» rules of words.<list>.
func (c *Conv) nameRules(list string) []nameRule {
	var out []nameRule
	for w := range c.engine.words[list] {
		from, to, _ := strings.Cut(w, ">")
		if from = strings.TrimSpace(from); from != "" {
			out = append(out, nameRule{from, strings.TrimSpace(to)})
		}
	}
	return out
}

// nominativeName returns name in the nominative when text books a relative
// named in the accusative and every ending is sure; else name as typed.
func (c *Conv) nominativeName(text, name string) string {
	him, maybe, her := false, false, false
	for _, w := range strings.Fields(labelKey(text)) {
		him = him || c.inWords("family_him", w)
		maybe = maybe || c.inWords("family_him_maybe", w)
		her = her || c.inWords("family_her", w)
	}
	switch {
	case her && !him:
		if out, ok := c.herNominative(name); ok {
			return out
		}
	case him || maybe:
		if out, ok := c.himNominative(name, him); ok {
			return out
		}
	}
	return name
}

// herNominative changes the endings of words.name_her.
func (c *Conv) herNominative(name string) (string, bool) {
	words := strings.Fields(name)
	changed := false
	for i, w := range words {
		if r, ok := endingOf(w, c.nameRules("name_her")); ok {
			words[i] = replaceEnding(w, r)
			changed = true
		}
	}
	return strings.Join(words, " "), changed
}

// himNominative changes the endings of words.name_him_sure, and those of
// words.name_him when the relative is sure or a sure ending is in the name;
// a word with an ending of words.name_him_unsure keeps the name as typed.
func (c *Conv) himNominative(name string, sureRelative bool) (string, bool) {
	sure, plain, unsure := c.nameRules("name_him_sure"), c.nameRules("name_him"), c.nameRules("name_him_unsure")
	words := strings.Fields(name)
	marked, changed := false, false
	for i, w := range words {
		if r, ok := endingOf(w, sure); ok {
			words[i], marked, changed = replaceEnding(w, r), true, true
			continue
		}
		r, ok := endingOf(w, append(append([]nameRule{}, unsure...), plain...))
		switch {
		case !ok:
			continue
		case r.to == "" && r.from != "" && !c.stemKept(w, r):
			return name, false // «Лука»
		case isUnsure(r, unsure):
			return name, false
		}
		words[i], changed = replaceEnding(w, r), true
	}
	if !changed || !marked && !sureRelative {
		return name, false
	}
	return strings.Join(words, " "), true
}

// endingOf returns the rule of the longest ending of rules that w (in
// lower case) has. A word in capitals is not changed.
func endingOf(w string, rules []nameRule) (nameRule, bool) {
	if w == strings.ToUpper(w) {
		return nameRule{}, false
	}
	low := strings.ToLower(w)
	best, found := nameRule{}, false
	for _, r := range rules {
		if strings.HasSuffix(low, r.from) && (!found || len(r.from) > len(best.from)) {
			best, found = r, true
		}
	}
	return best, found
}

func isUnsure(r nameRule, unsure []nameRule) bool {
	for _, u := range unsure {
		if u == r {
			return true
		}
	}
	return false
}

// stemKept reports whether w without the ending r drops keeps a name: at
// least minNameStem letters, ending in a consonant (words.vowels).
func (c *Conv) stemKept(w string, r nameRule) bool {
	stem := []rune(strings.TrimSuffix(strings.ToLower(w), r.from))
	if len(stem) < minNameStem {
		return false
	}
	last := stem[len(stem)-1]
	return unicode.IsLetter(last) && !c.engine.words["vowels"][string(last)]
}

// replaceEnding writes w with the ending of r in the nominative.
func replaceEnding(w string, r nameRule) string {
	rs := []rune(w)
	return string(rs[:len(rs)-utf8.RuneCountInString(r.from)]) + r.to
}
