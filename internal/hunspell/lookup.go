package hunspell

import (
	"strings"
	"unicode/utf8"
)

// stems is the uncached Stems of a clean word.
func (d *Dictionary) stems(word string) []string {
	var out []string
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	if fl, ok := d.words[word]; ok && !d.has(fl, d.needAffix) && !d.has(fl, d.forbidden) {
		add(word)
	}
	d.eachSuffixBase(word, 0, add)
	d.eachPrefixBase(word, add)
	return out
}

// has reports whether flags hold flag; the zero flag is held by none.
func (d *Dictionary) has(flags string, flag rune) bool {
	return flag != 0 && strings.ContainsRune(flags, flag)
}

// eachSuffixBase calls found with every dictionary word that word is a form
// of by one suffix. A non-zero prefix is the flag of a prefix already
// stripped: then only suffixes that combine with prefixes count, and the
// dictionary word must carry both flags.
func (d *Dictionary) eachSuffixBase(word string, prefix rune, found func(string)) {
	for i := len(word); i > 0; {
		for _, a := range d.suffixes[word[i:]] {
			if prefix != 0 && !a.cross {
				continue
			}
			base := word[:i] + a.strip
			if a.cond.matchEnd(base) && d.formOf(base, a.flag, prefix) {
				found(base)
			}
		}
		_, size := utf8.DecodeLastRuneInString(word[:i])
		i -= size
	}
}

// eachPrefixBase calls found with every dictionary word that word is a form
// of by one prefix, alone or with a suffix.
func (d *Dictionary) eachPrefixBase(word string, found func(string)) {
	for i := 1; i < len(word); i++ {
		if !utf8.RuneStart(word[i]) {
			continue
		}
		for _, a := range d.prefixes[word[:i]] {
			base := a.strip + word[i:]
			if !a.cond.matchStart(base) {
				continue
			}
			if d.formOf(base, a.flag, 0) {
				found(base)
			}
			if a.cross {
				d.eachSuffixBase(base, a.flag, found)
			}
		}
	}
}

// formOf reports whether base is a dictionary word that takes the affix with
// flag (and the prefix with flag prefix, when not zero).
func (d *Dictionary) formOf(base string, flag, prefix rune) bool {
	fl, ok := d.words[base]
	if !ok || !d.has(fl, flag) || d.has(fl, d.forbidden) {
		return false
	}
	return prefix == 0 || d.has(fl, prefix)
}
