package dialog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/vikno-city/vikno/cases"
)

// moduleRoot is the module's folder as seen from this package's tests.
const moduleRoot = ".."

// dynamicKeys are the catalogue keys the code builds at run time rather than
// spelling them out, with the code that builds them. Keep this list short:
// prefer a literal key where the code allows it.
var dynamicKeys = []struct {
	code     string
	keys     func() []string
	optional bool // the code checks Has and falls back when missing
}{
	{`"appeal.status."+status (status.go, appeal_notice.go)`, func() []string { return prefixed("appeal.status.", appealStatuses()...) }, false},
	{`"anotice."+status (appeal_notice.go)`, func() []string { return prefixed("anotice.", appealStatuses()...) }, true},
	{`"rate.aspect."+aspect (rate.go)`, func() []string { return prefixed("rate.aspect.", aspects()...) }, false},
	{`"rate.aspect_name."+aspect (rate.go)`, func() []string { return prefixed("rate.aspect_name.", aspects()...) }, false},
	{`"wd."+weekday (book_format.go)`, func() []string { return prefixed("wd.", numbers(0, 6)...) }, false},
	{`"wda."+weekday (book_format.go)`, func() []string { return prefixed("wda.", numbers(0, 6)...) }, false},
	{`"wds."+weekday (book_format.go)`, func() []string { return prefixed("wds.", numbers(0, 6)...) }, false},
	{`"mon."+month (book_format.go, book_parse.go)`, func() []string { return prefixed("mon.", numbers(1, 12)...) }, false},
	{`"command."+name (bots/telegram/bot.go)`, func() []string {
		var names []string
		for _, cmd := range commands {
			names = append(names, cmd.Name)
		}
		return prefixed("command.", names...)
	}, false},
	{`c.engine.words["please"] (engine.go, commandKeys)`, func() []string { return []string{wordsGroup + "please"} }, false},
	{`c.engine.words["day_prep"] (book_parse.go)`, func() []string { return []string{wordsGroup + "day_prep"} }, false},
	{`c.engine.words["question_start"] (conv.go, startsQuestion)`, func() []string { return []string{wordsGroup + "question_start"} }, false},
	{`c.isWord("name_intro", …) (book_family.go, nameIntroduced)`, func() []string { return []string{wordsGroup + "name_intro"} }, false},
	{`bookDropWord(c, "day_next"/"day_this"), words["week_next"] (book_parse.go)`, func() []string { return prefixed(wordsGroup, "day_next", "day_this", "week_next") }, false},
	{`c.engine.words["time_prep"] (book_parse.go)`, func() []string { return []string{wordsGroup + "time_prep"} }, false},
	{`c.engine.wordParts["score_"+n] (rate.go, typedScore)`, func() []string { return prefixed(wordsGroup+"score_", numbers(1, 5)...) }, false},
	{`c.engine.wordParts["hour_"+h] (book_wanted.go, hourInWords)`, func() []string { return prefixed(wordsGroup+"hour_", numbers(8, 18)...) }, false},
	{`c.engine.words["vowels"], ["keyboard_rows"] (vague.go)`, func() []string { return prefixed(wordsGroup, "vowels", "keyboard_rows") }, false},
	{`c.engine.wordKeys[list] of typoLists, words["typo_alike"] (typo.go)`, func() []string {
		return prefixed(wordsGroup, "typo_menu", "typo_back", "typo_cancel", "typo_alike")
	}, false},
	{`c.nameRules(list) (book_name_case.go)`, func() []string {
		return prefixed(wordsGroup, "name_him_sure", "name_him", "name_him_unsure", "name_her")
	}, false},
	{`wordsGroup+name, for c.isWord(name, ...) (engine.go)`, func() []string { return prefixed(wordsGroup, isWordNames()...) }, false},
}

