package viber_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/botstest"
	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
)

// handler records updates and echoes them with a menu button.
type handler struct {
	mu      sync.Mutex
	updates []dialog.Update
	reply   func(u dialog.Update) []dialog.Reply
}

func (h *handler) HandleTurn(_ context.Context, u dialog.Update) (dialog.Turn, error) {
	h.mu.Lock()
	h.updates = append(h.updates, u)
	h.mu.Unlock()
	if u.Subscribed != nil {
		return dialog.Turn{}, nil
	}
	if h.reply != nil {
		return dialog.Turn{Replies: h.reply(u)}, nil
	}
	return dialog.Turn{Replies: []dialog.Reply{{
		Text:    dialog.Text{{Text: "Ви написали: "}, {Text: u.Text + u.Action, Bold: true}},
		Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}},
	}}}, nil
}

func (h *handler) seen() []dialog.Update {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]dialog.Update(nil), h.updates...)
}

type senders struct{ bot *viber.Bot }

func (s senders) SenderFor(ch vikno.Channel) (dialog.Sender, bool) {
	return s.bot.Sender(), ch == vikno.Viber
}
func (s senders) Channels() []vikno.Channel { return []vikno.Channel{vikno.Viber} }

// harness is a Viber bot behind the pipeline, talking to a fake API.
type harness struct {
	bot     *viber.Bot
	fake    *vibertest.Server
	handler *handler
	store   *botstest.Store
	web     *httptest.Server
}

func newHarness(t *testing.T, h *handler, edit func(*viber.Config)) *harness {
	t.Helper()
	fake := vibertest.New(t)
	state := memory.New()
	store := botstest.New()
	s := &senders{}
	worker := &notify.Worker{Store: store, Senders: s}
	p := bots.New(bots.Config{Journal: store, Leases: state, Handler: h, Deliver: worker})
	cfg := viber.Config{Token: vibertest.Token, APIURL: fake.URL, Name: "Вікно", Pipeline: p, Limiter: state, Shared: state,
		RetryBackoff: time.Millisecond, ChatLimit: vikno.Limit{Events: 1000, Per: time.Second, Burst: 1000}, GlobalRate: 1000}
	if edit != nil {
		edit(&cfg)
	}
	bot, err := viber.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.bot = bot
	web := httptest.NewServer(bot.WebhookHandler())
	t.Cleanup(func() { web.Close(); bot.Close(); p.Close() })
	return &harness{bot: bot, fake: fake, handler: h, store: store, web: web}
}

