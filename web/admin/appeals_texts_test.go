package admin

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/vikno-city/vikno/cases"
)

// TestAppealBoardTextsExistInBothLanguages: every text key the board's
// templates and code use has a Ukrainian and an English text.
func TestAppealBoardTextsExistInBothLanguages(t *testing.T) {
	keys := map[string]bool{}
	for _, s := range cases.AppealStatuses {
		keys["st_"+string(s)] = true
	}
	tmplKey := regexp.MustCompile(`t \$?\.Lang "([a-z_0-9]+)"`)
	for _, name := range []string{"templates/appeals.html", "templates/appeal.html", "templates/home.html", "templates/layout.html"} {
		b, err := fs.ReadFile(templateFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tmplKey.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	codeKey := regexp.MustCompile(`(?:tr\([a-z()]+, |pluralText\([a-z]+, [a-z()]+, |districtOptions\([a-z.]+, [a-zA-Z.]+, )"([a-z_0-9]+)"`)
	files, _ := filepath.Glob("appeals*.go")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeKey.FindAllStringSubmatch(string(b), -1) {
			if m[1] == "st_" { // a prefix: the statuses are added above
				continue
			}
			if m[1] == "ap_shown" {
				keys["ap_shown_0"], keys["ap_shown_1"], keys["ap_shown_2"] = true, true, true
				continue
			}
			keys[m[1]] = true
		}
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d keys: the patterns no longer match the code", len(keys))
	}
	for k := range keys {
		for _, l := range []string{"uk", "en"} {
			if _, ok := texts[l][k]; !ok {
				t.Errorf("text %q has no %s version", k, l)
			}
		}
	}
}

// Vikno closing an appeal its resident never confirmed is named in words in
// the history, not by the actor's machine name.
func TestTheHistoryNamesVikno(t *testing.T) {
	for l, want := range map[string]string{"uk": "Вікно: мешканець не відповів", "en": "Vikno: the resident did not say"} {
		got := actorText(l, cases.SystemActor, nil)
		if len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("%s history names Vikno %q, want %q…", l, got, want)
		}
	}
}
