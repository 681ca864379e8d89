package analysis

import (
	"bytes"
	"strings"
	"testing"
)

// russianRules returns the rules of the embedded Russian list alone.
func russianRules(t *testing.T) []Rule {
	t.Helper()
	d := &Dictionary{}
	if err := d.Parse(bytes.NewReader(defaultRussian)); err != nil {
		t.Fatal(err)
	}
	return d.Rules()
}

func TestRussianListHasEachLeftPhraseOnce(t *testing.T) {
	a, err := New(&Dictionary{})
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]int{}
	for _, r := range russianRules(t) {
		for _, p := range r.Phrases {
			key := strings.Join(a.stems(p), " ")
			if line, ok := first[key]; ok && line != r.Line {
				t.Errorf("line %d: %q reads as %q, already mapped on line %d", r.Line, p, key, line)
				continue
			}
			first[key] = r.Line
		}
	}
}

func TestRussianListLeavesCommonUkrainianWordsAlone(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Ukrainian words of official texts whose stems some Russian words share:
	// надання (надо), чинний (чинить), час (часа), посада (посадить),
	// установа (установить), треба (требование), скоро (скорая), ряд
	// (рядом), рано (ранение), межі (межи), виплата (выплатить), перехід
	// (переход), починати (починить), аварійний (авария), знак, права,
	// укриття (украли), запах (запись), меню (менять), живлення (живу),
	// включено (include: включить), годувати and «20 год.» (год), бракує
	// and бракований (брак), город (a vegetable plot: город), дому (дом),
	// пральна машина (машина), пожати (пожениться, whose stem would be пож),
	// кришиться (крыша).
	words := "надання надати чинний час посада установа питання треба скоро ряд рано межах " +
		"виплата переходу починати аварійний знак права подання підстава жаль " +
		"укриття запах меню живлення включено годувати год бракує бракований город дому машина " +
		"пожати кришиться"
	for _, w := range strings.Fields(words) {
		want := a.stems(w)
		var got []string
		for _, tok := range a.Analyze([]byte(w)) {
			if tok.Type != SynonymType {
				got = append(got, string(tok.Term))
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q is rewritten to %v, want its own stem %v", w, got, want)
		}
	}
}

func TestRussianListMapsRequestsToUkrainian(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ ru, uk string }{
		{"шо нада", "що потрібно"},
		{"долг за квартиру", "заборгованість"},
		{"долго", "довго"},
		{"где можно пожениться", "де можна одружитися"},
		{"поженились", "одружилися"},
		{"шо робить", "що"},
		{"что мне делать", "що"},
		{"що таке осбб", "що осбб"},
		{"что такое осбб", "що осбб"},
		{"спилить дерево", "спиляти дерево"},
		{"пенсионное удостоверение", "пенсійне посвідчення"},
		{"воздушная тревога", "повітряна тривога"},
		{"повестка", "повістка"},
		{"счетчики", "лічильник"},
	}
	for _, tt := range tests {
		if got, want := terms(t, a, tt.ru), terms(t, a, tt.uk); got != want {
			t.Errorf("%q reads as %q, want %q like %q", tt.ru, got, want, tt.uk)
		}
	}
}
