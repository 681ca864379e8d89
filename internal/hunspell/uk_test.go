package hunspell_test

import (
	"slices"
	"testing"

	"github.com/vikno-city/vikno/internal/testenv"
)

// The Ukrainian dictionary of the machine (hunspell-uk), on real words.
func TestUkrainianWordFormsMeetTheirDictionaryWords(t *testing.T) {
	d := testenv.UkrainianDictionary(t)
	for _, c := range []struct{ form, want string }{
		{"іду", "іти"},
		{"йду", "йти"},
		{"воду", "вода"},
		{"довідки", "довідка"},
		{"довідок", "довідка"},
		{"дитину", "дитина"},
		{"паспорта", "паспорт"},
		{"отримати", "отримати"},
		{"отримає", "отримати"},
		{"отримання", "отримання"},
		{"отриманням", "отримання"},
		{"черзі", "черга"},
		{"субсидію", "субсидія"},
		{"Пенсії", "пенсія"},
	} {
		if got := d.Stems(c.form); !slices.Contains(got, c.want) {
			t.Errorf("Stems(%q) = %q, want %q among them", c.form, got, c.want)
		}
	}
}

// Forms the dictionary lists as words of their own: suppletive plurals
// (дітей is not traced to дитина) and the two verbs іти and йти.
func TestUkrainianSuppletiveFormsAreTheirOwnWords(t *testing.T) {
	d := testenv.UkrainianDictionary(t)
	for _, c := range []struct{ form, not string }{{"дітей", "дитина"}, {"іду", "йти"}} {
		got := d.Stems(c.form)
		if len(got) == 0 || slices.Contains(got, c.not) {
			t.Errorf("Stems(%q) = %q: want a word, and not %q", c.form, got, c.not)
		}
	}
}

func TestRussianAndSurzhykWordsAreNotUkrainianWords(t *testing.T) {
	d := testenv.UkrainianDictionary(t)
	for _, w := range []string{"справка", "получение", "заявление", "пособие", "паспортный", "свидетельство", "щас", "сколько"} {
		if got := d.Stems(w); got != nil {
			t.Errorf("Stems(%q) = %q, want none", w, got)
		}
	}
}

// BenchmarkStems looks up word forms in the Ukrainian dictionary: the first
// round of each form is a cold look-up (about 14 µs on the development
// machine), the rest come from the cache (about 20 ns).
func BenchmarkStems(b *testing.B) {
	d := testenv.UkrainianDictionary(b)
	words := []string{"виробництва", "зареєстрованих", "отримувати", "документів", "посвідчення", "якнайшвидше", "закордонного", "реєстрації", "справка"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Stems(words[i%len(words)])
	}
}
