package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/staff"
)

// browserSignIn signs the browser in at base.
func browserSignIn(t *testing.T, ctx context.Context, base, login, pw string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login?lang=uk"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), login),
		chromedp.SendKeys(chromedp.CSS(`#password`), pw),
		chromedp.Click(chromedp.CSS(`#sign-in`)),
		chromedp.WaitVisible(chromedp.CSS(`header nav`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
}

func TestAdminBrowserDashboardShowsSeededFigures(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	createStaff(t, m, staff.User{Login: "mayor", Name: "Мер", Role: staff.RoleAdmin}, "пароль адміна")
	bg := context.Background()
	res, err := m.Store.EnsureResident(bg, vikno.Telegram, "dash-browser", "uk")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	// Three appeals this week, two of them overdue.
	for i, due := range []time.Duration{-time.Hour, -3 * time.Hour, 48 * time.Hour} {
		created := now.Add(-26 * time.Hour)
		_, _, err := m.Store.CreateAppeal(bg, cases.Appeal{PINHash: "x", Channel: vikno.Telegram, ResidentID: res.ID,
			ClientToken: "t" + string(rune('0'+i)), Category: "no-hot-water", Executor: "teplomerezha", Description: "Опис",
			Address: "вул. Городоцька, 1", Status: cases.AppealRegistered, DueAt: now.Add(due), CreatedAt: created, UpdatedAt: created},
			cases.AppealEvent{At: created, To: cases.AppealRegistered, Actor: cases.ResidentActor(res.ID)})
		if err != nil {
			t.Fatal(err)
		}
	}
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "mayor", "пароль адміна")
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 740), // the narrowest common phone
		chromedp.Navigate(base+"/admin/dashboard"),
		chromedp.WaitVisible(chromedp.CSS(`#fig-overdue`)),
	)
	if err != nil {
		t.Fatalf("dashboard: %v", err)
	}
	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	received, inWork, overdue := text(`#fig-received`), text(`#fig-in-work`), text(`#fig-overdue`)
	svgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.chart").length`))
	if err != nil {
		t.Fatal(err)
	}
	if received != "3" || inWork != "3" || overdue != "2" || svgs == 0 {
		t.Fatalf("dashboard shows received %q, in work %q, overdue %q, %d charts; want 3, 3, 2 and charts", received, inWork, overdue, svgs)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || overflow {
		t.Fatalf("the dashboard is wider than a phone screen (%v)", err)
	}
	// Printed, the page is the figures alone: no navigation, no forms.
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`getComputedStyle(document.querySelector("header")).display + " " + getComputedStyle(document.querySelector("#t-appeals")).display`))
	if err != nil || printed != "none block" {
		t.Fatalf("printed header and table display = %q, %v; want the header hidden and the table shown", printed, err)
	}
}

