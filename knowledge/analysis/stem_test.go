package analysis

import "testing"

func TestStemConflatesWordForms(t *testing.T) {
	groups := [][]string{
		{"паспорт", "паспорта", "паспортом", "паспорти", "паспортів", "паспорту"},
		{"довідка", "довідки", "довідок", "довідку", "довідкою", "довідками"},
		{"реєстрація", "реєстрації", "реєстрацію", "реєстрацією", "реєстрацій"},
		{"субсидія", "субсидії", "субсидію", "субсидією", "субсидій"},
		{"оформити", "оформлення", "оформлений", "оформлена", "оформивши", "оформить"},
		{"отримати", "отримання", "отримав", "отримую", "отримала"},
		{"закордонний", "закордонного", "закордонним", "закордонному"},
		{"посвідчення", "посвідчити"},
		{"заява", "заяви", "заяву", "заявою", "заяв"},
		{"садочок", "садочка", "садочку"},
		{"коштує", "коштувати", "коштують"},
		{"вартість", "вартості"},
		{"записатися", "записати"},
		{"працює", "працюють", "працювати"},
		{"виконавець", "виконавця", "виконавцем"},
		{"народження", "народити"},
		{"замовлення", "замовити"},
		{"цнап", "цнапу", "цнапі"},
		{"оформление", "оформления"},
		{"субсидия", "субсидии", "субсидію"},
	}
	for _, g := range groups {
		want := Stem(g[0])
		for _, w := range g[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q like Stem(%q)", w, got, want, g[0])
			}
		}
	}
}

func TestStemKeepsDistinctWordsApart(t *testing.T) {
	pairs := [][2]string{
		{"паспорт", "пенсія"},
		{"довідка", "дитина"},
		{"вода", "водій"},
		{"надо", "надання"},
		{"нада", "надати"},
		{"долго", "долг"},
		{"погода", "погодити"},
		{"погоду", "погодження"},
		{"пожениться", "пожати"},
		{"кришиться", "криша"},
	}
	for _, p := range pairs {
		if Stem(p[0]) == Stem(p[1]) {
			t.Errorf("Stem(%q) == Stem(%q) == %q", p[0], p[1], Stem(p[0]))
		}
	}
}

func TestStemLeavesShortAndForeignWords(t *testing.T) {
	for _, w := range []string{"як", "де", "цо", "днз", "pdf", "2024", "qr-код", ""} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want unchanged", w, got)
		}
	}
}

func TestStemKeepsNounsThatLookLikeVerbs(t *testing.T) {
	tests := []struct{ a, b string }{
		{"виплата", "виплати"},
		{"маршрут", "маршрути"},
		{"режим", "режиму"},
		{"держава", "держав"},
		{"диплом", "диплома"},
	}
	for _, tt := range tests {
		if Stem(tt.a) != Stem(tt.b) {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q, want equal", tt.a, Stem(tt.a), tt.b, Stem(tt.b))
		}
	}
}

func TestInflectedTellsWordFormsFromTypos(t *testing.T) {
	for word, want := range map[string]bool{
		"поставити":   true,
		"розмістити":  true,
		"руках":       true,
		"будивництва": false, // one-letter ending: could be a typo
		"зараз":       false,
		"fop":         false,
	} {
		if got := Inflected(word); got != want {
			t.Errorf("Inflected(%q) = %v, want %v", word, got, want)
		}
	}
}
