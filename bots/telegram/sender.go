package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/mymmrac/telego"
	ta "github.com/mymmrac/telego/telegoapi"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
)

// ErrBlocked is returned (wrapped) when Telegram answers 403: the resident
// blocked the bot or deleted the account. The resident is marked
// unreachable; retrying is pointless.
var ErrBlocked = &vikno.Error{Code: vikno.EUNAUTHORIZED, Message: "telegram: the resident blocked the bot"}

// FloodError is returned when Telegram's flood control asks to wait longer
// than the sender is willing to (or the attempts ran out). RetryAfter tells
// the caller when to try again.
type FloodError struct {
	Wait time.Duration
}

func (e *FloodError) Error() string {
	return fmt.Sprintf("telegram: flood control, retry after %s", e.Wait)
}

// RetryAfter returns how long Telegram asked to wait.
func (e *FloodError) RetryAfter() time.Duration { return e.Wait }

// callTimeout bounds one Bot API call.
const callTimeout = 30 * time.Second

// keyboardTTL is how long the sender remembers that a chat shows a reply
// keyboard it should remove.
const keyboardTTL = 24 * time.Hour

// Sender delivers dialog replies to Telegram chats: rendered as HTML, rate
// limited per chat and across chats (in the shared state, so all replicas
// together keep Telegram's limits), retried on flood control, 5xx and network
// errors. The webhook and polling paths use it for answers, the notify
// outbox for notices.
type Sender struct {
	api      *telego.Bot
	state    State
	pipeline Acceptor // tells the engine of a resident who blocked the bot
	botID    string
	log      *slog.Logger

	pacer         *bots.Pacer
	maxRetryAfter time.Duration
	backoff       time.Duration
	attempts      int
}

var (
	_ dialog.Sender      = (*Sender)(nil)
	_ dialog.ReplySender = (*Sender)(nil)
)

// Send implements dialog.Sender: it delivers replies to the chat chatID in
// order. Errors: EINVALID for a bad chat id or a message Telegram refuses,
// ENOTFOUND for an unknown chat, ErrBlocked (EUNAUTHORIZED) when the
// resident blocked the bot, *FloodError for a long flood-control wait, and
// other errors for failures worth retrying later.
func (s *Sender) Send(ctx context.Context, chatID string, replies []dialog.Reply) error {
	return s.send(ctx, chatID, replies, false)
}

// SendReply implements dialog.ReplySender: the replies to the resident's
// own message go in the interactive lane and manage the reply keyboard.
// Errors are those of Send.
func (s *Sender) SendReply(ctx context.Context, chatID string, replies []dialog.Reply) error {
	return s.send(ctx, chatID, replies, true)
}

func (s *Sender) send(ctx context.Context, chatID string, replies []dialog.Reply, conversation bool) error {
	id, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil || id == 0 {
		return vikno.Errorf(vikno.EINVALID, "telegram: bad chat id")
	}
	_, err = s.deliver(ctx, id, replies, conversation)
	return err
}

// deliver sends replies in order and returns how many were delivered whole.
// In a conversation (the resident's own turn) it also manages the reply
// keyboard: one shown for a request is removed with the next reply that asks
// for nothing. Notices leave it alone, so a notice in the middle of a flow
// does not take the resident's keyboard away. It looks whether a keyboard
// is shown only when ctx does not say (dialog.WithKeyboard).
// Conversation replies use the interactive lane; notices the bulk lane,
// which yields to it (see wait).
func (s *Sender) deliver(ctx context.Context, chat int64, replies []dialog.Reply, conversation bool) (int, error) {
	request := hasRequest(replies)
	remove := conversation && !request && s.keyboardShown(ctx, chat)
	removed := false
	for i, r := range replies {
		rd := render(r)
		if len(rd.dropped) > 0 {
			s.log.Warn("telegram buttons left out", "count", len(rd.dropped), "reason", "callback data over 64 bytes, no label or an unsupported link")
		}
		if len(rd.msgs) == 0 {
			if len(r.Buttons) > 0 || r.Request != dialog.RequestNone {
				s.log.Warn("telegram reply with buttons but no text left out")
			}
			continue
		}
		if remove && !removed {
			rd.msgs[0].removeKeyboard, removed = true, true
		}
		for _, m := range rd.msgs {
			if err := s.sendOne(ctx, chat, m, !conversation); err != nil {
				return i, err
			}
		}
	}
	s.rememberKeyboard(ctx, chat, conversation && request, removed)
	return len(replies), nil
}

