package knowledge

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestParseQueriesReadsLinesAndSkipsComments(t *testing.T) {
	src := "# comment\nскільки коштує паспорт\tpassport-fee\n\nрецепт борщу\t-\r\nз\tтабом\tid-2\n"
	got, err := ParseQueries(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []EvalQuery{
		{Query: "скільки коштує паспорт", Expected: "passport-fee", Line: 2},
		{Query: "рецепт борщу", Expected: NoArticle, Line: 4},
		{Query: "з\tтабом", Expected: "id-2", Line: 5},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("query %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseQueriesRejectsMalformedLines(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no tab", "ok\ta\nбез табу\n", "line 2"},
		{"empty query", "\tabc\n", "line 1: empty query"},
		{"bad id", "питання\tНе Id\n", "line 1: expected id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseQueries(strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// fakeSearcher answers each query with canned results.
type fakeSearcher map[string]Result

func (f fakeSearcher) Search(q string, _ SearchOptions) (Result, error) {
	if q == "boom" {
		return Result{}, errors.New("boom")
	}
	return f[q], nil
}

func TestEvaluateScoresTopOneTopThreeMRRAndNoAnswer(t *testing.T) {
	hits := func(ids ...string) []Hit {
		var hs []Hit
		for _, id := range ids {
			hs = append(hs, Hit{ID: id})
		}
		return hs
	}
	s := fakeSearcher{
		"first":    {Hits: hits("a", "b"), Verdict: Confident},
		"second":   {Hits: hits("x", "a"), Verdict: Ambiguous},
		"fourth":   {Hits: hits("x", "y", "z", "a"), Verdict: Ambiguous},
		"refused":  {Hits: hits("a"), Verdict: NoAnswer},
		"none-ok":  {Hits: hits("a"), Verdict: NoAnswer},
		"none-bad": {Hits: hits("a"), Verdict: Confident},
	}
	queries := []EvalQuery{
		{Query: "first", Expected: "a"}, {Query: "second", Expected: "a"},
		{Query: "fourth", Expected: "a"}, {Query: "refused", Expected: "a"},
		{Query: "boom", Expected: "a"},
		{Query: "none-ok", Expected: NoArticle}, {Query: "none-bad", Expected: NoArticle},
	}
	rep := Evaluate(s, queries, func(string) string { return "cat" })
	if rep.Top1 != 1.0/5 || rep.Top3 != 2.0/5 || rep.NoAnswer != 0.5 || rep.N != 7 || rep.Errors != 1 {
		t.Errorf("report %s errors=%d", rep, rep.Errors)
	}
	if wantMRR := (1 + 0.5 + 0.25) / 5; rep.MRR != wantMRR {
		t.Errorf("mrr = %v, want %v", rep.MRR, wantMRR)
	}
	if len(rep.Categories) != 2 || rep.Categories[0].Category != NoArticle || rep.Categories[1].Category != "cat" {
		t.Errorf("categories %+v", rep.Categories)
	}
	want := Outcomes{AnsweredRight: 1.0 / 7, ChoicesWithRight: 1.0 / 7, RefusedAnswerable: 2.0 / 7, AnsweredUnanswerable: 1.0 / 7}
	if rep.Outcomes != want {
		t.Errorf("outcomes %s, want %s", rep.Outcomes, want)
	}
	if len(rep.Misses) != 5 {
		t.Errorf("%d misses, want 5", len(rep.Misses))
	}
}

func TestReportStringHasTheContractFormat(t *testing.T) {
	format := regexp.MustCompile(`^top1=\d\.\d{3} top3=\d\.\d{3} mrr=\d\.\d{3} noanswer=\d\.\d{3} n=\d+ p50_ms=\d+\.\d{3} p99_ms=\d+\.\d{3}$`)
	if got := (Report{}).String(); got != "top1=0.000 top3=0.000 mrr=0.000 noanswer=0.000 n=0 p50_ms=0.000 p99_ms=0.000" {
		t.Errorf("zero report = %q", got)
	}
	rep := Evaluate(fakeSearcher{}, []EvalQuery{{Query: "q", Expected: "a"}}, nil)
	if !format.MatchString(rep.String()) {
		t.Errorf("report %q does not match the contract", rep.String())
	}
}

func TestRunEvalPrintsBaselineFirstAndOurSummaryLast(t *testing.T) {
	articles, err := LoadDir("testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	queries := []EvalQuery{{Query: "ціна загранпаспорта", Expected: "abroad-fee"}, {Query: "курс долара", Expected: NoArticle}}
	var b strings.Builder
	rep, err := RunEval(&b, articles, queries, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if !strings.HasPrefix(lines[0], "baseline top1=") {
		t.Errorf("first line %q", lines[0])
	}
	if lines[len(lines)-1] != rep.String() {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], rep.String())
	}
	outcome := regexp.MustCompile(`^answered_right=\d\.\d{3} answered_wrong=\d\.\d{3} choices_with_right=\d\.\d{3} refused_answerable=\d\.\d{3} answered_unanswerable=\d\.\d{3}$`)
	if !outcome.MatchString(lines[len(lines)-2]) {
		t.Errorf("line before last %q is not the outcome line", lines[len(lines)-2])
	}
	if !strings.Contains(b.String(), `category "Паспорти" n=1 top1=1.000`) {
		t.Errorf("no category breakdown in\n%s", b.String())
	}
}

func TestGuessLocaleTellsEnglishFromTransliteration(t *testing.T) {
	tests := []struct{ q, want string }{
		{"how much is a passport", LocaleEN},
		{"zakordonnyi pasport", LocaleUK},
		{"скільки коштує", LocaleUK},
		{"ID card", LocaleUK},
		{"what is ЦНАП", LocaleUK},
	}
	for _, tt := range tests {
		if got := GuessLocale(tt.q); got != tt.want {
			t.Errorf("GuessLocale(%q) = %s, want %s", tt.q, got, tt.want)
		}
	}
}
