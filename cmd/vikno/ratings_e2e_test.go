package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/notify"
)

const ratingsSecret = "ratings_e2e-secret"

// ratingsApp is Main with its Telegram channel (webhook mode) pointed at a
// fake Bot API.
type ratingsApp struct {
	m    *Main
	fake *telegramtest.Server
	cfg  configs.Config
	next *atomic.Int64
}

// ratingsConfig points cfg's Telegram channel at the fake and turns the
// digest off (its own test covers it).
func ratingsConfig(cfg configs.Config, fake *telegramtest.Server) configs.Config {
	cfg.Telegram.Token = telegramtest.Token
	cfg.Telegram.APIURL = fake.URL
	cfg.Telegram.Mode = telegram.ModeWebhook
	cfg.Telegram.WebhookSecret = ratingsSecret
	cfg.Ratings.DigestHour = -1
	return cfg
}

// startRatings boots Main on cfg; Close is the caller's (tests restart it).
func startRatings(t *testing.T, cfg configs.Config, fake *telegramtest.Server, next *atomic.Int64) *ratingsApp {
	t.Helper()
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return &ratingsApp{m: m, fake: fake, cfg: cfg, next: next}
}

// send delivers an update to the webhook, waits until it is handled and
// returns the messages the chat got for it.
func (a *ratingsApp) send(t *testing.T, chat int64, build func(id int) []byte) []telegramtest.Message {
	t.Helper()
	before := len(a.fake.Sent(chat))
	status, err := telegramtest.Deliver(http.DefaultClient, a.m.HTTP.URL()+telegram.WebhookPath, ratingsSecret,
		build(int(a.next.Add(1))))
	if err != nil || status != http.StatusOK {
		t.Fatalf("webhook: status %d, %v", status, err)
	}
	settle(t, a.m, chat)
	return a.fake.Sent(chat)[before:]
}

func (a *ratingsApp) text(t *testing.T, chat int64, text string) string {
	t.Helper()
	return ratingsVisible(a.send(t, chat, func(id int) []byte { return telegramtest.Text(id, chat, text) }))
}

func (a *ratingsApp) press(t *testing.T, chat int64, data string) string {
	t.Helper()
	return ratingsVisible(a.send(t, chat, func(id int) []byte { return telegramtest.Callback(id, chat, data) }))
}

var ratingsHTMLTag = regexp.MustCompile(`<[^>]+>`)

func ratingsVisible(msgs []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").
			Replace(ratingsHTMLTag.ReplaceAllString(m.Text, "")) + "\n")
	}
	return b.String()
}

// cliEnv is the environment of `vikno qr` and `vikno managers` run against
// the same database and bot as the app.
func (a *ratingsApp) cliEnv() []string {
	env := []string{"VIKNO_DATA_DIR=" + a.cfg.DataDir, "VIKNO_TELEGRAM_TOKEN=" + telegramtest.Token,
		"VIKNO_TELEGRAM_API_URL=" + a.fake.URL}
	if a.cfg.DatabaseURL != "" {
		env = append(env, "VIKNO_DATABASE_URL="+a.cfg.DatabaseURL)
	}
	return env
}

var ratingsStartLink = regexp.MustCompile(`https://t\.me/` + telegramtest.Username + `\?start=([A-Za-z0-9_-]+)`)