func hasRequest(replies []dialog.Reply) bool {
	for _, r := range replies {
		if r.Request != dialog.RequestNone {
			return true
		}
	}
	return false
}

func (s *Sender) keyboardKey(chat int64) string {
	return "tg:" + s.botID + ":kbd:" + strconv.FormatInt(chat, 10)
}

func (s *Sender) keyboardShown(ctx context.Context, chat int64) bool {
	switch dialog.KeyboardOf(ctx) {
	case dialog.KeyboardNone:
		return false
	case dialog.KeyboardShown:
		return true
	}
	_, err := s.state.Get(ctx, s.keyboardKey(chat))
	if err != nil && !vikno.IsNotFound(err) {
		s.log.Warn("telegram keyboard state unavailable", "err", err)
	}
	return err == nil
}

func (s *Sender) rememberKeyboard(ctx context.Context, chat int64, shown, removed bool) {
	var err error
	switch {
	case shown:
		err = s.state.Set(ctx, s.keyboardKey(chat), []byte("1"), keyboardTTL)
	case removed:
		err = s.state.Delete(ctx, s.keyboardKey(chat))
	}
	if err != nil {
		s.log.Warn("telegram keyboard state not saved", "err", err)
	}
}

// sendOne sends one message within the rate limits, retrying as needed.
func (s *Sender) sendOne(ctx context.Context, chat int64, m outgoing, bulk bool) error {
	msgID, err := s.retry(ctx, chat, func(cctx context.Context) (int, error) {
		// Every attempt takes its own turn: a retry after "too many
		// requests" must not go over the limit again.
		var id int
		err := s.pacer.Do(ctx, strconv.FormatInt(chat, 10), bulk, func() (err error) {
			id, err = s.post(cctx, chat, m)
			return err
		})
		return id, err
	})
	if err != nil {
		return err
	}
	if m.removeKeyboard && m.inline != nil {
		_, err := s.retry(ctx, chat, func(ctx context.Context) (int, error) {
			_, err := s.api.EditMessageReplyMarkup(ctx, &telego.EditMessageReplyMarkupParams{
				ChatID: telego.ChatID{ID: chat}, MessageID: msgID, ReplyMarkup: m.inline,
			})
			return msgID, err
		})
		if err != nil && !errors.Is(err, ErrBlocked) {
			// Keep the way on: the buttons follow in a message of their own.
			s.log.Warn("telegram buttons not attached after removing the keyboard; sent apart", "err", err)
			_, err = s.retry(ctx, chat, func(ctx context.Context) (int, error) {
				return s.post(ctx, chat, outgoing{html: "👇", inline: m.inline})
			})
		}
		return err
	}
	return nil
}

// post makes the Bot API call for one message and returns its message id.
func (s *Sender) post(ctx context.Context, chat int64, m outgoing) (int, error) {
	var msg *telego.Message
	var err error
	if m.photo != nil {
		msg, err = s.api.SendPhoto(ctx, &telego.SendPhotoParams{
			ChatID: telego.ChatID{ID: chat}, Photo: inputFile(m.photo),
			Caption: m.html, ParseMode: telego.ModeHTML, ReplyMarkup: m.markup(),
		})
	} else {
		msg, err = s.api.SendMessage(ctx, &telego.SendMessageParams{
			ChatID: telego.ChatID{ID: chat}, Text: m.html, ParseMode: telego.ModeHTML,
			LinkPreviewOptions: &telego.LinkPreviewOptions{IsDisabled: true},
			ReplyMarkup:        m.markup(),
		})
	}
	if err != nil {
		return 0, err
	}
	if msg == nil {
		return 0, nil
	}
	return msg.MessageID, nil
}

