package knowledge

import (
	"io"
	"os"
	"sort"
	"strings"
	"testing"
)

// demoKB loads the demo knowledge base and its evaluation set, or skips.
func demoKB(t testing.TB) ([]Article, []EvalQuery) {
	t.Helper()
	return evalSet(t, "demokb/articles", "demokb/eval.tsv")
}

// evalSet loads a knowledge-base folder and its evaluation set, or skips when
// the set is not there (the sets outside the repository live in ../shared).
func evalSet(t testing.TB, dir, queriesPath string) ([]Article, []EvalQuery) {
	t.Helper()
	f, err := os.Open(queriesPath)
	if err != nil {
		t.Skip("no evaluation set:", err)
	}
	defer f.Close()
	queries, err := ParseQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return articles, queries
}

// sparseQuestions returns the articles with the alternative questions of all
// but one in ten removed (the first of every ten by id keeps them): a
// knowledge base the way most editors leave it.
func sparseQuestions(articles []Article) []Article {
	out := append([]Article(nil), articles...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for i := range out {
		if i%10 != 0 {
			out[i].Questions = nil
		}
	}
	return out
}

// kbStyle is a knowledge base of one style with its evaluation set and the
// figures it must reach.
type kbStyle struct {
	name     string
	load     func(testing.TB) ([]Article, []EvalQuery)
	top1     float64 // share of answerable queries answered first (as an answer or the first choice)
	shown    float64 // share of answerable queries whose article is answered or offered
	noAnswer float64 // share of unanswerable queries told "no answer"
	wrong    float64 // most confident wrong answers, share of the set
}

// The floors below guard what the search reaches on each style (measured
// figures less about 0.02); the targets of issue 12 on the outside set are
// top1 ≥ 0.65, noanswer ≥ 0.70, answered_wrong ≤ 0.05, shown ≥ 0.85.
var kbStyles = []kbStyle{
	{name: "demo", load: demoKB, top1: 0.88, shown: 0.94, noAnswer: 0.61, wrong: 0.03},
	{name: "demo, few alternative questions", load: func(t testing.TB) ([]Article, []EvalQuery) {
		articles, queries := demoKB(t)
		return sparseQuestions(articles), queries
	}, top1: 0.78, shown: 0.85, noAnswer: 0.75, wrong: 0.04},
	{name: "primary-care centre (testdata/clinic, official register)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "testdata/clinic/kb", "testdata/clinic/queries.tsv")
	}, top1: 0.74, shown: 0.75, noAnswer: 0.88, wrong: 0.04},
	{name: "yavorivsk (written outside the team)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "../../shared/evalsets/yavorivsk/kb", "../../shared/evalsets/yavorivsk/queries.tsv")
	}, top1: 0.73, shown: 0.81, noAnswer: 0.68, wrong: 0.04},
	{name: "city council (testdata/citycouncil, held out: messages written from titles only)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "testdata/citycouncil/kb", "testdata/citycouncil/queries.tsv")
	}, top1: 0.72, shown: 0.78, noAnswer: 0.68, wrong: 0.03},
	{name: "utilities (testdata/utilities, held out: 40 articles of communal services, messages written from titles only)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "testdata/utilities/kb", "testdata/utilities/queries.tsv")
	}, top1: 0.55, shown: 0.62, noAnswer: 0.81, wrong: 0.07},
	{name: "hromada (testdata/hromada, held out: 36 articles of a territorial community written without sight of the search, messages written from titles only)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "testdata/hromada/kb", "testdata/hromada/queries.tsv")
	}, top1: 0.62, shown: 0.67, noAnswer: 0.45, wrong: 0.05},
	{name: "social protection (testdata/socprotect, held out: 36 articles of a city's social protection department written without sight of the search, messages written from titles only)", load: func(t testing.TB) ([]Article, []EvalQuery) {
		return evalSet(t, "testdata/socprotect/kb", "testdata/socprotect/queries.tsv")
	}, top1: 0.57, shown: 0.64, noAnswer: 0.59, wrong: 0.08},
}

func TestEvalOnKnowledgeBasesOfSeveralStyles(t *testing.T) {
	for _, st := range kbStyles {
		t.Run(st.name, func(t *testing.T) {
			articles, queries := st.load(t)
			var out strings.Builder
			w := io.Writer(&out)
			if testing.Verbose() {
				w = io.MultiWriter(&out, os.Stdout)
			}
			opts := EvalOptions{Verbose: os.Getenv("VIKNO_EVAL_MISSES") != ""}
			opts.Index.Morphology = os.Getenv("VIKNO_EVAL_MORPHOLOGY") // measure with the Hunspell dictionary in that folder
			rep, err := RunEval(w, articles, queries, opts)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if last := lines[len(lines)-1]; last != rep.String() {
				t.Errorf("last line %q, want %q", last, rep.String())
			}
			shown := rep.Outcomes.Shown(answerableShare(queries))
			if rep.Top1 < st.top1 || shown < st.shown || rep.NoAnswer < st.noAnswer || rep.Outcomes.AnsweredWrong > st.wrong {
				t.Errorf("below the bar (top1 ≥ %.2f, shown ≥ %.2f, noanswer ≥ %.2f, answered_wrong ≤ %.2f): shown=%.3f\n%s\n%s",
					st.top1, st.shown, st.noAnswer, st.wrong, shown, rep.Outcomes, rep)
			}
		})
	}
}

func answerableShare(queries []EvalQuery) float64 {
	n := 0
	for _, q := range queries {
		if q.Expected != NoArticle {
			n++
		}
	}
	return float64(n) / float64(max(len(queries), 1))
}

// TestScoringModelsOnDemoKB measures bleve's TF-IDF against BM25 on the demo
// evaluation set, with bleve's ranking alone and with our reranking; it logs
// the figures (go test -v -run ScoringModels) and checks that the default is
// not worse than the alternative.
func TestScoringModelsOnDemoKB(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	articles, queries := demoKB(t)
	queries = withLocales(articles, queries)
	reports := map[string]Report{}
	for _, scoring := range []string{ScoringBM25, ScoringTFIDF} {
		for _, rerank := range []bool{false, true} {
			ix, err := NewIndex(articles, Options{Scoring: scoring})
			if err != nil {
				t.Fatal(err)
			}
			ix.tune.rerank = rerank
			rep := Evaluate(ix, queries, nil)
			ix.Close()
			t.Logf("scoring=%-6s rerank=%-5v %s", scoring, rerank, rep)
			if rerank {
				reports[scoring] = rep
			}
		}
	}
	def, alt := reports[DefaultScoring], reports[ScoringTFIDF]
	if DefaultScoring == ScoringTFIDF {
		alt = reports[ScoringBM25]
	}
	if def.Top1+def.Top3+def.NoAnswer < alt.Top1+alt.Top3+alt.NoAnswer {
		t.Errorf("default scoring %s is worse than the alternative: %s vs %s", DefaultScoring, def, alt)
	}
}
