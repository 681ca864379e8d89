package knowledge

import (
	"fmt"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// minCorrectionDF is how many articles must hold a term before a short word
// is corrected to it: a misspelling is more likely of a common word than of a
// rare one, and correcting a short word to a word one article happens to use
// does more harm than good (покіс → покус). Words of longLetters or more may
// be corrected to any term: two long words rarely lie an edit apart.
const (
	minCorrectionDF = 2
	longLetters     = 8
)

// vocabReader looks up terms of a locale index near a misspelt one, with
// bleve's Levenshtein automata (edits counted in runes, a transposition is one
// edit).
type vocabReader struct {
	r index.IndexReader
	f index.IndexReaderFuzzy // nil if the index cannot do it: no corrections
}

func (li *localeIndex) openVocab() (*vocabReader, error) {
	adv, err := li.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("knowledge: vocabulary: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("knowledge: vocabulary: %w", err)
	}
	f, _ := r.(index.IndexReaderFuzzy)
	return &vocabReader{r: r, f: f}, nil
}

func (v *vocabReader) close() {
	if v != nil {
		_ = v.r.Close()
	}
}

// closest returns the term within fuzziness edits of term that is nearest,
// then most frequent (df), then first in order; "" if there is none. The first
// letter must match: people rarely mistype it, and a different first letter
// mostly turns one real word into another (ранку → банку).
// With insertOnly only a term that is term with one letter more is taken.
func (v *vocabReader) closest(term string, fuzziness, letters int, insertOnly bool, df map[string]int) (string, error) {
	minDF := minCorrectionDF
	if letters >= longLetters {
		minDF = 1
	}
	best, bestDist := "", fuzziness+1
	if v.f == nil {
		return "", nil
	}
	for _, field := range []string{fieldQuestion, fieldBody} {
		d, err := v.f.FieldDictFuzzy(field, term, fuzziness, firstRune(term))
		if err != nil {
			return "", fmt.Errorf("knowledge: vocabulary: %w", err)
		}
		for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
			dist := int(e.EditDistance)
			if e.Term == term || df[e.Term] < minDF || insertOnly && !oneInserted(term, e.Term) {
				continue
			}
			if dist < bestDist || dist == bestDist && (df[e.Term] > df[best] || df[e.Term] == df[best] && e.Term < best) {
				best, bestDist = e.Term, dist
			}
		}
		if err := d.Close(); err != nil {
			return "", fmt.Errorf("knowledge: vocabulary: %w", err)
		}
	}
	return best, nil
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// oneInserted reports whether long is short with one letter inserted.
func oneInserted(short, long string) bool {
	s, l := []rune(short), []rune(long)
	if len(l) != len(s)+1 {
		return false
	}
	i := 0
	for i < len(s) && s[i] == l[i] {
		i++
	}
	return string(s[i:]) == string(l[i+1:])
}
