package knowledge

import "testing"

func TestEnglishQueryFindsTheOtherWordOfASynonymGroup(t *testing.T) {
	articles := []Article{
		{ID: "waste", Title: "When is garbage collected?", Body: "Garbage trucks come every Tuesday.", Locale: LocaleEN, Published: true},
		{ID: "roads", Title: "A broken sidewalk", Body: "Report a broken sidewalk to the city.", Locale: LocaleEN, Published: true},
		{ID: "parks", Title: "Opening hours of parks", Body: "Parks are open every day.", Locale: LocaleEN, Published: true},
	}
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	for _, c := range []struct{ q, want string }{
		{"rubbish", "waste"},
		{"pavement", "roads"},
	} {
		res := mustSearch(t, ix, c.q, SearchOptions{Locale: LocaleEN})
		if len(res.Hits) == 0 || res.Hits[0].ID != c.want || res.Verdict == NoAnswer {
			t.Errorf("Search(%q) = %v, want %s first", c.q, res, c.want)
		}
	}
	if res := mustSearch(t, ix, "fence", SearchOptions{Locale: LocaleEN}); res.Verdict != NoAnswer {
		t.Errorf("Search(fence) = %v: no article or group holds fence, yet found", res)
	}
}
