package knowledge

import (
	"testing"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

func TestInitialUAndVAreOneLetterForAWordTheKnowledgeBaseLacks(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"bite", "Мене укусив собака. Що робити?", "Після укусу зверніться до травмпункту."},
		[3]string{"teacher", "Як стати учителем?", "Учитель потрібен у школі."},
		[3]string{"gym", "Вправа для спини", "Вправа на турніку."},
		[3]string{"office", "Управа району", "Управа приймає щодня."})
	for _, c := range []struct{ q, want string }{
		{"вкусив", "укус"},    // в for у: the same word
		{"вкусила", "укус"},   // in another form
		{"вчителі", "учител"}, // and the other way round
		{"вправа", "вправ"},   // a word the knowledge base holds keeps itself,
		{"управа", "управ"},   // as both do
		{"укол", "укол"},      // a word held in neither spelling stays as it is
	} {
		if got := unitTerms(t, ix, c.q); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: units %v, want [%s]", c.q, got, c.want)
		}
	}
}

// altTerms returns the terms that count as the one unit of q.
func altTerms(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	_, units := evidenceFor(t, ix, q)
	if len(units) != 1 {
		t.Fatalf("%s: units %+v, want one", q, units)
	}
	var out []string
	for _, a := range units[0].alts {
		out = append(out, a.term)
	}
	return out
}

func TestAWordTheKnowledgeBaseLacksMeetsItsRootWithoutAPrefixOrSuffix(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"register", "Реєстрація місця проживання", "Реєстрація в ЦНАП."},
		[3]string{"emergency", "Аварійна служба міста", "Аварійна бригада виїжджає цілодобово."},
		[3]string{"fee", "Плата за послугу", "Плата вноситься в банку."})
	for _, c := range []struct {
		q    string
		want string
		has  bool
	}{
		{"зареєструвати", "реєстрац", true}, // за- changes the aspect, not the subject
		{"перереєстрація", "реєстрац", true},
		{"аварійка", "аварійн", true}, // аварійка for аварійна служба
		{"оплату", "плат", false},     // о- would leave a root of four letters: too short to tell
		{"задача", "дач", false},
	} {
		if got := altTerms(t, ix, c.q); contains(got, c.want) != c.has {
			t.Errorf("%s counts as %v; want %s among them: %v", c.q, got, c.want, c.has)
		}
	}
}

func TestAWordTheKnowledgeBaseLacksMeetsItsFormsWithAPrefix(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"register", "Як зареєструвати місце проживання?", "Зареєструвати можна в ЦНАП."},
		[3]string{"rate", "Ставка податку", "Ставка на рік."},
		[3]string{"delivery", "Доставка пенсії", "Доставка додому."})
	if got := altTerms(t, ix, "реєстрація"); !contains(got, "зареєстр") {
		t.Errorf("реєстрація counts as %v, want зареєстр (зареєструвати) among them", got)
	}
	if got := altTerms(t, ix, "ставки"); contains(got, "доставк") {
		t.Errorf("ставки counts as %v: a word the knowledge base holds keeps its own meaning", got)
	}
}

func TestAMisspeltDictionaryWordIsReadAsTheDictionaryWord(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"cert", "Довідка 086/о для вступу", "Довідку видає сімейний лікар."},
		[3]string{"shop", "Торгівля на ринку", "Місце на ринку надає адміністрація."})
	if got := unitTerms(t, ix, "спарвка"); len(got) != 1 || got[0] != "довідк" {
		t.Errorf("спарвка: units %v, want [довідк] (справка misspelt)", got)
	}
	for _, q := range []string{"продавець", "скажу"} {
		for _, a := range altTerms(t, ix, q) {
			if analysis.Stem(q) != a {
				t.Errorf("%s counts as %s: a real word, not a misspelling of a dictionary word", q, a)
			}
		}
	}
}
