package knowledge

import (
	"io"
	"os"
	"strings"
	"testing"
)

// demoKB loads the demo knowledge base and its evaluation set, or skips.
func demoKB(t testing.TB) ([]Article, []EvalQuery) {
	t.Helper()
	f, err := os.Open("demokb/eval.tsv")
	if err != nil {
		t.Skip("no demo evaluation set:", err)
	}
	defer f.Close()
	queries, err := ParseQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := LoadDir("demokb/articles")
	if err != nil {
		t.Fatal(err)
	}
	return articles, queries
}

func TestDemoEvalMeetsQualityBar(t *testing.T) {
	articles, queries := demoKB(t)
	var out strings.Builder
	w := io.Writer(&out)
	if testing.Verbose() {
		w = io.MultiWriter(&out, os.Stdout)
	}
	rep, err := RunEval(w, articles, queries, EvalOptions{Verbose: os.Getenv("VIKNO_EVAL_MISSES") != ""})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; last != rep.String() {
		t.Errorf("last line %q, want %q", last, rep.String())
	}
	if rep.Top1 < 0.90 || rep.Top3 < 0.97 || rep.NoAnswer < 0.85 {
		t.Errorf("below the quality bar (top1 ≥ 0.90, top3 ≥ 0.97, noanswer ≥ 0.85): %s", rep)
	}
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
