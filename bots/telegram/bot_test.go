package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/botstest"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
)

const secret = "s3cret_Token-1"

// handler is a dialog handler for adapter tests: it records updates and
// answers with reply (or fails while fail is set).
type handler struct {
	mu      sync.Mutex
	updates []dialog.Update
	fail    int // fail this many calls
	block   chan struct{}
	entered chan struct{}
	reply   func(u dialog.Update) []dialog.Reply
	// keyboard is the turns' Keyboard.
	keyboard dialog.Keyboard
}

func (h *handler) Handle(ctx context.Context, u dialog.Update) ([]dialog.Reply, error) {
	if h.entered != nil {
		h.entered <- struct{}{}
	}
	if h.block != nil {
		<-h.block
	}
	h.mu.Lock()
	h.updates = append(h.updates, u)
	failing := h.fail > 0
	if failing {
		h.fail--
	}
	h.mu.Unlock()
	if failing {
		return nil, vikno.Errorf(vikno.EUNAVAILABLE, "store down")
	}
	if h.reply != nil {
		return h.reply(u), nil
	}
	return []dialog.Reply{{
		Text:    dialog.Text{{Text: "Ви написали: "}, {Text: u.Text + u.Action, Bold: true}},
		Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}},
	}}, nil
}

func (h *handler) seen() []dialog.Update {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]dialog.Update(nil), h.updates...)
}

type harness struct {
	fake     *telegramtest.Server
	bot      *telegram.Bot
	handler  *handler
	state    *memory.Store
	store    *botstest.Store
	pipeline *bots.Pipeline
	url      string // webhook URL
}

// newHarness is a bot on a fake Bot API whose updates go through the
// message pipeline (journal in memory) to h, as in the program.
func newHarness(t *testing.T, mode string, h *handler, tune ...func(*telegram.Config)) *harness {
	t.Helper()
	if h == nil {
		h = &handler{}
	}
	hs := &harness{fake: telegramtest.New(t), handler: h, state: memory.New(), store: botstest.New()}
	worker := &notify.Worker{Store: hs.store, Senders: senderOf{&hs.bot}}
	hs.pipeline = bots.New(bots.Config{Journal: hs.store, Leases: hs.state, Handler: h, Deliver: worker})
	cfg := telegram.Config{
		Token: telegramtest.Token, APIURL: hs.fake.URL, Mode: mode, WebhookSecret: secret,
		WebhookURL: "https://vikno.example/telegram/webhook",
		Pipeline:   hs.pipeline, State: hs.state,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollTimeout: 2 * time.Second, RetryBackoff: 10 * time.Millisecond,
	}
	for _, f := range tune {
		f(&cfg)
	}
	bot, err := telegram.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs.bot = bot
	srv := httptest.NewServer(bot.WebhookHandler())
	hs.url = srv.URL
	bot.Start(context.Background())
	t.Cleanup(func() {
		bot.Close()
		hs.pipeline.Close()
		srv.Close()
	})
	return hs
}

// settle waits until every update of chat is handled and its replies sent.
func (hs *harness) settle(t *testing.T, chat int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), telegramtest.WaitTimeout)
	defer cancel()
	if err := hs.pipeline.Wait(ctx, bots.Resident{Channel: vikno.Telegram, UserID: strconv.FormatInt(chat, 10)}); err != nil {
		t.Fatalf("updates of chat %d not handled: %v", chat, err)
	}
}

func (hs *harness) deliver(t *testing.T, update []byte) int {
	t.Helper()
	return hs.deliverWith(t, secret, update)
}

func (hs *harness) deliverWith(t *testing.T, secret string, update []byte) int {
	t.Helper()
	status, err := hs.fake.Deliver(http.DefaultClient, hs.url, secret, update)
	if err != nil {
		t.Fatal(err)
	}
	return status
}

