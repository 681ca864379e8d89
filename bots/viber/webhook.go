package viber

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// SignatureHeader carries the hex HMAC-SHA256 of the raw callback body,
// keyed with the bot's token.
const SignatureHeader = "X-Viber-Content-Signature"

// MaxBody is the largest callback body accepted.
const MaxBody = 256 << 10

// WebhookHandler returns the handler to mount at POST WebhookPath. It
// limits the body (413), checks the signature over the raw bytes in
// constant time (401), decodes the callback (400), journals it through the
// pipeline under its message token and answers 200 at once — except for
// conversation_started, whose answer (the welcome message, the only thing
// Viber lets the bot say to a user who has not subscribed) waits up to
// WelcomeWait for the engine's reply; a retry of one handled already gets
// the same welcome again. 500 asks Viber to deliver it again,
// 503 is the answer while the bot closes.
func (b *Bot) WebhookHandler() http.Handler { return http.HandlerFunc(b.serveWebhook) }

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	if !b.signed(body, r.Header.Get(SignatureHeader)) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil || ev.Event == "" {
		http.Error(w, "not a Viber callback", http.StatusBadRequest)
		return
	}
	if !b.gate.Enter() {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer b.gate.Leave()
	b.serveEvent(w, r.Context(), &ev, body)
}

