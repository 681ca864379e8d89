package knowledge

import (
	"strings"
	"testing"
)

func FuzzParseArticle(f *testing.F) {
	seeds := []string{
		"---\nid: a\ntitle: T\n---\nbody\n",
		"---\nid: passport-fee\ntitle: Скільки?\nquestions:\n  - ціна\ntags: [a, b]\ncategory: C\nlocale: en\naction: queue\npublished: false\n---\n**x**\n",
		"---\nid: [a\n---\n",
		"---\n---\n",
		"---\nid: a\ntitle: T\nquestions: {a: b}\n---\n",
		"no front matter",
		"---\r\nid: a\r\ntitle: &x T\r\nquestions: [*x]\r\n---\r\n",
		"\ufeff---\nid: a\ntitle: \"\\xff\"\n---\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseArticle("f.md", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "vikno: invalid: f.md:") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if a.ID == "" || a.Title == "" || (a.Locale != LocaleUK && a.Locale != LocaleEN) {
			t.Fatalf("accepted invalid article %+v", a)
		}
		// What was accepted must survive a round trip.
		out, err := FormatArticle(a)
		if err != nil {
			t.Fatalf("FormatArticle: %v", err)
		}
		b, err := ParseArticle("f.md", out)
		if err != nil {
			t.Fatalf("round trip of %q failed: %v\n%s", data, err, out)
		}
		if b.ID != a.ID || b.Title != a.Title || b.Body != a.Body || b.Published != a.Published || len(b.Questions) != len(a.Questions) {
			t.Fatalf("round trip changed %+v into %+v", a, b)
		}
	})
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "ціна загранпаспорта", "+-:*~^()\"", "\xff", strings.Repeat("ы", 300)} {
		f.Add(s)
	}
	ix := mustTestIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(q, SearchOptions{Limit: 3})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(res.Hits) > 3 || res.Confidence < 0 || res.Confidence > 1 {
			t.Fatalf("Search(%q) = %v", q, res)
		}
		for i := 1; i < len(res.Hits); i++ {
			if res.Hits[i].Score > res.Hits[i-1].Score {
				t.Fatalf("Search(%q): hits out of order %v", q, res.Hits)
			}
		}
	})
}
