package knowledge

import (
	"math"
	"sort"
)

// idfOf is the inverse document frequency of a term that df of n articles
// hold, BM25 style: always positive, highest for a term no article has.
func idfOf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// fieldIDF holds the idf a term weighs with in titles and questions, and in
// bodies (the same, see rerank).
type fieldIDF struct{ q, b float64 }

// rerank scores the candidate articles by the query's units and sorts them,
// best first, equal scores by id.
//
// An article's score is that of its best title or question plus a share of
// its body's (BM25F). A term has one idf, counted over whole articles: an idf
// per field would make a word every body holds (документ) rare, and so
// decisive, in titles merely because few titles spell it out. Each is a BM25 sum over the query's units of the best matching
// term's idf times the term's weight
// (less for a corrected typo), with the length normalisation of that title,
// question or body. Every unit counts once however many synonyms match, and
// an article gains nothing from having more questions than another besides
// the chance that one of them is phrased like the query.
func (li *localeIndex) rerank(units []unit, cands []scoredArticle, t tuning) []scoredArticle {
	idf := make([]map[string]fieldIDF, len(units))
	n := len(li.stats.docs)
	for i, u := range units {
		idf[i] = map[string]fieldIDF{}
		for _, a := range u.alts {
			v := idfOf(n, li.stats.df[a.term])
			idf[i][a.term] = fieldIDF{q: v, b: v}
		}
	}
	out := make([]scoredArticle, 0, len(cands))
	for _, c := range cands {
		terms, ok := li.stats.docs[c.id]
		if !ok {
			continue
		}
		q, b := li.articleScore(units, idf, terms, t)
		out = append(out, scoredArticle{id: c.id, question: q, body: b, score: round(q + t.bodyWeight*b)})
	}
	sortScored(out)
	return out
}

// articleScore returns the best question score and the body score, each a
// BM25 sum over the units (a short question that matches beats a long one).
func (li *localeIndex) articleScore(units []unit, idf []map[string]fieldIDF, terms articleTerms, t tuning) (float64, float64) {
	best := 0.0
	avgQ := li.stats.avgQuestionLen()
	for _, v := range terms.questions {
		norm := bm25Norm(t.bq, float64(len(v.words)), avgQ)
		s := 0.0
		for i, u := range units {
			s += unitMatch(u, func(a alt) float64 { return idf[i][a.term].q * bm25TF(t, presence(v.terms, a.term), norm) })
		}
		best = max(best, s)
	}
	norm := bm25Norm(t.bb, float64(terms.bodyLen), li.stats.avgBodyLen())
	body := 0.0
	for i, u := range units {
		body += unitMatch(u, func(a alt) float64 { return idf[i][a.term].b * bm25TF(t, float64(terms.body[a.term]), norm) })
	}
	return best, body
}

// bm25Norm is BM25's length normalisation of a text of n words.
func bm25Norm(b, n, avg float64) float64 { return 1 - b + b*n/avg }

// bm25TF is BM25's saturated term frequency.
func bm25TF(t tuning, tf, norm float64) float64 {
	if tf == 0 {
		return 0
	}
	return tf * (t.k1 + 1) / (tf + t.k1*norm)
}

// unitMatch is the best weight × score among the unit's terms.
func unitMatch(u unit, score func(alt) float64) float64 {
	best := 0.0
	for _, a := range u.alts {
		best = max(best, a.weight*score(a))
	}
	return best
}

func presence(set termSet, term string) float64 {
	if _, ok := set[term]; ok {
		return 1
	}
	return 0
}

func sortScored(s []scoredArticle) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].score != s[j].score {
			return s[i].score > s[j].score
		}
		return s[i].id < s[j].id
	})
}
