package knowledge

import "math"

// evidence is what the query's content words found in the first hit, the
// ground of the verdict. Content words are the query's words that can name a
// topic (not question words, weak words, weak numbers, greetings or
// politeness, which the analyzer drops) and that the knowledge base knows: a
// word no article contains is neither for nor against any answer, it is
// simply unknown here (a story around the question, a word of another topic),
// so it does not lower the coverage. A word of a sentence that does not ask
// (unit.context, see focusOnQuestion) that the first hit lacks is left out
// too, known or not: it tells what happened, not what is asked.
type evidence struct {
	content  int     // content units the knowledge base knows
	unknown  int     // topical units no article holds
	agreeing int     // content units the first hit holds
	alone    bool    // no other candidate holds all the units the first hit holds
	named    bool    // a unit is in the first hit's title or a question and in no other article's
	cov      float64 // idf-weighted share of the known content units the first hit holds
	rev      float64 // idf-weighted share of the first hit's best title or question the query covers
	spec     float64 // idf the first hit holds, in idfs of a word only one article has
	second   float64 // score of the second hit as a share of the first
	// offered is the largest share of a title or question of the first
	// MaxChoices hits that the query covers: 0 when none of the titles a
	// choice list would show shares a word with the query.
	offered float64
}

// agreement is how far query and first hit say the same thing: the geometric
// mean of the share of the query the article holds and the share of the
// article's title or question the query holds, 0..1. A query of one word
// that every title contains, or a long title of which the query names one
// word, agree little.
func (ev evidence) agreement() float64 { return math.Sqrt(ev.cov * ev.rev) }

// evidenceOf measures what the first of the ranked hits holds of the query.
func (li *localeIndex) evidenceOf(units []unit, hits []scoredArticle, t tuning) evidence {
	var ev evidence
	if len(hits) == 0 {
		return ev
	}
	top := li.stats.docs[hits[0].id]
	var held, missed, incidental float64
	var agreeing []unit
	for _, u := range units {
		if !li.isContent(u) || u.mapped {
			continue
		}
		w, h := li.unitWeight(u), li.held(u, top)
		if u.context && h == 0 {
			continue
		}
		if w == 0 {
			ev.unknown++
			continue
		}
		ev.content++
		held += h
		if h > 0 {
			agreeing = append(agreeing, u)
			ev.named = ev.named || li.names(u, top)
		}
		if li.topical(u) {
			missed += w - h
		} else {
			incidental += w - h
		}
	}
	ev.spec = held / idfOf(len(li.stats.docs), 1)
	ev.agreeing, ev.alone = len(agreeing), li.alone(agreeing, hits)
	if ev.spec >= answerSpecificity {
		incidental *= t.bodyWeight
	}
	if total := held + missed + incidental; total > 0 {
		ev.cov = held / total
	}
	ev.rev = li.reverseCoverage(units, top, t)
	ev.offered = ev.rev
	for _, h := range hits[1:min(MaxChoices, len(hits))] {
		ev.offered = max(ev.offered, li.reverseCoverage(units, li.stats.docs[h.id], t))
	}
	if len(hits) > 1 && hits[0].score > 0 {
		ev.second = hits[1].score / hits[0].score
	}
	return ev
}

// isContent reports whether a unit can name the topic of a query.
func (li *localeIndex) isContent(u unit) bool {
	return li.an.topical(u.term) && !li.weakNumber(u.term)
}

// unitWeight is the evidence a content unit can give: the idf of its most
// specific term that the knowledge base holds (0 if it holds none), times
// the term's credit (less for a corrected typo).
func (li *localeIndex) unitWeight(u unit) float64 {
	n, best := len(li.stats.docs), 0.0
	for _, a := range u.alts {
		if df := li.stats.df[a.term]; df > 0 {
			best = max(best, idfOf(n, df)*a.credit)
		}
	}
	return best
}

// held is the evidence an article holds of a unit: the largest weight among
// the unit's terms it contains, in any field.
func (li *localeIndex) held(u unit, terms articleTerms) float64 {
	n, best := len(li.stats.docs), 0.0
	for _, a := range u.alts {
		if df := li.stats.df[a.term]; df > 0 && (terms.body[a.term] > 0 || terms.inQuestions(a.term)) {
			best = max(best, idfOf(n, df)*a.credit)
		}
	}
	return best
}

// names reports whether a term of the unit is in the title or a question of
// the article and in no other article's.
func (li *localeIndex) names(u unit, terms articleTerms) bool {
	for _, a := range u.alts {
		if li.stats.dfQ[a.term] == 1 && terms.inQuestions(a.term) {
			return true
		}
	}
	return false
}

// topical reports whether a query word the first hit lacks names a topic
// of the knowledge base: it is in the title or a question of some article.
// A word the knowledge base has in bodies alone is mentioned in passing
// (далі, жити); once the words the first hit holds pick out about one
// article (answerSpecificity), such a word counts against it only as much as
// a body counts in ranking (bodyWeight).
func (li *localeIndex) topical(u unit) bool {
	for _, a := range u.alts {
		if li.stats.dfQ[a.term] > 0 {
			return true
		}
	}
	return false
}

// alone reports whether the first of the hits is the only one that holds
// every unit: together the units pick out one article, however common each
// is on its own.
func (li *localeIndex) alone(units []unit, hits []scoredArticle) bool {
	for _, h := range hits[1:] {
		terms := li.stats.docs[h.id]
		all := true
		for _, u := range units {
			if li.held(u, terms) == 0 {
				all = false
				break
			}
		}
		if all {
			return false
		}
	}
	return true
}