func prefixed(prefix string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

func numbers(from, to int) []string {
	var out []string
	for n := from; n <= to; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

func appealStatuses() []string {
	return []string{string(cases.AppealRegistered), string(cases.AppealInProgress), string(cases.AppealDone),
		string(cases.AppealClosed), string(cases.AppealRejected), string(cases.AppealReopened), string(cases.AppealOutOfCompetence)}
}

func aspects() []string {
	var out []string
	for _, a := range cases.AllAspects() {
		out = append(out, string(a))
	}
	return out
}

// isWordNames are the first arguments of every c.isWord, c.isWordKeyed, c.hasWord and c.inWords call
// in the package.
var isWordNames = func() []string {
	var names []string
	for _, f := range parsePackage(".") {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "isWord" || sel.Sel.Name == "isWordKeyed" || sel.Sel.Name == "hasWord" || sel.Sel.Name == "inWords") && len(call.Args) > 0 {
					if s, ok := stringLit(call.Args[0]); ok {
						names = append(names, s)
					}
				}
			}
			return true
		})
	}
	return names
}

func TestBuiltinCatalogueLoads(t *testing.T) {
	c, err := LoadCatalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, locale := range Locales {
		if len(c.msgs[locale]) < 300 || len(c.nouns[locale]) == 0 {
			t.Errorf("%s: %d texts, %d nouns", locale, len(c.msgs[locale]), len(c.nouns[locale]))
		}
	}
}

// Every text, placeholder and plural noun of one language exists in the
// other, so an English conversation never shows a Ukrainian fallback, and a
// translation never loses a number or a name.
func TestEveryTextExistsInEveryLanguage(t *testing.T) {
	c := DefaultCatalog()
	uk := c.msgs[UK]
	for _, locale := range Locales[1:] {
		other := c.msgs[locale]
		for _, key := range slices.Sorted(maps.Keys(uk)) {
			s, ok := other[key]
			if !ok {
				t.Errorf("%s: missing in %s", key, locale)
				continue
			}
			if got, want := Placeholders(s), Placeholders(uk[key]); !slices.Equal(got, want) {
				t.Errorf("%s: %s has placeholders %v, uk has %v", key, locale, got, want)
			}
			if strings.Count(s, "*") == 0 != (strings.Count(uk[key], "*") == 0) {
				t.Errorf("%s: bold in one language only: uk %q, %s %q", key, uk[key], locale, s)
			}
		}
		for _, key := range slices.Sorted(maps.Keys(other)) {
			if _, ok := uk[key]; !ok {
				t.Errorf("%s: in %s but missing in uk", key, locale)
			}
		}
		if got, want := slices.Sorted(maps.Keys(c.nouns[locale])), slices.Sorted(maps.Keys(c.nouns[UK])); !slices.Equal(got, want) {
			t.Errorf("plural nouns: %s has %v, uk has %v", locale, got, want)
		}
		for noun, forms := range c.nouns[locale] {
			if len(forms) != len(PluralForms[locale]) {
				t.Errorf("plural.%s: %s has %d forms", noun, locale, len(forms))
			}
		}
	}
}

// Texts use one apostrophe, ’, never ' or ʼ or `.
func TestTextsUseOneApostrophe(t *testing.T) {
	c := DefaultCatalog()
	for _, locale := range Locales {
		for key, s := range c.msgs[locale] {
			if strings.ContainsAny(s, "'ʼ`") {
				t.Errorf("%s %s: use ’ as the apostrophe: %q", locale, key, s)
			}
		}
	}
}

// Texts quote with «» (Ukrainian) or “” (English), never with ".
func TestTextsUseTypographicQuotes(t *testing.T) {
	c := DefaultCatalog()
	for _, locale := range Locales {
		for key, s := range c.msgs[locale] {
			if strings.Contains(s, `"`) {
				t.Errorf("%s %s: quote with «» or “”: %q", locale, key, s)
			}
		}
	}
}

