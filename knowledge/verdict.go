package knowledge

import "math"

// tuning holds the constants of ranking and confidence. The confidence
// constants are ratios and shares of idf-weighted words, not raw scores, so
// they keep their meaning as the knowledge base grows. The values were chosen
// on the demo knowledge base (TestDemoEvalMeetsQualityBar): minConfidence is
// where "no answer" for out-of-scope questions and answers for the rest
// balance.
type tuning struct {
	candidates    int     // bleve documents fetched per search
	rerank        bool    // score candidates by query units (rank.go), not by bleve
	commonShare   float64 // terms in more than this share of articles...
	commonMin     int     // ...and in more than this many do not fetch candidates
	k1            float64 // BM25 term frequency saturation
	bq, bb        float64 // BM25 length normalisation of questions, bodies
	bodyWeight    float64 // share of the body score added to the best question
	synonymWeight float64 // boost of a synonym-group term
	typoWeight    float64 // boost (and coverage credit) of a corrected typo
	bodyCredit    float64 // coverage credit of a word found only in the body
	weakWeight    float64 // share of its idf a weak word weighs in coverage
	reverseExp    float64 // exponent of reverse coverage in confidence
	minConfidence float64 // below this confidence in the first hit: NoAnswer
	closeRatio    float64 // a hit scoring at least this share of the first is "close"
}

var defaultTuning = tuning{
	candidates:    100,
	rerank:        true,
	commonShare:   0.2,
	commonMin:     100,
	k1:            1.2,
	bq:            0.5,
	bb:            0.5,
	bodyWeight:    0.35,
	synonymWeight: 1.0,
	typoWeight:    0.7,
	bodyCredit:    0.85,
	weakWeight:    0.3,
	reverseExp:    0.3,
	minConfidence: 0.38,
	closeRatio:    0.85,
}

// verdict decides from the ranked hits and the confidence in the first one:
// NoAnswer below minConfidence, Ambiguous when the second hit scores within
// closeRatio of the first, Confident otherwise.
func (t tuning) verdict(hits []scoredArticle, confidence float64) Verdict {
	switch {
	case len(hits) == 0 || confidence < t.minConfidence:
		return NoAnswer
	case len(hits) > 1 && hits[1].score >= t.closeRatio*hits[0].score:
		return Ambiguous
	default:
		return Confident
	}
}

// confidence measures how well the first hit answers the query, 0..1: the
// coverage of the query by the article times a power of the coverage of the
// article's best-matching title or question by the query. Both are shares of
// idf-weighted words, so the measure means the same in a knowledge base of
// 50 articles or of 50,000.
func (li *localeIndex) confidence(units []unit, hits []scoredArticle, t tuning) (float64, float64) {
	if len(hits) == 0 || !li.hasTopic(units) {
		return 0, 0
	}
	terms := li.stats.docs[hits[0].id]
	cov := li.coverage(units, terms, t)
	return cov * math.Pow(li.reverseCoverage(units, terms, t), t.reverseExp), cov
}

// hasTopic reports whether the query names anything: a query of question
// words, numbers and dates alone (як? коли?) has no answer.
func (li *localeIndex) hasTopic(units []unit) bool {
	for _, u := range units {
		if li.an.topical(u.term) && !li.weakNumber(u.term) {
			return true
		}
	}
	return false
}

// weakNumber reports whether a term is a number that says little: one no
// article contains (41280), or of one or two digits (14 років, о 7 ранку).
// A number the articles know, like the hotline 1580, is a topic.
func (li *localeIndex) weakNumber(term string) bool {
	for _, r := range term {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(term) < 3 || li.stats.df[term] == 0
}

// coverage is the share of the query's units found in the article, each unit
// weighted by its inverse document frequency: rare words count, common ones
// barely, weak and question words (завтра, 7, як, чи) less. A word found only
// in the body counts for bodyCredit.
func (li *localeIndex) coverage(units []unit, terms articleTerms, t tuning) float64 {
	var total, found float64
	for _, u := range units {
		w := li.weight(u.term, li.stats.df, t)
		total += w
		found += w * unitCredit(u, terms, t)
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// reverseCoverage is the largest share of a title or question of the
// article that the query's terms cover: an article about more than was asked
// is a weaker answer.
func (li *localeIndex) reverseCoverage(units []unit, terms articleTerms, t tuning) float64 {
	query := termSet{}
	for _, u := range units {
		for _, a := range u.alts {
			query[a.term] = struct{}{}
		}
	}
	best := 0.0
	for _, v := range terms.questions {
		var total, found float64
		for _, w := range v.words {
			wt := li.weight(w.term, li.stats.dfQ, t)
			total += wt
			if query.has(w.term) || anyIn(query, w.synonyms) {
				found += wt
			}
		}
		if total > 0 {
			best = max(best, found/total)
		}
	}
	return best
}

func anyIn(set termSet, terms []string) bool {
	for _, s := range terms {
		if set.has(s) {
			return true
		}
	}
	return false
}

// weight is the idf of a term by df, less for a weak word, a weak number or a
// question word: they tell answers apart but do not name what is asked.
func (li *localeIndex) weight(term string, df map[string]int, t tuning) float64 {
	w := idfOf(len(li.stats.docs), df[term])
	if li.an.weak(term) || li.weakNumber(term) || !li.an.topical(term) {
		w *= t.weakWeight
	}
	return w
}

// unitCredit is the best credit among the unit's terms that the article has.
func unitCredit(u unit, terms articleTerms, t tuning) float64 {
	best := 0.0
	for _, a := range u.alts {
		switch {
		case a.credit > best && terms.inQuestions(a.term):
			best = a.credit
		case a.credit*t.bodyCredit > best && terms.body[a.term] > 0:
			best = a.credit * t.bodyCredit
		}
	}
	return best
}
