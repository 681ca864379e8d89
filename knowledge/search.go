package knowledge

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Verdict says how sure the search is of its answer.
type Verdict int

const (
	// NoAnswer: no article answers the query; the bot says it does not know
	// and offers the appeal form or the hotline.
	NoAnswer Verdict = iota
	// Confident: the first hit is the answer.
	Confident
	// Ambiguous: several hits are about as good; the dialog lets the
	// resident choose among up to three titles.
	Ambiguous
)

// MaxChoices is the most titles an Ambiguous result offers to choose from.
const MaxChoices = 3

var verdictNames = [...]string{NoAnswer: "no_answer", Confident: "confident", Ambiguous: "ambiguous"}

// String returns no_answer, confident or ambiguous.
func (v Verdict) String() string {
	if v < 0 || int(v) >= len(verdictNames) {
		return fmt.Sprintf("verdict(%d)", int(v))
	}
	return verdictNames[v]
}

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// SearchOptions narrow a search.
type SearchOptions struct {
	Locale string // LocaleUK (default) or LocaleEN
	Limit  int    // hits to return; 0 means 5
}

// Hit is one article found.
type Hit struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// Result is the answer to a query: hits ranked best first (equal scores by
// id) and the verdict on them.
type Result struct {
	Hits    []Hit   `json:"hits"`
	Verdict Verdict `json:"verdict"`
	// Coverage is the share of the query's content words that the knowledge
	// base knows (weighted by how rare they are) that the first hit
	// contains, 0..1.
	Coverage float64 `json:"coverage"`
	// Confidence in the first hit, 0..1: how far query and article agree
	// (see Verdict).
	Confidence float64 `json:"confidence"`
	// Locale of the articles found: an English query that finds nothing in
	// English is answered from the Ukrainian articles.
	Locale string `json:"locale"`
	// SmallTalk is set when the query asks nothing (a greeting, thanks, a
	// farewell, «ти бот?»); its verdict is then NoAnswer, and the dialog
	// answers it as small talk, not with «не знайшов».
	SmallTalk SmallTalk `json:"small_talk,omitempty"`
}

// Limits on query text: a resident's question is a sentence or two; anything
// longer is cut, so that junk input cannot make a search slow.
const (
	maxQueryBytes = 1024
	maxQueryWords = 32
	defaultLimit  = 5
)

// Search finds the published articles of opts.Locale that answer query.
// Query text is analysed like article text and the bleve query is built from
// its terms, so no character has a special meaning: any text, including
// empty, very long or invalid UTF-8 text, is a valid query. An error means
// the index itself failed.
func (ix *Index) Search(q string, opts SearchOptions) (Result, error) {
	if opts.Limit <= 0 {
		opts.Limit = defaultLimit
	}
	locale := opts.Locale
	if locale != LocaleEN {
		locale = LocaleUK
	}
	if st := SmallTalkOf(q); st != NotSmallTalk {
		return Result{Hits: []Hit{}, Locale: locale, SmallTalk: st}, nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	res, err := ix.searchLocale(ix.locales[locale], q, opts.Limit)
	if err != nil || res.Verdict == Confident || !latinOnly(q) && !(locale == LocaleEN && len(res.Hits) == 0) {
		return res, err
	}
	// Latin letters alone do not tell English from transliterated Ukrainian
	// (no hot water, nemaie hariachoi vody), and an English query that finds
	// nothing in English may find a Ukrainian article: the other locale's
	// result is taken when its verdict is stronger.
	other := LocaleUK
	if locale == LocaleUK {
		other = LocaleEN
	}
	alt, err := ix.searchLocale(ix.locales[other], q, opts.Limit)
	if err != nil || strength(alt.Verdict) > strength(res.Verdict) || len(res.Hits) == 0 && len(alt.Hits) > 0 {
		return alt, err
	}
	return res, nil
}

// strength orders verdicts: NoAnswer, Ambiguous, Confident.
func strength(v Verdict) int {
	switch v {
	case Confident:
		return 2
	case Ambiguous:
		return 1
	}
	return 0
}

// latinOnly reports whether q has Latin letters and no Cyrillic ones.
func latinOnly(q string) bool {
	latin := false
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return false
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
	}
	return latin
}