func TestAdminBrowserEditorAddsAnUnansweredQuestionAndTheBotAnswersIt(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	createStaff(t, m, staff.User{Login: "olena", Name: "Олена", Role: staff.RoleEditor}, "пароль редактора")
	bg := context.Background()
	articles, err := m.Store.ListArticles(bg)
	if err != nil || len(articles) == 0 {
		t.Fatalf("demo articles: %d, %v", len(articles), err)
	}
	target := articles[0]
	const question = "чи можна вигулювати папугу на ратуші"
	ask := func() string {
		replies, err := m.Engine.Handle(bg, dialog.Update{Channel: vikno.Web, UserID: "parrot", Text: question})
		if err != nil || len(replies) == 0 {
			t.Fatalf("ask: %v, %v", replies, err)
		}
		var all []string
		for _, r := range replies {
			all = append(all, r.Text.String())
		}
		return strings.Join(all, "\n")
	}
	if got := ask(); strings.Contains(got, target.Title) {
		t.Fatalf("the bot answers before the edit: %q", got)
	}
	if qs, _ := m.Store.ListUnanswered(bg, 10); len(qs) != 1 {
		t.Fatalf("unanswered = %+v; want the question", qs)
	}

	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль редактора")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+"/admin/unanswered")); err != nil {
		t.Fatalf("unanswered page: %v", err)
	}
	if body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`)); err != nil || !strings.Contains(body, question) {
		t.Fatalf("unanswered page lacks the question (%v):\n%s", err, body)
	}
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
		culprits, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join(" | ")`))
		t.Fatalf("the unanswered page is wider than a phone screen (%v):\n%s", err, culprits)
	}
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.groups .question`)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`.groups input[name=article_id]`), target.ID),
		chromedp.Click(chromedp.CSS(`.groups form[action="/admin/unanswered/add"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)),
	)
	if err != nil {
		t.Fatalf("add the question: %v", err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.notice`)))
	if err != nil {
		t.Fatal(err)
	}
	if shown != question || !strings.Contains(notice, "Бот уже відповідає") {
		t.Fatalf("page showed %q, notice %q", shown, notice)
	}
	if got := ask(); !strings.Contains(got, target.Title) {
		t.Fatalf("after the edit the bot answers %q; want the article %q", got, target.Title)
	}
}

// TestAdminBrowserListsFitA360PxPhone: the lists an admin or editor reads
// on a phone (articles, their history, staff, the change log) do not
// scroll the whole page sideways; a table wider than the screen scrolls
// in its own box, as the dashboard's do.
func TestAdminBrowserListsFitA360PxPhone(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	createStaff(t, m, staff.User{Login: "olena", Name: "Олена", Role: staff.RoleAdmin}, "пароль адміна")
	createStaff(t, m, staff.User{Login: "lviv-region", Name: "Регіональна менеджерка", Role: staff.RoleManager, Level: 2, Scope: "lviv"}, "пароль менеджера")
	createStaff(t, m, staff.User{Login: "taras", Name: "Тарас", Role: staff.RoleExecutor, Categories: []string{"no-hot-water", "no-heating", "low-heating"}}, "пароль виконавця")
	articles, err := m.Store.ListArticles(context.Background())
	if err != nil || len(articles) == 0 {
		t.Fatalf("demo articles: %d, %v", len(articles), err)
	}
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль адміна")
	for _, page := range []string{"/admin/kb", "/admin/kb?q=id-card", "/admin/kb/" + articles[0].ID + "/history", "/admin/users", "/admin/audit"} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+page), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		fitsThePhone(t, ctx, page)
	}
}

// TestAdminBrowserKeyboardSkipsTheMenu: the first Tab on a page reaches a
// visible «Перейти до змісту» link that takes the keyboard past the menu,
// so that a keyboard user does not tab through every section on every
// page to reach the form.
func TestAdminBrowserKeyboardSkipsTheMenu(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	createStaff(t, m, staff.User{Login: "olena", Name: "Олена", Role: staff.RoleAdmin}, "пароль адміна")
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль адміна")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/kb/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.activeElement, r = a.getBoundingClientRect();
		return a.textContent.trim() + (r.width > 1 && r.height > 1 && r.top >= 0 ? " visible" : " hidden"); })()`))
	if err != nil || first != "Перейти до змісту visible" {
		t.Fatalf("the first Tab reaches %q (%v), want the visible skip link", first, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	next, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest("main") ? "main" : document.activeElement.outerHTML`))
	if err != nil || next != "main" {
		t.Fatalf("after the skip link, Tab reaches %q (%v), want the page's content", next, err)
	}
}

// TestAdminBrowserPagesPassAxe: axe-core finds no serious accessibility
// violation on the admin's pages, on a phone and a wider screen (a table
// that scrolls in its own box can be scrolled from the keyboard).
func TestAdminBrowserPagesPassAxe(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	createStaff(t, m, staff.User{Login: "olena", Name: "Олена", Role: staff.RoleAdmin}, "пароль адміна")
	articles, err := m.Store.ListArticles(context.Background())
	if err != nil || len(articles) == 0 {
		t.Fatalf("demo articles: %d, %v", len(articles), err)
	}
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль адміна")
	pages := []string{"/admin/", "/admin/dashboard", "/admin/kb", "/admin/kb/new", "/admin/kb/" + articles[0].ID,
		"/admin/kb/" + articles[0].ID + "/history", "/admin/kb/files", "/admin/unanswered", "/admin/appeals",
		"/admin/feedback", "/admin/users", "/admin/audit", "/admin/notices", "/admin/feedback?location=atlantis"}
	for _, width := range []int64{360, 1024} {
		for _, page := range pages {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 740), chromedp.Navigate(base+page), chromedp.WaitReady(chromedp.CSS(`main`))); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			checkAxeOn(t, ctx, page+" at "+strconv.FormatInt(width, 10)+" px")
		}
	}
}
