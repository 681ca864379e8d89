package telegram

import (
	"context"
	"fmt"
	"strconv"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

var _ dialog.ButtonClearer = (*Sender)(nil)

// ClearButtons implements dialog.ButtonClearer: it removes the inline
// keyboard of the message messageRef (a message id) in chat chatID, within
// the chat's rate limit, in one attempt, without waiting for it: when the
// chat has no message of its budget left at once, the buttons stay (a
// pressed stale button gets the current step again) and the resident's
// next reply does not queue behind the edit. Errors: EINVALID for a bad chat or
// message id, the Bot API's error otherwise (a message already without
// buttons, one too old to edit).
func (s *Sender) ClearButtons(ctx context.Context, chatID, messageRef string) error {
	chat, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return vikno.Errorf(vikno.EINVALID, "telegram: bad chat id")
	}
	id, err := strconv.Atoi(messageRef)
	if err != nil || id <= 0 {
		return vikno.Errorf(vikno.EINVALID, "telegram: bad message id")
	}
	_, err = s.pacer.Try(ctx, chatID, func() error {
		_, err := s.api.EditMessageReplyMarkup(ctx, &telego.EditMessageReplyMarkupParams{
			ChatID: telego.ChatID{ID: chat}, MessageID: id,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("telegram clear buttons: %w", err)
	}
	return nil
}
