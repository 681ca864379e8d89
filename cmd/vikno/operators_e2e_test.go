package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/staff"
)

// alwaysOpen are operators' hours that include every moment.
const alwaysOpen = "Mon-Sun 00:00-24:00"

// signInStaff creates a staff account with role and signs it in over HTTP.
func signInStaff(t *testing.T, m *Main, login, name string, role staff.Role) *adminClient {
	t.Helper()
	return signInUser(t, m, staff.User{Login: login, Name: name, Role: role})
}

// waitSent waits until the chat got a message containing text.
func (b *tgBot) waitSent(t *testing.T, chat int64, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tgVisible(b.fake.Sent(chat)), text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the chat never got %q; it has:\n%s", text, tgVisible(b.fake.Sent(chat)))
}

// openHandoff returns the only open hand-off.
func openHandoff(t *testing.T, m *Main) handoff.Handoff {
	t.Helper()
	list, err := m.Store.ListHandoffs(context.Background(), 0)
	if err != nil || len(list) != 1 {
		t.Fatalf("hand-offs = %+v, %v; want one open", list, err)
	}
	return list[0]
}

func TestTelegramResidentTalksToAnOperatorAndBackToTheBot(t *testing.T) {
	cfg := tgConfig(t)
	cfg.Operators.Hours = alwaysOpen
	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	// «Тут немає відповіді» under the bot's guesses offers a person.
	b.send(t, chat, tgText(chat, "чи можна вигулювати жирафа на даху ратуші"))
	msgs := b.send(t, chat, tgPress(chat, "faq:none"))
	if !tgFind(tgCheckButtons(t, msgs), "menu:"+dialog.FlowOperator) {
		t.Fatalf("no «Поговорити з оператором» under %q", tgVisible(msgs))
	}
	if got := tgVisible(b.send(t, chat, tgPress(chat, "menu:"+dialog.FlowOperator))); !strings.Contains(got, "Передаю розмову оператору") {
		t.Fatalf("asking for a person got %q", got)
	}
	h := openHandoff(t, b.m)
	id := strconv.FormatInt(h.ID, 10)
	olena := signInStaff(t, b.m, "olena", "Олена", staff.RoleOperator)
	if _, queue := olena.do("GET", "/admin/operators", nil); !strings.Contains(queue, "/admin/operators/"+id+"/take") {
		t.Fatalf("the queue does not offer the conversation:\n%.2000s", queue)
	}
	if code, _ := olena.do("POST", "/admin/operators/"+id+"/take", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("take = %d", code)
	}
	b.waitSent(t, chat, "Вам відповідає Олена")
	// The operator sees what the resident asked the bot before.
	if _, page := olena.do("GET", "/admin/operators/"+id, nil); !strings.Contains(page, "Перед тим мешканець писав боту") ||
		!strings.Contains(page, "чи можна вигулювати жирафа на даху ратуші") {
		t.Errorf("the conversation page lacks the resident's earlier question:\n%.3000s", page)
	}
	if code, _ := olena.do("POST", "/admin/operators/"+id+"/send", url.Values{"text": {"Добрий день! Що сталося?"}, "ref": {"f1"}}); code != http.StatusSeeOther {
		t.Fatalf("send = %d", code)
	}
	b.waitSent(t, chat, "Олена: Добрий день! Що сталося?")

	// The resident's answer reaches the operator, and the bot keeps quiet.
	if got := b.send(t, chat, tgText(chat, "Не працює ліфт <b>третій</b> день")); len(got) != 0 {
		t.Fatalf("the bot answered a message meant for the operator: %q", tgVisible(got))
	}
	_, body := olena.do("GET", "/admin/operators/"+id+"/messages?after=0", nil)
	var seen struct {
		Messages []struct{ Author, Text string }
	}
	if err := json.Unmarshal([]byte(body), &seen); err != nil {
		t.Fatal(err)
	}
	last := seen.Messages[len(seen.Messages)-1]
	if last.Author != "resident" || last.Text != "Не працює ліфт <b>третій</b> день" {
		t.Fatalf("the operator sees %+v", seen.Messages)
	}

	if code, _ := olena.do("POST", "/admin/operators/"+id+"/return", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("return = %d", code)
	}
	b.waitSent(t, chat, "Знову відповідає бот")
	if got := tgVisible(b.send(t, chat, tgText(chat, "скільки коштує ID-картка"))); !strings.Contains(got, "ID-карт") {
		t.Fatalf("after the hand-off the bot answered %q", got)
	}
}

func TestTelegramOperatorOutsideWorkingHoursOffersACallBack(t *testing.T) {
	cfg := tgConfig(t)
	// Working hours on a weekday three days from today: closed now.
	i := (time.Now().In(cfg.City.Loc()).Weekday() + 3) % 7
	day := []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[i]
	cfg.Operators.Hours = day + " 09:00-18:00"
	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	msgs := b.send(t, chat, tgText(chat, "оператор"))
	shown := []string{"нд", "пн", "вт", "ср", "чт", "пт", "сб"}[i] + " 09:00–18:00"
	if got := tgVisible(msgs); !strings.Contains(got, "зараз їх немає на зв’язку") || !strings.Contains(got, shown) {
		t.Fatalf("outside hours «оператор» got %q", got)
	}
	if !tgFind(tgCheckButtons(t, msgs), "menu:callback") {
		t.Fatal("no call-back button outside working hours")
	}
	msgs = b.send(t, chat, tgPress(chat, "menu:callback"))
	if got := tgVisible(msgs); !strings.Contains(got, "номер телефону") {
		t.Fatalf("call-back asked %q", got)
	}
	if got := tgVisible(b.send(t, chat, tgText(chat, "050 123 45 67"))); !strings.Contains(got, "+380501234567") {
		t.Fatalf("call-back confirmation %q", got)
	}
	if list, _ := b.m.Store.ListHandoffs(context.Background(), 10); len(list) != 0 {
		t.Fatalf("outside hours a resident was queued: %+v", list)
	}
	admin := signInStaff(t, b.m, "boss", "Адміністратор", staff.RoleAdmin)
	if _, page := admin.do("GET", "/admin/operators", nil); !strings.Contains(page, "380501234567") {
		t.Fatalf("the call-back is not listed for the hotline:\n%.2000s", page)
	}
}

