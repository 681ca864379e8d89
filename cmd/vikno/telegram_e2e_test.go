package main

import (
	"context"
	"html"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

const tgSecret = "e2e_webhook-Secret"

// tgConfig is a test configuration (demo city, SQLite and in-process state
// in a temporary directory, a free port) for tests and benchmarks.
func tgConfig(tb testing.TB) configs.Config {
	tb.Helper()
	cfg, err := configs.Load("", nil)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.HTTPAddr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	return cfg
}

// tgBot is a Main with its Telegram channel pointed at a fake Bot API.
type tgBot struct {
	m      *Main
	fake   *telegramtest.Server
	mode   string
	nextID atomic.Int64
}

// tgRun boots the whole program on cfg with the Telegram channel in mode,
// talking to a fresh fake Bot API server.
func tgRun(tb testing.TB, cfg configs.Config, mode string) *tgBot {
	tb.Helper()
	return tgRunWith(tb, cfg, mode, nil)
}

// tgRunWith is tgRun with edit, when not nil, adjusting the Main before it
// runs.
func tgRunWith(tb testing.TB, cfg configs.Config, mode string, edit func(*Main)) *tgBot {
	tb.Helper()
	fake := telegramtest.New(tb)
	cfg.Telegram.Token = telegramtest.Token
	cfg.Telegram.APIURL = fake.URL
	cfg.Telegram.Mode = mode
	cfg.Telegram.WebhookSecret = tgSecret
	cfg.PublicURL = "https://vikno.example/"
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	if edit != nil {
		edit(m)
	}
	tb.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		tb.Fatalf("Run: %v", err)
	}
	b := &tgBot{m: m, fake: fake, mode: mode}
	// Update ids and chats unique per run: a shared Redis remembers update
	// ids and sessions of earlier runs.
	b.nextID.Store(rand.Int64N(1 << 40))
	return b
}

func (b *tgBot) webhookURL() string { return b.m.HTTP.URL() + telegram.WebhookPath }

// send delivers an update built for a fresh update id, the way the mode
// receives it, waits until it is handled and returns the messages the chat
// got for it.
func (b *tgBot) send(t *testing.T, chat int64, build func(id int) []byte) []telegramtest.Message {
	t.Helper()
	id := int(b.nextID.Add(1))
	before := len(b.fake.Sent(chat))
	if b.mode == telegram.ModeWebhook {
		status, err := b.fake.Deliver(http.DefaultClient, b.webhookURL(), tgSecret, build(id))
		if err != nil || status != http.StatusOK {
			t.Fatalf("webhook: status %d, %v", status, err)
		}
	} else {
		b.fake.Push(build(id))
		b.fake.WaitOffset(t, id+1) // confirmed once journaled
	}
	settle(t, b.m, chat)
	return b.fake.Sent(chat)[before:]
}

// settle waits until the pipeline has handled every update of the chat
// and sent its replies.
func settle(t testing.TB, m *Main, chat int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.Pipeline.Wait(ctx, bots.Resident{Channel: vikno.Telegram, UserID: strconv.FormatInt(chat, 10)}); err != nil {
		t.Fatalf("updates of chat %d not handled: %v", chat, err)
	}
}

// tgChat returns a chat id no earlier run used.
func tgChat() int64 { return 1e9 + rand.Int64N(1e12) }

func tgText(chat int64, text string) func(int) []byte {
	return func(id int) []byte { return telegramtest.Text(id, chat, text) }
}

func tgPress(chat int64, data string) func(int) []byte {
	return func(id int) []byte { return telegramtest.Callback(id, chat, data) }
}

// tgVisible is what the resident sees of messages: HTML tags removed,
// entities decoded.
func tgVisible(msgs []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(html.UnescapeString(tgTags.ReplaceAllString(m.Text, "")))
		b.WriteString("\n")
	}
	return b.String()
}

var tgTags = regexp.MustCompile(`</?b>|<a href="[^"]*">|</a>`)

// tgCheckButtons fails unless the last message has inline buttons, all of
// them with callback data Telegram accepts, and returns them.
func tgCheckButtons(t *testing.T, msgs []telegramtest.Message) []telegramtest.InlineButton {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	buttons := msgs[len(msgs)-1].Buttons()
	if len(buttons) == 0 {
		t.Fatalf("the last message has no buttons: %q", msgs[len(msgs)-1].Text)
	}
	for _, b := range buttons {
		if b.URL == "" && (b.CallbackData == "" || len(b.CallbackData) > 64) {
			t.Errorf("button %q has callback data %q", b.Text, b.CallbackData)
		}
	}
	for _, m := range msgs {
		if m.ParseMode != "HTML" {
			t.Errorf("parse mode %q", m.ParseMode)
		}
	}
	return buttons
}