func TestWebhookReplyIsSentEscaped(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	if st := hs.deliver(t, telegramtest.Text(1, 42, "<b>привіт</b> & до побачення")); st != 200 {
		t.Fatalf("status %d", st)
	}
	sent := hs.fake.WaitSent(t, 42, 1)
	if len(sent) != 1 {
		t.Fatalf("%d messages", len(sent))
	}
	m := sent[0]
	if m.ParseMode != "HTML" || m.Text != "Ви написали: <b>&lt;b&gt;привіт&lt;/b&gt; &amp; до побачення</b>" {
		t.Errorf("message %q (%s)", m.Text, m.ParseMode)
	}
	if b := m.Buttons(); len(b) != 1 || b[0].CallbackData != "menu:" {
		t.Errorf("buttons %+v", b)
	}
	u := hs.handler.seen()[0]
	if u.ID != "tg:1" || u.UserID != "42" || u.Channel != vikno.Telegram {
		t.Errorf("update %+v", u)
	}
}

func TestWebhookRefusesWhatIsNotFromTelegram(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	tests := []struct {
		name   string
		secret string
		body   []byte
		want   int
	}{
		{"forged secret", "guess", telegramtest.Text(1, 42, "hi"), 401},
		{"no secret", "", telegramtest.Text(2, 42, "hi"), 401},
		{"secret with a suffix", secret + "x", telegramtest.Text(3, 42, "hi"), 401},
		{"oversized body", secret, []byte(`{"update_id":4,"message":{"text":"` + strings.Repeat("a", telegram.MaxBody) + `"}}`), 413},
		{"not JSON", secret, []byte("update_id=5"), 400},
		{"no update id", secret, []byte(`{"message":{"text":"hi"}}`), 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st := hs.deliverWith(t, tt.secret, tt.body); st != tt.want {
				t.Errorf("status %d, want %d", st, tt.want)
			}
		})
	}
	if n := len(hs.handler.seen()); n != 0 {
		t.Errorf("%d updates handled", n)
	}
	if n := len(hs.fake.Calls("sendMessage")); n != 0 {
		t.Errorf("%d messages sent", n)
	}
}

func TestWebhookHandlesARedeliveredUpdateOnce(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	for i := 0; i < 3; i++ {
		if st := hs.deliver(t, telegramtest.Text(7, 42, "двічі")); st != 200 {
			t.Fatalf("delivery %d: status %d", i, st)
		}
	}
	hs.settle(t, 42)
	if n := len(hs.handler.seen()); n != 1 {
		t.Errorf("handled %d times", n)
	}
	if n := len(hs.fake.Sent(42)); n != 1 {
		t.Errorf("%d messages", n)
	}
}

func TestSendHonoursRetryAfter(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.fake.Fail("sendMessage", telegramtest.TooManyRequests(1))
	if st := hs.deliver(t, telegramtest.Text(10, 42, "швидко")); st != 200 {
		t.Fatalf("status %d", st)
	}
	hs.fake.WaitSent(t, 42, 1)
	calls := hs.fake.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Failed == nil || calls[1].Failed != nil {
		t.Fatalf("calls: %+v", calls)
	}
	// Not a timing assertion: retrying before retry_after would break
	// Telegram's rule, so the gap has a lower bound by construction.
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second {
		t.Errorf("retried after %s, before retry_after", gap)
	}
	if n := len(hs.fake.Sent(42)); n != 1 {
		t.Errorf("%d messages", n)
	}
}

