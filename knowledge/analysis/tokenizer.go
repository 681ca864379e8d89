package analysis

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// MaxTokenRunes is the longest token the tokenizer emits; longer runs of
// letters are cut (nobody asks about a 65-letter word, and it keeps the
// stemmer and fuzzy matching cheap on junk input).
const MaxTokenRunes = 64

// Tokenizer splits normalised text into words: maximal runs of letters and
// marks, or of digits (a number glued to a word is a number and a word:
// 086у, 2025р, covid19). An apostrophe between two letters belongs to the word and is
// dropped from it (м'ясо → мясо), so spellings with and without it meet.
type Tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	i := 0
	for i < len(input) {
		r, size := utf8.DecodeRune(input[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		tok, end := scanWord(input, i)
		tok.Position = len(out) + 1
		out = append(out, tok)
		i = end
	}
	return out
}

// scanWord reads the word that starts at byte start and returns it with the
// byte offset just past it.
func scanWord(input []byte, start int) (*analysis.Token, int) {
	term := make([]byte, 0, 16)
	r0, _ := utf8.DecodeRune(input[start:])
	digits, runes := unicode.IsDigit(r0), 0
	i := start
	for i < len(input) {
		r, size := utf8.DecodeRune(input[i:])
		if r == Apostrophe && i > start && apostropheInside(input, i+size) {
			i += size
			continue
		}
		if !isWordRune(r) || i > start && unicode.IsDigit(r) != digits {
			break
		}
		if runes < MaxTokenRunes {
			term = utf8.AppendRune(term, r)
			runes++
		}
		i += size
	}
	typ := analysis.AlphaNumeric
	if digits {
		typ = analysis.Numeric
	}
	return &analysis.Token{Start: start, End: i, Term: term, Type: typ}, i
}

// apostropheInside reports whether a letter follows an apostrophe that ends at
// byte i.
func apostropheInside(input []byte, i int) bool {
	if i >= len(input) {
		return false
	}
	r, _ := utf8.DecodeRune(input[i:])
	return unicode.IsLetter(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
