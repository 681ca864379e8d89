package dialog

import (
	"strings"
	"testing"
	"time"
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

// Every pair of today's weekday and the weekday named: a plain weekday is
// one to seven days ahead («у п’ятницю» on a Friday is the next one), «цей»
// is this week's from today on, «наступний» is the one of the next week
// (Monday to Sunday), so on a Monday «наступний вівторок» is eight days
// ahead and on a Sunday «наступний понеділок» is tomorrow.
func TestWeekdayAheadForEveryPair(t *testing.T) {
	for today := time.Sunday; today <= time.Saturday; today++ {
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			monFirst := func(d time.Weekday) int { return (int(d) + 6) % 7 }
			plain, this, next := weekdayAhead(today, wd, weekdayPlain), weekdayAhead(today, wd, weekdayThis), weekdayAhead(today, wd, weekdayNext)
			if plain < 1 || plain > 7 || time.Weekday((int(today)+plain)%7) != wd {
				t.Errorf("today %v, %v: plain %d days ahead", today, wd, plain)
			}
			if this < 0 || this > 6 || time.Weekday((int(today)+this)%7) != wd {
				t.Errorf("today %v, %v: this %d days ahead", today, wd, this)
			}
			if want := 7 - monFirst(today) + monFirst(wd); next != want {
				t.Errorf("today %v, «наступний» %v: %d days ahead, want %d", today, wd, next, want)
			}
		}
	}
	if got := weekdayAhead(time.Monday, time.Tuesday, weekdayNext); got != 8 {
		t.Errorf("Monday, «наступний вівторок»: %d days ahead, want 8", got)
	}
	if got := weekdayAhead(time.Sunday, time.Monday, weekdayNext); got != 1 {
		t.Errorf("Sunday, «наступний понеділок»: %d days ahead, want 1", got)
	}
}

// fromLatin writes the Latin words of a question in Cyrillic and leaves
// the Cyrillic ones as they are written; an English sentence is left alone.
func TestFromLatinTransliteratesOnlyLatinWords(t *testing.T) {
	for in, want := range map[string]string{
		"nemaie vody na Sykhovi":                    "немає води на Сихові",
		"немає води на вул. ЗЕЛЕНІЙ, Sykhiv":        "немає води на вул. ЗЕЛЕНІЙ, Сихів",
		"no water in Sykhiv, when will it be back?": "no water in Sykhiv, when will it be back?",
		"коли дадуть воду":                          "коли дадуть воду",
	} {
		if got := fromLatin(in); got != want {
			t.Errorf("fromLatin(%q) = %q, want %q", in, got, want)
		}
	}
}
