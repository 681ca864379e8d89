package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno/staff"
)

// pageHas is a JS condition: the element matching css contains s.
func pageHas(css, s string) string {
	c, _ := json.Marshal(css)
	q, _ := json.Marshal(s)
	return `(function () { var e = document.querySelector(` + string(c) + `); return !!e && e.textContent.indexOf(` + string(q) + `) >= 0; })()`
}

// TestBrowserVisitorTalksToAnOperator runs two browser sessions: a visitor
// of the web chat asks for a person, and an admin acting as operator takes
// the conversation in the admin web, answers, reads the visitor's reply
// near-live and gives the conversation back to the bot.
func TestBrowserVisitorTalksToAnOperator(t *testing.T) {
	visitor := browserCtx(t)
	cfg := testConfig(t)
	cfg.Operators.Hours = alwaysOpen
	m := MustRunMain(t, cfg)
	base := m.HTTP.URL()
	hash, err := staff.HashPassword("пароль адміністратора")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateUser(context.Background(), staff.User{Login: "iryna", Name: "Ірина", Role: staff.RoleAdmin,
		PasswordHash: hash}, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}

	// The second session: an admin signs in and watches the queue.
	operator, cancel := chromedp.NewContext(visitor, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	err = chromedp.Do(operator,
		chromedp.Navigate(base+"/admin/login?lang=uk"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), "iryna"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "пароль адміністратора"),
		chromedp.Click(chromedp.CSS(`#sign-in`)),
		chromedp.WaitVisible(chromedp.CSS(`header nav`)),
		chromedp.Navigate(base+"/admin/operators"),
		chromedp.WaitVisible(chromedp.CSS(`#handoff-queue`)),
	)
	if err != nil {
		t.Fatalf("operator signs in: %v", err)
	}

	if err := chromedp.Do(visitor, chromedp.Navigate(base+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, visitor, "the welcome", botSays(0, "Вітаємо"))
	n := botCount(t, visitor)
	typeAndSend(t, visitor, "хочу поговорити з людиною")
	waitJS(t, visitor, "the queue notice", botSays(n, "Передаю розмову оператору"))

	// The open queue page shows the visitor by itself; the operator takes
	// the conversation.
	n = botCount(t, visitor)
	err = chromedp.Do(operator,
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/take"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/take"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#handoff-log`)),
	)
	if err != nil {
		t.Fatalf("operator takes the conversation: %v", err)
	}
	waitJS(t, operator, "the visitor's request in the history", pageHas("#handoff-log", "хочу поговорити з людиною"))
	waitJS(t, visitor, "who answers", botSays(n, "Вам відповідає Ірина"))
	n = botCount(t, visitor)

	err = chromedp.Do(operator,
		chromedp.SendKeys(chromedp.CSS(`#text`), "Добрий день! Чим можу допомогти?"),
		chromedp.Click(chromedp.CSS(`.handoff-send button`)),
		chromedp.WaitVisible(chromedp.CSS(`#handoff-log`)),
	)
	if err != nil {
		t.Fatalf("operator writes: %v", err)
	}
	waitJS(t, visitor, "the operator's message", botSays(n, "Ірина: Добрий день! Чим можу допомогти?"))

	// The visitor's reply appears on the operator's page by itself.
	typeAndSend(t, visitor, "Потрібна довідка про склад сім’ї")
	waitJS(t, operator, "the visitor's reply on the operator's page", pageHas("#handoff-log", "Потрібна довідка про склад сім’ї"))

	n = botCount(t, visitor)
	if err := chromedp.Do(operator, chromedp.Click(chromedp.CSS(`form[action$="/return"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#handoff-queue`))); err != nil {
		t.Fatalf("operator returns the conversation: %v", err)
	}
	waitJS(t, visitor, "the bot is back", botSays(n, "Знову відповідає бот"))
	n = botCount(t, visitor)
	typeAndSend(t, visitor, "скільки коштує ID-картка")
	waitJS(t, visitor, "the bot's answer", botSays(n, "ID-карт"))
}
