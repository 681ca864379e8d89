package knowledge

import (
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
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
// then most frequent (df), then first in order; "" if there is none.
func (v *vocabReader) closest(term string, fuzziness int, df map[string]int) (string, error) {
	best, bestDist := "", fuzziness+1
	if v.f == nil {
		return "", nil
	}
	for _, field := range []string{fieldQuestion, fieldBody} {
		d, err := v.f.FieldDictFuzzy(field, term, fuzziness, "")
		if err != nil {
			return "", fmt.Errorf("knowledge: vocabulary: %w", err)
		}
		for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
			dist := int(e.EditDistance)
			if e.Term == term || df[e.Term] == 0 {
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
