package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
)

// vbApp is a Main with its Viber channel pointed at a fake Viber API.
type vbApp struct {
	m    *Main
	fake *vibertest.Server
	cfg  configs.Config
}

// vbRun boots the whole program on cfg with the Viber channel talking to a
// fresh fake; edit, when not nil, adjusts the Main before it runs.
func vbRun(tb testing.TB, cfg configs.Config, edit func(*Main)) *vbApp {
	tb.Helper()
	fake := vibertest.New(tb)
	cfg.Viber.Token = vibertest.Token
	cfg.Viber.APIURL = fake.URL
	cfg.Viber.Name = "Вікно"
	cfg.PublicURL = "https://vikno.example/"
	cfg.Ratings.DigestHour = -1
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	if edit != nil {
		edit(m)
	}
	tb.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		tb.Fatalf("Run: %v", err)
	}
	return &vbApp{m: m, fake: fake, cfg: cfg}
}

// vbUser returns a Viber user id no earlier run used (ids look like base64).
func vbUser() string { return fmt.Sprintf("%016x==", rand.Uint64()) }

func (a *vbApp) webhookURL() string { return a.m.HTTP.URL() + viber.WebhookPath }

// deliver posts a signed callback and returns the status and response body.
func (a *vbApp) deliver(t *testing.T, body []byte) (int, []byte) {
	t.Helper()
	status, resp, err := vibertest.Deliver(http.DefaultClient, a.webhookURL(), vibertest.Token, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, resp
}

// send delivers a callback, waits until the user's updates are handled and
// returns the messages the user got for it: the welcome from the response
// body first, then those sent with send_message.
func (a *vbApp) send(t *testing.T, user string, body []byte) []viber.Message {
	t.Helper()
	before := len(a.fake.Sent(user))
	status, resp := a.deliver(t, body)
	if status != http.StatusOK {
		t.Fatalf("webhook: status %d %s", status, resp)
	}
	var out []viber.Message
	if len(resp) > 0 {
		var welcome viber.Message
		if err := json.Unmarshal(resp, &welcome); err != nil {
			t.Fatalf("welcome %q: %v", resp, err)
		}
		out = append(out, welcome)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := a.m.Pipeline.Wait(ctx, bots.Resident{Channel: vikno.Viber, UserID: user}); err != nil {
		t.Fatalf("updates of %s not handled: %v", user, err)
	}
	return append(out, a.fake.Sent(user)[before:]...)
}

// vbVisible is what the resident reads: Viber's bold markers removed.
func vbVisible(msgs []viber.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(strings.ReplaceAll(m.Text, "*", "") + "\n")
	}
	return b.String()
}

var vbRateLink = regexp.MustCompile(`viber://pa\?chatURI=` + vibertest.URI + `&context=(r_[A-Za-z0-9_-]+)`)

// qrPayload runs `vikno qr` against the app's database with the Viber
// token (no viber.uri: the URI comes from get_account_info) and returns
// the rating payload of the location's Viber link.
func (a *vbApp) qrPayload(t *testing.T, location string) string {
	t.Helper()
	env := []string{"VIKNO_DATA_DIR=" + a.cfg.DataDir, "VIKNO_VIBER_TOKEN=" + vibertest.Token, "VIKNO_VIBER_API_URL=" + a.fake.URL}
	if a.cfg.DatabaseURL != "" {
		env = append(env, "VIKNO_DATABASE_URL="+a.cfg.DatabaseURL)
	}
	r := runCLI(t, "", env, "qr", "--out", t.TempDir(), "--location", location)
	m := vbRateLink.FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("qr: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return m[1]
}

// The webhook is registered with Viber at start, in the background.
func TestViberWebhookIsRegisteredAtStart(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	waitFor(t, func() bool { return a.fake.Webhook() != "" })
	if got := a.fake.Webhook(); got != "https://vikno.example/viber/webhook" {
		t.Fatalf("webhook %q", got)
	}
}

// A resident scans the QR code in the hall: Viber opens the chat with the
// rating payload as context, and the welcome (the answer to
// conversation_started) is the rating question with score buttons.
func TestViberWelcomeWithARatingDeepLink(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	payload := a.qrPayload(t, "cnap-center")
	user := vbUser()
	status, body := a.deliver(t, vibertest.ConversationStarted(user, payload))
	var welcome viber.Message
	if status != 200 || json.Unmarshal(body, &welcome) != nil {
		t.Fatalf("conversation_started: %d %s", status, body)
	}
	if !strings.Contains(vbVisible([]viber.Message{welcome}), "Як пройшов Ваш візит до ЦНАП у Ратуші") || welcome.Keyboard == nil || welcome.Sender.Name != "Вікно" {
		t.Fatalf("welcome %s", body)
	}
	var score string
	for _, b := range welcome.Keyboard.Buttons {
		if stepless, _, _ := strings.Cut(b.ActionBody, "~"); stepless == "vkb:rate:s:5" {
			score = b.ActionBody
		}
	}
	if score == "" {
		t.Fatalf("no score 5 button in %s", body)
	}
	got := vbVisible(a.send(t, user, vibertest.Text(user, score)))
	if !strings.Contains(got, "Дякуємо") && !strings.Contains(got, "Що") {
		t.Fatalf("score 5 answered %q", got)
	}
}

// A FAQ conversation: menu button, a question in the resident's words, an
// answer with buttons whose ActionBody Viber sends back.
func TestViberFAQConversation(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	user := vbUser()
	msgs := a.send(t, user, vibertest.Text(user, "меню"))
	menu := msgs[len(msgs)-1].Keyboard
	if menu == nil || len(menu.Buttons) < 5 {
		t.Fatalf("no menu keyboard: %+v", msgs)
	}
	msgs = a.send(t, user, vibertest.Text(user, "vkb:menu:faq"))
	if len(msgs) == 0 {
		t.Fatal("no answer to the FAQ button")
	}
	msgs = a.send(t, user, vibertest.Text(user, "скільки коштує ID-картка"))
	if got := vbVisible(msgs); !strings.Contains(got, "ID-карт") {
		t.Fatalf("the question got %q", got)
	}
	for _, b := range msgs[len(msgs)-1].Keyboard.Buttons {
		if b.ActionType == viber.ActionReply && (!strings.HasPrefix(b.ActionBody, viber.ActionPrefix) || len(b.ActionBody) > 250) {
			t.Errorf("button %q has ActionBody %q", b.Text, b.ActionBody)
		}
		if b.Columns < 1 || b.Columns > viber.MaxColumns {
			t.Errorf("button %q is %d columns wide", b.Text, b.Columns)
		}
	}
}

// A forged callback is refused before anything is journaled; a replayed one
// is handled once.
func TestViberForgedAndReplayedCallbacks(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	user := vbUser()
	body := vibertest.Text(user, "привіт")
	req, _ := http.NewRequest(http.MethodPost, a.webhookURL(), strings.NewReader(string(body)))
	req.Header.Set(viber.SignatureHeader, vibertest.Sign(body, "not-the-token"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("forged callback: %d", resp.StatusCode)
	}
	if n := len(a.fake.Sent(user)); n != 0 {
		t.Fatalf("a forged callback got %d answers", n)
	}
	first := a.send(t, user, body)
	again := a.send(t, user, body)
	if len(first) == 0 || len(again) != 0 {
		t.Fatalf("first delivery got %d messages, the replay %d", len(first), len(again))
	}
}

// An unsubscribed resident gets no notices; writing again brings them back.
func TestViberUnsubscribedResidentIsSkippedUntilTheyWrite(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	user := vbUser()
	a.send(t, user, vibertest.Text(user, "привіт"))
	a.send(t, user, vibertest.Unsubscribed(user))
	ctx := context.Background()
	res, err := a.m.Store.EnsureResident(ctx, vikno.Viber, user, "uk")
	if err != nil || !res.Unreachable {
		t.Fatalf("after unsubscribed: %+v %v", res, err)
	}
	a.send(t, user, vibertest.Text(user, "меню"))
	res, _ = a.m.Store.EnsureResident(ctx, vikno.Viber, user, "uk")
	if res.Unreachable {
		t.Fatal("the resident wrote again and is still unreachable")
	}
}

// An outage notice a Viber resident subscribed to reaches them by default,
// and what Viber reports about it (delivered, seen; a failure of another
// resident's copy) shows in the notice's progress. Receipts are recorded
// once however often Viber repeats them, and never move a message back.
func TestViberNoticeReceiptsShowInProgress(t *testing.T) {
	cfg := testConfig(t)
	cfg.APIKeys = []string{noticeTestKey}
	a := vbRun(t, cfg, nil)
	ctx := t.Context()
	readers := []string{vbUser(), vbUser()}
	for _, u := range readers {
		a.send(t, u, vibertest.Text(u, "привіт"))
		res, err := a.m.Store.EnsureResident(ctx, vikno.Viber, u, "uk")
		if err == nil {
			_, err = a.m.Store.Subscribe(ctx, cases.Subscription{ResidentID: res.ID, District: "sykhivskyi"})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	before := map[string]int{}
	for _, u := range readers {
		before[u] = len(a.fake.Sent(u))
	}
	id := fmt.Sprintf("vb-hw-%d", rand.IntN(1e9))
	notice := map[string]any{"id": id, "kind": "hot_water", "districts": []string{"sykhivskyi"}, "text": "Ремонт тепломережі."}
	if status, v := outagePost(t, a.m, notice); status != http.StatusAccepted || v["queued"] != float64(2) {
		t.Fatalf("outage = %d %v", status, v)
	}
	ratingsWaitOutbox(t, a.m.Store)
	var tokens []int64
	for _, u := range readers {
		msgs := a.fake.WaitSent(t, u, before[u]+1)[before[u]:]
		if !strings.Contains(vbVisible(msgs), "Ремонт тепломережі") {
			t.Fatalf("%s got %q", u, vbVisible(msgs))
		}
		tokens = append(tokens, a.fake.Tokens(u)[before[u]])
	}
	receipts := [][]byte{
		vibertest.ReceiptOf(viber.EventDelivered, readers[0], tokens[0], ""),
		vibertest.ReceiptOf(viber.EventSeen, readers[0], tokens[0], ""),
		vibertest.ReceiptOf(viber.EventSeen, readers[0], tokens[0], ""),      // repeated
		vibertest.ReceiptOf(viber.EventDelivered, readers[0], tokens[0], ""), // late
		vibertest.ReceiptOf(viber.EventFailed, readers[1], tokens[1], "receiver's client is offline for too long"),
	}
	for _, r := range receipts {
		if status, body := a.deliver(t, r); status != http.StatusOK {
			t.Fatalf("receipt: %d %s", status, body)
		}
	}
	status, v := noticeGet(t, a.m, "/api/v1/notices/outages/"+id, noticeTestKey)
	if status != http.StatusOK || v["sent"] != float64(2) || v["delivered"] != float64(1) || v["seen"] != float64(1) || v["failed"] != float64(1) {
		t.Errorf("progress = %d %v", status, v)
	}
	forged := vibertest.ReceiptOf(viber.EventSeen, readers[1], tokens[1], "")
	if status, _, err := vibertest.Deliver(http.DefaultClient, a.webhookURL(), "not-the-token", forged); err != nil || status != http.StatusUnauthorized {
		t.Errorf("forged receipt: %d %v", status, err)
	}
	if _, v := noticeGet(t, a.m, "/api/v1/notices/outages/"+id, noticeTestKey); v["seen"] != float64(1) {
		t.Errorf("a forged receipt counted: %v", v)
	}
}
