package admin

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every text key the code and the templates name literally exists in
// Ukrainian and in English: a missing key would show the key itself to
// staff («dash_executors_note»).
func TestEveryNamedTextExistsInBothLanguages(t *testing.T) {
	uses := []*regexp.Regexp{
		regexp.MustCompile(`\btr\([^,()]+(?:\([^()]*\))?,\s*"([a-z0-9_]+)"\s*[),]`),
		regexp.MustCompile(`\bt \$?\.Lang "([a-z0-9_]+)"`),
		regexp.MustCompile(`\bplural\([^,()]+,\s*"([a-z0-9_]+)"\s*[),]`),
	}
	files, _ := filepath.Glob("*.go")
	tmpl, _ := filepath.Glob("templates/*.html")
	seen := 0
	for _, f := range append(files, tmpl...) {
		if filepath.Ext(f) == ".go" && len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range uses {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				for _, l := range []string{"uk", "en"} {
					if _, ok := texts[l][m[1]]; !ok {
						t.Errorf("%s: text %q has no %s version", f, m[1], l)
					}
				}
			}
		}
	}
	if seen < 50 {
		t.Fatalf("found only %d uses of text keys; the patterns no longer match the code", seen)
	}
}

// Ukrainian texts write the apostrophe as ’ (U+2019), as the bot's
// catalogue does: «обов’язковий», «Ім’я», not a typewriter ' or ʼ.
func TestUkrainianTextsUseTheTypographicApostrophe(t *testing.T) {
	wrong := regexp.MustCompile(`\p{Cyrillic}['ʼ` + "`" + `]\p{Cyrillic}`)
	for key, s := range texts["uk"] {
		if m := wrong.FindString(s); m != "" {
			t.Errorf("uk %s: %q in %q", key, m, s)
		}
	}
	if len(texts["uk"]) < 100 {
		t.Fatalf("only %d Ukrainian texts", len(texts["uk"]))
	}
}
