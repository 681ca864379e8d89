package analysis

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/registry"
)

// terms returns the analyzer's output as "word word +synonym".
func terms(t *testing.T, a *Analyzer, text string) string {
	t.Helper()
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		s := string(tok.Term)
		if tok.Type == SynonymType {
			s = "+" + s
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func mustAnalyzer(t *testing.T, rules string) *Analyzer {
	t.Helper()
	d := &Dictionary{}
	if err := d.Parse(strings.NewReader(rules)); err != nil {
		t.Fatal(err)
	}
	a, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAnalyzerAddsGroupTokenForEveryPhrase(t *testing.T) {
	a := mustAnalyzer(t, "гвп, гаряча вода, гаряче водопостачання\n")
	tests := []struct{ in, want string }{
		{"немає ГВП", "нем гвп"}, // the first phrase is the group's token
		{"немає гарячої води", "нем гаряч +гвп вод"},
		{"гаряче водопостачання", "гаряч +гвп водопостач"},
		{"холодна вода", "холодн вод"},
	}
	for _, tt := range tests {
		if got := terms(t, a, tt.in); got != tt.want {
			t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzerMapsRussianWordsOneWay(t *testing.T) {
	a := mustAnalyzer(t, "справка, справку => довідка\nкак => як\n")
	if got := terms(t, a, "как получить справку"); got != "як получ довідк" {
		t.Errorf("got %q", got)
	}
	if got := terms(t, a, "довідка"); got != "довідк" {
		t.Errorf("mapping is not one way: %q", got)
	}
}

func TestAnalyzerGroupMatchesMappedWords(t *testing.T) {
	a := mustAnalyzer(t, "горячая => гаряча\nгвп, гаряча вода\n")
	if got := terms(t, a, "нет горячей воды"); !strings.Contains(got, "+гвп") {
		t.Errorf("got %q, want the group token", got)
	}
}

func TestAnalyzerDropsStopWordsButKeepsQuestionWords(t *testing.T) {
	a := mustAnalyzer(t, "")
	got := terms(t, a, "Підкажіть, будь ласка, як і де можна не платити за це")
	if got != "як де можн не плат" {
		t.Errorf("got %q", got)
	}
	// prepositions of place: the place is the word that follows
	if got := terms(t, a, "ліфт застряг між поверхами"); got != "ліфт застряг поверх" {
		t.Errorf("got %q", got)
	}
	if got := terms(t, a, "лифт застрял между этажами"); strings.Contains(got, "між") || strings.Contains(got, "между") {
		t.Errorf("got %q", got)
	}
	// «хто такий» asks what a thing is: такий is a pronoun, not так
	if got := terms(t, a, "хто такий управитель"); got != "хто управител" {
		t.Errorf("got %q", got)
	}
}

func TestAnalyzerDropsEnglishStopWordsButNotTransliteratedUkrainian(t *testing.T) {
	a := mustAnalyzer(t, "schedule => графік\ngarbage => сміття")
	if got, want := terms(t, a, "Is there a schedule for the garbage, please?"), terms(t, a, "графік сміття"); got != want {
		t.Errorf("English question: got %q, want %q", got, want)
	}
	// the politeness and verbs of asking around a question are no topic:
	// «like» would otherwise read as ліки (medicines), «now» as новий
	if got, want := terms(t, a, "Sorry, I would like to know the garbage schedule now, thanks"), terms(t, a, "сміття графік"); got != want {
		t.Errorf("polite English question: got %q, want %q", got, want)
	}
	// transliterated Ukrainian keeps its words: vyvezennia is no English word
	if got := terms(t, a, "hrafik vyvezennia smittia"); len(strings.Fields(got)) != 3 {
		t.Errorf("transliterated Ukrainian lost words: %q", got)
	}
}

func TestAnalyzerReadsTransliterationAndRussian(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	uk := terms(t, a, "закордонний паспорт")
	for _, q := range []string{"zakordonnyi pasport", "заграничный паспорт", "загранпаспорт"} {
		if got := terms(t, a, q); !strings.Contains(got, "+закордон_паспорт") || !strings.Contains(uk, "+закордон_паспорт") {
			t.Errorf("Analyze(%q) = %q; Ukrainian gives %q", q, got, uk)
		}
	}
}

func TestAnalyzerIsRegisteredInBleve(t *testing.T) {
	cache := registry.NewCache()
	an, err := cache.AnalyzerNamed(Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(an.Analyze([]byte("паспорт"))) != 1 {
		t.Error("registered analyzer does not analyse")
	}
	for _, name := range []string{CharFilterName, TranslitFilterName, RussianFilterName, StemFilterName, DictionaryFilterName, StopFilterName, LetterFilterName} {
		if _, err := cache.TokenFilterNamed(name); err != nil {
			if _, err2 := cache.CharFilterNamed(name); err2 != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

func TestAddToIndexesWithEditorsDictionary(t *testing.T) {
	d := DefaultDictionary()
	if err := d.Parse(strings.NewReader("туя, дерево\n")); err != nil {
		t.Fatal(err)
	}
	m := bleve.NewIndexMapping()
	if err := AddTo(m, "uk", d, ""); err != nil {
		t.Fatal(err)
	}
	m.DefaultAnalyzer = "uk"
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index("a", map[string]any{"text": "Аварійне дерево може впасти"}); err != nil {
		t.Fatal(err)
	}
	q := bleve.NewMatchQuery("туя")
	q.Analyzer = "uk"
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil || res.Total != 1 {
		t.Errorf("total %v, err %v", res, err)
	}
}
