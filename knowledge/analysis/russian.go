package analysis

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// russianLetters maps the letters Russian has and Ukrainian lacks to the
// Ukrainian letters a Ukrainian speaker would write in their place.
var russianLetters = strings.NewReplacer("ы", "и", "э", "е", "ё", "е", "ъ", "")

// Derussify replaces Russian-only letters in word: ы→и, э→е, ё→е, ъ dropped.
// Russian words are then mapped to Ukrainian ones by the dictionary.
func Derussify(word string) string { return russianLetters.Replace(word) }

// RussianFilter is the bleve token filter that applies Derussify. A word of
// hard signs alone (ъ) is dropped.
type RussianFilter struct{}

// Filter implements analysis.TokenFilter.
func (RussianFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if tok.Type != analysis.Numeric {
			tok.Term = []byte(Derussify(string(tok.Term)))
		}
		if len(tok.Term) > 0 {
			out = append(out, tok)
		}
	}
	return out
}
