package knowledge

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/vikno-city/vikno"
)

// NoArticle is the expected id of a query that no article answers.
const NoArticle = "-"

// EvalQuery is one line of an evaluation set.
type EvalQuery struct {
	Query    string
	Expected string // article id, or NoArticle
	Line     int    // line in the file, 1-based
	// Locale to search in; "" means LocaleUK. RunEval sets it to the
	// expected article's locale (the resident's language in the bot).
	Locale string
}

// ParseQueries reads an evaluation set: lines "query<TAB>expected-id", where
// expected-id is NoArticle ("-") for a query no article answers. Blank lines
// and lines starting with '#' are skipped. A malformed line is an EINVALID
// *vikno.Error naming it.
func ParseQueries(r io.Reader) ([]EvalQuery, error) {
	var out []EvalQuery
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, err := parseQueryLine(text)
		if err != nil {
			return nil, vikno.Errorf(vikno.EINVALID, "queries line %d: %v", line, err)
		}
		q.Line = line
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("knowledge: read queries: %w", err)
	}
	return out, nil
}

func parseQueryLine(text string) (EvalQuery, error) {
	i := strings.LastIndexByte(text, '\t')
	if i < 0 {
		return EvalQuery{}, fmt.Errorf("want query<TAB>expected-id")
	}
	q, id := strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
	switch {
	case q == "":
		return EvalQuery{}, fmt.Errorf("empty query")
	case id != NoArticle && !validID.MatchString(id):
		return EvalQuery{}, fmt.Errorf("expected id %q is not an article id or -", id)
	}
	return EvalQuery{Query: q, Expected: id}, nil
}

// Searcher is anything that answers queries: *Index, the plain-bleve
// baseline.
type Searcher interface {
	Search(query string, opts SearchOptions) (Result, error)
}

// Report is the outcome of an evaluation.
type Report struct {
	// Top1 is the share of answerable queries whose expected article is the
	// first hit and whose verdict is not NoAnswer; Top3 the same within the
	// first three hits; MRR the mean reciprocal rank of the expected article
	// (0 when missing or NoAnswer).
	Top1, Top3, MRR float64
	// NoAnswer is the share of unanswerable queries that got NoAnswer.
	NoAnswer float64
	// Outcomes splits the set by what the resident would see.
	Outcomes Outcomes
	N        int           // queries run
	P50, P99 time.Duration // search latency
	Errors   int           // searches that failed (counted as misses)
	// Categories breaks the figures down by the expected article's category;
	// unanswerable queries form the category "-".
	Categories []CategoryReport
	// Misses are the queries that did not get their expected answer first.
	Misses []Miss
}

// Outcomes are shares of the whole set (all queries, answerable or not) by
// what the resident sees. Answerable queries split into AnsweredRight,
// AnsweredWrong (a confident answer with another article: the harm that top1
// alone hides), ChoicesWithRight (a choice list of up to three titles that
// holds the expected one, first or not), choices without it (not printed:
// the rest) and RefusedAnswerable; unanswerable ones into NoAnswer and
// AnsweredUnanswerable (a confident answer or a choice list).
type Outcomes struct {
	AnsweredRight, AnsweredWrong, ChoicesWithRight, RefusedAnswerable, AnsweredUnanswerable float64
}

// String returns the outcome line:
// answered_right=0.000 answered_wrong=0.000 choices_with_right=0.000 refused_answerable=0.000 answered_unanswerable=0.000
func (o Outcomes) String() string {
	return fmt.Sprintf("answered_right=%.3f answered_wrong=%.3f choices_with_right=%.3f refused_answerable=%.3f answered_unanswerable=%.3f",
		o.AnsweredRight, o.AnsweredWrong, o.ChoicesWithRight, o.RefusedAnswerable, o.AnsweredUnanswerable)
}

// Shown is the share of the answerable queries whose expected article the
// resident sees: answered confidently or among the choices. answerable is the
// share of answerable queries in the set.
func (o Outcomes) Shown(answerable float64) float64 {
	if answerable == 0 {
		return 0
	}
	return (o.AnsweredRight + o.ChoicesWithRight) / answerable
}

// outcome adds one answer to o (as a count; divided by n at the end).
func (o *Outcomes) add(q EvalQuery, res Result) {
	switch {
	case q.Expected == NoArticle:
		o.AnsweredUnanswerable += b2f(res.Verdict != NoAnswer)
	case res.Verdict == NoAnswer:
		o.RefusedAnswerable++
	case res.Verdict == Confident:
		right := len(res.Hits) > 0 && res.Hits[0].ID == q.Expected
		o.AnsweredRight += b2f(right)
		o.AnsweredWrong += b2f(!right)
	default:
		for _, h := range res.Hits[:min(MaxChoices, len(res.Hits))] {
			if h.ID == q.Expected {
				o.ChoicesWithRight++
				break
			}
		}
	}
}