func tgFind(buttons []telegramtest.InlineButton, data string) bool {
	for _, b := range buttons {
		if b.CallbackData == data {
			return true
		}
	}
	return false
}

// testTelegramConversation plays /start → menu button → question → answer
// button through the real telego client and the whole program.
func testTelegramConversation(t *testing.T, cfg configs.Config, mode string) {
	b := tgRun(t, cfg, mode)
	chat := tgChat()
	msgs := b.send(t, chat, tgText(chat, "/start"))
	if !strings.Contains(tgVisible(msgs), "Вітаємо") {
		t.Fatalf("/start answered %q", tgVisible(msgs))
	}
	menu := tgCheckButtons(t, msgs)
	if !tgFind(menu, "menu:"+dialog.FlowFAQ) || len(menu) < 5 {
		t.Fatalf("menu buttons %+v", menu)
	}

	msgs = b.send(t, chat, tgPress(chat, "menu:"+dialog.FlowFAQ))
	if len(msgs) == 0 {
		t.Fatal("no answer to the menu button")
	}
	tgCheckButtons(t, msgs)
	if n := len(b.fake.Calls("answerCallbackQuery")); n != 1 {
		t.Errorf("%d answerCallbackQuery calls", n)
	}

	msgs = b.send(t, chat, tgText(chat, "скільки коштує ID-картка"))
	if got := tgVisible(msgs); !strings.Contains(got, "ID-карт") {
		t.Fatalf("the question got %q", got)
	}
	answer := tgCheckButtons(t, msgs)

	var press string
	for _, btn := range answer {
		if btn.CallbackData != "" {
			press = btn.CallbackData
			break
		}
	}
	msgs = b.send(t, chat, tgPress(chat, press))
	if len(msgs) == 0 {
		t.Fatalf("no answer to %q", press)
	}
	tgCheckButtons(t, msgs)
	if strings.Contains(tgVisible(b.fake.Sent(chat)), "щось пішло не так") {
		t.Errorf("an error reply in the conversation:\n%s", tgVisible(b.fake.Sent(chat)))
	}
	if n := len(b.fake.Calls("answerCallbackQuery")); n != 2 {
		t.Errorf("%d answerCallbackQuery calls, want 2", n)
	}
}

func TestTelegramConversationOverWebhook(t *testing.T) {
	testTelegramConversation(t, tgConfig(t), telegram.ModeWebhook)
}

func TestTelegramConversationOverPolling(t *testing.T) {
	testTelegramConversation(t, tgConfig(t), telegram.ModePolling)
}

func TestTelegramConversationOnPostgresAndRedis(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	testTelegramConversation(t, cfg, telegram.ModeWebhook)
}

func TestTelegramStartUpRegistersTheWebhookAndCommands(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	hook := b.fake.WaitCalls(t, "setWebhook", 1)[0].Params
	if hook["url"] != "https://vikno.example/telegram/webhook" || hook["secret_token"] != tgSecret {
		t.Errorf("setWebhook %+v", hook)
	}
	b.fake.WaitCalls(t, "setMyCommands", 3)
	b.fake.WaitCalls(t, "getMe", 1)
}

func TestTelegramForgedSecretIsRefused(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	for _, secret := range []string{"", "forged", tgSecret[:len(tgSecret)-1]} {
		status, err := telegramtest.Deliver(http.DefaultClient, b.webhookURL(), secret, telegramtest.Text(1, 77, "/start"))
		if err != nil || status != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, %v", secret, status, err)
		}
	}
	if n := len(b.fake.Calls("sendMessage")); n != 0 {
		t.Errorf("%d messages sent", n)
	}
	if n := tgUpdatesHandled(b.m, "telegram"); n != 0 {
		t.Errorf("%v updates reached the engine", n)
	}
}

// tgUpdatesHandled returns how many updates of channel the engine handled.
func tgUpdatesHandled(m *Main, channel string) float64 {
	var total float64
	for _, result := range []string{"ok", "error"} {
		c, err := m.Metrics.Updates.GetMetricWithLabelValues(channel, result)
		if err != nil {
			continue
		}
		total += tgCounterValue(c)
	}
	return total
}

func TestTelegramRedeliveredUpdateIsHandledOnce(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	update := telegramtest.Text(4242, 78, "/start")
	for i := 0; i < 3; i++ {
		status, err := telegramtest.Deliver(http.DefaultClient, b.webhookURL(), tgSecret, update)
		if err != nil || status != http.StatusOK {
			t.Fatalf("delivery %d: status %d, %v", i, status, err)
		}
	}
	settle(t, b.m, 78)
	if n := len(b.fake.Sent(78)); n != 1 {
		t.Errorf("%d messages for one update", n)
	}
	if n := tgUpdatesHandled(b.m, "telegram"); n != 1 {
		t.Errorf("the engine handled the update %v times", n)
	}
}

