package analysis

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// englishUkDictionary parses the embedded English→Ukrainian glossary alone.
func englishUkDictionary(t *testing.T) *Dictionary {
	t.Helper()
	d := &Dictionary{}
	if err := d.Parse(bytes.NewReader(defaultEnglishUk)); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEnglishGlossaryReadsEnglishQuestionsAsUkrainian(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []string // Ukrainian words whose stems must be among the terms
	}{
		{"How much is a monthly ticket?", []string{"скільки", "проїзний"}},
		{"Where can I get a birth certificate", []string{"де", "свідоцтво", "народження"}},
		{"The rubbish was not collected", []string{"сміття", "вивезення"}},
		{"family doctor declaration", []string{"сімейний", "лікар"}},
		{"lost and found", []string{"бюро", "знахідок"}},
		{"pothole on the pavement", []string{"яма", "тротуар"}},
		{"stray dogs near the playground", []string{"безпритульні", "дитячий", "майданчик"}},
		{"register a newborn", []string{"реєстрація", "народження"}},
		{"how long does the international passport take", []string{"як", "довго", "закордонний", "паспорт"}},
		{"where is the nearest shelter", []string{"де", "найближче", "укриття"}},
		{"radiators are cold again", []string{"немає", "опалення", "повторно"}},
		{"my neighbours flooded my flat", []string{"залиття", "квартири"}},
		{"how to pay the parking fine online", []string{"штраф", "паркування", "онлайн"}},
		{"kindergarten fees for a large family", []string{"батьківська", "оплата", "багатодітна", "сім'я"}},
		{"my son got a draft notice", []string{"син", "повістка"}},
		{"our house was damaged by shelling", []string{"будинок", "пошкодження", "обстріл"}},
		{"a broken curb near the crossroads", []string{"бортовий", "камінь", "біля", "перехрестя"}},
		{"ragweed and overgrown grass in the park", []string{"карантинні", "рослини", "покіс", "трави", "парк"}},
		{"top up a travel card", []string{"поповнити", "квиток"}},
		{"sign language interpreter at the water company", []string{"жестова", "мова", "водоканал"}},
		{"homeschooling in winter", []string{"сімейна", "форма", "навчання", "зима"}},
	}
	for _, tt := range tests {
		got := " " + terms(t, a, tt.in) + " "
		for _, w := range tt.want {
			stem := strings.Join(a.stems(w), " ")
			if !strings.Contains(got, " "+stem+" ") {
				t.Errorf("Analyze(%q) = %q, lacks %q (%s)", tt.in, strings.TrimSpace(got), w, stem)
			}
		}
	}
}

func TestEnglishGlossaryLeavesUkrainianWordsAlone(t *testing.T) {
	// Ukrainian words whose stems an English word could share once
	// transliterated (move → мов, state → стат, tax → такс, paper → папер,
	// deputy → деп of депо; elevator stays: елеватор, a grain store, is rare
	// in a city's messages and the English word is common).
	words := "мова стаття таксі папери міняти бік форма процес регіон портал армія лабораторія студент кіоск логін інформування сало вага рація лава депо"
	plain := &Dictionary{}
	for _, src := range [][]byte{defaultSynonyms, defaultRussian} {
		if err := plain.Parse(bytes.NewReader(src)); err != nil {
			t.Fatal(err)
		}
	}
	without, err := New(plain)
	if err != nil {
		t.Fatal(err)
	}
	with, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range strings.Fields(words) {
		if a, b := terms(t, without, w), terms(t, with, w); a != b {
			t.Errorf("the English glossary changes Ukrainian %q: %q → %q", w, a, b)
		}
	}
}

func TestEnglishGlossaryRulesAllTakeEffect(t *testing.T) {
	eng := englishUkDictionary(t)
	if n := len(eng.Rules()); n < 600 {
		t.Errorf("only %d rules", n)
	}
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	m := a.dict.m
	// Short English words are allowed only where no Ukrainian or
	// transliterated word shares the stem.
	shortOK := map[string]bool{"bus": true, "dog": true}
	lineOf := map[string]int{}
	for _, r := range eng.Rules() {
		to := strings.Join(a.stems(r.To), " ")
		for _, p := range r.Phrases {
			words := Tokenizer{}.Tokenize([]byte(Normalize(p)))
			stems := a.stems(p)
			if len(words) == 1 {
				w := string(words[0].Term)
				if len([]rune(w)) <= 3 && !shortOK[w] {
					t.Errorf("line %d: short English word %q", r.Line, w)
				}
				if old, ok := lineOf[w]; ok {
					t.Errorf("line %d: %q is already on line %d", r.Line, w, old)
				}
				lineOf[w] = r.Line
			}
			if len(stems) == 0 || (len(words) > 1 && len(stems) == 1) {
				t.Errorf("line %d: %q is lost to stop words (%v)", r.Line, p, stems)
				continue
			}
			mp, ok := m.mappingAt(tokensOf(stems), 0)
			if !ok || len(mp.from) != len(stems) || strings.Join(mp.to, " ") != to {
				t.Errorf("line %d: %q is read by another rule (%v => %v), not as %q", r.Line, p, mp.from, mp.to, r.To)
			}
		}
	}
}

func tokensOf(stems []string) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(stems))
	for i, s := range stems {
		ts[i] = &analysis.Token{Term: []byte(s)}
	}
	return ts
}
