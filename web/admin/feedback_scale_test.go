package admin_test

import (
	"fmt"
	"strings"
	"testing"
)

// The five scores read as five different grades, in the score filter, the
// list, a rating's page and the summary's legend, in both languages.
func TestEveryScoreHasADistinctLabelInBothLanguages(t *testing.T) {
	fe := newFeedbackEnv(t) // a 2 at the manager's CNAP
	c, _ := fe.login("manager")
	for _, tc := range []struct {
		lang   string
		labels [5]string
	}{
		{"uk", [5]string{"дуже погано", "погано", "задовільно", "добре", "відмінно"}},
		{"en", [5]string{"very bad", "bad", "fair", "good", "excellent"}},
	} {
		_, list, _ := fe.do(c, "GET", "/admin/feedback?lang="+tc.lang, nil)
		for i, label := range tc.labels {
			if want := `">` + string(rune('1'+i)) + " — " + label + "</option>"; !strings.Contains(list, want) {
				t.Errorf("%s: the score filter lacks %q", tc.lang, want)
			}
			if want := "</span>" + label + " <strong>"; !strings.Contains(list, want) {
				t.Errorf("%s: the summary's legend lacks %q", tc.lang, want)
			}
		}
		_, page, _ := fe.do(c, "GET", fmt.Sprintf("/admin/feedback/%d?lang=%s", fe.own.ID, tc.lang), nil)
		if want := "/ 5 · " + tc.labels[1] + " ·"; !strings.Contains(page, want) {
			t.Errorf("%s: the page of a 2 lacks %q", tc.lang, want)
		}
	}
}