func TestSendRetriesServerErrors(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.fake.Fail("sendMessage", telegramtest.InternalError(), telegramtest.InternalError())
	if st := hs.deliver(t, telegramtest.Text(11, 42, "x")); st != 200 {
		t.Fatalf("status %d", st)
	}
	hs.fake.WaitSent(t, 42, 1)
	if n := len(hs.fake.Calls("sendMessage")); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

func TestLongFloodWaitIsLeftToTheCaller(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.fake.Fail("sendMessage", telegramtest.TooManyRequests(3600))
	err := hs.bot.Sender().Send(context.Background(), "42", []dialog.Reply{{Text: dialog.Plain("новина")}})
	var flood *telegram.FloodError
	if !errors.As(err, &flood) || flood.RetryAfter() != time.Hour {
		t.Fatalf("err = %v, want a FloodError of 1h", err)
	}
}

// A reply refused because the resident blocked the bot is not retried (the
// outbox sees a permanent error) and reaches the engine as an update of that
// resident (Subscribed false), which records it in the resident's order: the
// adapter writes nothing to the store. (Blocking and unblocking themselves
// reach the engine as updates too: TestPipelineBlockingIsAnUpdate.)
func TestBlockedBotIsAnUpdateOfTheResident(t *testing.T) {
	echo := &handler{}
	hs := newHarness(t, telegram.ModeWebhook, &handler{reply: func(u dialog.Update) []dialog.Reply {
		if u.Subscribed != nil {
			return nil // as the engine: reachability is no message
		}
		r, _ := echo.Handle(context.Background(), u)
		return r
	}})
	hs.fake.Fail("sendMessage", telegramtest.Blocked())
	if st := hs.deliver(t, telegramtest.Text(12, 42, "x")); st != 200 {
		t.Fatalf("status %d", st)
	}
	deadline := time.Now().Add(telegramtest.WaitTimeout)
	for {
		if gone := goneUpdates(hs.handler.seen(), "42"); gone == 1 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("%d blocked updates of chat 42 in %+v, want 1", gone, hs.handler.seen())
		}
		time.Sleep(5 * time.Millisecond)
	}
	hs.settle(t, 42)
	if n := len(hs.fake.Calls("sendMessage")); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	hs.fake.Fail("sendMessage", telegramtest.Blocked())
	err := hs.bot.Sender().Send(context.Background(), "42", []dialog.Reply{{Text: dialog.Plain("новина")}})
	if !errors.Is(err, telegram.ErrBlocked) || vikno.ErrorCode(err) != vikno.EUNAUTHORIZED {
		t.Errorf("Send err = %v", err)
	}
}

// goneUpdates counts the updates of user that say they cannot be reached.
func goneUpdates(updates []dialog.Update, user string) int {
	n := 0
	for _, u := range updates {
		if u.UserID == user && u.Subscribed != nil && !*u.Subscribed {
			n++
		}
	}
	return n
}

func TestEveryButtonPressIsAnswered(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.deliver(t, telegramtest.Callback(15, 42, "menu:faq"))
	calls := hs.fake.WaitCalls(t, "answerCallbackQuery", 1)
	hs.settle(t, 42)
	if len(calls) != 1 || calls[0].Params["callback_query_id"] != "cq15" {
		t.Fatalf("answerCallbackQuery calls: %+v", calls)
	}
	if u := hs.handler.seen(); len(u) != 1 || u[0].Action != "menu:faq" {
		t.Errorf("updates %+v", u)
	}
}

