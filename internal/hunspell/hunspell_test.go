package hunspell_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/internal/hunspell"
)

// A small dictionary in the shape of uk_UA: suffixes with conditions, one
// prefix that combines with them, a flag on a word listed twice.
const smallAff = `SET UTF-8
# nouns of the first declension
SFX A Y 4
SFX A а у а
SFX A а и [^жчшщ]а
SFX A а і [жчшщ]а
SFX A ка ці ка
SFX B Y 1
SFX B 0 а [^аеиоуяь]
PFX P Y 1
PFX P 0 не .
IGNORE ́
`

const smallDic = `4
вода/A
довідка/A
паспорт/B
паспорт/P
`

func mustParse(t *testing.T, aff, dic string) *hunspell.Dictionary {
	t.Helper()
	d, err := hunspell.Parse(strings.NewReader(aff), strings.NewReader(dic))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

func TestAWordFormIsTracedToTheDictionaryWordItComesFrom(t *testing.T) {
	d := mustParse(t, smallAff, smallDic)
	for _, c := range []struct {
		form string
		want []string
	}{
		{"вода", []string{"вода"}},
		{"воду", []string{"вода"}},
		{"води", []string{"вода"}},
		{"ВОДУ", []string{"вода"}},       // case does not matter
		{"во́ду", []string{"вода"}},      // nor the ignored stress mark
		{"довідці", []string{"довідка"}}, // the strip is put back
		{"паспорта", []string{"паспорт"}},
		{"непаспорт", []string{"паспорт"}},  // prefix
		{"непаспорта", []string{"паспорт"}}, // prefix and suffix, flags of both listings joined
		{"воді", nil},                       // the condition [жчшщ]а does not hold
		{"паспортa", nil},                   // a Latin a
		{"справка", nil},
		{"", nil},
	} {
		if got := d.Stems(c.form); !slices.Equal(got, c.want) {
			t.Errorf("Stems(%q) = %q, want %q", c.form, got, c.want)
		}
	}
	if d.Len() != 3 {
		t.Errorf("Len = %d, want 3", d.Len())
	}
}

func TestFlagTypesAliasesAndSpecialFlagsAreRead(t *testing.T) {
	const u8 = "SET UTF-8\n"
	for _, c := range []struct {
		name     string
		aff, dic string
		form     string
		want     []string
	}{
		{"long", u8 + "FLAG long\nSFX Aa Y 1\nSFX Aa а у а\n", "1\nвода/AaBb\n", "воду", []string{"вода"}},
		{"num", u8 + "FLAG num\nSFX 101 Y 1\nSFX 101 а у а\n", "1\nвода/7,101\n", "воду", []string{"вода"}},
		{"utf-8", "SET UTF-8\nFLAG UTF-8\nSFX Ж Y 1\nSFX Ж а у а\n", "1\nвода/Ж\n", "воду", []string{"вода"}},
		{"alias", u8 + "AF 2\nAF B\nAF AB\nSFX A Y 1\nSFX A а у а\n", "1\nвода/2\n", "воду", []string{"вода"}},
		{"needaffix alone", u8 + "NEEDAFFIX X\nSFX A Y 1\nSFX A а у а\n", "1\nвода/AX\n", "вода", nil},
		{"needaffix form", u8 + "NEEDAFFIX X\nSFX A Y 1\nSFX A а у а\n", "1\nвода/AX\n", "воду", []string{"вода"}},
		{"forbidden", u8 + "FORBIDDENWORD F\nSFX A Y 1\nSFX A а у а\n", "1\nвода/AF\n", "воду", nil},
		{"no cross product", u8 + "SFX A N 1\nSFX A а у а\nPFX P Y 1\nPFX P 0 не .\n", "1\nвода/AP\n", "неводу", nil},
		{"koi8-u", "SET KOI8-U\nSFX A Y 1\nSFX A \xc1 \xd5 \xc1\n", "1\n\xd7\xcf\xc4\xc1/A\n", "воду", []string{"вода"}},
	} {
		d := mustParse(t, c.aff, c.dic)
		if got := d.Stems(c.form); !slices.Equal(got, c.want) {
			t.Errorf("%s: Stems(%q) = %q, want %q", c.name, c.form, got, c.want)
		}
	}
}

func TestMalformedDictionariesAreRefused(t *testing.T) {
	for _, c := range []struct{ name, aff, dic string }{
		{"unknown flag type", "FLAG wide\n", "1\nвода\n"},
		{"odd long flag", "FLAG long\n", "1\nвода/A\n"},
		{"bad number", "FLAG num\n", "1\nвода/x\n"},
		{"alias out of range", "AF 1\nAF A\n", "1\nвода/3\n"},
		{"affix header", "SFX A Y many\n", ""},
		{"unclosed condition", "SFX A Y 1\nSFX A а у [ая\n", ""},
		{"unknown encoding", "SET KLINGON\n", ""},
		{"not UTF-8", "SET UTF-8\n\xff\n", ""},
	} {
		_, err := hunspell.Parse(strings.NewReader(c.aff), strings.NewReader(c.dic))
		if !errors.Is(err, hunspell.ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", c.name, err)
		}
	}
}

func TestOpenFailsOnAMissingDictionary(t *testing.T) {
	if _, err := hunspell.Open(t.TempDir(), hunspell.Ukrainian); err == nil {
		t.Fatal("Open of an empty folder succeeded")
	}
}

func TestSharedLoadsADictionaryOncePerFolder(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"uk_UA.aff": smallAff, "uk_UA.dic": smallDic} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := hunspell.Shared(dir, hunspell.Ukrainian)
	if err != nil {
		t.Fatal(err)
	}
	b, err := hunspell.Shared(dir, hunspell.Ukrainian)
	if err != nil || a != b {
		t.Errorf("second Shared: %p, %v; want the first dictionary %p", b, err, a)
	}
	if _, err := hunspell.Shared(t.TempDir(), hunspell.Ukrainian); err == nil {
		t.Error("Shared of an empty folder succeeded")
	}
}
