package knowledge

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/internal/hunspell"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/knowledge/analysis"
)

// indexWithMorphology indexes articles ([3]string{id, title, body}) with the
// Hunspell dictionary of the machine, or without one when dir is "".
func indexWithMorphology(t *testing.T, dir string, docs ...[3]string) *Index {
	t.Helper()
	var articles []Article
	for _, d := range docs {
		articles = append(articles, Article{ID: d[0], Title: d[1], Body: d[2], Published: true})
	}
	ix, err := NewIndex(articles, Options{Morphology: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// With the dictionary a word meets the forms of its dictionary word that
// the stemmer keeps apart (шкіл is the genitive plural of школа), as another
// form of the word; without it the embedded default does not.
func TestWithMorphologyAWordMeetsTheFormsOfItsDictionaryWord(t *testing.T) {
	testenv.UkrainianDictionary(t)
	docs := [][3]string{
		{"halls", "Оренда спортивних залів шкіл", "Зали шкіл здають в оренду на вечір."},
		{"pool", "Басейн", "Басейн працює щодня."},
	}
	for _, c := range []struct {
		dir   string
		found bool
	}{{hunspell.SystemDir, true}, {"", false}} {
		ix := indexWithMorphology(t, c.dir, docs...)
		res, err := ix.Search("школа", SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		found := len(res.Hits) > 0 && res.Hits[0].ID == "halls"
		if found != c.found {
			t.Errorf("morphology %q: «школа» finds %+v (verdict %s), want the halls found: %v", c.dir, res.Hits, res.Verdict, c.found)
		}
		if !c.found {
			continue
		}
		_, units := evidenceFor(t, ix, "школа")
		key := alt{}
		for _, a := range units[0].alts {
			if strings.HasPrefix(a.term, analysis.LemmaPrefix) {
				key = a
			}
		}
		if key.term != "=школ" || key.weight != ix.tune.formWeight || key.credit != ix.tune.formWeight {
			t.Errorf("lemma key %+v, want =школ weighing %v as another form of a word", key, ix.tune.formWeight)
		}
	}
}
