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
// the chat's rate limit, in one attempt. Errors: EINVALID for a bad chat or
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
	if err := s.pacer.Wait(ctx, chatID, false); err != nil {
		return fmt.Errorf("telegram clear buttons: %w", err)
	}
	_, err = s.api.EditMessageReplyMarkup(ctx, &telego.EditMessageReplyMarkupParams{
		ChatID: telego.ChatID{ID: chat}, MessageID: id,
	})
	if err != nil {
		return fmt.Errorf("telegram clear buttons: %w", err)
	}
	return nil
}