func TestTelegramFloodControlIsHonoured(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	b.fake.Fail("sendMessage", telegramtest.TooManyRequests(1))
	msgs := b.send(t, 79, tgText(79, "/start"))
	if len(msgs) != 1 || !strings.Contains(tgVisible(msgs), "Вітаємо") {
		t.Fatalf("messages after 429: %q", tgVisible(msgs))
	}
	calls := b.fake.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Failed == nil {
		t.Fatalf("%d sendMessage calls", len(calls))
	}
	// A lower bound the sender must keep, not a measurement.
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second {
		t.Errorf("retried %s after the 429, before retry_after", gap)
	}
}

// tgTestFlow answers "tgtest:long" with a 10,000-character text and echoes
// whatever the resident types while in the flow.
type tgTestFlow struct{ long string }

func (tgTestFlow) Name() string { return "tgtest" }

func (f tgTestFlow) Start(_ context.Context, c *dialog.Conv, _ string) error {
	c.Say(dialog.Plain("Напишіть що-небудь"), c.MenuRow())
	return nil
}

func (f tgTestFlow) Handle(_ context.Context, c *dialog.Conv) error {
	if c.Arg == "long" {
		c.Say(dialog.Plain(f.long), c.MenuRow())
		return nil
	}
	c.Say(dialog.Text{{Text: "Ви написали: "}, {Text: c.Update.Text, Bold: true}}, c.MenuRow())
	return nil
}

func tgLongText(n int) string {
	var b strings.Builder
	for i := 0; len([]rune(b.String())) < n; i++ {
		b.WriteString("Речення номер ")
		b.WriteString(strings.Repeat("ї", i%5+1))
		b.WriteString(" про довідки, черги & <пільги>. ")
		if i%9 == 8 {
			b.WriteString("\n\n")
		}
	}
	return string([]rune(b.String())[:n])
}

func TestTelegramLongAnswerIsSplitAndNothingIsLost(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	long := tgLongText(10000)
	b.m.Engine.Register(tgTestFlow{long: long}) // before any update arrives
	msgs := b.send(t, 80, tgPress(80, "tgtest:long"))
	if len(msgs) < 3 {
		t.Fatalf("%d messages for 10,000 characters", len(msgs))
	}
	var parts []string
	for i, m := range msgs {
		visible := html.UnescapeString(tgTags.ReplaceAllString(m.Text, ""))
		if n := len([]rune(visible)); n > telegram.MaxText {
			t.Errorf("part %d has %d characters", i, n)
		}
		if hasButtons := len(m.Buttons()) > 0; hasButtons != (i == len(msgs)-1) {
			t.Errorf("part %d: buttons %v", i, hasButtons)
		}
		parts = append(parts, visible)
	}
	got, want := strings.Fields(strings.Join(parts, " ")), strings.Fields(long)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the parts lose or change text: %d words, want %d", len(got), len(want))
	}
}

func TestTelegramResidentTextIsEscaped(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	b.m.Engine.Register(tgTestFlow{})
	b.send(t, 81, tgPress(81, "menu:tgtest"))
	typed := `<a href="https://evil.example">клік</a> & <script>x</script>`
	msgs := b.send(t, 81, tgText(81, typed))
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	raw := msgs[0].Text
	if strings.Contains(raw, "<script>") || strings.Contains(raw, "<a href") {
		t.Errorf("resident markup reached Telegram: %q", raw)
	}
	if want := "<b>&lt;a href=\"https://evil.example\"&gt;клік&lt;/a&gt; &amp; &lt;script&gt;x&lt;/script&gt;</b>"; !strings.Contains(raw, want) {
		t.Errorf("message %q lacks %q", raw, want)
	}
}

func TestTelegramBlockedResidentBecomesUnreachable(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	b.fake.Fail("sendMessage", telegramtest.Blocked())
	b.send(t, 82, tgText(82, "/start"))
	// The refusal reaches the engine as an update of the resident, which
	// records it in their order.
	var res vikno.Resident
	for deadline := time.Now().Add(telegramtest.WaitTimeout); ; time.Sleep(10 * time.Millisecond) {
		var err error
		res, err = b.m.Store.EnsureResident(context.Background(), vikno.Telegram, "82", "")
		if err == nil && res.Unreachable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("resident %+v, %v; want unreachable", res, err)
		}
	}
	// Notices skip an unreachable resident.
	if err := b.m.Engine.Push(context.Background(), res.ID, func(c *dialog.Conv) { c.Say(dialog.Plain("новина")) }); err != nil {
		t.Fatal(err)
	}
	if n := len(b.fake.Calls("sendMessage")); n != 1 {
		t.Errorf("%d sendMessage calls, want only the refused one", n)
	}
}

