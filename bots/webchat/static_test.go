package webchat

import (
	"io/fs"
	"regexp"
	"testing"
)

// cyrillicQuote is an ASCII apostrophe or a modifier letter inside a
// Ukrainian word: residents' texts use ’ (зв’язок).
var cyrillicQuote = regexp.MustCompile(`\p{Cyrillic}['ʼ` + "`" + `]\p{Cyrillic}`)

// The page's own texts use the one apostrophe the catalogue uses.
func TestPageTextsUseOneApostrophe(t *testing.T) {
	err := fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, path)
		if err != nil {
			return err
		}
		for _, m := range cyrillicQuote.FindAll(data, -1) {
			t.Errorf("%s: %q, want ’", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