// signed reports whether sig is the hex HMAC-SHA256 of body keyed with
// the token, comparing in constant time.
func (b *Bot) signed(body []byte, sig string) bool {
	got, err := hex.DecodeString(sig)
	if err != nil || len(got) != sha256.Size || b.cfg.Token == "" {
		return false
	}
	mac := hmac.New(sha256.New, []byte(b.cfg.Token))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// serveEvent journals a verified callback and answers it.
func (b *Bot) serveEvent(w http.ResponseWriter, rctx context.Context, ev *Event, body []byte) {
	in := convert(ev)
	if in.receipt != "" {
		b.cfg.Observe(in.receipt)
		if !b.recordReceipt(rctx, ev, in.receipt) {
			http.Error(w, "not recorded", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	if !in.ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	key := "viber:" + ev.MessageToken.String()
	if ev.MessageToken == "" {
		sum := sha256.Sum256(body)
		key = "viber:body:" + hex.EncodeToString(sum[:16])
	}
	var (
		wel    *welcome
		remote <-chan []byte // the welcome from the replica that ran the turn
	)
	if in.welcome {
		wel = b.welcomes.expect(in.update.UserID, in.subscribed)
		defer b.welcomes.drop(in.update.UserID, wel)
		var stop func()
		remote, stop = b.awaitRemoteWelcome(in.update.UserID, in.subscribed)
		defer stop()
	}
	// Journaling goes on if Viber hangs up; a redelivery is then recognised.
	ctx, cancel := context.WithTimeout(b.life, 10*time.Second)
	defer cancel()
	fresh, err := b.cfg.Pipeline.AcceptNew(ctx, key, in.update)
	if err != nil {
		b.log.Warn("viber callback not journaled; Viber will deliver it again", "event", ev.Event, "err", err)
		http.Error(w, "not accepted", http.StatusInternalServerError)
		return
	}
	if wel != nil && !fresh {
		b.writeWelcomeAgain(rctx, w, key)
		return
	}
	if wel == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	select {
	case m := <-wel.answer:
		b.writeWelcome(rctx, w, key, m)
		return
	case data := <-remote:
		var m Message
		if err := json.Unmarshal(data, &m); err == nil {
			b.writeWelcome(rctx, w, key, m)
			return
		}
	case <-time.After(b.cfg.WelcomeWait):
	case <-rctx.Done():
	case <-b.life.Done():
	}
	if !b.welcomes.drop(in.update.UserID, wel) {
		// The sender took the welcome just now: it is in the channel.
		select {
		case m := <-wel.answer:
			b.writeWelcome(rctx, w, key, m)
			return
		default:
		}
	}
	b.answerSlowWelcome(rctx, w, key, in)
}

// answerSlowWelcome answers a conversation_started whose welcome the engine
// did not give in time. A subscribed resident gets the engine's answer by
// send_message when it is ready; one who has not subscribed would get
// nothing, so they get Config.SlowWelcome, whose button starts over with
// the same deep link.
func (b *Bot) answerSlowWelcome(ctx context.Context, w http.ResponseWriter, key string, in inbound) {
	if in.subscribed || b.cfg.SlowWelcome == nil {
		b.log.Warn("viber welcome not ready in time; answered without one", "subscribed", in.subscribed)
		w.WriteHeader(http.StatusOK)
		return
	}
	b.log.Warn("viber welcome not ready in time; answered with the short one")
	text, label := b.cfg.SlowWelcome(in.update.Locale)
	start := "/start"
	if in.update.StartPayload != "" {
		start += " " + in.update.StartPayload
	}
	r := dialog.Reply{Text: dialog.Plain(text), Buttons: [][]dialog.Button{{{Label: label, Action: start}}}}
	m := render(r)[0]
	b.writeWelcome(ctx, w, key, b.sender.dress(m, ""))
}

// welcomeKey names the mark of a webhook call waiting for user's welcome,
// and the topic the welcome is published on.
func welcomeKey(user string) string { return "viber:welcome:" + user }

// awaitRemoteWelcome marks, in the shared state, that this replica waits
// for user's welcome, and returns the channel another replica publishes it
// on; stop removes both. Without shared state the channel never delivers.
func (b *Bot) awaitRemoteWelcome(user string, subscribed bool) (<-chan []byte, func()) {
	if b.cfg.Shared == nil {
		return nil, func() {}
	}
	ctx, cancel := context.WithTimeout(b.life, b.cfg.WelcomeWait+time.Second)
	ch, err := b.cfg.Shared.Subscribe(ctx, welcomeKey(user))
	mark := []byte("0")
	if subscribed {
		mark = []byte("1")
	}
	if err == nil {
		err = b.cfg.Shared.Set(ctx, welcomeKey(user), mark, b.cfg.WelcomeWait+time.Second)
	}
	if err != nil {
		b.log.Warn("viber welcome not shared with other replicas", "err", err)
	}
	return ch, func() {
		cancel()
		dctx, done := context.WithTimeout(context.Background(), time.Second)
		defer done()
		b.cfg.Shared.Delete(dctx, welcomeKey(user))
	}
}

// recordReceipt records a delivered, seen or failed callback; false asks
// Viber to deliver it again.
func (b *Bot) recordReceipt(ctx context.Context, ev *Event, state string) bool {
	token := ev.MessageToken.String()
	if b.cfg.Receipts == nil || token == "" {
		return true
	}
	at := time.Time{}
	if ev.Timestamp > 0 {
		at = time.UnixMilli(ev.Timestamp)
	}
	reason := ev.Desc
	if len(reason) > 200 {
		reason = strings.ToValidUTF8(reason[:200], "")
	}
	if err := b.cfg.Receipts.RecordReceipt(ctx, vikno.Viber, token, state, reason, at); err != nil {
		b.log.Warn("viber receipt not recorded; Viber will deliver it again", "event", ev.Event, "err", err)
		return false
	}
	return true
}

// welcomeSentTTL is how long the welcome that answered a
// conversation_started is kept for Viber's retries of that callback (it
// retries for an hour when it did not get the answer in time).
const welcomeSentTTL = time.Hour

// welcomeSentKey names the welcome kept for the callback journaled under key.
func welcomeSentKey(key string) string { return "viber:welcome-sent:" + key }

// writeWelcome answers conversation_started (journaled under key) with the
// welcome message, and keeps it in the shared state for a retry.
func (b *Bot) writeWelcome(ctx context.Context, w http.ResponseWriter, key string, m Message) {
	m.Receiver = ""
	data, err := encode(m)
	if err != nil || len(data) > MaxRequest {
		b.log.Error("viber welcome not encodable; answered without one")
		w.WriteHeader(http.StatusOK)
		return
	}
	if b.cfg.Shared != nil {
		if err := b.cfg.Shared.Set(ctx, welcomeSentKey(key), data, welcomeSentTTL); err != nil {
			b.log.Warn("viber welcome not kept for a retry", "err", err)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// writeWelcomeAgain answers a retried conversation_started, handled once
// already, with the welcome that answered it, when it is still kept.
func (b *Bot) writeWelcomeAgain(ctx context.Context, w http.ResponseWriter, key string) {
	var data []byte
	if b.cfg.Shared != nil {
		data, _ = b.cfg.Shared.Get(ctx, welcomeSentKey(key))
	}
	if len(data) == 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// welcome is a conversation_started answer being waited for.
type welcome struct {
	subscribed bool
	answer     chan Message // buffered: the sender never blocks
}

// welcomes are the webhook calls waiting for a welcome, by user.
type welcomes struct {
	mu sync.Mutex
	m  map[string]*welcome
}

func (ws *welcomes) expect(user string, subscribed bool) *welcome {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.m == nil {
		ws.m = map[string]*welcome{}
	}
	w := &welcome{subscribed: subscribed, answer: make(chan Message, 1)}
	ws.m[user] = w
	return w
}

// take returns and forgets the user's waiting welcome, or nil.
func (ws *welcomes) take(user string) *welcome {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	w := ws.m[user]
	delete(ws.m, user)
	return w
}

// drop forgets w unless the sender took it already; it reports whether w
// was still waiting.
func (ws *welcomes) drop(user string, w *welcome) bool {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.m[user] == w {
		delete(ws.m, user)
		return true
	}
	return false
}