// A webhook answers a pressed button in the 200's body (Telegram runs the
// method), not with a request of its own.
func TestAPressedButtonIsAnsweredInTheWebhookAnswer(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	req, err := http.NewRequest(http.MethodPost, hs.url, bytes.NewReader(telegramtest.Callback(17, 42, "menu:faq")))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(telegram.SecretHeader, secret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	var answer map[string]string
	if err := json.Unmarshal(body, &answer); err != nil {
		t.Fatalf("answer %q: %v", body, err)
	}
	if answer["method"] != "answerCallbackQuery" || answer["callback_query_id"] != "cq17" || len(answer) != 2 {
		t.Errorf("answer %q", body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
	hs.settle(t, 42)
	if calls := hs.fake.Calls("answerCallbackQuery"); len(calls) != 0 {
		t.Errorf("the bot answered the press itself too: %+v", calls)
	}
	// A message needs no answer: an empty 200.
	status, err := hs.fake.Deliver(http.DefaultClient, hs.url, secret, telegramtest.Text(18, 42, "привіт"))
	if err != nil || status != http.StatusOK {
		t.Fatalf("status %d, %v", status, err)
	}
	hs.settle(t, 42)
	if calls := hs.fake.Calls("answerCallbackQuery"); len(calls) != 0 {
		t.Errorf("a message got a callback answer: %+v", calls)
	}
}

// Polling has no answer to carry a method: the press is answered by a call.
func TestAPressedButtonIsAnsweredWhenPolling(t *testing.T) {
	hs := newHarness(t, telegram.ModePolling, nil)
	hs.fake.Push(telegramtest.Callback(19, 42, "menu:faq"))
	calls := hs.fake.WaitCalls(t, "answerCallbackQuery", 1)
	if calls[0].Params["callback_query_id"] != "cq19" {
		t.Errorf("answerCallbackQuery calls: %+v", calls)
	}
}

func TestGroupsAreIgnored(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	if st := hs.deliver(t, telegramtest.GroupText(16, -100, 42, "бот, привіт")); st != 200 {
		t.Fatalf("status %d", st)
	}
	hs.deliver(t, telegramtest.Text(17, 42, "а це особисто"))
	hs.settle(t, 42)
	if seen := hs.handler.seen(); len(seen) != 1 || seen[0].Text != "а це особисто" {
		t.Errorf("updates handled %+v, want only the private message", seen)
	}
}

// The reply keyboard of a request is removed by the next reply.
func TestRequestKeyboardIsRemovedByTheNextReply(t *testing.T) {
	testRequestKeyboardIsRemoved(t)
}

func testRequestKeyboardIsRemoved(t *testing.T) {
	h := &handler{reply: func(u dialog.Update) []dialog.Reply {
		if u.Text == "адреса" {
			return []dialog.Reply{{Text: dialog.Plain("Де це?"), Request: dialog.RequestLocation, RequestLabel: "📍 Тут",
				Buttons: [][]dialog.Button{{{Label: "❌ Скасувати", Action: "appeal:cancel"}}}}}
		}
		return []dialog.Reply{{Text: dialog.Plain("Дякую"), Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}}}}
	}}
	hs := newHarness(t, telegram.ModeWebhook, h)
	for i, up := range [][]byte{telegramtest.Text(17, 42, "адреса"), telegramtest.Location(18, 42, 49.8, 24.0),
		telegramtest.Text(19, 42, "ще")} {
		hs.deliver(t, up)
		hs.fake.WaitSent(t, 42, i+1)
	}
	sent := hs.fake.Sent(42)
	if len(sent) != 3 {
		t.Fatalf("%d messages", len(sent))
	}
	kb := sent[0].Markup.Keyboard
	if len(kb) != 2 || !kb[0][0].RequestLocation || kb[1][0].Text != "❌ Скасувати" || !sent[0].Markup.OneTimeKeyboard {
		t.Errorf("request keyboard %+v", sent[0].Markup)
	}
	// The next reply removes the keyboard and still carries its buttons
	// (attached by an edit).
	if b := sent[1].Buttons(); len(b) != 1 || b[0].CallbackData != "menu:" {
		t.Errorf("second message buttons %+v", sent[1].Markup)
	}
	remove := hs.fake.Calls("sendMessage")[1].Params["reply_markup"]
	if !strings.Contains(remove, `"remove_keyboard":true`) {
		t.Errorf("second message markup %s", remove)
	}
	// Only once.
	if third := hs.fake.Calls("sendMessage")[2].Params["reply_markup"]; strings.Contains(third, "remove_keyboard") {
		t.Errorf("third message removes again: %s", third)
	}
	if n := len(hs.fake.Calls("editMessageReplyMarkup")); n != 1 {
		t.Errorf("%d edits", n)
	}
}

func TestPhotosGoOutWithSendPhoto(t *testing.T) {
	h := &handler{reply: func(dialog.Update) []dialog.Reply {
		return []dialog.Reply{
			{Image: &dialog.Image{Ref: "AgACfileid", Caption: dialog.Plain("QR")}},
			{Image: &dialog.Image{Data: []byte("\x89PNG"), Name: "qr.png", Caption: dialog.Plain("<друк>")}, Buttons: [][]dialog.Button{{{Label: "OK", Action: "menu:"}}}},
		}
	}}
	hs := newHarness(t, telegram.ModeWebhook, h)
	hs.deliver(t, telegramtest.Photo(20, 42, "ось", "small", "big"))
	sent := hs.fake.WaitSent(t, 42, 2)
	if u := h.seen(); u[0].Photo == nil || u[0].Photo.Ref != "big" {
		t.Errorf("update photo %+v", u[0].Photo)
	}
	if len(sent) != 2 || sent[0].Photo != "AgACfileid" || sent[1].Photo != "upload:photo" || sent[1].Text != "&lt;друк&gt;" || len(sent[1].Buttons()) != 1 {
		t.Errorf("sent %+v", sent)
	}
}

// Polling confirms an update once it is journaled: the dialog step may
// still be running, the update is not lost if the process dies.
func TestPollingConfirmsUpdatesOnceJournaled(t *testing.T) {
	h := &handler{block: make(chan struct{}), entered: make(chan struct{}, 10)}
	hs := newHarness(t, telegram.ModePolling, h)
	hs.fake.Push(telegramtest.Text(100, 42, "/start"))
	<-h.entered
	hs.fake.WaitOffset(t, 101) // confirmed while the step is still blocked
	if handled, pending := hs.store.Handled(); handled != 0 || pending != 1 {
		t.Fatalf("journal %d handled, %d pending; want the update journaled and waiting", handled, pending)
	}
	close(h.block)
	if sent := hs.fake.WaitSent(t, 42, 1); len(sent) != 1 {
		t.Errorf("%d messages", len(sent))
	}
	if n := len(hs.fake.Calls("deleteWebhook")); n != 1 {
		t.Errorf("%d deleteWebhook calls", n)
	}
}

func TestPollingKeepsEachChatInOrder(t *testing.T) {
	hs := newHarness(t, telegram.ModePolling, nil)
	var ups [][]byte
	for i := 0; i < 6; i++ {
		ups = append(ups, telegramtest.Text(300+i, 42+int64(i%2), string(rune('a'+i))))
	}
	hs.fake.Push(ups...)
	a, b := hs.fake.WaitSent(t, 42, 3), hs.fake.WaitSent(t, 43, 3)
	for _, msgs := range [][]telegramtest.Message{a, b} {
		for i := 1; i < len(msgs); i++ {
			if msgs[i-1].Text >= msgs[i].Text {
				t.Errorf("out of order: %q before %q", msgs[i-1].Text, msgs[i].Text)
			}
		}
	}
}

func TestStartUpCallsAndTheirFailures(t *testing.T) {
	fake := telegramtest.New(t)
	fake.Fail("getMe", telegramtest.InternalError())
	fake.Fail("setMyCommands", telegramtest.InternalError())
	fake.Fail("setWebhook", telegramtest.InternalError())
	bot, err := telegram.New(telegram.Config{
		Token: telegramtest.Token, APIURL: fake.URL, Mode: telegram.ModeWebhook, WebhookSecret: secret,
		WebhookURL: "https://vikno.example/telegram/webhook", Pipeline: discard{},
		State: memory.New(),
	})
	if err != nil {
		t.Fatal(err)
	}
	bot.Start(context.Background())
	defer bot.Close()
	calls := fake.WaitCalls(t, "setWebhook", 2)
	if p := calls[1].Params; p["url"] != "https://vikno.example/telegram/webhook" || p["secret_token"] != secret ||
		!strings.Contains(p["allowed_updates"], "callback_query") {
		t.Errorf("setWebhook params %+v", p)
	}
	fake.WaitCalls(t, "getMe", 2)
	for deadline := time.Now().Add(telegramtest.WaitTimeout); bot.Username() == "" && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if bot.Username() != telegramtest.Username || bot.DeepLink("rate-1") != "https://t.me/vikno_test_bot?start=rate-1" {
		t.Errorf("username %q, deep link %q", bot.Username(), bot.DeepLink("rate-1"))
	}
}

func TestCommandsAreSetInUkrainianAndEnglish(t *testing.T) {
	hs := newHarness(t, telegram.ModePolling, nil)
	calls := hs.fake.WaitCalls(t, "setMyCommands", 3)
	langs := map[string]string{}
	for _, c := range calls {
		langs[c.Params["language_code"]] = c.Params["commands"]
	}
	for _, lang := range []string{"", "uk", "en"} {
		for _, cmd := range []string{"start", "menu", "help", "cancel", "lang"} {
			if !strings.Contains(langs[lang], `"command":"`+cmd+`"`) {
				t.Errorf("language %q lacks /%s: %s", lang, cmd, langs[lang])
			}
		}
	}
	if !strings.Contains(langs["en"], "Main menu") || !strings.Contains(langs["uk"], "Головне меню") {
		t.Errorf("descriptions: %v", langs)
	}
}

// The command menu lists the commands of the engine's flows, described in
// the menu's language.
func TestCommandsListTheEnginesFlows(t *testing.T) {
	e := dialog.New(dialog.Config{Residents: &dialogtest.Residents{}, KV: memory.New()})
	var names []string
	for _, c := range e.Commands() {
		names = append(names, c.Name)
	}
	hs := newHarness(t, telegram.ModePolling, nil, func(c *telegram.Config) { c.Commands = names })
	calls := hs.fake.WaitCalls(t, "setMyCommands", 3)
	langs := map[string]string{}
	for _, c := range calls {
		langs[c.Params["language_code"]] = c.Params["commands"]
	}
	for _, cmd := range []string{"start", "menu", "book", "queue", "appeal", "status", "rate", "help"} {
		if !strings.Contains(langs["uk"], `"command":"`+cmd+`"`) {
			t.Errorf("uk lacks /%s: %s", cmd, langs["uk"])
		}
	}
	if !strings.Contains(langs["uk"], "Записатися до ЦНАП") || !strings.Contains(langs["en"], "Book a CNAP visit") {
		t.Errorf("descriptions: %v", langs)
	}
}

func TestNewRefusesBadConfiguration(t *testing.T) {
	base := telegram.Config{Token: telegramtest.Token, Pipeline: discard{}, State: memory.New()}
	tests := []struct {
		name string
		edit func(*telegram.Config)
		key  string
	}{
		{"malformed token", func(c *telegram.Config) { c.Token = "777:short" }, "telegram.token"},
		{"webhook without secret", func(c *telegram.Config) { c.Mode = telegram.ModeWebhook }, "telegram.webhook_secret"},
		{"secret with bad characters", func(c *telegram.Config) { c.Mode, c.WebhookSecret = telegram.ModeWebhook, "a b" }, "telegram.webhook_secret"},
		{"unknown mode", func(c *telegram.Config) { c.Mode = "push" }, "telegram.mode"},
		{"no pipeline", func(c *telegram.Config) { c.Pipeline = nil }, "pipeline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base
			tt.edit(&cfg)
			_, err := telegram.New(cfg)
			if vikno.ErrorCode(err) != vikno.EINVALID || !strings.Contains(err.Error(), tt.key) {
				t.Errorf("err = %v, want EINVALID naming %s", err, tt.key)
			}
			if err != nil && strings.Contains(err.Error(), "777:short") {
				t.Errorf("the token leaks into the error: %v", err)
			}
		})
	}
}