// Every text is used: its key appears as a string literal in the module's
// Go code, or is one of the dynamicKeys. Every noun is used by a template or
// by a Noun call.
func TestEveryTextIsUsed(t *testing.T) {
	c := DefaultCatalog()
	used := goStringLiterals(t)
	for _, d := range dynamicKeys {
		for _, key := range d.keys() {
			if !c.Has(UK, key) && !d.optional {
				t.Errorf("%s builds %q, which the catalogue lacks", d.code, key)
			}
			used[key] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(c.msgs[UK])) {
		if !used[key] {
			t.Errorf("%s: no Go code uses this text (remove it, or list how the code builds it in dynamicKeys)", key)
		}
	}
	nouns := map[string]bool{}
	for _, msgs := range c.msgs {
		for _, s := range msgs {
			for _, p := range Placeholders(s) {
				if _, noun, ok := strings.Cut(p, "#"); ok {
					nouns[noun] = true
				}
			}
		}
	}
	for _, noun := range slices.Sorted(maps.Keys(c.nouns[UK])) {
		if !nouns[noun] && !used[noun] {
			t.Errorf("plural.%s: no template or Go code uses this noun", noun)
		}
	}
}

// goStringLiterals returns the string literals of the module's non-test Go
// files.
func goStringLiterals(t *testing.T) map[string]bool {
	t.Helper()
	lits := map[string]bool{}
	for _, f := range parseModule(t) {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if s, ok := stringLit(n); ok {
				lits[s] = true
			}
			return true
		})
	}
	return lits
}

func stringLit(n ast.Node) (string, bool) {
	lit, ok := n.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

type goFile struct {
	path string // relative to the module root, slash-separated
	file *ast.File
	fset *token.FileSet
}

// parseModule parses every non-test Go file of the module.
func parseModule(t *testing.T) []goFile {
	t.Helper()
	var out []goFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(moduleRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != moduleRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(moduleRoot, path)
		out = append(out, goFile{path: filepath.ToSlash(rel), file: f, fset: fset})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// parsePackage parses the non-test Go files of one folder.
func parsePackage(dir string) []*ast.File {
	fset := token.NewFileSet()
	entries, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		panic(err)
	}
	var out []*ast.File
	for _, path := range entries {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			panic(err)
		}
		out = append(out, f)
	}
	return out
}

// residentFacing are the folders whose Go code talks to residents and
// managers: their texts belong in the catalogue. Test helper packages under
// them (dialogtest, telegramtest...) are not.
var residentFacing = []string{"dialog/", "bots/telegram/", "bots/terminal/", "cmd/vikno/", "cases/", "notify/"}

// cyrillicAllowed are the Cyrillic string literals that stay in Go, by file.
// Keep it tiny: texts belong in the catalogue, words the engine recognises
// in input in its words group.
var cyrillicAllowed = map[string][]string{}

// patternFiles hold patterns that recognise things in residents' free text
// (apartment numbers to hide from the public): vocabulary of input, never
// shown to anyone.
var patternFiles = []string{"cases/privacy.go", "cases/outage_places.go"}

// No Go file of the resident-facing packages holds a Cyrillic string
// literal: what residents and managers read comes from the catalogue. (Log
// and error messages for operators are English and stay in Go.)
func TestNoCyrillicStringLiteralsInResidentFacingCode(t *testing.T) {
	for _, f := range parseModule(t) {
		if !slices.ContainsFunc(residentFacing, func(dir string) bool { return strings.HasPrefix(f.path, dir) }) ||
			isTestHelper(f.path) || slices.Contains(patternFiles, f.path) {
			continue
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			s, ok := stringLit(n)
			if ok && hasCyrillic(s) && !slices.Contains(cyrillicAllowed[f.path], s) {
				t.Errorf("%s: Cyrillic string literal %q: move it to dialog/texts", f.fset.Position(n.Pos()), s)
			}
			return true
		})
	}
}

// isTestHelper reports whether a file is in a test helper package, one whose
// folder is named like dialogtest or telegramtest.
func isTestHelper(path string) bool {
	return strings.HasSuffix(filepath.Base(filepath.Dir(path)), "test")
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
