package knowledge

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// mustTestIndex builds an index of the small test knowledge base.
func mustTestIndex(t testing.TB) *Index {
	t.Helper()
	articles, err := LoadDir("testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func mustSearch(t testing.TB, ix *Index, q string, opts SearchOptions) Result {
	t.Helper()
	res, err := ix.Search(q, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func TestSearchFindsArticleWhateverTheWording(t *testing.T) {
	ix := mustTestIndex(t)
	tests := []struct{ name, query, want string }{
		{"title words", "скільки коштує закордонний паспорт", "abroad-fee"},
		{"other forms of the words", "вартість закордонного паспорту", "abroad-fee"},
		{"synonym", "ціна загранпаспорта", "abroad-fee"},
		{"russian", "сколько стоит загранпаспорт", "abroad-fee"},
		{"latin transliteration", "zakordonnyi pasport tsina", "abroad-fee"},
		{"typo of a long word", "скільки коштує закордоний паспрот", "abroad-fee"},
		{"abbreviation", "немає ГВП", "hot-water-outage"},
		{"russian abbreviation words", "нет горячей воды", "hot-water-outage"},
		{"surzhyk", "лифт не работает", "lift-broken"},
		{"colloquial synonym", "прописка", "residence-register"},
		{"apostrophe variants", "довідка про склад сімʼї", "residence-extract"},
		{"no apostrophe", "довідка про склад сімї", "residence-extract"},
		{"stress mark", "графі́к робо́ти ЦНАП", "cnap-hours"},
		{"abbreviation of a phrase", "записати дитину в ДНЗ", "kindergarten-queue"},
		{"lost id card", "загубила айді картку", "id-card-lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.query, SearchOptions{})
			if len(res.Hits) == 0 || res.Hits[0].ID != tt.want || res.Verdict == NoAnswer {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, res, tt.want)
			}
		})
	}
}

func TestSearchSaysNoAnswerOutsideTheKnowledgeBase(t *testing.T) {
	ix := mustTestIndex(t)
	for _, q := range []string{"рецепт борщу", "курс долара", "погода на завтра", "", "   ", "!!!", "як"} {
		if res := mustSearch(t, ix, q, SearchOptions{}); res.Verdict != NoAnswer {
			t.Errorf("Search(%q) = %v, want NoAnswer", q, res)
		}
	}
}

func TestSearchReturnsOnlyPublishedArticlesOfTheLocale(t *testing.T) {
	ix := mustTestIndex(t)
	res := mustSearch(t, ix, "скільки коштує закордонний паспорт у 2030 році", SearchOptions{Limit: 20})
	for _, h := range res.Hits {
		if h.ID == "draft-article" || h.ID == "abroad-fee-en" {
			t.Errorf("hit %s: unpublished or English article in a Ukrainian search", h.ID)
		}
	}
	en := mustSearch(t, ix, "how much is a travel passport", SearchOptions{Locale: LocaleEN})
	if len(en.Hits) == 0 || en.Hits[0].ID != "abroad-fee-en" || en.Locale != LocaleEN {
		t.Errorf("English search = %v, want abroad-fee-en", en)
	}
}

func TestSearchFallsBackToUkrainianWhenNothingInEnglish(t *testing.T) {
	ix := mustTestIndex(t)
	res := mustSearch(t, ix, "субсидія", SearchOptions{Locale: LocaleEN})
	if res.Locale != LocaleUK || len(res.Hits) == 0 || res.Hits[0].ID != "subsidy-apply" {
		t.Errorf("got %v, want the Ukrainian subsidy article", res)
	}
}

func TestSearchNeverFailsOnHostileInput(t *testing.T) {
	ix := mustTestIndex(t)
	queries := []string{
		"",
		strings.Repeat("паспорт ", 100*1024/14),
		strings.Repeat("x", 100*1024),
		`+паспорт -ціна title:"закордонний" ціна~2 пас* (a OR b) ^3 \ / [] {} && || !`,
		"\xff\xfe\xfd паспорт \xc3\x28",
		"\u0301\u00ad\u200b",
		"паспорт\x00ціна",
		strings.Repeat("а", 10000),
		"1234567890 0 00 000",
	}
	for _, q := range queries {
		res, err := ix.Search(q, SearchOptions{Limit: 3})
		if err != nil {
			t.Errorf("Search(%.40q): %v", q, err)
		}
		if len(res.Hits) > 3 {
			t.Errorf("Search(%.40q): %d hits, limit 3", q, len(res.Hits))
		}
	}
}

func TestSearchOrdersEqualScoresByID(t *testing.T) {
	articles := []Article{
		{ID: "c-twin", Title: "Як отримати довідку про доходи?", Published: true},
		{ID: "a-twin", Title: "Як отримати довідку про доходи?", Published: true},
		{ID: "b-twin", Title: "Як отримати довідку про доходи?", Published: true},
	}
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i := 0; i < 20; i++ {
		res := mustSearch(t, ix, "довідка про доходи", SearchOptions{})
		got := hitIDs(res)
		if strings.Join(got, ",") != "a-twin,b-twin,c-twin" {
			t.Fatalf("run %d: hits %v, want a-twin,b-twin,c-twin", i, got)
		}
		if res.Verdict != Ambiguous {
			t.Errorf("verdict %s, want ambiguous for three equal hits", res.Verdict)
		}
	}
}

func TestSearchRankingIsStableAcrossRuns(t *testing.T) {
	ix := mustTestIndex(t)
	queries := []string{"закордоний паспрот", "що треба для паспорта", "немає води", "як оформити"}
	for _, q := range queries {
		first := fmt.Sprint(mustSearch(t, ix, q, SearchOptions{Limit: 10}))
		for i := 0; i < 10; i++ {
			if got := fmt.Sprint(mustSearch(t, ix, q, SearchOptions{Limit: 10})); got != first {
				t.Fatalf("Search(%q) changed between runs:\n%s\n%s", q, first, got)
			}
		}
	}
}

// In the test knowledge base abroad-documents has ten alternative questions
// full of the words of passport queries, the other passport articles none.
func TestSearchDoesNotFavourArticlesWithMoreQuestions(t *testing.T) {
	ix := mustTestIndex(t)
	tests := []struct{ query, want string }{
		{"скільки коштує закордонний паспорт", "abroad-fee"},
		{"за скільки днів виготовляють закордонний паспорт", "abroad-term"},
		{"які документи потрібні для оформлення закордонного паспорта", "abroad-documents"},
		{"документи на закордонник", "abroad-documents"},
	}
	for _, tt := range tests {
		if res := mustSearch(t, ix, tt.query, SearchOptions{}); len(res.Hits) == 0 || res.Hits[0].ID != tt.want {
			t.Errorf("Search(%q) = %v, want %s first", tt.query, hitIDs(res), tt.want)
		}
	}
}

func TestFuzzinessCountsLettersNotBytes(t *testing.T) {
	tests := []struct {
		letters, want int
	}{{3, 0}, {4, 0}, {5, 1}, {7, 1}, {8, 2}, {20, 2}}
	for _, tt := range tests {
		if got := fuzziness(tt.letters); got != tt.want {
			t.Errorf("fuzziness(%d) = %d, want %d", tt.letters, got, tt.want)
		}
	}
	// "паспрот" is 7 letters but 14 bytes: one edit (a transposition) is
	// allowed, which is enough.
	ix := mustTestIndex(t)
	if res := mustSearch(t, ix, "паспрот закордоний", SearchOptions{}); len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].ID, "abroad-") {
		t.Errorf("typo query found %v", hitIDs(res))
	}
	// A short word is not corrected: "жек" must not become anything else.
	if res := mustSearch(t, ix, "дек", SearchOptions{}); len(res.Hits) != 0 {
		t.Errorf("3-letter unknown word found %v", hitIDs(res))
	}
}

