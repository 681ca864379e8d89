package main

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
)

// TestBrowserManagerAnswersAFeedbackItem: a resident rates a visit in
// Telegram; a manager signs in to the admin web, opens the rating from the
// feedback inbox and answers; the resident's chat receives the answer
// through the outbox with «✍️ Відповісти», replies, and the reply shows in
// the rating's thread in the browser.
func TestBrowserManagerAnswersAFeedbackItem(t *testing.T) {
	ctx := browserCtx(t)
	fake := telegramtest.New(t)
	next := &atomic.Int64{}
	next.Store(rand.Int64N(1 << 40))
	a := startRatings(t, ratingsConfig(testConfig(t), fake), fake, next)
	hash, err := staff.HashPassword("пароль менеджера")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.m.Store.CreateUser(context.Background(), staff.User{Login: "olena", Name: "Олена Коваль",
		Role: staff.RoleManager, Level: cases.LevelLocation, Scope: "cnap-center", PasswordHash: hash},
		staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}

	resident := ratingsChat()
	for _, s := range []struct{ press, text, want string }{
		{text: "/start " + ratePayload(t, a.m, "cnap-center"), want: "Як пройшов Ваш візит"},
		{press: "rate:s:2", want: "Що саме було не так"},
		{press: "rate:a:wait", want: "Позначено"},
		{press: "rate:next", want: "Опишіть кількома словами"},
		{text: "Чекала дві години", want: "Дякуємо"},
	} {
		var got string
		if s.press != "" {
			got = a.press(t, resident, s.press)
		} else {
			got = a.text(t, resident, s.text)
		}
		if !strings.Contains(got, s.want) {
			t.Fatalf("resident step %q%q: want %q, got:\n%s", s.press, s.text, s.want, got)
		}
	}
	before := len(fake.Sent(resident))

	const answer = "Вибачте! З понеділка працюватимуть ще чотири вікна."
	base := a.m.HTTP.URL()
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login?lang=uk"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), "olena"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "пароль менеджера"),
		chromedp.Click(chromedp.CSS(`#sign-in`)),
		chromedp.WaitVisible(chromedp.CSS(`header nav`)),
		chromedp.Click(chromedp.CSS(`a[href="/admin/feedback"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ratings`)),
	)
	if err != nil {
		t.Fatalf("sign in and open the inbox: %v", err)
	}
	list, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list, "Знайдено 1 оцінку") || !strings.Contains(list, "Чекала дві години") {
		t.Fatalf("the inbox shows:\n%s", list)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#ratings a`)),
		chromedp.WaitVisible(chromedp.CSS(`#answer`)),
		chromedp.SendKeys(chromedp.CSS(`#answer`), answer),
		chromedp.Click(chromedp.CSS(`#send`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)),
	)
	if err != nil {
		t.Fatalf("answer: %v", err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.notice`)))
	if err != nil || !strings.Contains(notice, "Відповідь надіслано") {
		t.Fatalf("notice %q, %v", notice, err)
	}

	ratingsWaitOutbox(t, a.m.Store)
	msgs := fake.WaitSent(t, resident, before+1)
	got := msgs[len(msgs)-1]
	if !strings.Contains(got.Text, "Відповідь від ЦНАП у Ратуші") || !strings.Contains(got.Text, "ще чотири вікна") {
		t.Fatalf("the resident got:\n%s", got.Text)
	}
	reply := got.ButtonData("rr:")
	if reply == "" {
		t.Fatalf("the answer has no reply button: %+v", got.Buttons())
	}
	if got := a.press(t, resident, reply); !strings.Contains(got, "Напишіть відповідь") {
		t.Fatalf("reply prompt:\n%s", got)
	}
	if got := a.text(t, resident, "Дякую! Прийду у вівторок."); !strings.Contains(got, "записано до оцінки") {
		t.Fatalf("reply:\n%s", got)
	}

	err = chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#thread`)),
	)
	if err != nil {
		t.Fatalf("reload the rating: %v", err)
	}
	thread, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#thread`)))
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(thread, "ще чотири вікна") || !strings.Contains(thread, "Олена Коваль") ||
		!strings.Contains(thread, "Прийду у вівторок") || !strings.Contains(status, "нова") {
		t.Fatalf("the thread after the reply (status %q):\n%s", status, thread)
	}
	audit, _ := a.m.Store.ListAudit(context.Background(), 1)
	if len(audit) != 1 || audit[0].Action != "rating.answer" || audit[0].Actor != "olena" {
		t.Fatalf("audit = %+v", audit)
	}
}
