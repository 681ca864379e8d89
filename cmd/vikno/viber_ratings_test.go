package main

import (
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
	"github.com/vikno-city/vikno/internal/testenv"
)

// On PostgreSQL and Redis, with both messengers: a manager gets a Viber
// link in the invite and joins in Telegram; a resident rates a visit in
// Viber from the QR link; the manager answers from the Telegram alert, and
// the answer reaches the resident in Viber through the outbox.
func TestViberRatingAnsweredFromTelegramOnPostgresAndRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	tg := telegramtest.New(t)
	cfg = ratingsConfig(cfg, tg)
	a := vbRun(t, cfg, nil)
	next := &atomic.Int64{}
	next.Store(rand.Int64N(1 << 40))
	r := &ratingsApp{m: a.m, fake: tg, cfg: a.cfg, next: next}

	env := append(r.cliEnv(), "VIKNO_VIBER_TOKEN="+vibertest.Token, "VIKNO_VIBER_API_URL="+a.fake.URL)
	inv := runCLI(t, "", env, "managers", "invite", "--level", "1", "--scope", "cnap-center")
	if inv.code != 0 || !strings.Contains(inv.stdout, "viber://pa?chatURI="+vibertest.URI+"&context=m_") {
		t.Fatalf("invite without a Viber link: exit %d\n%s%s", inv.code, inv.stdout, inv.stderr)
	}
	manager := ratingsChat()
	r.join(t, manager, 1, "cnap-center")

	drv, user := vbConv{a}, vbUser()
	playConversationAs(t, drv, user, []convStep{
		{open: true, payload: a.qrPayload(t, "cnap-center"), want: []string{"Як пройшов Ваш візит"}},
		{press: "rate:s:2", want: []string{"Що саме було не так"}},
		{press: "rate:next", want: []string{"Опишіть кількома словами"}},
		{say: "Довго чекала біля вікна", want: []string{"Дякуємо"}},
	})
	ratingsWaitOutbox(t, a.m.Store)
	alert := tg.WaitSent(t, manager, 2)[1]
	answer := alert.ButtonData("mgr:a:")
	if !strings.Contains(alert.Text, "Довго чекала") || answer == "" {
		t.Fatalf("alert %q with buttons %+v", alert.Text, alert.Buttons())
	}
	r.press(t, manager, answer)
	if got := r.text(t, manager, "Вибачте, додамо ще одне вікно."); !strings.Contains(got, "надіслано") {
		t.Fatalf("answer:\n%s", got)
	}
	ratingsWaitOutbox(t, a.m.Store)
	sent := a.fake.Sent(user)
	if len(sent) == 0 || !strings.Contains(sent[len(sent)-1].Text, "додамо ще одне вікно") || sent[len(sent)-1].Sender == nil {
		t.Fatalf("the resident's Viber messages end with %+v", sent[len(sent)-1:])
	}
}

// The conversation table on PostgreSQL and Redis, in Viber.
func TestViberConversationsOnPostgresAndRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	drv, m := startViberConv(t, cfg)
	env := convEnv{ratePayload: ratePayload(t, m, "cnap-center")}
	for _, c := range conversations {
		if c.name == "booking" {
			continue // a shared database keeps earlier runs' bookings of the fixed day
		}
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			playConversation(t, drv, c.steps(env))
		})
	}
}
