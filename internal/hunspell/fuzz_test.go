package hunspell_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vikno-city/vikno/internal/hunspell"
)

// FuzzParse feeds garbage to the parser: it must fail or load, never panic,
// and a loaded dictionary must answer look-ups with valid words.
func FuzzParse(f *testing.F) {
	f.Add(smallAff, smallDic, "непаспорта")
	f.Add("FLAG long\nSFX Aa Y 1\nSFX Aa а у а\n", "1\nвода/AaBb\n", "воду")
	f.Add("FLAG num\nAF 1\nAF 1,2\nPFX 1 Y 1\nPFX 1 0 не [^а]\n", "x\nвода/1\nа\\/б/1", "невода")
	f.Add("SET KOI8-U\nSFX A Y 1\nSFX A \xc1 \xd5 \xc1\n", "\xd7\xcf\xc4\xc1/A\n", "воду")
	f.Add("SFX A Y 2\nSFX A 0 0 [\nSFX A Y 1", "/\n\\/\n", "")
	f.Fuzz(func(t *testing.T, aff, dic, word string) {
		d, err := hunspell.Parse(strings.NewReader(aff), strings.NewReader(dic))
		if err != nil {
			return
		}
		for _, s := range d.Stems(word) {
			if !utf8.ValidString(s) {
				t.Fatalf("Stems(%q) gave %q", word, s)
			}
		}
	})
}