func TestCloseRefusesNewWebhookCalls(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.bot.Close()
	if st := hs.deliver(t, telegramtest.Text(400, 42, "x")); st != 503 {
		t.Errorf("status %d after Close, want 503", st)
	}
}

var _ dialog.Handler = (*handler)(nil)

// discard is a pipeline for tests that deliver no updates.
type discard struct{}

func (discard) Accept(context.Context, string, dialog.Update) error { return nil }

func TestButtonsFollowApartWhenTheyCannotBeAttached(t *testing.T) {
	h := &handler{reply: func(u dialog.Update) []dialog.Reply {
		if u.Text == "номер" {
			return []dialog.Reply{{Text: dialog.Plain("Ваш номер?"), Request: dialog.RequestContact}}
		}
		return []dialog.Reply{{Text: dialog.Plain("Дякую"), Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}}}}
	}}
	hs := newHarness(t, telegram.ModeWebhook, h)
	hs.deliver(t, telegramtest.Text(30, 42, "номер"))
	hs.fake.WaitSent(t, 42, 1)
	hs.fake.Fail("editMessageReplyMarkup", telegramtest.BadRequest("message can't be edited"))
	if st := hs.deliver(t, telegramtest.Contact(31, 42, "+380501234567", 42)); st != 200 {
		t.Fatalf("status %d", st)
	}
	sent := hs.fake.WaitSent(t, 42, 3)
	if len(sent) != 3 || !sent[1].Markup.RemoveKeyboard || len(sent[2].Buttons()) != 1 {
		t.Errorf("sent %+v", sent)
	}
}
