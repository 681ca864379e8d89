package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/staff"
)

// adminClient is a signed-in admin web session of one Main.
type adminClient struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string // the session's form token, for do
}

// staffPassword is the password of the test account login.
func staffPassword(login string) string { return "пароль " + login }

// createStaff creates the staff account u with password pw; an account of
// that login made earlier in the test is kept.
func createStaff(t *testing.T, m *Main, u staff.User, pw string) {
	t.Helper()
	hash, err := staff.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	u.PasswordHash = hash
	if _, err := m.Store.CreateUser(context.Background(), u, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil &&
		vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatal(err)
	}
}

// signIn creates the account (role executor of no-hot-water, or the role
// given) and signs it in to m's admin web.
func signIn(t *testing.T, m *Main, login string, role staff.Role) *adminClient {
	t.Helper()
	u := staff.User{Login: login, Name: login, Role: role}
	if role == staff.RoleExecutor {
		u.Categories = []string{"no-hot-water"}
	}
	return signInUser(t, m, u)
}

// signInUser creates the account u and signs it in to m's admin web.
func signInUser(t *testing.T, m *Main, u staff.User) *adminClient {
	t.Helper()
	createStaff(t, m, u, staffPassword(u.Login))
	return signInAs(t, m, u.Login)
}

func signInAs(t *testing.T, m *Main, login string) *adminClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	a := &adminClient{t: t, base: m.HTTP.URL(), c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	_, page := a.get("/admin/login")
	if code, _ := a.post("/admin/login", url.Values{"csrf": {csrfIn(t, page)}, "login": {login}, "password": {staffPassword(login)}}); code != http.StatusSeeOther {
		t.Fatalf("sign-in of %s = %d", login, code)
	}
	return a
}

// do makes a request; a form gets the session's csrf token (read from the
// admin's home page the first time).
func (a *adminClient) do(method, path string, form url.Values) (int, string) {
	a.t.Helper()
	var body io.Reader
	if form != nil {
		if a.csrf == "" {
			_, home := a.get("/admin/")
			a.csrf = csrfIn(a.t, home)
		}
		form.Set("csrf", a.csrf)
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, a.base+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := a.c.Do(req)
	return a.read(resp, err)
}

func (a *adminClient) get(path string) (int, string) {
	a.t.Helper()
	resp, err := a.c.Get(a.base + path)
	return a.read(resp, err)
}

func (a *adminClient) post(path string, form url.Values) (int, string) {
	a.t.Helper()
	resp, err := a.c.PostForm(a.base+path, form)
	return a.read(resp, err)
}

func (a *adminClient) read(resp *http.Response, err error) (int, string) {
	a.t.Helper()
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var seenField = regexp.MustCompile(`name="seen" value="(\d+)"`)

// fileDirect files an appeal of no-hot-water for a new resident of channel
// ch, with photos, and returns it with the resident's user id.
func fileDirect(t *testing.T, m *Main, ch vikno.Channel, photos ...string) (cases.Appeal, string) {
	t.Helper()
	user := "r-" + testenv.RandomID()
	r, err := m.Store.EnsureResident(context.Background(), ch, user, "uk")
	if err != nil {
		t.Fatal(err)
	}
	filed, err := m.appeals.File(context.Background(), cases.AppealDraft{Channel: ch, ResidentID: r.ID, Category: "no-hot-water",
		Description: "Немає гарячої води", Address: "вул. Зелена, 1", Photos: photos})
	if err != nil {
		t.Fatal(err)
	}
	return filed.Appeal, user
}

func TestAdminAppealPhotoIsFetchedFromTelegram(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	b.fake.AddFile("AgACkran", []byte(png))
	a, _ := fileDirect(t, b.m, vikno.Telegram, "AgACkran", "AgACgone")
	exec := signIn(t, b.m, "teplo", staff.RoleExecutor)
	code, page := exec.get("/admin/appeals/" + a.Number)
	if code != http.StatusOK || !regexp.MustCompile(`<img src="/admin/appeals/`+a.Number+`/photos/1"`).MatchString(page) {
		t.Fatalf("appeal page = %d without the photo:\n%.2000s", code, page)
	}
	if code, body := exec.get("/admin/appeals/" + a.Number + "/photos/1"); code != http.StatusOK || body != png {
		t.Fatalf("photo 1 = %d, %d bytes", code, len(body))
	}
	if code, _ := exec.get("/admin/appeals/" + a.Number + "/photos/2"); code != http.StatusNotFound {
		t.Fatalf("a photo Telegram no longer has = %d, want 404", code)
	}
	roads := signIn(t, b.m, "roads", staff.RoleManager)
	if code, _ := roads.get("/admin/appeals/" + a.Number + "/photos/1"); code != http.StatusForbidden {
		t.Fatalf("a manager fetching the photo = %d, want 403", code)
	}
	web, _ := fileDirect(t, b.m, vikno.Terminal, "kran.jpg")
	if _, page := exec.get("/admin/appeals/" + web.Number); !regexp.MustCompile(`Фото 1: фото в каналі мешканця`).MatchString(page) {
		t.Fatal("a photo no channel can fetch is not explained")
	}
}

// TestAdminStatusChangesRaceAcrossReplicas: two executors on two replicas
// (PostgreSQL, Redis) change the same appeal from the same page at once;
// one change is saved with its notice, the other is refused as stale.
func TestAdminStatusChangesRaceAcrossReplicas(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	one := MustRunMain(t, cfg)
	two := MustRunMain(t, cfg)
	pushes := &appealPushes{}
	one.Engine.SetSender(vikno.Terminal, pushes)
	two.Engine.SetSender(vikno.Terminal, pushes)
	a, resident := fileDirect(t, one, vikno.Terminal)
	clients := []*adminClient{signIn(t, one, "olena", staff.RoleExecutor), signIn(t, two, "petro", staff.RoleExecutor)}
	forms := make([]url.Values, 2)
	for i, to := range []string{"in_progress", "rejected"} {
		_, page := clients[i].get("/admin/appeals/" + a.Number)
		seen := seenField.FindStringSubmatch(page)
		if seen == nil {
			t.Fatalf("no status form on replica %d", i+1)
		}
		forms[i] = url.Values{"csrf": {csrfIn(t, page)}, "seen": {seen[1]}, "to": {to}, "comment": {"Коментар " + to}}
	}
	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = clients[i].post("/admin/appeals/"+a.Number+"/status", forms[i])
		}()
	}
	wg.Wait()
	if !(codes[0] == http.StatusSeeOther && codes[1] == http.StatusConflict) && !(codes[0] == http.StatusConflict && codes[1] == http.StatusSeeOther) {
		t.Fatalf("concurrent changes = %v, want one saved (303) and one refused (409)", codes)
	}
	got, err := one.appeals.Find(context.Background(), a.Number)
	if err != nil || len(got.History) != 2 {
		t.Fatalf("history after the race: %d events, %v", len(got.History), err)
	}
	last, _ := got.LastEvent()
	notice := pushes.nth(t, resident, 1)[0].Text.String()
	if !strings.Contains(notice, a.Number) || !strings.Contains(notice, last.Comment) {
		t.Fatalf("the resident's notice does not tell the saved change (%s):\n%s", last.Comment, notice)
	}
}
