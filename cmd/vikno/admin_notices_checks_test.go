package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/staff"
)

// What a dispatcher can type wrong is explained in the page's language, and
// a new notice never takes over another one under the same id: two «new»
// forms opened in the same second had the same id, and the second post
// silently changed the first notice (and sent it to other residents).
func TestAdminNoticeMistakesAreExplainedAndNewNeverOverwrites(t *testing.T) {
	b := noticeRun(t, tgConfig(t))
	c := signIn(t, b.m, "dispatch", staff.RoleDispatcher)
	_, home := c.get("/admin/")
	csrf := csrfIn(t, home)
	// tomorrow, whatever the day the test runs: an outage that has ended is
	// refused
	day := time.Now().In(kyivZone(t)).AddDate(0, 0, 1).Format("2006-01-02")
	form := func(id, district, text string) url.Values {
		return url.Values{"csrf": {csrf}, "new": {"1"}, "id": {id}, "kind": {"hot_water"}, "district": {district},
			"from": {day + "T08:00"}, "to": {day + "T17:00"}, "text": {text}, "op": {"post"}}
	}
	backwards := form("adm-back", "sykhivskyi", "Заміна засувки")
	backwards.Set("to", day+"T07:00")
	street := form("adm-street", "", "Заміна засувки")
	street.Del("district")
	street.Set("streets", "Зелена\nЗ")
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"the end before the start", backwards, "Кінець не може бути раніше за початок"},
		{"a street of one letter", street, "Вулиця «З»: потрібно від 2 до 80 символів"},
	} {
		status, page := c.post("/admin/notices/save", tc.form)
		if status != http.StatusBadRequest || !strings.Contains(page, tc.want) || strings.Contains(page, "must") {
			t.Errorf("%s = %d, want 400 with %q: %.2000s", tc.name, status, tc.want, page)
		}
	}

	_, first := c.get("/admin/notices/new")
	_, second := c.get("/admin/notices/new")
	id := func(page string) string {
		_, rest, _ := strings.Cut(page, `name="id" value="`)
		v, _, _ := strings.Cut(rest, `"`)
		return v
	}
	if id(first) == id(second) {
		t.Errorf("two new forms have the same id %q", id(first))
	}
	if status, _ := c.post("/admin/notices/save", form("adm-same", "sykhivskyi", "Заміна засувки")); status != http.StatusSeeOther {
		t.Fatalf("the first notice = %d", status)
	}
	if status, _ := c.post("/admin/notices/save", form("adm-same", "sykhivskyi", "Заміна засувки")); status != http.StatusSeeOther {
		t.Errorf("the same form sent twice = %d, want it taken once", status)
	}
	status, page := c.post("/admin/notices/save", form("adm-same", "halytskyi", "Ремонт мережі"))
	if status != http.StatusConflict || !strings.Contains(page, "Оголошення з ідентифікатором «adm-same» уже є") ||
		!strings.Contains(page, "Ремонт мережі") {
		t.Errorf("another new notice under a taken id = %d: %.2000s", status, page)
	}
	boss := signIn(t, b.m, "boss", staff.RoleAdmin)
	if _, audit := boss.get("/admin/audit"); !strings.Contains(audit, "відключення adm-same гаряча вода") || strings.Contains(audit, "hot_water") {
		t.Errorf("the audit log names the notice's kind by its code: %.3000s", audit)
	}
	o, err := b.m.Store.FindOutage(context.Background(), "adm-same")
	if err != nil || o.Text != "Заміна засувки" || o.Version != 1 {
		t.Errorf("the first notice became %+v (%v)", o, err)
	}
}
