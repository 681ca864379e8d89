package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
)

func csrfIn(t *testing.T, html string) string {
	t.Helper()
	m := formCSRF.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no csrf field in %.800s", html)
	}
	return m[1]
}

// A dispatcher posts an outage from the admin: its subscribers get it once,
// posting it again sends nothing, «restored» reaches the same people, the
// page shows the delivery, and the post is in the audit log once. Other
// roles and forged forms are refused, and bad input is explained.
func TestAdminDispatcherPostsAnOutage(t *testing.T) {
	b := noticeRun(t, tgConfig(t))
	sub, other := tgChat(), tgChat()
	outageSubscribe(t, b, sub, "sykhivskyi", "")
	outageSubscribe(t, b, other, "halytskyi", "")
	before := map[int64]int{sub: len(b.fake.Sent(sub)), other: len(b.fake.Sent(other))}
	c := signIn(t, b.m, "dispatch", staff.RoleDispatcher)
	_, home := c.get("/admin/")
	csrf := csrfIn(t, home)

	status, page := c.get("/admin/notices/new")
	if status != http.StatusOK || !strings.Contains(page, `name="district" value="sykhivskyi"`) {
		t.Fatalf("new notice page = %d %.800s", status, page)
	}
	// Tomorrow, so that the notice is a planned one whatever the day the
	// test runs.
	day := time.Now().In(kyivZone(t)).AddDate(0, 0, 1).Format("2006-01-02")
	form := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-hw-1"}, "kind": {"hot_water"}, "district": {"sykhivskyi"},
		"from": {day + "T08:00"}, "to": {day + "T17:00"}, "text": {"Заміна засувки <script>alert(1)</script>"}, "op": {"post"}}
	if status, _ := c.post("/admin/notices/save", form); status != http.StatusSeeOther {
		t.Fatalf("post = %d", status)
	}
	outageWaitFanOut(t, b.m, "adm-hw-1")
	ratingsWaitOutbox(t, b.m.Store)
	got := tgVisible(b.fake.Sent(sub)[before[sub]:])
	if !strings.Contains(got, "Заміна засувки") || !strings.Contains(got, "з 08:00 до 17:00") {
		t.Errorf("the subscriber got %q", got)
	}
	if n := len(b.fake.Sent(other)) - before[other]; n != 0 {
		t.Errorf("another district's subscriber got %d messages", n)
	}
	status, page = c.get("/admin/notices/adm-hw-1?done=saved")
	if status != http.StatusOK || !strings.Contains(page, "Надіслано") || !strings.Contains(page, "<dt>надіслано</dt><dd>1</dd>") {
		t.Errorf("notice page = %d %.3000s", status, page)
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("the notice's text is rendered as HTML")
	}
	// The same form again: nothing new is sent.
	c.post("/admin/notices/save", form)
	outageWaitFanOut(t, b.m, "adm-hw-1")
	ratingsWaitOutbox(t, b.m.Store)
	if n := len(b.fake.Sent(sub)) - before[sub]; n != 1 {
		t.Errorf("after posting the same notice twice the subscriber has %d messages", n)
	}
	form.Set("op", "restore")
	form.Del("new")
	if status, _ := c.post("/admin/notices/save", form); status != http.StatusSeeOther {
		t.Fatalf("restore = %d", status)
	}
	if _, page := c.get("/admin/notices/adm-hw-1?done=restored"); !strings.Contains(page, "послугу відновлено") {
		t.Errorf("restored page %.2000s", page)
	}
	outageWaitFanOut(t, b.m, "adm-hw-1")
	ratingsWaitOutbox(t, b.m.Store)
	if got := tgVisible(b.fake.Sent(sub)[before[sub]:]); !strings.Contains(got, "Відключення гарячої води скасовано") {
		t.Errorf("«restored» before the start (called off) did not reach the subscriber: %q", got)
	}
	_, list := c.get("/admin/notices")
	if !strings.Contains(list, "adm-hw-1") || !strings.Contains(list, "відновлено") || !strings.Contains(list, "Сихівський район") {
		t.Errorf("list %.2000s", list)
	}
	audit, err := b.m.Store.ListAudit(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	posts := 0
	for _, e := range audit {
		if e.Target == "outage:adm-hw-1" && e.Action == "outage.post" && e.Actor == "dispatch" {
			posts++
		}
	}
	if posts != 2 { // each click is an entry, however many transactions it took
		t.Errorf("%d audit entries of the two posts: %+v", posts, audit)
	}

	// A text over the limit is not cut by the browser and posted in part:
	// the form names the limit, and the whole text comes back refused.
	if _, page := c.get("/admin/notices/new"); strings.Contains(page, `maxlength="1500"`) || !strings.Contains(page, "До 1500 символів") {
		t.Errorf("the text field cuts silently or names no limit: %.3000s", page)
	}
	long := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-long"}, "kind": {"heating"}, "district": {"sykhivskyi"},
		"text": {strings.Repeat("Ремонт тепломережі на вулиці Зеленій. ", 50)}, "op": {"post"}}
	if status, page := c.post("/admin/notices/save", long); status != http.StatusBadRequest ||
		!strings.Contains(page, "символів: 1900, можна до 1500") || !strings.Contains(page, long.Get("text")) {
		t.Errorf("an overlong text = %d %.1500s", status, page)
	}
	if _, list := c.get("/admin/notices"); strings.Contains(list, "adm-long") {
		t.Error("the overlong notice was posted")
	}

	// An outage that has ended already is no notice to send: the form says
	// so in words and keeps what was typed; marked restored, it may go.
	past := time.Now().In(kyivZone(t)).AddDate(0, 0, -2).Format("2006-01-02")
	ended := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-past"}, "kind": {"cold_water"}, "district": {"sykhivskyi"},
		"from": {past + "T08:00"}, "to": {past + "T17:00"}, "text": {"Промивка мереж"}, "op": {"post"}}
	if status, page := c.post("/admin/notices/save", ended); status != http.StatusBadRequest ||
		!strings.Contains(page, "Кінець уже минув") || !strings.Contains(page, "Промивка мереж") {
		t.Errorf("an outage that ended = %d %.1500s", status, page)
	}
	if _, err := b.m.Store.FindOutage(context.Background(), "adm-past"); err == nil {
		t.Error("an outage that ended was posted")
	}
	if _, err := b.m.outages.Post(context.Background(), cases.Outage{ID: "api-past", Kind: cases.OutageColdWater,
		Districts: []string{"sykhivskyi"}, From: time.Now().Add(-50 * time.Hour), To: time.Now().Add(-40 * time.Hour)}); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Errorf("posting an active outage that ended: %v, want EINVALID", err)
	}

	bad := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-x"}, "kind": {"heating"}, "text": {"Без місця"}, "op": {"post"}}
	if status, page := c.post("/admin/notices/save", bad); status != http.StatusBadRequest || !strings.Contains(page, "Оберіть район") {
		t.Errorf("no district or street = %d %.1500s", status, page)
	}
	bad.Set("district", "no-such")
	if status, _ := c.post("/admin/notices/save", bad); status != http.StatusBadRequest {
		t.Errorf("unknown district = %d", status)
	}
	forged := url.Values{"id": {"adm-forged"}, "kind": {"heating"}, "district": {"sykhivskyi"}, "text": {"x"}, "op": {"post"}}
	if status, _ := c.post("/admin/notices/save", forged); status != http.StatusForbidden {
		t.Errorf("a form without the CSRF token = %d", status)
	}
	ed := signIn(t, b.m, "editor", staff.RoleEditor)
	_, edHome := ed.get("/admin/")
	edCSRF := csrfIn(t, edHome)
	if status, _ := ed.get("/admin/notices"); status != http.StatusForbidden {
		t.Errorf("an editor opened the notices: %d", status)
	}
	forged.Set("csrf", edCSRF)
	if status, _ := ed.post("/admin/notices/save", forged); status != http.StatusForbidden {
		t.Errorf("an editor posted a notice: %d", status)
	}
	if _, err := b.m.Store.FindOutage(context.Background(), "adm-forged"); err == nil {
		t.Error("a refused form saved a notice")
	}
}
