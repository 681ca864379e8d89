package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/staff"
)

var formCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// An article saved in the admin of one replica is in another replica's
// answers at once: the save publishes a change event on Redis. The version
// poll is slowed to an hour so that only the event can deliver it; the
// deadline is loose because the machine may be busy (it takes milliseconds).
func TestAdminEditReachesAnotherReplicaWithinASecond(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	a := MustRunMain(t, cfg)
	b := NewMain(cfg, a.Logger)
	b.KBPoll = time.Hour
	t.Cleanup(func() { b.Close() })
	if err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	hash, _ := staff.HashPassword("пароль редактора")
	if _, err := a.Store.CreateUser(context.Background(), staff.User{Login: "ed", Name: "Ed", Role: staff.RoleEditor,
		PasswordHash: hash}, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}
	articles, _ := a.Store.ListArticles(context.Background())
	art := articles[0]

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page := func(resp *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s = %d", resp.Request.URL.Path, resp.StatusCode)
		}
		return string(body)
	}
	csrf := func(html string) string {
		m := formCSRF.FindStringSubmatch(html)
		if m == nil {
			t.Fatal("no csrf field")
		}
		return m[1]
	}
	base := a.HTTP.URL()
	login := page(c.Get(base + "/admin/login"))
	home := page(c.PostForm(base+"/admin/login", url.Values{"csrf": {csrf(login)}, "login": {"ed"}, "password": {"пароль редактора"}}))
	const marker = "Відповідь змінено на іншій репліці."
	page(c.PostForm(base+"/admin/kb/save", url.Values{"csrf": {csrf(home)}, "id": {art.ID}, "title": {art.Title},
		"body": {marker}, "locale": {art.Locale}, "published": {"on"}, "op": {"save"}}))
	saved := time.Now()
	for {
		got, err := b.Knowledge.Article(art.ID)
		if err == nil && strings.Contains(got.Body, marker) {
			t.Logf("replica b answers with the edit %v after the save returned", time.Since(saved))
			break
		}
		if time.Since(saved) > 5*time.Second {
			t.Fatalf("replica b still answers %q five seconds after the save", got.Body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