func TestUpsertAndDeleteChangeSearchAtOnce(t *testing.T) {
	ix := mustTestIndex(t)
	a := Article{ID: "bulky-waste", Title: "Куди викинути старий диван?", Body: "Великогабаритні відходи вивозять за заявкою.", Published: true}
	if err := ix.Upsert(a); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, "викинути диван", SearchOptions{}); len(res.Hits) == 0 || res.Hits[0].ID != "bulky-waste" {
		t.Fatalf("after Upsert: %v", hitIDs(res))
	}
	a.Title = "Куди подіти стару шафу?"
	if err := ix.Upsert(a); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, "стара шафа", SearchOptions{}); len(res.Hits) == 0 || res.Hits[0].ID != "bulky-waste" {
		t.Fatalf("after second Upsert: %v", hitIDs(res))
	}
	a.Published = false
	if err := ix.Upsert(a); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, "стара шафа", SearchOptions{}); containsHit(res, "bulky-waste") {
		t.Fatalf("unpublished article still found: %v", hitIDs(res))
	}
	if err := ix.Delete("bulky-waste"); err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.Article("bulky-waste"); ok {
		t.Error("deleted article still there")
	}
	if err := ix.Delete("never-existed"); err != nil {
		t.Errorf("Delete of unknown id: %v", err)
	}
}