func (hs *harness) deliver(t *testing.T, body []byte) (int, []byte) {
	t.Helper()
	status, resp, err := vibertest.Deliver(http.DefaultClient, hs.web.URL, vibertest.Token, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, resp
}

func (hs *harness) waitSeen(t *testing.T, n int) []dialog.Update {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(hs.handler.seen()) < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	seen := hs.handler.seen()
	if len(seen) < n {
		t.Fatalf("handled %d updates, want %d", len(seen), n)
	}
	return seen
}

func post(t *testing.T, url string, body []byte, sig string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	if sig != "" {
		req.Header.Set(viber.SignatureHeader, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestWebhookRefusesWhatViberDidNotSign(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	body := vibertest.Text("u1", "привіт")
	forged := vibertest.Sign(body, "another-token")
	big := append([]byte(`{"event":"message","pad":"`), make([]byte, viber.MaxBody)...)
	cases := []struct {
		name string
		body []byte
		sig  string
		want int
	}{
		{"no signature", body, "", http.StatusUnauthorized},
		{"signed with another token", body, forged, http.StatusUnauthorized},
		{"signature not hex", body, "zz" + forged[2:], http.StatusUnauthorized},
		{"body changed after signing", append([]byte(nil), strings.Replace(string(body), "привіт", "бувай", 1)...), vibertest.Sign(body, vibertest.Token), http.StatusUnauthorized},
		{"body over the limit", big, vibertest.Sign(big, vibertest.Token), http.StatusRequestEntityTooLarge},
		{"signed but not JSON", []byte("not json"), vibertest.Sign([]byte("not json"), vibertest.Token), http.StatusBadRequest},
	}
	for _, c := range cases {
		if got := post(t, hs.web.URL, c.body, c.sig); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	if _, pending := hs.store.Handled(); pending != 0 || len(hs.handler.seen()) != 0 {
		t.Fatal("a refused callback reached the journal")
	}
}

func TestTextAndButtonPressReachTheEngineAndTheReplyIsSent(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	if st, _ := hs.deliver(t, vibertest.Text("u1", "привіт")); st != 200 {
		t.Fatalf("status %d", st)
	}
	msgs := hs.fake.WaitSent(t, "u1", 1)
	m := msgs[0]
	if m.Text != "Ви написали: *привіт*" || m.Sender == nil || m.Sender.Name != "Вікно" || m.Type != viber.TypeText {
		t.Fatalf("sent %+v", m)
	}
	if m.Keyboard == nil || len(m.Keyboard.Buttons) != 1 || m.Keyboard.Buttons[0].ActionBody != "vkb:menu:" ||
		m.Keyboard.Buttons[0].Columns != 6 || !m.Keyboard.Buttons[0].Silent || m.MinAPIVersion != viber.MinAPIVersion {
		t.Fatalf("keyboard %+v, min_api_version %d", m.Keyboard, m.MinAPIVersion)
	}
	hs.deliver(t, vibertest.Text("u1", "vkb:menu:faq"))
	seen := hs.waitSeen(t, 2)
	if seen[0].Text != "привіт" || seen[0].Channel != vikno.Viber || seen[0].UserID != "u1" || seen[0].Locale != "uk" {
		t.Errorf("text update %+v", seen[0])
	}
	if seen[1].Action != "menu:faq" || seen[1].Text != "" {
		t.Errorf("button press became %+v", seen[1])
	}
}

func TestReplayedCallbackIsHandledOnce(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	body := vibertest.Text("u2", "раз")
	for range 3 {
		if st, _ := hs.deliver(t, body); st != 200 {
			t.Fatalf("status %d", st)
		}
	}
	hs.fake.WaitSent(t, "u2", 1)
	time.Sleep(100 * time.Millisecond)
	if n := len(hs.fake.Sent("u2")); n != 1 {
		t.Fatalf("%d messages for one callback delivered three times", n)
	}
	if n := len(hs.handler.seen()); n != 1 {
		t.Fatalf("handled %d times", n)
	}
}

func TestConversationStartedIsAnsweredWithTheWelcome(t *testing.T) {
	h := &handler{reply: func(u dialog.Update) []dialog.Reply {
		return []dialog.Reply{
			{Text: dialog.Plain("Оцініть візит"), Buttons: [][]dialog.Button{{{Label: "1", Action: "rate:s:1"}, {Label: "5", Action: "rate:s:5"}}}},
			{Text: dialog.Plain("Друге повідомлення")},
		}
	}}
	hs := newHarness(t, h, nil)
	started := vibertest.ConversationStarted("u3", "r_cnap-center")
	st, body := hs.deliver(t, started)
	if st != 200 {
		t.Fatalf("status %d", st)
	}
	var welcome viber.Message
	if err := json.Unmarshal(body, &welcome); err != nil {
		t.Fatalf("welcome %q: %v", body, err)
	}
	// A user who has not subscribed gets nothing but the welcome: it
	// carries the whole answer, with the last message's keyboard.
	if welcome.Text != "Оцініть візит\n\nДруге повідомлення" || welcome.Sender == nil || welcome.Receiver != "" || welcome.Keyboard == nil ||
		len(welcome.Keyboard.Buttons) != 2 || welcome.Keyboard.Buttons[1].ActionBody != "vkb:rate:s:5" || welcome.Keyboard.Buttons[1].Columns != 3 {
		t.Fatalf("welcome %s", body)
	}
	seen := hs.waitSeen(t, 1)
	if seen[0].StartPayload != "r_cnap-center" || seen[0].Text != "/start r_cnap-center" {
		t.Fatalf("update %+v", seen[0])
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(hs.fake.Calls("send_message")); n != 0 {
		t.Fatalf("%d send_message calls to a user who did not subscribe", n)
	}
	// Viber retries a callback whose answer it did not get in time: handled
	// once, and answered with the same welcome (else the resident who
	// opened the chat sees nothing).
	first := string(body)
	st, body = hs.deliver(t, started)
	if st != 200 || string(body) != first {
		t.Fatalf("replayed conversation_started: %d %s, want the welcome %s", st, body, first)
	}
	if n := len(hs.handler.seen()); n != 1 {
		t.Fatalf("handled %d times", n)
	}
}

func TestUnreachableResidentBecomesAnEngineUpdate(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	hs.fake.Fail("send_message", vibertest.Failure{Status: viber.StatusReceiverNotSub})
	hs.deliver(t, vibertest.Text("u4", "привіт"))
	seen := hs.waitSeen(t, 2)
	if seen[1].Subscribed == nil || *seen[1].Subscribed || seen[1].UserID != "u4" {
		t.Fatalf("updates %+v, want the second to say u4 cannot be reached", seen)
	}
	if n := len(hs.fake.Calls("send_message")); n != 1 {
		t.Fatalf("%d send_message calls; an unsubscribed resident is not retried", n)
	}
	hs.deliver(t, vibertest.Unsubscribed("u5"))
	hs.deliver(t, vibertest.Subscribed("u5"))
	seen = hs.waitSeen(t, 4)
	if seen[2].Subscribed == nil || *seen[2].Subscribed || seen[3].Subscribed == nil || !*seen[3].Subscribed {
		t.Fatalf("unsubscribed/subscribed became %+v %+v", seen[2], seen[3])
	}
}

func TestTooManyRequestsIsRetried(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	hs.fake.Fail("send_message", vibertest.Failure{Status: viber.StatusTooManyRequests}, vibertest.Failure{HTTP: 502})
	hs.deliver(t, vibertest.Text("u6", "привіт"))
	hs.fake.WaitSent(t, "u6", 1)
	if n := len(hs.fake.Calls("send_message")); n != 3 {
		t.Fatalf("%d send_message calls, want 2 failures and 1 success", n)
	}
}

func TestSenderReportsPersistentRateLimitAsRetryLater(t *testing.T) {
	hs := newHarness(t, &handler{}, func(c *viber.Config) { c.SendAttempts = 2 })
	hs.fake.Fail("send_message", vibertest.Failure{Status: 12}, vibertest.Failure{Status: 12})
	err := hs.bot.Sender().Send(context.Background(), "u7", []dialog.Reply{{Text: dialog.Plain("нагадування")}})
	var limit *viber.LimitError
	if !errorsAs(err, &limit) || limit.RetryAfter() <= 0 || notify.Permanent(err) {
		t.Fatalf("error %v, want a LimitError to retry later", err)
	}
}

func TestMessageKindsAreConverted(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	hs.deliver(t, vibertest.Location("u8", 49.84, 24.03))
	hs.deliver(t, vibertest.Contact("u8", "+380501234567", "vkb:phone"))
	hs.deliver(t, vibertest.Contact("u8", "+380671112233", ""))
	hs.deliver(t, vibertest.Picture("u8", "https://media.example/p.jpg", "кран"))
	hs.deliver(t, vibertest.Sticker("u8"))
	seen := hs.waitSeen(t, 5)
	if l := seen[0].Location; l == nil || l.Lat != 49.84 || l.Lon != 24.03 {
		t.Errorf("location %+v", seen[0])
	}
	if c := seen[1].Contact; c == nil || c.Phone != "+380501234567" || !c.Own {
		t.Errorf("contact after the phone request %+v", seen[1].Contact)
	}
	if c := seen[2].Contact; c == nil || c.Own {
		t.Errorf("contact without the request %+v taken as own", seen[2].Contact)
	}
	if p := seen[3].Photo; p == nil || p.Ref != "https://media.example/p.jpg" || seen[3].Text != "кран" {
		t.Errorf("picture %+v", seen[3])
	}
	if seen[4].Unsupported != "sticker" {
		t.Errorf("sticker %+v", seen[4])
	}
}

func TestStartRegistersTheWebhook(t *testing.T) {
	hs := newHarness(t, &handler{}, func(c *viber.Config) { c.WebhookURL = "https://vikno.example/viber/webhook" })
	hs.fake.Fail("set_webhook", vibertest.Failure{HTTP: 500})
	hs.bot.Start()
	deadline := time.Now().Add(10 * time.Second)
	for hs.bot.URI() == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if hs.fake.Webhook() != "https://vikno.example/viber/webhook" || hs.bot.URI() != vibertest.URI {
		t.Fatalf("webhook %q, uri %q", hs.fake.Webhook(), hs.bot.URI())
	}
	var req struct {
		EventTypes []string `json:"event_types"`
	}
	calls := hs.fake.Calls("set_webhook")
	json.Unmarshal(calls[len(calls)-1].Body, &req)
	if len(calls) != 2 || len(req.EventTypes) != len(viber.EventTypes) {
		t.Fatalf("%d set_webhook calls, event types %v", len(calls), req.EventTypes)
	}
}

func TestNoticeFilterLetsThroughChosenKinds(t *testing.T) {
	allow := viber.NoticeFilter(viber.DefaultNotices)
	cases := []struct {
		m    notify.Message
		want bool
	}{
		{notify.Message{Channel: vikno.Viber, Kind: notify.KindReply}, true},
		{notify.Message{Channel: vikno.Viber, Kind: notify.KindAppealStatus}, true},
		{notify.Message{Channel: vikno.Viber, Kind: notify.KindOutage}, true}, // the resident subscribed
		{notify.Message{Channel: vikno.Viber, Kind: "broadcast"}, false},
		{notify.Message{Channel: vikno.Viber, Kind: notify.KindRatingDigest}, false},
		{notify.Message{Channel: vikno.Telegram, Kind: "broadcast"}, true},
	}
	for _, c := range cases {
		if got := allow(c.m); got != c.want {
			t.Errorf("%s %s: %v, want %v", c.m.Channel, c.m.Kind, got, c.want)
		}
	}
	// An operator's messages answer a conversation the resident started:
	// they go out whatever kinds were chosen.
	if !viber.NoticeFilter([]string{notify.KindAppealStatus})(notify.Message{Channel: vikno.Viber, Kind: notify.KindHandoff}) {
		t.Error("an operator's message to a Viber resident was held back")
	}
	if !viber.NoticeFilter([]string{viber.AllNotices})(notify.Message{Channel: vikno.Viber, Kind: "broadcast"}) {
		t.Error("all does not let a broadcast through")
	}
}

// acceptorFunc is an Acceptor that journals nothing and calls fn.
type acceptorFunc func(ctx context.Context, key string, u dialog.Update) (bool, error)

func (f acceptorFunc) AcceptNew(ctx context.Context, key string, u dialog.Update) (bool, error) {
	return f(ctx, key, u)
}

// With replicas, the turn of a conversation_started may run on another
// replica than the one whose webhook call waits to answer it: the welcome
// crosses through the shared state, and a user who did not subscribe gets
// nothing by send_message.
func TestWelcomeCrossesReplicasThroughSharedState(t *testing.T) {
	fake := vibertest.New(t)
	state := memory.New()
	newBot := func(p viber.Acceptor) *viber.Bot {
		bot, err := viber.New(viber.Config{Token: vibertest.Token, APIURL: fake.URL, Pipeline: p, Limiter: state, Shared: state,
			ChatLimit: vikno.Limit{Events: 1000, Per: time.Second, Burst: 1000}, GlobalRate: 1000})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { bot.Close() })
		return bot
	}
	other := newBot(acceptorFunc(func(context.Context, string, dialog.Update) (bool, error) { return true, nil }))
	turns := make(chan error, 1)
	front := newBot(acceptorFunc(func(_ context.Context, _ string, u dialog.Update) (bool, error) {
		go func() { // the other replica runs the turn
			turns <- other.Sender().SendReply(context.Background(), u.UserID, []dialog.Reply{
				{Text: dialog.Plain("Вітаємо у Вікні"), Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}}},
				{Text: dialog.Plain("Друге повідомлення")},
			})
		}()
		return true, nil
	}))
	web := httptest.NewServer(front.WebhookHandler())
	defer web.Close()
	status, body, err := vibertest.Deliver(http.DefaultClient, web.URL, vibertest.Token, vibertest.ConversationStarted("u-far", ""))
	if err != nil || status != http.StatusOK {
		t.Fatalf("status %d, %v", status, err)
	}
	var welcome viber.Message
	if err := json.Unmarshal(body, &welcome); err != nil || welcome.Text != "Вітаємо у Вікні\n\nДруге повідомлення" || welcome.Keyboard == nil {
		t.Fatalf("welcome %q: %v", body, err)
	}
	if err := <-turns; err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Calls("send_message")); n != 0 {
		t.Fatalf("%d send_message calls to a user who did not subscribe", n)
	}
	// No call waits now: a later answer goes by send_message as usual.
	if err := other.Sender().SendReply(context.Background(), "u-far", []dialog.Reply{{Text: dialog.Plain("Відповідь")}}); err != nil {
		t.Fatal(err)
	}
	if got := fake.Sent("u-far"); len(got) != 1 || got[0].Text != "Відповідь" {
		t.Fatalf("sent %+v", got)
	}
}
