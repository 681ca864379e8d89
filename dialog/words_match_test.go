package dialog

import (
	"strings"
	"testing"
)

func TestContainsWordsMatchesPaddedContains(t *testing.T) {
	texts := []string{"", "дякую", "дякую дуже", "дуже дякую вам", "ддякую", "дякуюю", "а а", "скасувати запис", "запис скасувати"}
	keys := []string{"дякую", "дуже дякую", "а", "скасувати", "запис", "ю", "дя"}
	for _, text := range texts {
		padded := " " + labelKey(text) + " "
		for _, k := range keys {
			want := strings.Contains(padded, " "+k+" ")
			if got := containsWords(padded, k); got != want {
				t.Errorf("containsWords(%q, %q) = %v, want %v", padded, k, got, want)
			}
		}
	}
}

func TestCatalogTextKeepsBoldRunsAndPlaceholders(t *testing.T) {
	c := NewCatalog()
	c.Add(UK, map[string]string{"a": "Номер *{n}*, {who}", "plain": "просто текст", "empty": ""})
	got := c.Text(UK, "a", "n", 42, "who", "Ви")
	want := Text{{Text: "Номер "}, {Text: "42", Bold: true}, {Text: ", Ви"}}
	if len(got) != len(want) {
		t.Fatalf("Text = %#v, want %#v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Text = %#v, want %#v", got, want)
		}
	}
	if s := c.String(UK, "plain"); s != "просто текст" {
		t.Errorf("String(plain) = %q", s)
	}
	if tx := c.Text(UK, "empty"); tx != nil {
		t.Errorf("Text(empty) = %#v, want nil", tx)
	}
}

func BenchmarkCatalogText(b *testing.B) {
	c := NewCatalog()
	c.Add(UK, map[string]string{"a": "У черзі *{n#people}*, ≈ {min} хв — дані {ago} хв тому", "plain": "Подати звернення"})
	c.AddNouns(UK, map[string][]string{"people": {"людина", "людини", "людей"}})
	for b.Loop() {
		_ = c.Text(UK, "a", "n", 5, "min", 20, "ago", 3)
		_ = c.String(UK, "plain")
	}
}
