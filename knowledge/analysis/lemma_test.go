package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/vikno-city/vikno/internal/testenv"
)

// fakeLexicon is a Lexicon of a few words.
type fakeLexicon map[string][]string

func (l fakeLexicon) Stems(word string) []string { return l[word] }

var smallLexicon = fakeLexicon{
	"шкіл":     {"школа"},
	"школах":   {"школа"},
	"школа":    {"школа"},
	"черзі":    {"черга"},
	"маю":      {"мати", "маяти"}, // two readings
	"справку":  {"справка"},       // a Russian word the dictionary maps
	"сьогодні": {"сьогодні"},
}

func analyzerWith(t *testing.T, lex Lexicon) *Analyzer {
	t.Helper()
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if lex != nil {
		a = a.WithLexicon(lex)
	}
	return a
}

// lemmaTerms returns the lemma keys a text yields, each with the word it
// spans.
func lemmaTerms(a *Analyzer, text string) []string {
	norm := Normalize(text)
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		if t.Type == SynonymType && len(t.Term) > 0 && string(t.Term[:1]) == LemmaPrefix {
			out = append(out, norm[t.Start:t.End]+" "+string(t.Term))
		}
	}
	return out
}

func TestAWordTheLexiconKnowsGetsTheLemmaKeyOfItsDictionaryWord(t *testing.T) {
	a := analyzerWith(t, smallLexicon)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Оренда залів шкіл", []string{"шкіл =школ"}}, // a form the stemmer keeps apart
		{"Школа", []string{"школа =школ"}},            // the dictionary word itself
		{"у черзі", []string{"черзі =черг"}},
		{"маю питання", nil},      // two readings: none
		{"справку", nil},          // mapped by the dictionary to довідка: none
		{"сьогодні 5 разів", nil}, // a weak word and a number: none
		{"невідоме слово", nil},
	} {
		if got := lemmaTerms(a, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: lemma keys %q, want %q", c.text, got, c.want)
		}
	}
}

func TestALemmaKeySpansItsWordAtItsPosition(t *testing.T) {
	ts := analyzerWith(t, smallLexicon).Analyze([]byte("оренда шкіл"))
	if len(ts) != 3 {
		t.Fatalf("tokens %v, want оренд, шкіл and its key", ts)
	}
	word, key := ts[1], ts[2]
	if string(key.Term) != "=школ" || key.Start != word.Start || key.End != word.End || key.Position != word.Position {
		t.Errorf("key %+v of word %+v", key, word)
	}
}

// Without a lexicon the analysis is exactly what it was before lexicons.
func TestWithoutALexiconTheAnalysisIsUnchanged(t *testing.T) {
	plain := analyzerWith(t, nil)
	none := plain.WithLexicon(nil)
	empty := plain.WithLexicon(fakeLexicon{})
	for _, text := range []string{"Оренда спортивних залів шкіл у черзі", "справку для школи на 2025 рік", "zakordonnyi pasport"} {
		want := fmt.Sprint(tokenStrings(plain.Expand(plain.Words(text))))
		for name, a := range map[string]*Analyzer{"plain": plain, "nil lexicon": none, "empty lexicon": empty} {
			if got := fmt.Sprint(tokenStrings(a.Analyze([]byte(text)))); got != want {
				t.Errorf("%s, %q: %s, want %s", name, text, got, want)
			}
		}
	}
}

func tokenStrings(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprintf("%s@%d:%d-%d/%d", t.Term, t.Position, t.Start, t.End, t.Type)
	}
	return out
}

func TestAddToFailsWhenTheMorphologyCannotBeLoaded(t *testing.T) {
	m := bleve.NewIndexMapping()
	if err := AddTo(m, "uk", nil, t.TempDir()); err == nil {
		t.Fatal("AddTo with a folder without uk_UA.aff succeeded")
	}
}

// With the Ukrainian dictionary of the machine (hunspell-uk), forms of one
// word share its lemma key, and words it does not know get none.
func TestWithTheUkrainianDictionaryFormsOfAWordShareItsKey(t *testing.T) {
	a := analyzerWith(t, testenv.UkrainianDictionary(t))
	key := func(word string) string {
		keys := lemmaTerms(a, word)
		if len(keys) != 1 {
			return ""
		}
		return strings.Fields(keys[0])[1]
	}
	for _, forms := range [][]string{
		{"школа", "шкіл", "школах"},
		{"черга", "черзі"},
		{"довідка", "довідок", "довідки"},
		{"паспорт", "паспорта"},
		{"вода", "воду"},
		{"отримати", "отримає", "отримання"}, // verb and verbal noun meet at the stem отрим
	} {
		want := key(forms[0])
		for _, f := range forms {
			if got := key(f); got == "" || got != want {
				t.Errorf("%s: key %q, want %q (the key of %s)", f, got, want, forms[0])
			}
		}
	}
	for _, w := range []string{"справка", "получение", "щас"} {
		if got := lemmaTerms(a, w); got != nil {
			t.Errorf("%s: keys %q, want none (not a Ukrainian word)", w, got)
		}
	}
}
