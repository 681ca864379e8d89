package telegram

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// accept hands one update to the pipeline, which journals it (recognising
// a redelivery by its key) and handles it after the platform has its
// answer. A nil error means the update is journaled (or not worth
// handling); an error means Telegram should deliver it again. A pressed
// button is answered (its spinner stopped) with a Bot API call of its own
// unless callbackAnswered says the caller answers it in the webhook's
// response.
func (b *Bot) accept(ctx context.Context, up *telego.Update, callbackAnswered bool) error {
	in := convert(up)
	if in.callbackID != "" && !callbackAnswered {
		b.bg.Go(func() { b.answerCallback(b.life, in.callbackID) })
	}
	u := in.update
	switch {
	case in.blocked != nil:
		// In the resident's order with their messages, through the engine.
		subscribed := !*in.blocked
		u = dialog.Update{ID: "tg:" + strconv.Itoa(up.UpdateID), Channel: vikno.Telegram,
			UserID: strconv.FormatInt(in.chatID, 10), Locale: in.locale, Subscribed: &subscribed}
	case !in.ok:
		return nil
	}
	if err := b.cfg.Pipeline.Accept(ctx, b.dedupKey(up.UpdateID), u); err != nil {
		return fmt.Errorf("telegram accept: %w", err)
	}
	return nil
}

func (b *Bot) dedupKey(updateID int) string {
	return "tg:" + b.id + ":" + strconv.Itoa(updateID)
}

func (b *Bot) answerCallback(ctx context.Context, id string) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := b.api.AnswerCallbackQuery(cctx, &telego.AnswerCallbackQueryParams{CallbackQueryID: id}); err != nil {
		b.log.Debug("telegram answerCallbackQuery failed", "err", err)
	}
}