// inputFile returns the picture to send: a URL, a Telegram file id, or an
// upload (a fresh reader on every attempt).
func inputFile(img *dialog.Image) telego.InputFile {
	switch {
	case len(img.Data) > 0:
		name := img.Name
		if name == "" {
			name = "image.png"
		}
		return telego.InputFile{File: namedReader{Reader: bytes.NewReader(img.Data), name: name}}
	case linkURL(img.Ref) != "":
		return telego.InputFile{URL: img.Ref}
	default:
		return telego.InputFile{FileID: img.Ref}
	}
}

type namedReader struct {
	*bytes.Reader
	name string
}

func (r namedReader) Name() string { return r.name }

// retry runs call until it succeeds or fails for good.
func (s *Sender) retry(ctx context.Context, chat int64, call func(ctx context.Context) (int, error)) (int, error) {
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		id, err := call(cctx)
		cancel()
		if err == nil {
			return id, nil
		}
		if ctx.Err() != nil {
			return 0, fmt.Errorf("telegram send: %w", ctx.Err())
		}
		wait, final := s.classify(ctx, chat, err, attempt)
		if final != nil {
			return 0, final
		}
		if err := bots.Sleep(ctx, wait); err != nil {
			return 0, fmt.Errorf("telegram send: %w", err)
		}
	}
}

// classify decides what a failed call means: wait and retry (final nil) or
// stop with final.
func (s *Sender) classify(ctx context.Context, chat int64, err error, attempt int) (wait time.Duration, final error) {
	last := attempt+1 >= s.attempts
	var apiErr *ta.Error
	if !errors.As(err, &apiErr) {
		// A network error, a 5xx or an undecodable answer.
		if last {
			return 0, fmt.Errorf("telegram send: %d attempts: %w", s.attempts, err)
		}
		return bots.Backoff(s.backoff, attempt, 10*time.Second), nil
	}
	switch apiErr.ErrorCode {
	case 429:
		wait = time.Second
		if p := apiErr.Parameters; p != nil && p.RetryAfter > 0 {
			wait = time.Duration(p.RetryAfter) * time.Second
		}
		if last || wait > s.maxRetryAfter {
			return 0, &FloodError{Wait: wait}
		}
		s.log.Info("telegram flood control, waiting", "retry_after", wait)
		return wait, nil
	case 403:
		s.gone(ctx, chat)
		return 0, fmt.Errorf("telegram send: %w", ErrBlocked)
	case 400:
		code := vikno.EINVALID
		if strings.Contains(strings.ToLower(apiErr.Description), "chat not found") {
			code = vikno.ENOTFOUND
		}
		return 0, vikno.Errorf(code, "telegram: %s", apiErr.Description)
	}
	return 0, vikno.Errorf(vikno.EUNAVAILABLE, "telegram: %d %s", apiErr.ErrorCode, apiErr.Description)
}

// gone tells the engine, in the resident's order, that the resident of chat
// blocked the bot (Telegram refused a message with 403): the engine, not the
// adapter, records it. One update per minute at most: repeated refusals
// within it share a key.
func (s *Sender) gone(ctx context.Context, chat int64) {
	no := false
	user := strconv.FormatInt(chat, 10)
	minute := strconv.FormatInt(time.Now().Unix()/60, 10)
	u := dialog.Update{ID: "telegram:gone:" + minute, Channel: vikno.Telegram, UserID: user, Subscribed: &no}
	if err := s.pipeline.Accept(ctx, "telegram:gone:"+user+":"+minute, u); err != nil {
		s.log.Error("telegram unreachable resident not recorded", "err", err)
		return
	}
	s.log.Info("telegram resident blocked the bot")
}

// permanent reports whether a delivery error will not go away by retrying.
func permanent(err error) bool {
	switch vikno.ErrorCode(err) {
	case vikno.EINVALID, vikno.ENOTFOUND, vikno.EUNAUTHORIZED:
		return true
	}
	return false
}