// TestHandOffAcrossReplicasOnPostgresAndRedis runs two replicas on one
// PostgreSQL and Redis: the resident writes to either, two operators on
// different replicas press «Взяти» at once and exactly one gets the
// conversation, and everything either side writes reaches the other.
func TestHandOffAcrossReplicasOnPostgresAndRedis(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	cfg.Operators.Hours = alwaysOpen
	fake := telegramtest.New(t)
	cfg.Telegram.Token, cfg.Telegram.APIURL = telegramtest.Token, fake.URL
	cfg.Telegram.Mode, cfg.Telegram.WebhookSecret = telegram.ModeWebhook, tgSecret
	cfg.PublicURL = "https://vikno.example/"
	var replicas []*Main
	for range 2 {
		m := NewMain(cfg, slog.New(slog.DiscardHandler))
		t.Cleanup(func() { m.Close() })
		if err := m.Run(context.Background()); err != nil {
			t.Fatalf("Run: %v", err)
		}
		replicas = append(replicas, m)
	}
	a, b := replicas[0], replicas[1]
	chat := tgChat()
	update := 0
	say := func(m *Main, text string) {
		update++
		status, err := telegramtest.Deliver(http.DefaultClient, m.HTTP.URL()+telegram.WebhookPath, tgSecret,
			telegramtest.Text(int(chat%1e6)*100+update, chat, text))
		if err != nil || status != http.StatusOK {
			t.Fatalf("webhook: %d, %v", status, err)
		}
		settle(t, a, chat)
		settle(t, b, chat)
	}
	waitSent := func(text string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(tgVisible(fake.Sent(chat)), text) {
			if time.Now().After(deadline) {
				t.Fatalf("the chat never got %q; it has:\n%s", text, tgVisible(fake.Sent(chat)))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	say(a, "оператор")
	waitSent("Передаю розмову оператору")
	id := strconv.FormatInt(openHandoff(t, b).ID, 10)

	olena := signInStaff(t, a, "olena", "Олена", staff.RoleOperator)
	petro := signInStaff(t, b, "petro", "Петро", staff.RoleOperator)
	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i, s := range []*adminClient{olena, petro} {
		wg.Go(func() { codes[i], _ = s.do("POST", "/admin/operators/"+id+"/take", url.Values{}) })
	}
	wg.Wait()
	var taker, other *adminClient
	switch {
	case codes[0] == http.StatusSeeOther && codes[1] == http.StatusConflict:
		taker, other = olena, petro
	case codes[1] == http.StatusSeeOther && codes[0] == http.StatusConflict:
		taker, other = petro, olena
	default:
		t.Fatalf("take codes %v; want one 303 and one 409", codes)
	}
	if code, _ := other.do("POST", "/admin/operators/"+id+"/send", url.Values{"text": {"втручаюся"}}); code != http.StatusConflict {
		t.Fatalf("the other operator's message = %d, want 409", code)
	}
	if code, _ := taker.do("POST", "/admin/operators/"+id+"/send", url.Values{"text": {"Слухаю Вас"}, "ref": {"x1"}}); code != http.StatusSeeOther {
		t.Fatalf("send = %d", code)
	}
	waitSent(": Слухаю Вас")
	if strings.Count(tgVisible(fake.Sent(chat)), "Вам відповідає") != 1 {
		t.Fatalf("the resident was told about the operator more than once:\n%s", tgVisible(fake.Sent(chat)))
	}
	say(b, "Дякую, питання про субсидію")
	_, body := other.do("GET", "/admin/operators/"+id+"/messages?after=0", nil)
	if !strings.Contains(body, "питання про субсидію") {
		t.Fatalf("the resident's reply through another replica is not in the conversation: %s", body)
	}
	if code, _ := taker.do("POST", "/admin/operators/"+id+"/return", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("return = %d", code)
	}
	waitSent("Знову відповідає бот")
	before := len(fake.Sent(chat))
	say(a, "/help")
	if len(fake.Sent(chat)) == before {
		t.Fatal("the bot does not answer after the hand-off")
	}
}

// The message that asked for a person opens the conversation; it is not
// also listed among what the resident wrote to the bot before.
func TestTheRequestForAPersonIsShownOnce(t *testing.T) {
	cfg := tgConfig(t)
	cfg.Operators.Hours = alwaysOpen
	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	b.send(t, chat, tgText(chat, "чи можна вигулювати жирафа на даху ратуші"))
	const ask = "покличте оператора, будь ласка"
	if got := tgVisible(b.send(t, chat, tgText(chat, ask))); !strings.Contains(got, "Передаю розмову оператору") {
		t.Fatalf("asking for a person got %q", got)
	}
	id := strconv.FormatInt(openHandoff(t, b.m).ID, 10)
	olena := signInStaff(t, b.m, "olena", "Олена", staff.RoleOperator)
	_, page := olena.do("GET", "/admin/operators/"+id, nil)
	if n := strings.Count(page, ask); n != 1 || !strings.Contains(page, "чи можна вигулювати жирафа") {
		t.Errorf("the request is on the page %d times (want once), the earlier question shown: %v:\n%.3000s",
			n, strings.Contains(page, "чи можна вигулювати жирафа"), page)
	}
}
