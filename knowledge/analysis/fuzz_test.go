package analysis

import (
	"testing"
	"unicode/utf8"
)

func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{"", "Як отримати закордонний паспорт?", "zakordonnyi pasport", "сім'я ГВП", "\xff\xfe", "а\u0301\u00ad", "+-:*~^()\""} {
		f.Add(s)
	}
	a, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	// a lexicon that reads every word as a form of itself with a letter less,
	// so that every word gets a lemma key
	withLex := a.WithLexicon(chopLexicon{})
	f.Fuzz(func(t *testing.T, s string) {
		norm := Normalize(s)
		for _, tok := range append(a.Analyze([]byte(s)), withLex.Analyze([]byte(s))...) {
			if len(tok.Term) == 0 || !utf8.Valid(tok.Term) {
				t.Fatalf("bad term %q from %q", tok.Term, s)
			}
			if tok.Start < 0 || tok.End > len(norm) || tok.Start > tok.End {
				t.Fatalf("token %q span %d..%d outside %d bytes", tok.Term, tok.Start, tok.End, len(norm))
			}
		}
		if st := Stem(norm); !utf8.ValidString(st) {
			t.Fatalf("Stem(%q) = %q", norm, st)
		}
	})
}

// chopLexicon reads a word as a form of the word without its last letter.
type chopLexicon struct{}

func (chopLexicon) Stems(word string) []string {
	rs := []rune(word)
	if len(rs) < 2 {
		return nil
	}
	return []string{string(rs[:len(rs)-1])}
}
