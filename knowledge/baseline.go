package knowledge

import (
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
)

// baselineMinScore is the baseline's no-answer rule: a first hit scoring
// less is no answer. A raw-score constant, as a plain bleve setup would have.
const baselineMinScore = 0.3

// Baseline is the knowledge base in a plain bleve index: one document per
// published article, the stock "standard" analyzer, a match query over all
// fields and a fixed minimum score for an answer. It is what Index is
// measured against.
type Baseline struct {
	locales map[string]bleve.Index
	titles  map[string]string
}

// NewBaseline indexes the published articles.
func NewBaseline(articles []Article) (*Baseline, error) {
	b := &Baseline{locales: map[string]bleve.Index{}, titles: map[string]string{}}
	for _, loc := range []string{LocaleUK, LocaleEN} {
		idx, err := newMemIndex(bleve.NewIndexMapping())
		if err != nil {
			return nil, fmt.Errorf("knowledge: baseline: %w", err)
		}
		b.locales[loc] = idx
	}
	for _, a := range articles {
		a = withDefaults(a)
		if !a.Published {
			continue
		}
		b.titles[a.ID] = a.Title
		doc := map[string]any{"title": a.Title, "questions": a.Questions, "body": a.Body, "tags": a.Tags, "category": a.Category}
		if err := b.locales[a.Locale].Index(a.ID, doc); err != nil {
			b.Close()
			return nil, fmt.Errorf("knowledge: baseline: %w", err)
		}
	}
	return b, nil
}

// Search implements Searcher.
func (b *Baseline) Search(q string, opts SearchOptions) (Result, error) {
	if opts.Limit <= 0 {
		opts.Limit = defaultLimit
	}
	locale := opts.Locale
	if locale != LocaleEN {
		locale = LocaleUK
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(clip(q)), opts.Limit, 0, false)
	sr, err := b.locales[locale].Search(req)
	if err != nil {
		return Result{}, fmt.Errorf("knowledge: baseline search: %w", err)
	}
	res := Result{Locale: locale, Hits: []Hit{}}
	for _, h := range sr.Hits {
		res.Hits = append(res.Hits, Hit{ID: h.ID, Title: b.titles[h.ID], Score: round(h.Score)})
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		if res.Hits[i].Score != res.Hits[j].Score {
			return res.Hits[i].Score > res.Hits[j].Score
		}
		return res.Hits[i].ID < res.Hits[j].ID
	})
	if len(res.Hits) > 0 && res.Hits[0].Score >= baselineMinScore {
		res.Verdict = Confident
	}
	return res, nil
}

// Close releases the indexes.
func (b *Baseline) Close() error {
	for _, idx := range b.locales {
		_ = idx.Close()
	}
	return nil
}