func TestUpsertMovesArticleBetweenLocales(t *testing.T) {
	ix := mustTestIndex(t)
	a := Article{ID: "subsidy-apply", Title: "How do I apply for a housing subsidy?", Locale: LocaleEN, Published: true}
	if err := ix.Upsert(a); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, "житлова субсидія", SearchOptions{}); containsHit(res, "subsidy-apply") {
		t.Errorf("article still found in Ukrainian: %v", hitIDs(res))
	}
	if res := mustSearch(t, ix, "housing subsidy", SearchOptions{Locale: LocaleEN}); !containsHit(res, "subsidy-apply") {
		t.Errorf("article not found in English: %v", hitIDs(res))
	}
}

func TestNewIndexAndUpsertRejectInvalidArticles(t *testing.T) {
	tests := []struct {
		name     string
		articles []Article
	}{
		{"duplicate id", []Article{{ID: "a", Title: "A"}, {ID: "a", Title: "B"}}},
		{"bad id", []Article{{ID: "A B", Title: "A"}}},
		{"no title", []Article{{ID: "a"}}},
		{"bad locale", []Article{{ID: "a", Title: "A", Locale: "ru"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewIndex(tt.articles, Options{}); err == nil {
				t.Error("NewIndex: no error")
			}
		})
	}
	ix := mustTestIndex(t)
	if err := ix.Upsert(Article{ID: "bad id", Title: "x"}); err == nil {
		t.Error("Upsert: no error for a bad id")
	}
	if _, err := NewIndex(nil, Options{Scoring: "magic"}); err == nil {
		t.Error("NewIndex: no error for an unknown scoring model")
	}
}

func TestSearchIsSafeWhileArticlesChange(t *testing.T) {
	ix := mustTestIndex(t)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if _, err := ix.Search("скільки коштує закордонний паспорт", SearchOptions{}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 50; i++ {
			a := Article{ID: fmt.Sprintf("tmp-%d", i%5), Title: "Скільки коштує тимчасовий паспорт?", Published: i%3 != 0}
			if err := ix.Upsert(a); err != nil {
				t.Error(err)
				return
			}
			if i%7 == 0 {
				if err := ix.Delete(a.ID); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	wg.Wait()
}

func TestCustomDictionaryExtendsSynonyms(t *testing.T) {
	articles := []Article{{ID: "tree", Title: "Аварійне дерево може впасти", Published: true}}
	opts := Options{Dictionary: nil}
	ix, _ := NewIndex(articles, opts)
	defer ix.Close()
	if res := mustSearch(t, ix, "всохла туя", SearchOptions{}); containsHit(res, "tree") {
		t.Fatalf("found before the rule was added: %v", hitIDs(res))
	}
	d := defaultDictionaryWith(t, "туя, дерево")
	ix2, err := NewIndex(articles, Options{Dictionary: d})
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if res := mustSearch(t, ix2, "всохла туя", SearchOptions{}); !containsHit(res, "tree") {
		t.Errorf("not found with the editor's rule: %v", hitIDs(res))
	}
}

func TestOwnEvalSetPasses(t *testing.T) {
	f, err := os.Open("testdata/kb-eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	queries, err := ParseQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := LoadDir("testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep, err := RunEval(&out, articles, queries, EvalOptions{Verbose: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Top1 < 1 || rep.NoAnswer < 1 {
		t.Errorf("own eval set:\n%s", out.String())
	}
}

func hitIDs(res Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func containsHit(res Result, id string) bool {
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

func defaultDictionaryWith(t *testing.T, rules string) *analysis.Dictionary {
	t.Helper()
	d := analysis.DefaultDictionary()
	if err := d.Parse(strings.NewReader(rules)); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSearchReadsMessagesAsResidentsWriteThem(t *testing.T) {
	articles, err := LoadDir("demokb/articles")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct{ name, query, want string }{
		{"english, latin letters", "no hot water", "hot-water-outage-en"},
		{"transliterated ukrainian", "nemaie hariachoi vody", "hot-water-outage"},
		{"greeting, thanks and a story", "Добрий день! Вчора ввечері у нас вдома зникла гаряча вода, сусіди теж без неї. Підкажіть, будь ласка, куди звертатися? Дякую!", "hot-water-outage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.query, SearchOptions{Locale: GuessLocale(tt.query)})
			if len(res.Hits) == 0 || res.Hits[0].ID != tt.want || res.Verdict == NoAnswer {
				t.Errorf("Search(%q) = %v %v, want %s first", tt.query, res.Verdict, hitIDs(res), tt.want)
			}
		})
	}
}

func TestSmallTalkIsNoQuestion(t *testing.T) {
	ix := mustTestIndex(t)
	for _, q := range []string{"привіт", "дякую", "добрий день", "дякую, до побачення"} {
		if res := mustSearch(t, ix, q, SearchOptions{}); res.Verdict != NoAnswer {
			t.Errorf("Search(%q) = %v, want NoAnswer", q, res)
		}
	}
}