func (o *Outcomes) scale(n int) {
	if n == 0 {
		return
	}
	f := 1 / float64(n)
	o.AnsweredRight *= f
	o.AnsweredWrong *= f
	o.ChoicesWithRight *= f
	o.RefusedAnswerable *= f
	o.AnsweredUnanswerable *= f
}

// CategoryReport is the part of a Report for one category.
type CategoryReport struct {
	Category         string
	N                int
	Top1, Top3, MRR  float64 // answerable queries
	NoAnswer         float64 // unanswerable queries
	answerable, none int
}

// Miss is a query whose expected article was not the first hit (or that did
// not get NoAnswer when it should have).
type Miss struct {
	Query    EvalQuery
	Got      []Hit
	Verdict  Verdict
	Coverage float64
}

// String returns the summary line, exactly:
// top1=0.000 top3=0.000 mrr=0.000 noanswer=0.000 n=0 p50_ms=0.000 p99_ms=0.000
func (r Report) String() string {
	return fmt.Sprintf("top1=%.3f top3=%.3f mrr=%.3f noanswer=%.3f n=%d p50_ms=%.3f p99_ms=%.3f",
		r.Top1, r.Top3, r.MRR, r.NoAnswer, r.N, ms(r.P50), ms(r.P99))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Evaluate runs every query against s and scores the answers. category
// returns the category of an article id ("" if unknown); it may be nil.
func Evaluate(s Searcher, queries []EvalQuery, category func(id string) string) Report {
	var (
		rep       Report
		latencies []time.Duration
		cats      = map[string]*CategoryReport{}
		total     CategoryReport
	)
	for _, q := range queries {
		start := time.Now()
		res, err := s.Search(q.Query, SearchOptions{Locale: q.Locale, Limit: 10})
		latencies = append(latencies, time.Since(start))
		if err != nil {
			rep.Errors++
			res = Result{}
		}
		cat := categoryOf(q, category)
		if cats[cat] == nil {
			cats[cat] = &CategoryReport{Category: cat}
		}
		rep.Outcomes.add(q, res)
		hit := judge(q, res, cats[cat], &total)
		if !hit {
			rep.Misses = append(rep.Misses, Miss{Query: q, Got: res.Hits, Verdict: res.Verdict, Coverage: res.Coverage})
		}
	}
	total.finish()
	rep.Outcomes.scale(len(queries))
	rep.Top1, rep.Top3, rep.MRR, rep.NoAnswer, rep.N = total.Top1, total.Top3, total.MRR, total.NoAnswer, len(queries)
	rep.P50, rep.P99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
	for _, c := range cats {
		c.finish()
		rep.Categories = append(rep.Categories, *c)
	}
	sort.Slice(rep.Categories, func(i, j int) bool { return rep.Categories[i].Category < rep.Categories[j].Category })
	return rep
}

func categoryOf(q EvalQuery, category func(string) string) string {
	if q.Expected == NoArticle {
		return NoArticle
	}
	if category != nil {
		if c := category(q.Expected); c != "" {
			return c
		}
	}
	return "(no category)"
}

// judge adds one answer to the category and total tallies (as sums, turned
// into shares by finish) and reports whether it was right.
func judge(q EvalQuery, res Result, tallies ...*CategoryReport) bool {
	if q.Expected == NoArticle {
		ok := res.Verdict == NoAnswer
		for _, t := range tallies {
			t.N++
			t.none++
			t.NoAnswer += b2f(ok)
		}
		return ok
	}
	rank := 0
	if res.Verdict != NoAnswer {
		for i, h := range res.Hits {
			if h.ID == q.Expected {
				rank = i + 1
				break
			}
		}
	}
	for _, t := range tallies {
		t.N++
		t.answerable++
		t.Top1 += b2f(rank == 1)
		t.Top3 += b2f(rank >= 1 && rank <= 3)
		if rank > 0 {
			t.MRR += 1 / float64(rank)
		}
	}
	return rank == 1
}

func (c *CategoryReport) finish() {
	if c.answerable > 0 {
		n := float64(c.answerable)
		c.Top1, c.Top3, c.MRR = c.Top1/n, c.Top3/n, c.MRR/n
	}
	if c.none > 0 {
		c.NoAnswer /= float64(c.none)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// percentile returns the p-th latency (nearest rank).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// EvalOptions configure RunEval.
type EvalOptions struct {
	Index   Options // options of our index
	Verbose bool    // also print every miss
}

// RunEval evaluates queries against articles twice: with a plain bleve index
// and the stock standard analyzer (the baseline), then with Index. It prints
// the baseline's summary prefixed by "baseline ", a breakdown of our figures
// by category (and the misses when opts.Verbose), our outcome line (see
// Outcomes) and last our summary line exactly as Report.String formats it. It returns our report.
func RunEval(w io.Writer, articles []Article, queries []EvalQuery, opts EvalOptions) (Report, error) {
	queries = withLocales(articles, queries)
	base, err := NewBaseline(articles)
	if err != nil {
		return Report{}, err
	}
	defer base.Close()
	category := categories(articles)
	baseRep := Evaluate(base, queries, category)
	ix, err := NewIndex(articles, opts.Index)
	if err != nil {
		return Report{}, err
	}
	defer ix.Close()
	rep := Evaluate(ix, queries, category)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "baseline %s\nbaseline %s\n", baseRep, baseRep.Outcomes)
	writeCategories(bw, rep)
	if opts.Verbose {
		writeMisses(bw, rep)
	}
	fmt.Fprintln(bw, rep.Outcomes)
	fmt.Fprintln(bw, rep)
	if err := bw.Flush(); err != nil {
		return rep, fmt.Errorf("knowledge: write report: %w", err)
	}
	return rep, nil
}

func categories(articles []Article) func(string) string {
	m := make(map[string]string, len(articles))
	for _, a := range articles {
		m[a.ID] = a.Category
		if a.Category == "" && a.Locale == LocaleEN {
			m[a.ID] = "(en)"
		}
	}
	return func(id string) string { return m[id] }
}

// withLocales sets each query's locale: that of its expected article, or for
// an unanswerable query the one its words suggest.
func withLocales(articles []Article, queries []EvalQuery) []EvalQuery {
	locale := make(map[string]string, len(articles))
	for _, a := range articles {
		locale[a.ID] = withDefaults(a).Locale
	}
	out := make([]EvalQuery, len(queries))
	for i, q := range queries {
		if q.Locale == "" {
			q.Locale = locale[q.Expected]
			if q.Expected == NoArticle || q.Locale == "" {
				q.Locale = GuessLocale(q.Query)
			}
		}
		out[i] = q
	}
	return out
}

// englishWords are frequent English function words (a closed class) that
// mark a query as English.
var englishWords = map[string]bool{
	"the": true, "how": true, "what": true, "where": true, "when": true, "can": true, "do": true,
	"does": true, "is": true, "are": true, "my": true, "i": true, "a": true, "to": true, "of": true,
	"for": true, "in": true, "much": true, "which": true, "who": true, "why": true, "get": true,
	"no": true, "not": true, "there": true, "it": true, "and": true, "or": true, "with": true, "on": true,
	"at": true, "from": true, "have": true, "has": true, "need": true, "you": true, "your": true,
	"me": true, "this": true, "that": true, "an": true, "should": true, "will": true, "please": true,
}

// GuessLocale returns LocaleEN for a query in Latin letters with at least
// one common English word, LocaleUK otherwise (Ukrainian, Russian, surzhyk and
// Latin transliteration of them).
func GuessLocale(q string) string {
	english := false
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, r := range w {
			if unicode.Is(unicode.Cyrillic, r) {
				return LocaleUK
			}
		}
		english = english || englishWords[w]
	}
	if english {
		return LocaleEN
	}
	return LocaleUK
}

func writeCategories(w io.Writer, rep Report) {
	for _, c := range rep.Categories {
		if c.Category == NoArticle {
			fmt.Fprintf(w, "category %q n=%d noanswer=%.3f\n", c.Category, c.N, c.NoAnswer)
			continue
		}
		fmt.Fprintf(w, "category %q n=%d top1=%.3f top3=%.3f mrr=%.3f\n", c.Category, c.N, c.Top1, c.Top3, c.MRR)
	}
}

func writeMisses(w io.Writer, rep Report) {
	for _, m := range rep.Misses {
		var got []string
		for _, h := range m.Got[:min(3, len(m.Got))] {
			got = append(got, fmt.Sprintf("%s(%.3f)", h.ID, h.Score))
		}
		fmt.Fprintf(w, "miss line %d: %q want %s got %s [%s cov=%.2f]\n",
			m.Query.Line, m.Query.Query, m.Query.Expected, strings.Join(got, " "), m.Verdict, m.Coverage)
	}
}
