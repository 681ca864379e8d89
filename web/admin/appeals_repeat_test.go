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

// A reassignment or a district sent twice is made and audited once: not a
// second «Міськавтодор → Водоканал» nor «Галицький район → Галицький район».
func TestAReassignmentOrDistrictSentTwiceIsAuditedOnce(t *testing.T) {
	b := newBoard(t)
	admin, csrf := b.login("admin")
	path := "/admin/appeals/" + b.hot.Number
	for _, post := range []struct {
		action string
		form   url.Values
	}{
		{"executor", url.Values{"csrf": {csrf}, "from": {"teplomerezha"}, "executor": {"vodokanal"}}},
		{"district", url.Values{"csrf": {csrf}, "district": {"sykhivskyi"}}},
	} {
		for i := range 2 {
			if code, _, resp := b.do(admin, "POST", path+"/"+post.action, post.form); code != http.StatusSeeOther ||
				resp.Header.Get("Location") != path+"?done="+post.action {
				t.Fatalf("%s, post %d = %d", post.action, i+1, code)
			}
		}
	}
	entries, err := b.db.ListAudit(t.Context(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Action == "appeal.executor" || e.Action == "appeal.district" {
			got = append(got, e.Detail)
		}
	}
	if len(got) != 2 {
		t.Errorf("the audit log has %q, want each change once", got)
	}
}
