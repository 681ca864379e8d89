package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A status change sent twice (a double click, a retry after a lost answer)
// is made once, and the audit log has it once: not a second «в роботі →
// в роботі».
func TestAStatusChangeSentTwiceIsAuditedOnce(t *testing.T) {
	b := newBoard(t)
	admin, csrf := b.login("admin")
	_, page, _ := b.do(admin, "GET", "/admin/appeals/"+b.hot.Number, nil)
	form := url.Values{"csrf": {csrf}, "seen": {seenOf(t, page)}, "to": {"in_progress"}, "comment": {"Беремо в роботу"}}
	for i := range 2 {
		if code, _, _ := b.do(admin, "POST", "/admin/appeals/"+b.hot.Number+"/status", form); code != http.StatusSeeOther {
			t.Fatalf("post %d = %d", i+1, code)
		}
	}
	entries, err := b.db.ListAudit(t.Context(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var changes []string
	for _, e := range entries {
		if e.Action == "appeal.status" {
			changes = append(changes, e.Detail)
		}
	}
	if len(changes) != 1 || changes[0] != "registered → in_progress" {
		t.Errorf("the audit log has the change as %q", changes)
	}
	if a := b.find(t, b.hot.Number); len(a.History) != 2 || !strings.Contains(a.History[1].Comment, "Беремо") {
		t.Errorf("the appeal's history: %+v", a.History)
	}
}