func (ix *Index) searchLocale(li *localeIndex, q string, limit int) (Result, error) {
	res := Result{Locale: li.locale, Hits: []Hit{}}
	q = clip(q)
	units, err := li.queryUnits(q, ix.tune)
	asking := askingSentences(sentenceText(li.an, q))
	if units = withoutConjunctions(units, asking); err != nil || len(units) == 0 {
		return res, err
	}
	j, err := li.judge(units, ix.tune)
	if err != nil {
		return res, err
	}
	if j.verdict != Confident {
		// a reading with the question in focus is taken only when its
		// verdict is stronger: never weaker than the whole message's
		marked, weak := li.focusOnQuestion(units, asking, ix.tune)
		if marked != nil {
			j = stronger(j, li.judgeRanked(marked, j.scored, ix.tune))
		}
		if weak != nil {
			f, err := li.judge(weak, ix.tune)
			if err != nil {
				return res, err
			}
			j = stronger(j, f)
		}
	}
	if j.verdict == NoAnswer {
		if topic := li.topicTitles(units, j.scored); len(topic) > 0 {
			// one word that names the topic of several titles (паспорт,
			// субсидія): the titles most about it are offered
			j.verdict, j.scored = Ambiguous, topic
		}
	}
	res.Verdict = j.verdict
	res.Confidence, res.Coverage = round(j.ev.agreement()), round(j.ev.cov)
	for _, s := range j.scored[:min(limit, len(j.scored))] {
		res.Hits = append(res.Hits, Hit{ID: s.id, Title: ix.articles[s.id].Title, Score: s.score})
	}
	return res, nil
}