func TestTelegramNoticesGoThroughTheSender(t *testing.T) {
	b := tgRun(t, tgConfig(t), telegram.ModeWebhook)
	b.send(t, 83, tgText(83, "/start"))
	res, err := b.m.Store.EnsureResident(context.Background(), vikno.Telegram, "83", "")
	if err != nil {
		t.Fatal(err)
	}
	err = b.m.Engine.Push(context.Background(), res.ID, func(c *dialog.Conv) {
		c.Say(dialog.Text{{Text: "Звернення "}, {Text: "№ 12 <виконано>", Bold: true}})
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs := b.fake.Sent(83)
	if last := msgs[len(msgs)-1]; last.Text != "Звернення <b>№ 12 &lt;виконано&gt;</b>" {
		t.Errorf("notice %q", last.Text)
	}
}

func TestTelegramWebhookModeWithoutSecretStopsStartUp(t *testing.T) {
	r := runCLI(t, "", []string{
		"VIKNO_TELEGRAM_TOKEN=" + telegramtest.Token, "VIKNO_TELEGRAM_MODE=webhook",
		"VIKNO_HTTP_ADDR=127.0.0.1:0", "VIKNO_DATA_DIR=" + t.TempDir(),
	}, "serve")
	if r.code != 1 || !strings.Contains(r.stderr, "telegram.webhook_secret") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr+r.stdout, telegramtest.Token) {
		t.Error("the token is printed")
	}
}

// tgLog is a concurrency-safe log buffer.
type tgLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *tgLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *tgLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestTelegramUnreachableAPIIsLoggedWithoutTheToken(t *testing.T) {
	cfg := tgConfig(t)
	cfg.Telegram.Token = telegramtest.Token
	cfg.Telegram.APIURL = "http://127.0.0.1:1" // nothing listens there
	cfg.Telegram.Mode = telegram.ModeWebhook
	cfg.Telegram.WebhookSecret = tgSecret
	cfg.PublicURL = "https://vikno.example"
	var logs tgLog
	m := NewMain(cfg, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run must not fail when Telegram is unreachable: %v", err)
	}
	waitFor(t, func() bool {
		s := logs.String()
		return strings.Contains(s, "telegram getMe failed") && strings.Contains(s, "telegram setWebhook failed")
	})
	if code, _ := get(t, m, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d", code)
	}
	_, secretPart, _ := strings.Cut(telegramtest.Token, ":")
	if s := logs.String(); strings.Contains(s, secretPart) {
		t.Errorf("the token is in the logs:\n%s", s)
	}
}

// testTelegramRequestKeyboard asks for a location (CNAPs near me), then
// goes back to the menu twice: the first reply after the request takes
// the reply keyboard away, the second has none to take.
func testTelegramRequestKeyboard(t *testing.T, cfg configs.Config) {
	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	markups := func() []string {
		var out []string
		for _, c := range b.fake.Calls("sendMessage") {
			if c.Params["chat_id"] == strconv.FormatInt(chat, 10) {
				out = append(out, c.Params["reply_markup"])
			}
		}
		return out
	}
	b.send(t, chat, tgText(chat, "/start"))
	b.send(t, chat, tgPress(chat, "menu:"+dialog.FlowCNAP))
	asked := len(markups())
	if m := markups()[asked-1]; !strings.Contains(m, `"request_location":true`) {
		t.Fatalf("the CNAP flow's reply markup %s, want a location request", m)
	}
	b.send(t, chat, tgText(chat, "меню"))
	b.send(t, chat, tgText(chat, "меню"))
	after := markups()[asked:]
	if len(after) < 2 || !strings.Contains(after[0], `"remove_keyboard":true`) {
		t.Fatalf("markups after the request %v, want the keyboard removed first", after)
	}
	for _, m := range after[1:] {
		if strings.Contains(m, "remove_keyboard") {
			t.Fatalf("markups after the request %v, want the keyboard removed once", after)
		}
	}
}

func TestTelegramRequestKeyboardIsRemovedOnce(t *testing.T) {
	testTelegramRequestKeyboard(t, tgConfig(t))
}

func TestTelegramRequestKeyboardIsRemovedOnceOnPostgresAndRedis(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	testTelegramRequestKeyboard(t, cfg)
}
