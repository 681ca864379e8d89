package dialog

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// informative reports whether text tells something an executor can use as an
// address or a description. The phrases of words.dont_know («не знаю», «хз»,
// «idk») and the words of words.filler («так», «тут», «адресу») are taken
// out; what is left must hold a word — three letters or more with a vowel
// (words.vowels), not one or two letters repeated and not a run along a
// keyboard row (words.keyboard_rows) — or an abbreviation in capitals
// («ЖЕК», «ГВП»).
func (c *Conv) informative(text string) bool {
	m := c.mashReader()
	for _, tok := range strings.FieldsFunc(text, notLetter) {
		if m.abbreviation(tok) && !c.hasWord("dont_know", tok) && !c.hasWord("filler", tok) {
			return true
		}
	}
	for _, tok := range strings.FieldsFunc(c.withoutFiller(text), notLetter) {
		if m.word(tok) {
			return true
		}
	}
	return false
}

// withoutFiller returns text lowercased, without its punctuation, the
// phrases of words.dont_know and the words of words.filler.
func (c *Conv) withoutFiller(text string) string {
	rest := " " + labelKey(text) + " "
	for changed := true; changed; { // taking a word out may join a phrase: «що тут писати»
		changed = false
		for _, name := range []string{"dont_know", "filler"} {
			for _, w := range c.engine.wordKeys[name] {
				if k := " " + w + " "; strings.Contains(rest, k) {
					rest, changed = strings.ReplaceAll(rest, k, " "), true
				}
			}
		}
	}
	return strings.TrimSpace(rest)
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// mashReader tells words from keyboard mash with the catalogue's letters.
type mashReader struct {
	vowels string
	rows   [][]rune
}

func (c *Conv) mashReader() mashReader {
	var m mashReader
	for v := range c.engine.words["vowels"] {
		m.vowels += v
	}
	for row := range c.engine.words["keyboard_rows"] {
		m.rows = append(m.rows, []rune(row))
	}
	return m
}

// abbreviation reports whether tok is two to five capital letters that are
// not a keyboard run: «ЖЕК», «ЦНАП», «ГВП».
func (m mashReader) abbreviation(tok string) bool {
	n := utf8.RuneCountInString(tok)
	return n >= 2 && n <= 5 && strings.ToUpper(tok) == tok && !m.run(strings.ToLower(tok))
}

// word reports whether a lowercase run of letters looks like a word.
func (m mashReader) word(tok string) bool {
	letters := []rune(tok)
	if len(letters) < 3 || !strings.ContainsAny(tok, m.vowels) {
		return false
	}
	distinct := map[rune]bool{}
	for _, r := range letters {
		distinct[r] = true
	}
	return len(distinct) > 2 && !m.run(tok)
}

// run reports whether tok has three letters or more, all on one keyboard
// row, each next to (or the same as) the letter before it.
func (m mashReader) run(tok string) bool {
	letters := []rune(tok)
	if len(letters) < 3 {
		return false
	}
	for _, row := range m.rows {
		if alongRow(letters, row) {
			return true
		}
	}
	return false
}

func alongRow(letters, row []rune) bool {
	prev := -1
	for i, r := range letters {
		at := slices.Index(row, r)
		if at < 0 || (i > 0 && (at-prev > 1 || prev-at > 1)) {
			return false
		}
		prev = at
	}
	return true
}
