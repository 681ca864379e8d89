package knowledge

import (
	"os"
	"strings"
	"testing"
)

// The city-council set is a held-out knowledge base: its residents' messages
// are written from titles.txt alone, so the titles there must be the
// articles' own and every article must load.
func TestCityCouncilKBLoadsAndTitlesMatchArticles(t *testing.T) {
	articles, err := LoadDir("testdata/citycouncil/kb")
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 40 {
		t.Fatalf("loaded %d articles, want 40", len(articles))
	}
	titles := map[string]string{}
	for _, a := range articles {
		titles[a.ID] = a.Title
		if n := len(strings.Fields(a.Body)); n < 120 || n > 350 {
			t.Errorf("%s: body has %d words, want 120-350", a.ID, n)
		}
	}
	data, err := os.ReadFile("testdata/citycouncil/titles.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(articles) {
		t.Fatalf("titles.txt has %d lines, want %d", len(lines), len(articles))
	}
	for i, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[2] == "" {
			t.Errorf("titles.txt:%d: want id<TAB>title<TAB>summary, got %q", i+1, line)
			continue
		}
		if title, ok := titles[f[0]]; !ok || title != f[1] {
			t.Errorf("titles.txt:%d: %s %q does not match an article (article title %q)", i+1, f[0], f[1], title)
		}
	}
}
