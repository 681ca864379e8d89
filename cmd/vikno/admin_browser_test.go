package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/staff"
)

// chromiumPath finds headless Chromium; without it the browser tests skip,
// except in CI, where .ci/run installs it and its absence is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (.ci/run installs it); the admin browser tests cannot run")
	}
	t.Skip("chromium not installed")
	return ""
}

// browserCtx returns a chromedp context of a fresh headless Chromium.
func browserCtx(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(412, 915), // a phone
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser and must not carry a timeout of its
	// own; later steps run under one.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return tctx
}

func TestBrowserEditorChangesTheBotsAnswer(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	hash, err := staff.HashPassword("пароль редактора")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateUser(context.Background(), staff.User{Login: "olena", Name: "Олена", Role: staff.RoleEditor,
		PasswordHash: hash}, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}
	articles, err := m.Store.ListArticles(context.Background())
	if err != nil || len(articles) == 0 {
		t.Fatalf("demo articles: %d, %v", len(articles), err)
	}
	id := articles[0].ID
	ask := func() string {
		replies, err := m.Engine.Handle(context.Background(), dialog.Update{Channel: vikno.Web, UserID: "browser-test", Action: "faq:a:" + id})
		if err != nil || len(replies) == 0 {
			t.Fatalf("FAQ answer: %v, %v", replies, err)
		}
		return replies[0].Text.String()
	}
	const marker = "Нова відповідь з адмінки: приходьте з паспортом."
	if strings.Contains(ask(), marker) {
		t.Fatal("the answer has the new text before the edit")
	}

	base := m.HTTP.URL()
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login?lang=uk"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), "olena"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "пароль редактора"),
		chromedp.Click(chromedp.CSS(`#sign-in`)),
		chromedp.WaitVisible(chromedp.CSS(`header nav`)),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	home, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/kb/"+id),
		chromedp.WaitVisible(chromedp.CSS(`#body`)),
		chromedp.SetValue(chromedp.CSS(`#body`), marker),
		chromedp.Click(chromedp.CSS(`#save`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)),
	)
	if err != nil {
		t.Fatalf("edit: %v", err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.notice`)))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#preview`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(home, "Олена") || !strings.Contains(notice, "Збережено") || !strings.Contains(preview, marker) {
		t.Fatalf("pages: home %q, notice %q, preview %q", home, notice, preview)
	}
	if got := ask(); !strings.Contains(got, marker) {
		t.Fatalf("the bot's answer after the edit = %q", got)
	}
	audit, _ := m.Store.ListAudit(context.Background(), 1)
	if len(audit) != 1 || audit[0].Actor != "olena" || audit[0].Target != "article:"+id {
		t.Fatalf("audit = %+v", audit)
	}
}
