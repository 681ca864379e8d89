package knowledge_test

import (
	"regexp"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno/knowledge"
)

func TestGroupUnansweredJoinsTheSameContentStems(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	qs := []knowledge.UnansweredQuery{
		{Query: "як зареєструвати собаку", Locale: "uk", Count: 3, LastAt: t0},
		{Query: "де зареєструвати собаку?", Locale: "uk", Count: 2, LastAt: t0.Add(time.Hour)},
		{Query: "зареєструвати собаку", Locale: "en", Count: 1, LastAt: t0},
		{Query: "графік вивозу сміття", Locale: "uk", Count: 4, LastAt: t0},
		{Query: "привіт", Locale: "uk", Count: 1, LastAt: t0},
	}
	gs := knowledge.GroupUnanswered(qs)
	if len(gs) != 4 {
		t.Fatalf("groups = %+v; want 4 (dog registration in uk joined)", gs)
	}
	dog := gs[0]
	if dog.Count != 5 || len(dog.Queries) != 2 || dog.Top().Query != "як зареєструвати собаку" || !dog.LastAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("first group = %+v; want the two uk dog questions, 5 asks, last at %v", dog, t0.Add(time.Hour))
	}
	if gs[1].Count != 4 || gs[1].Top().Query != "графік вивозу сміття" {
		t.Fatalf("second group = %+v", gs[1])
	}
	if gs[0].ID == gs[2].ID || gs[0].ID == "" {
		t.Fatal("group ids must differ by locale")
	}
}

func TestMaskDigitsHidesPhoneNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"мій номер +380 67 123-45-67 передзвоніть": "мій номер +••• •• •••-••-•• передзвоніть",
		"0671234567":                  "••••••••••",
		"будинок 15, квартира 7":      "будинок 15, квартира 7",
		"довідка форми 2025 року":     "довідка форми 2025 року",
		"ІПН 3012345678 як дізнатися": "ІПН •••••••••• як дізнатися",
	} {
		if got := knowledge.MaskDigits(in); got != want {
			t.Errorf("MaskDigits(%q) = %q, want %q", in, got, want)
		}
	}
	if got := knowledge.CleanQuestion("подзвоніть 067 123 45 67 щодо довідки"); got != "подзвоніть щодо довідки" {
		t.Errorf("CleanQuestion = %q", got)
	}
}

// FuzzMaskDigits: whatever a resident types, the masked text keeps its
// length in runes and shows no run of seven digits.
func FuzzMaskDigits(f *testing.F) {
	for _, s := range []string{"+380 67 123-45-67", "0671234567", "будинок 15", "1 2 3 4 5 6 7", "(067)1234567x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := knowledge.MaskDigits(s)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("MaskDigits(%q) = %q changes the length", s, got)
		}
		if m := sevenDigits.FindString(got); m != "" {
			t.Fatalf("MaskDigits(%q) = %q still shows %q", s, got, m)
		}
		knowledge.QuestionStems(s)
	})
}

var sevenDigits = regexp.MustCompile(`\+?\d(?:[\s\-.()]*\d){6,}`)

func TestQuestionStemsLeaveOutEnglishStopWords(t *testing.T) {
	a, b := knowledge.QuestionStems("Is there a playground in the park?"), knowledge.QuestionStems("playground park")
	if !slices.Equal(a, b) || len(b) != 2 {
		t.Errorf("QuestionStems: %q vs %q; an English question and its content words should group together", a, b)
	}
}
