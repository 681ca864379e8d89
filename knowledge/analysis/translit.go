package analysis

import (
	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/vikno-city/vikno/internal/translit"
)

// Transliterate turns a Latin-script word into Cyrillic (translit.Word):
// "zakordonnyi" → "закордонний", "пacпopт" → "паспорт".
func Transliterate(word string) string { return translit.Word(word) }

// TranslitFilter is the bleve token filter that applies Transliterate.
type TranslitFilter struct{}

// Filter implements analysis.TokenFilter.
func (TranslitFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.Type == analysis.Numeric || tok.Type == EnglishStopType {
			continue
		}
		tok.Term = []byte(Transliterate(string(tok.Term)))
	}
	return input
}
