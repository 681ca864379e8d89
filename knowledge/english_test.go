package knowledge

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

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

// An English question asked of a knowledge base written in Ukrainian alone is
// read through the English glossary of the Ukrainian analyzer (here a few
// rules of its format, so that the test does not depend on the glossary's
// words): its English stop words are dropped, the rest read as Ukrainian.
func TestEnglishQuestionFindsAUkrainianArticle(t *testing.T) {
	d := analysis.DefaultDictionary()
	err := d.Parse(strings.NewReader("tree, trees => дерево\ncut down => видалення\npermit, permission => дозвіл\nneed => потрібно\nrubbish, garbage => сміття\nschedule, timetable => графік\n"))
	if err != nil {
		t.Fatal(err)
	}
	articles := []Article{
		{ID: "trees", Title: "Видалення аварійних дерев", Body: "Для видалення дерева на прибудинковій території потрібен дозвіл: заява подається до управління благоустрою, комісія оглядає дерево протягом 10 днів.", Published: true},
		{ID: "waste", Title: "Графік вивезення сміття", Body: "Контейнери біля багатоквартирних будинків спорожнюють щодня, у приватному секторі — за графіком раз на тиждень.", Published: true},
		{ID: "parking", Title: "Оплата паркування", Body: "Паркування в центрі платне з 8:00 до 20:00, оплата через застосунок або паркомат.", Published: true},
	}
	ix, err := NewIndex(articles, Options{Dictionary: d})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	for _, c := range []struct{ q, want string }{
		{"Do I need a permit to cut down a tree in front of my house?", "trees"},
		{"What is the garbage collection schedule?", "waste"},
	} {
		res := mustSearch(t, ix, c.q, SearchOptions{Locale: GuessLocale(c.q)})
		if len(res.Hits) == 0 || res.Hits[0].ID != c.want || res.Verdict == NoAnswer {
			t.Errorf("Search(%q) = %v, want %s answered", c.q, res, c.want)
		}
	}
	if res := mustSearch(t, ix, "Is the swimming pool open on Sunday?", SearchOptions{Locale: LocaleEN}); res.Verdict != NoAnswer {
		t.Errorf("a question of no article's topic was answered: %v", res)
	}
}
