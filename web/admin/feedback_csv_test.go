package admin_test

import (
	"net/http"
	"regexp"
	"testing"
)

// latinOnly is a header cell without a Cyrillic letter, apart from the time
// zone's name in parentheses.
var latinOnly = regexp.MustCompile(`^[^\p{Cyrillic}]*$`)

// The ratings CSV is headed in the admin's language: a Ukrainian manager
// reads Ukrainian column names, an English one English names.
func TestRatingCSVHeaderIsInTheAdminsLanguage(t *testing.T) {
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	for _, tc := range []struct {
		lang  string
		sep   rune
		first string
		zoned string
	}{{"uk", ';', "Номер", "Створено (Europe/Kyiv)"}, {"en", ',', "ID", "Created at (Europe/Kyiv)"}} {
		code, body, _ := fe.do(c, "GET", "/admin/feedback.csv?lang="+tc.lang, nil)
		if code != http.StatusOK {
			t.Fatalf("%s CSV = %d", tc.lang, code)
		}
		head := readSheet(t, tc.lang+" feedback", body, tc.sep)[0]
		if head[0] != tc.first {
			t.Errorf("%s header starts with %q, want %q", tc.lang, head[0], tc.first)
		}
		column(t, tc.lang+" feedback", [][]string{head}, tc.zoned)
		for _, cell := range head {
			if latin := latinOnly.MatchString(regexp.MustCompile(` \(.*\)$`).ReplaceAllString(cell, "")); latin == (tc.lang == "uk") {
				t.Errorf("%s header cell %q is not in the admin's language: %q", tc.lang, cell, head)
			}
		}
	}
}
