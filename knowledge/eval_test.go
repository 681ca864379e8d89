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
