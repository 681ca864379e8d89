package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/mymmrac/telego"
)

// SecretHeader carries the webhook secret on every call from Telegram.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// MaxBody is the largest webhook body accepted.
const MaxBody = 1 << 20

// WebhookHandler returns the handler to mount at POST WebhookPath. It checks
// the secret in constant time (401), limits the body (413), decodes the
// update (400), and answers 200 once the update is journaled by the
// pipeline, which handles it and sends the replies afterwards (a pressed
// button's answerCallbackQuery rides in the 200's body); 500 asks
// Telegram to deliver it again, 503 is the answer while the bot closes.
func (b *Bot) WebhookHandler() http.Handler { return http.HandlerFunc(b.serveWebhook) }

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get(SecretHeader)
	if subtle.ConstantTimeCompare([]byte(got), []byte(b.cfg.WebhookSecret)) != 1 || b.cfg.WebhookSecret == "" {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	up, status := decodeUpdate(http.MaxBytesReader(w, r.Body, MaxBody))
	if status != http.StatusOK {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if !b.gate.Enter() {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer b.gate.Leave()
	// Journaling goes on if Telegram hangs up: a redelivery is then
	// recognised by its key.
	ctx, cancel := context.WithTimeout(b.life, b.cfg.AcceptTimeout)
	defer cancel()
	pressed := up.CallbackQuery != nil && up.CallbackQuery.ID != ""
	if err := b.accept(ctx, up, pressed); err != nil {
		b.log.Warn("telegram update not journaled; Telegram will deliver it again", "update_id", up.UpdateID, "err", err)
		http.Error(w, "not accepted", http.StatusInternalServerError)
		return
	}
	if !pressed {
		w.WriteHeader(http.StatusOK)
		return
	}
	// The pressed button's spinner is stopped by a Bot API call carried in
	// the webhook's answer, which Telegram runs itself: one request less
	// per press than a call of our own, and the spinner stops at once.
	body, err := json.Marshal(callbackAnswer{Method: "answerCallbackQuery", CallbackQueryID: up.CallbackQuery.ID})
	if err != nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// callbackAnswer is answerCallbackQuery as a webhook's answer.
type callbackAnswer struct {
	Method          string `json:"method"`
	CallbackQueryID string `json:"callback_query_id"`
}

// decodeUpdate reads one update; the status is 200 when it is usable.
func decodeUpdate(body io.Reader) (*telego.Update, int) {
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	var up telego.Update
	if err := json.Unmarshal(data, &up); err != nil || up.UpdateID <= 0 || !wellFormed(&up) {
		return nil, http.StatusBadRequest
	}
	return &up, http.StatusOK
}

// wellFormed reports whether the update can be read without a panic. The
// telego types decode some malformed JSON (keys in odd case) into broken
// interface values; Telegram never sends such updates, a forger might.
func wellFormed(up *telego.Update) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	convert(up)
	chatOf(up)
	return true
}
