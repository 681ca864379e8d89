package knowledge

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWriteSearchPrintsRankedHitsAndVerdict(t *testing.T) {
	res := Result{Hits: []Hit{{ID: "a", Title: "Перше?", Score: 2.5}, {ID: "b", Title: "Друге?", Score: 1}}, Verdict: Confident, Confidence: 0.8, Coverage: 1, Locale: "uk"}
	var b strings.Builder
	if err := WriteSearch(&b, "q", res, false); err != nil {
		t.Fatal(err)
	}
	want := "1. 2.5000  a  Перше?\n2. 1.0000  b  Друге?\nverdict=confident confidence=0.800 coverage=1.000 locale=uk\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteSearchJSONRoundTrips(t *testing.T) {
	ix := mustTestIndex(t)
	res := mustSearch(t, ix, "ціна загранпаспорта", SearchOptions{})
	var b strings.Builder
	if err := WriteSearch(&b, "ціна загранпаспорта", res, true); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Query   string `json:"query"`
		Verdict string `json:"verdict"`
		Hits    []Hit  `json:"hits"`
	}
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatalf("%v in %s", err, b.String())
	}
	if got.Query != "ціна загранпаспорта" || got.Verdict != res.Verdict.String() || len(got.Hits) != len(res.Hits) || got.Hits[0].ID != "abroad-fee" {
		t.Errorf("got %+v from %s", got, b.String())
	}
}

func TestWriteSearchJSONHasEmptyHitsListForNoAnswer(t *testing.T) {
	var b strings.Builder
	if err := WriteSearch(&b, "x", Result{}, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"hits": []`) || !strings.Contains(b.String(), `"verdict": "no_answer"`) {
		t.Errorf("got %s", b.String())
	}
}
