package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/staff"
)

// fitsThePhone fails the test when the page in ctx scrolls sideways on the
// phone-sized viewport.
func fitsThePhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.innerWidth === 360 && document.documentElement.scrollWidth <= window.innerWidth`))
	if err != nil || !ok {
		t.Fatalf("%s is wider than the phone's screen (%v)", page, err)
	}
}

// TestBrowserExecutorMovesAnAppealAndTheResidentIsAsked: a resident files
// an appeal through the bot; an executor of its category signs in on a
// phone, finds it on the board and moves it to «в роботі» and then
// «виконано» with comments; the resident receives both notices through the
// outbox, the second with the Так/Ні question, and «Так» closes the appeal.
func TestBrowserExecutorMovesAnAppealAndTheResidentIsAsked(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	pushes := &appealPushes{}
	m.Engine.SetSender(vikno.Terminal, pushes)
	resident := "resident-" + testenv.RandomID()
	number, _ := fileAppealInChat(t, m, resident)
	hash, err := staff.HashPassword("пароль виконавця")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateUser(context.Background(), staff.User{Login: "teplo", Name: "Тарас Тепломережа",
		Role: staff.RoleExecutor, Categories: []string{"no-hot-water"}, PasswordHash: hash},
		staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}

	base := m.HTTP.URL()
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 740), // the narrowest phone the admin must fit
		chromedp.Navigate(base+"/admin/login?lang=uk"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), "teplo"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "пароль виконавця"),
		chromedp.Click(chromedp.CSS(`#sign-in`)),
		chromedp.WaitVisible(chromedp.CSS(`header nav`)),
		chromedp.Navigate(base+"/admin/appeals?status=open"),
		chromedp.WaitVisible(chromedp.CSS(`#appeals`)),
	)
	if err != nil {
		t.Fatalf("sign in and open the board: %v", err)
	}
	board, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#appeals`)))
	if err != nil || !strings.Contains(board, number) || !strings.Contains(board, "зареєстровано") {
		t.Fatalf("board = %q, %v", board, err)
	}
	fitsThePhone(t, ctx, "the board")

	move := func(status, comment string, rows int) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/admin/appeals/"+number),
			chromedp.WaitVisible(chromedp.CSS(`#status-form`)),
			chromedp.SetValue(chromedp.CSS(`#to`), status),
			chromedp.SendKeys(chromedp.CSS(`#comment`), comment),
			chromedp.Click(chromedp.CSS(`#save-status`)),
			chromedp.WaitVisible(chromedp.CSS(`#history tr:nth-child(`+string(rune('0'+rows))+`)`)),
		)
		if err != nil {
			t.Fatalf("move to %s: %v", status, err)
		}
	}
	move("in_progress", "Бригада вже їде", 3)
	fitsThePhone(t, ctx, "the appeal page")
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.notice`)))
	if err != nil || !strings.Contains(notice, "Статус змінено") {
		t.Fatalf("notice = %q, %v", notice, err)
	}
	move("done", "Замінили засувку", 4)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
	if err != nil || status != "виконано" {
		t.Fatalf("status on the page = %q, %v", status, err)
	}

	first := pushes.nth(t, resident, 1)[0].Text.String()
	if !strings.Contains(first, number) || !strings.Contains(first, "в роботу") || !strings.Contains(first, "Бригада вже їде") {
		t.Fatalf("in-progress notice:\n%s", first)
	}
	done := pushes.nth(t, resident, 2)[0]
	if text := done.Text.String(); !strings.Contains(text, "Замінили засувку") || !strings.Contains(text, "Проблему вирішено?") {
		t.Fatalf("done notice:\n%s", text)
	}
	var yes string
	labels := []string{}
	for _, b := range done.AllButtons() {
		labels = append(labels, b.Label)
		if b.Label == "Так" {
			yes = b.Action
		}
	}
	if yes == "" || !strings.Contains(strings.Join(labels, "|"), "Ні") {
		t.Fatalf("done notice buttons = %v, want Так and Ні", labels)
	}
	replies, err := m.Engine.Handle(context.Background(), dialog.Update{Channel: vikno.Terminal, UserID: resident, Action: yes})
	if err != nil || len(replies) == 0 || !strings.Contains(replies[0].Text.String(), "закрито") {
		t.Fatalf("after Так: %v, %v", replies, err)
	}
	a, err := m.appeals.Find(context.Background(), number)
	if err != nil || a.Status != "closed" || len(a.History) != 4 || a.History[1].Actor.Name != "staff:teplo" {
		t.Fatalf("appeal = %s with %d events, %v", a.Status, len(a.History), err)
	}
	audit, _ := m.Store.ListAudit(context.Background(), 5)
	if len(audit) < 2 || audit[0].Action != "appeal.status" || audit[0].Target != "appeal:"+number || audit[0].Actor != "teplo" {
		t.Fatalf("audit = %+v", audit)
	}
}
