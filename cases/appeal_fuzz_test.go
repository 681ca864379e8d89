package cases_test

import (
	"regexp"
	"testing"

	"github.com/vikno-city/vikno/cases"
)

var canonicalNumber = regexp.MustCompile(`^\d{4}-\d{6,9}$`)

func FuzzParseAppealNumber(f *testing.F) {
	for _, s := range []string{"2026-000123", "№ 2026/5", "2026 12", "", "2026-", "9999-999999999", "２０２６-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := cases.ParseAppealNumber(s)
		if !ok {
			return
		}
		if !canonicalNumber.MatchString(n) {
			t.Fatalf("ParseAppealNumber(%q) = %q, not canonical", s, n)
		}
		if again, ok := cases.ParseAppealNumber(n); !ok || again != n {
			t.Fatalf("ParseAppealNumber(%q) = %q, %v; not stable", n, again, ok)
		}
	})
}

func FuzzMatchCategories(f *testing.F) {
	city, err := demoCity()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"немає гарячої води", "під’їзд", "'''", "ц", "\xff\xfe", "а́"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := cases.MatchCategories(city, s, 3)
		if len(got) > 3 {
			t.Fatalf("%d categories for limit 3", len(got))
		}
		for _, c := range got {
			if _, _, ok := city.Category(c.ID); !ok {
				t.Fatalf("unknown category %q", c.ID)
			}
		}
	})
}

func BenchmarkMatchCategories(b *testing.B) {
	city, err := demoCity()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cases.MatchCategories(city, "Вже третій день немає гарячої води в усьому під’їзді, тече ледь тепла", 3)
	}
}