// invite runs `vikno managers invite` and returns the invite's payload.
func (a *ratingsApp) invite(t *testing.T, level int, scope string) string {
	t.Helper()
	r := runCLI(t, "", a.cliEnv(), "managers", "invite", "--level", fmt.Sprint(level), "--scope", scope)
	m := ratingsStartLink.FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("managers invite: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return m[1]
}

// ratePayloads runs `vikno qr` and returns each location's rating payload.
func (a *ratingsApp) ratePayloads(t *testing.T) map[string]string {
	t.Helper()
	r := runCLI(t, "", a.cliEnv(), "qr", "--out", t.TempDir())
	if r.code != 0 {
		t.Fatalf("qr: exit %d\n%s", r.code, r.stderr)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		file, _, _ := strings.Cut(line, "\t")
		loc := strings.TrimSuffix(file[strings.LastIndexByte(file, '/')+1:], ".png")
		if m := ratingsStartLink.FindStringSubmatch(line); m != nil {
			out[loc] = m[1]
		}
	}
	return out
}

func (a *ratingsApp) join(t *testing.T, chat int64, level int, scope string) {
	t.Helper()
	if got := a.text(t, chat, "/start "+a.invite(t, level, scope)); !strings.Contains(got, "Готово!") {
		t.Fatalf("manager did not join:\n%s", got)
	}
}

// ratingsWaitOutbox waits until no outbox message is pending or being sent, and
// returns the counts.
func ratingsWaitOutbox(t *testing.T, s notify.Store) map[string]int {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		counts, err := s.OutboxCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if counts[notify.StatusPending] == 0 && counts[notify.StatusSending] == 0 {
			return counts
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox never drained: %v", counts)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ratingsAlertsTo returns the alert messages a chat received, by rating number.
func ratingsAlertsTo(fake *telegramtest.Server, chat int64) map[string]int {
	out := map[string]int{}
	for _, m := range fake.Sent(chat) {
		if id := ratingsAlertID.FindStringSubmatch(m.Text); id != nil {
			out[id[1]]++
		}
	}
	return out
}

var ratingsAlertID = regexp.MustCompile(`Оцінка #(\d+) ·`)

func ratingsChat() int64 { return 1e9 + rand.Int64N(1e12) }

func TestRatingEndToEndOnSQLite(t *testing.T) {
	runRatingEndToEnd(t, testConfig(t))
}

func TestRatingEndToEndOnPostgresAndRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	runRatingEndToEnd(t, cfg)
}

// runRatingEndToEnd: managers join by invite links from `vikno managers
// invite`; a resident scans the poster's link from `vikno qr` and rates a
// visit 2 in Telegram; the alert reaches the managers of that location and
// city only; one of them answers from the alert; the resident gets the
// answer in Telegram.
func runRatingEndToEnd(t *testing.T, cfg configs.Config) {
	fake := telegramtest.New(t)
	next := &atomic.Int64{}
	next.Store(rand.Int64N(1 << 40))
	a := startRatings(t, ratingsConfig(cfg, fake), fake, next)

	center, sykhiv, city, volyn, resident := ratingsChat(), ratingsChat(), ratingsChat(), ratingsChat(), ratingsChat()
	a.join(t, center, 1, "cnap-center")
	a.join(t, sykhiv, 1, "cnap-sykhiv")
	a.join(t, city, 2, "lviv")
	a.join(t, volyn, 2, "volyn-oblast")
	payloads := a.ratePayloads(t)
	if len(payloads) != len(cfg.City.Locations) {
		t.Fatalf("qr printed %d links for %d locations", len(payloads), len(cfg.City.Locations))
	}

	steps := []struct {
		press, text, want string
	}{
		{text: "/start " + payloads["cnap-center"], want: "Як пройшов Ваш візит до ЦНАП у Ратуші"},
		{press: "rate:s:2", want: "Що саме було не так"},
		{press: "rate:a:wait", want: "Позначено: час очікування"},
		{press: "rate:next", want: "Опишіть кількома словами"},
		{text: "Чекала дві години, а вікон відкрито лише два", want: "Дякуємо за чесну оцінку"},
	}
	for _, s := range steps {
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

	ratingsWaitOutbox(t, a.m.Store)
	alert := fake.WaitSent(t, center, 2)[1]
	for _, w := range []string{"Низька оцінка: 2 з 5", "ЦНАП у Ратуші", "час очікування", "Чекала дві години"} {
		if !strings.Contains(alert.Text, w) {
			t.Errorf("alert lacks %q: %s", w, alert.Text)
		}
	}
	if got := ratingsAlertsTo(fake, city); len(got) != 1 {
		t.Errorf("city manager got alerts %v, want one", got)
	}
	for name, chat := range map[string]int64{"another location's": sykhiv, "another oblast's": volyn} {
		if got := ratingsAlertsTo(fake, chat); len(got) != 0 {
			t.Errorf("%s manager got alerts %v", name, got)
		}
	}

	answer := alert.ButtonData("mgr:a:")
	if answer == "" {
		t.Fatalf("alert has no answer button: %+v", alert.Buttons())
	}
	if got := a.press(t, sykhiv, answer); !strings.Contains(got, "недоступна") {
		t.Fatalf("another location's manager pressed answer:\n%s", got)
	}
	if got := a.press(t, center, answer); !strings.Contains(got, "Напишіть відповідь") {
		t.Fatalf("answer prompt:\n%s", got)
	}
	if got := a.text(t, center, "Вибачте! З понеділка працюватимуть ще чотири вікна."); !strings.Contains(got, "надіслано") {
		t.Fatalf("answer:\n%s", got)
	}
	ratingsWaitOutbox(t, a.m.Store)
	msgs := fake.WaitSent(t, resident, len(steps)+1)
	last := ratingsVisible(msgs[len(steps):])
	if !strings.Contains(last, "Відповідь від ЦНАП у Ратуші") || !strings.Contains(last, "ще чотири вікна") {
		t.Fatalf("resident got:\n%s", last)
	}

	// The resident replies from the answer: it reaches that manager alone.
	reply := msgs[len(msgs)-1].ButtonData("rr:")
	if reply == "" {
		t.Fatalf("the answer has no reply button: %+v", msgs[len(msgs)-1].Buttons())
	}
	if got := a.press(t, resident, reply); !strings.Contains(got, "Напишіть відповідь") {
		t.Fatalf("reply prompt:\n%s", got)
	}
	if got := a.text(t, resident, "Дякую! Прийду у вівторок."); !strings.Contains(got, "передано керівнику ЦНАП") {
		t.Fatalf("reply:\n%s", got)
	}
	ratingsWaitOutbox(t, a.m.Store)
	toCenter := fake.WaitSent(t, center, 5)
	if got := toCenter[len(toCenter)-1].Text; !strings.Contains(got, "Прийду у вівторок") || !strings.Contains(got, "ще чотири вікна") {
		t.Fatalf("the manager got:\n%s", got)
	}
	for _, m := range fake.Sent(city) {
		if strings.Contains(m.Text, "Прийду у вівторок") {
			t.Fatalf("the reply reached the city manager who did not answer: %s", m.Text)
		}
	}
}

// TestAlertsSurviveBotAPIFailuresAndARestart: the Bot API answers 429 and
// 500 for a while, and the process is stopped while alerts are being
// delivered; after a restart every alert reaches every manager of its
// location exactly once, and no other manager.
func TestAlertsSurviveBotAPIFailuresAndARestart(t *testing.T) {
	fake := telegramtest.New(t)
	cfg := ratingsConfig(testConfig(t), fake)
	next := &atomic.Int64{}
	a := startRatings(t, cfg, fake, next)
	center, city, country, other := ratingsChat(), ratingsChat(), ratingsChat(), ratingsChat()
	a.join(t, center, 1, "cnap-center")
	a.join(t, city, 2, "lviv")
	a.join(t, country, 3, "ua")
	a.join(t, other, 1, "cnap-vynnyky")
	payloads := a.ratePayloads(t)
	joined := len(fake.Calls("sendMessage"))

	fake.Fail("sendMessage", telegramtest.TooManyRequests(1), telegramtest.InternalError(), telegramtest.InternalError(),
		telegramtest.TooManyRequests(1), telegramtest.InternalError(), telegramtest.InternalError(),
		telegramtest.InternalError(), telegramtest.TooManyRequests(1))
	const ratings = 4
	for i := range ratings {
		ratingsRateInTerminal(t, a.m, fmt.Sprint("visitor-", i), payloads["cnap-center"], 1+i%3)
	}
	fake.WaitCalls(t, "sendMessage", joined+3) // delivery is under way, failing
	a.m.Close()                                // the process stops mid-delivery
	if undelivered := ratingsExpireLeases(t, cfg); undelivered == 0 {
		t.Fatal("every alert was delivered before the restart; the test restarted too late")
	}

	b := startRatings(t, cfg, fake, next)
	counts := ratingsWaitOutbox(t, b.m.Store)
	if counts[notify.StatusDead] != 0 {
		t.Fatalf("outbox = %v; no alert may be given up", counts)
	}
	for name, chat := range map[string]int64{"location": center, "city": city, "country": country} {
		got := ratingsAlertsTo(fake, chat)
		if len(got) != ratings {
			t.Errorf("%s manager got alerts of %d ratings, want %d: %v", name, len(got), ratings, got)
		}
		for id, n := range got {
			if n != 1 {
				t.Errorf("%s manager got the alert of rating %s %d times", name, id, n)
			}
		}
	}
	if got := ratingsAlertsTo(fake, other); len(got) != 0 {
		t.Errorf("another location's manager got %v", got)
	}
	failed := 0
	for _, c := range fake.Calls("sendMessage") {
		if c.Failed != nil {
			failed++
		}
	}
	if failed != 8 {
		t.Errorf("%d sends failed, want all 8 injected failures used", failed)
	}
}

// ratingsRateInTerminal rates a location as a resident of the terminal channel,
// whose replies do not go through the Bot API.
func ratingsRateInTerminal(t *testing.T, m *Main, user, payload string, score int) {
	t.Helper()
	for _, u := range []dialog.Update{
		{StartPayload: payload, Text: "/start " + payload},
		{Action: fmt.Sprintf("rate:s:%d", score)},
		{Action: "rate:next"},
		{Text: "коментар " + user},
	} {
		u.Channel, u.UserID = vikno.Terminal, user
		if _, err := m.Handler.Handle(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
}

// ratingsExpireLeases ends the leases of the messages a stopped process had
// claimed, as two minutes of waiting would, and returns how many alerts are
// not delivered yet.
func ratingsExpireLeases(t *testing.T, cfg configs.Config) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+cfg.SQLitePath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE outbox SET lease_until = '2000-01-01T00:00:00Z' WHERE status = 'sending'`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE kind = 'alert' AND status <> 'sent'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
