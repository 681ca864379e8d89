package knowledge

import "math"

// tuning holds the constants of ranking and confidence. They are ratios and
// shares, not raw scores, so they keep their meaning as the knowledge base
// grows; the values were chosen on the demo knowledge base (eval_test.go).
type tuning struct {
	candidates    int     // bleve documents fetched per search
	rerank        bool    // score candidates by query units (rank.go), not by bleve
	k1            float64 // BM25 term frequency saturation
	bq, bb        float64 // BM25 length normalisation of questions, bodies
	bodyWeight    float64 // share of the body score added to the best question
	synonymWeight float64 // boost of a synonym-group term
	typoWeight    float64 // boost (and coverage credit) of a corrected typo
	minCoverage   float64 // below this coverage of the first hit: NoAnswer
	closeRatio    float64 // a hit scoring at least this share of the first is "close"
}

var defaultTuning = tuning{
	candidates:    100,
	rerank:        true,
	k1:            1.2,
	bq:            0.5,
	bb:            0.5,
	bodyWeight:    0.35,
	synonymWeight: 1.0,
	typoWeight:    0.7,
	minCoverage:   0.5,
	closeRatio:    0.85,
}

// verdict decides from the ranked hits and the coverage of the first one.
func (t tuning) verdict(hits []scoredArticle, coverage float64) Verdict {
	switch {
	case len(hits) == 0 || coverage < t.minCoverage:
		return NoAnswer
	case len(hits) > 1 && hits[1].score >= t.closeRatio*hits[0].score:
		return Ambiguous
	default:
		return Confident
	}
}

// coverage is the share of the query's units found in the first hit, each
// unit weighted by its inverse document frequency: rare words count, common
// ones (як, що, можна) barely. A word no article contains weighs most.
func (li *localeIndex) coverage(units []unit, hits []scoredArticle, t tuning) float64 {
	if len(hits) == 0 {
		return 0
	}
	terms := li.stats.docs[hits[0].id]
	n := float64(len(li.stats.docs))
	var total, found float64
	for _, u := range units {
		w := math.Log(1 + n/(1+float64(li.stats.df[u.term])))
		total += w
		found += w * unitCredit(u, terms)
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// unitCredit is the best credit among the unit's terms that the article has.
func unitCredit(u unit, terms articleTerms) float64 {
	best := 0.0
	for _, a := range u.alts {
		if a.credit > best && terms.has(a.term) {
			best = a.credit
		}
	}
	return best
}