// topicTitles answers a query that is one content word the knowledge base
// knows and nothing else (паспорт, субсидія, pension): when the titles of
// several of the ranked candidates hold it, it names their common topic,
// and the titles most about it (the fewest words) are the choice to offer,
// by id when equal; nil otherwise. A word no title holds is mentioned in
// passing.
func (li *localeIndex) topicTitles(units []unit, candidates []scoredArticle) []scoredArticle {
	var word *unit
	for i := range units {
		if !li.isContent(units[i]) || units[i].mapped {
			continue
		}
		if word != nil {
			return nil
		}
		word = &units[i]
	}
	if word == nil {
		return nil
	}
	var out []scoredArticle
	for _, c := range candidates {
		terms := li.stats.docs[c.id]
		if len(terms.questions) == 0 {
			continue
		}
		title := terms.questions[0]
		for _, a := range word.alts {
			if title.terms.has(a.term) {
				out = append(out, scoredArticle{id: c.id, score: round(1 / float64(len(title.words)))})
				break
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	sortScored(out)
	return out
}

// judgement is the ranking of the articles for a query's units, the evidence
// of the first and the verdict.
type judgement struct {
	scored  []scoredArticle
	ev      evidence
	verdict Verdict
}

func (li *localeIndex) judge(units []unit, t tuning) (judgement, error) {
	scored, err := li.score(units, t)
	if err != nil {
		return judgement{}, err
	}
	if t.rerank {
		scored = li.rerank(units, scored, t)
	}
	return li.judgeRanked(units, scored, t), nil
}

// judgeRanked judges units on a ranking already made.
func (li *localeIndex) judgeRanked(units []unit, scored []scoredArticle, t tuning) judgement {
	ev := li.evidenceOf(units, scored, t)
	return judgement{scored: scored, ev: ev, verdict: verdict(scored, ev)}
}

// stronger returns b if its verdict is stronger than a's, else a.
func stronger(a, b judgement) judgement {
	if strength(b.verdict) > strength(a.verdict) {
		return b
	}
	return a
}

// clip returns q as valid UTF-8 of at most maxQueryBytes, cut at a rune,
// without HTML markup: tags a resident pasted or typed («<b>привіт</b>»)
// are no words of the question, nor is a script's code.
func clip(q string) string {
	q = strings.ToValidUTF8(q, " ")
	if strings.IndexByte(q, '<') >= 0 {
		q = markupTag.ReplaceAllString(scriptElement.ReplaceAllString(q, " "), " ")
	}
	if len(q) <= maxQueryBytes {
		return q
	}
	cut := maxQueryBytes
	for cut > 0 && !utf8.RuneStart(q[cut]) {
		cut--
	}
	return q[:cut]
}

var (
	scriptElement = regexp.MustCompile(`(?is)<(script|style)\b[^>]*>.*?(</(script|style)\s*>|$)`)
	markupTag     = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>`)
)

// scoredArticle is an article with its combined score.
type scoredArticle struct {
	id       string
	score    float64
	question float64 // best title/question document
	body     float64 // body document
}

// score runs the bleve query and combines the scores of each article's
// documents: the best question plus a share of the body.
func (li *localeIndex) score(units []unit, t tuning) ([]scoredArticle, error) {
	req := bleve.NewSearchRequestOptions(bleveQuery(units, li.retrievalTerms(units, t), t), t.candidates, 0, false)
	sr, err := li.bleve.Search(req)
	if err != nil {
		return nil, fmt.Errorf("knowledge: search: %w", err)
	}
	byID := map[string]*scoredArticle{}
	var order []*scoredArticle
	for _, h := range sr.Hits {
		id, part := splitSubDocID(h.ID)
		s, ok := byID[id]
		if !ok {
			s = &scoredArticle{id: id}
			byID[id] = s
			order = append(order, s)
		}
		if part == bodyDoc {
			s.body = h.Score
		} else {
			s.question = max(s.question, h.Score)
		}
	}
	out := make([]scoredArticle, len(order))
	for i, s := range order {
		s.score = round(s.question + t.bodyWeight*s.body)
		out[i] = *s
	}
	sortScored(out)
	return out, nil
}

// round keeps 9 significant digits, so that sums taken in a different order
// compare equal and ties fall back to the article id.
func round(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0
	}
	scale := math.Pow(10, 8-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*scale) / scale
}

// retrievalTerms are the terms worth fetching candidates by: all but those
// in more than a share of the articles (як, цнап) of a large knowledge base,
// which would make bleve walk most of the index and pick nothing out. A query
// of such terms alone keeps them. The reranking still counts every term.
func (li *localeIndex) retrievalTerms(units []unit, t tuning) termSet {
	limit := max(int(t.commonShare*float64(len(li.stats.docs))), t.commonMin)
	keep, all := termSet{}, termSet{}
	for _, u := range units {
		for _, a := range u.alts {
			all[a.term] = struct{}{}
			if li.stats.df[a.term] <= limit {
				keep[a.term] = struct{}{}
			}
		}
	}
	if len(keep) == 0 {
		return all
	}
	return keep
}

// bleveQuery is a disjunction with one clause per query unit; a unit's clause
// is a disjunction of its alternative terms (those in use and with a weight
// in ranking) in both fields.
func bleveQuery(units []unit, use termSet, t tuning) query.Query {
	clauses := make([]query.Query, 0, len(units))
	for _, u := range units {
		var alts []query.Query
		for _, a := range u.alts {
			if !use.has(a.term) || a.weight == 0 {
				continue
			}
			for _, f := range []string{fieldQuestion, fieldBody} {
				tq := bleve.NewTermQuery(a.term)
				tq.SetField(f)
				tq.SetBoost(a.weight)
				alts = append(alts, tq)
			}
		}
		if len(alts) > 0 {
			clauses = append(clauses, bleve.NewDisjunctionQuery(alts...))
		}
	}
	return bleve.NewDisjunctionQuery(clauses...)
}
