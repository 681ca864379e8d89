package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/staff"
)

// staffClient signs in to the admin as a new user of role and returns a
// client that does not follow redirects, and the CSRF token of its forms.
func staffClient(t *testing.T, m *Main, login string, role staff.Role) (*http.Client, string) {
	t.Helper()
	const pw = "пароль для тесту"
	hash, _ := staff.HashPassword(pw)
	if _, err := m.Store.CreateUser(context.Background(), staff.User{Login: login, Name: "Ім'я " + login, Role: role, PasswordHash: hash},
		staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, login1 := staffDo(t, c, m, "GET", "/admin/login", nil)
	if status, body := staffDo(t, c, m, "POST", "/admin/login", url.Values{"csrf": {csrfIn(t, login1)}, "login": {login}, "password": {pw}}); status != http.StatusSeeOther {
		t.Fatalf("sign-in of %s = %d %.500s", login, status, body)
	}
	_, home := staffDo(t, c, m, "GET", "/admin/", nil)
	return c, csrfIn(t, home)
}

func csrfIn(t *testing.T, html string) string {
	t.Helper()
	m := formCSRF.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no csrf field in %.800s", html)
	}
	return m[1]
}

func staffDo(t *testing.T, c *http.Client, m *Main, method, path string, form url.Values) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, m.HTTP.URL()+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusSeeOther {
		return resp.StatusCode, resp.Header.Get("Location")
	}
	return resp.StatusCode, string(b)
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
	c, csrf := staffClient(t, b.m, "dispatch", staff.RoleDispatcher)

	status, page := staffDo(t, c, b.m, "GET", "/admin/notices/new", nil)
	if status != http.StatusOK || !strings.Contains(page, `name="district" value="sykhivskyi"`) {
		t.Fatalf("new notice page = %d %.800s", status, page)
	}
	form := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-hw-1"}, "kind": {"hot_water"}, "district": {"sykhivskyi"},
		"from": {"2026-12-09T08:00"}, "to": {"2026-12-09T17:00"}, "text": {"Заміна засувки <script>alert(1)</script>"}, "op": {"post"}}
	if status, to := staffDo(t, c, b.m, "POST", "/admin/notices/save", form); status != http.StatusSeeOther || to != "/admin/notices/adm-hw-1?done=saved" {
		t.Fatalf("post = %d %s", status, to)
	}
	ratingsWaitOutbox(t, b.m.Store)
	got := tgVisible(b.fake.Sent(sub)[before[sub]:])
	if !strings.Contains(got, "Заміна засувки") || !strings.Contains(got, "9 грудня, 08:00") {
		t.Errorf("the subscriber got %q", got)
	}
	if n := len(b.fake.Sent(other)) - before[other]; n != 0 {
		t.Errorf("another district's subscriber got %d messages", n)
	}
	status, page = staffDo(t, c, b.m, "GET", "/admin/notices/adm-hw-1?done=saved", nil)
	if status != http.StatusOK || !strings.Contains(page, "Надіслано") || !strings.Contains(page, "<dt>надіслано</dt><dd>1</dd>") {
		t.Errorf("notice page = %d %.3000s", status, page)
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("the notice's text is rendered as HTML")
	}
	// The same form again: nothing new is sent.
	staffDo(t, c, b.m, "POST", "/admin/notices/save", form)
	ratingsWaitOutbox(t, b.m.Store)
	if n := len(b.fake.Sent(sub)) - before[sub]; n != 1 {
		t.Errorf("after posting the same notice twice the subscriber has %d messages", n)
	}
	form.Set("op", "restore")
	form.Del("new")
	if status, to := staffDo(t, c, b.m, "POST", "/admin/notices/save", form); status != http.StatusSeeOther || !strings.HasSuffix(to, "?done=restored") {
		t.Fatalf("restore = %d %s", status, to)
	}
	ratingsWaitOutbox(t, b.m.Store)
	if got := tgVisible(b.fake.Sent(sub)[before[sub]:]); !strings.Contains(got, "Гарячу воду відновлено") {
		t.Errorf("restored did not reach the subscriber: %q", got)
	}
	_, list := staffDo(t, c, b.m, "GET", "/admin/notices", nil)
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

	bad := url.Values{"csrf": {csrf}, "new": {"1"}, "id": {"adm-x"}, "kind": {"heating"}, "text": {"Без місця"}, "op": {"post"}}
	if status, page := staffDo(t, c, b.m, "POST", "/admin/notices/save", bad); status != http.StatusBadRequest || !strings.Contains(page, "Оберіть район") {
		t.Errorf("no district or street = %d %.1500s", status, page)
	}
	bad.Set("district", "no-such")
	if status, _ := staffDo(t, c, b.m, "POST", "/admin/notices/save", bad); status != http.StatusBadRequest {
		t.Errorf("unknown district = %d", status)
	}
	forged := url.Values{"id": {"adm-forged"}, "kind": {"heating"}, "district": {"sykhivskyi"}, "text": {"x"}, "op": {"post"}}
	if status, _ := staffDo(t, c, b.m, "POST", "/admin/notices/save", forged); status != http.StatusForbidden {
		t.Errorf("a form without the CSRF token = %d", status)
	}
	ed, edCSRF := staffClient(t, b.m, "editor", staff.RoleEditor)
	if status, _ := staffDo(t, ed, b.m, "GET", "/admin/notices", nil); status != http.StatusForbidden {
		t.Errorf("an editor opened the notices: %d", status)
	}
	forged.Set("csrf", edCSRF)
	if status, _ := staffDo(t, ed, b.m, "POST", "/admin/notices/save", forged); status != http.StatusForbidden {
		t.Errorf("an editor posted a notice: %d", status)
	}
	if _, err := b.m.Store.FindOutage(context.Background(), "adm-forged"); err == nil {
		t.Error("a refused form saved a notice")
	}
}
