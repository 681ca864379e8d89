package viber

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// ErrUnreachable is returned (wrapped) when Viber says the resident cannot
// get messages: they unsubscribed, never subscribed or left Viber. The
// resident is marked unreachable through an engine update; retrying is
// pointless.
var ErrUnreachable = &vikno.Error{Code: vikno.EUNAUTHORIZED, Message: "viber: the resident is not subscribed"}

// LimitError is returned when Viber kept answering "too many requests"
// (status 12): the caller (the outbox) tries again after RetryAfter.
type LimitError struct {
	Wait time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("viber: too many requests, retry after %s", e.Wait)
}

// RetryAfter returns how long to wait before trying again.
func (e *LimitError) RetryAfter() time.Duration { return e.Wait }

// limitWait is how long the outbox waits after Viber's rate limit held on:
// its limits are per hour (100 bot messages per user without a reply).
const limitWait = time.Minute

// Sender delivers dialog replies to Viber users: rendered as Viber
// messages with keyboards, paced per chat and across chats (bots.Pacer),
// retried on "too many requests", 5xx and network errors. The message
// pipeline uses it for answers (the first of the answer to
// conversation_started goes in the webhook's response), the outbox for
// notices.
type Sender struct {
	bot      *Bot
	client   *Client
	profile  Profile
	pacer    *bots.Pacer
	log      *slog.Logger
	attempts int
	backoff  time.Duration
}

var (
	_ dialog.Sender      = (*Sender)(nil)
	_ dialog.ReplySender = (*Sender)(nil)
)

// Send implements dialog.Sender in the bulk lane. Errors: ErrUnreachable
// (EUNAUTHORIZED), EINVALID for a message Viber refuses, *LimitError when
// Viber's rate limit held on, and other errors worth retrying later.
func (s *Sender) Send(ctx context.Context, user string, replies []dialog.Reply) error {
	return s.deliver(ctx, user, replies, false)
}

// SendReply implements dialog.ReplySender: the answer to the resident's
// own message, in the interactive lane. Errors are those of Send.
func (s *Sender) SendReply(ctx context.Context, user string, replies []dialog.Reply) error {
	return s.deliver(ctx, user, replies, true)
}

func (s *Sender) deliver(ctx context.Context, user string, replies []dialog.Reply, conversation bool) error {
	if user == "" {
		return vikno.Errorf(vikno.EINVALID, "viber: no receiver")
	}
	var msgs []Message
	for _, r := range replies {
		msgs = append(msgs, render(r)...)
	}
	if len(msgs) == 0 {
		return nil
	}
	s.keepKeyboard(ctx, user, msgs)
	if conversation {
		welcome, rest := joinWelcome(msgs)
		taken, subscribed := s.handOverWelcome(ctx, user, welcome)
		if taken {
			if msgs = rest; !subscribed {
				// Viber delivers nothing else to a user who has not
				// subscribed; the welcome carries the way on (its keyboard).
				return nil
			}
		}
	}
	for _, m := range msgs {
		if err := s.sendOne(ctx, s.dress(m, user), !conversation); err != nil {
			return err
		}
	}
	return nil
}

// joinWelcome returns the message that answers conversation_started, and
// the messages left to send after it: every message of an answer made of
// text joined in one when it fits (a user who has not subscribed gets
// nothing else), else the first.
func joinWelcome(msgs []Message) (Message, []Message) {
	if len(msgs) == 1 {
		return msgs[0], nil
	}
	texts := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if m.Type != TypeText {
			return msgs[0], msgs[1:]
		}
		texts = append(texts, m.Text)
	}
	joined := msgs[len(msgs)-1]
	joined.Text = strings.Join(texts, "\n\n")
	if utf8.RuneCountInString(joined.Text) > MaxText || len(joined.Text) > MaxRequest/3 {
		return msgs[0], msgs[1:]
	}
	return joined, nil
}

// handOverWelcome gives m, the first message of an answer, to a webhook
// call waiting for user's welcome: on this replica, or on another one
// through the shared state. It reports whether one took it and whether
// the user is subscribed (otherwise Viber delivers them nothing else).
func (s *Sender) handOverWelcome(ctx context.Context, user string, m Message) (taken, subscribed bool) {
	if w := s.bot.welcomes.take(user); w != nil {
		w.answer <- s.dress(m, "")
		return true, w.subscribed
	}
	shared := s.bot.cfg.Shared
	if shared == nil {
		return false, false
	}
	mark, err := shared.Get(ctx, welcomeKey(user))
	if err != nil {
		return false, false // no call waits (ENOTFOUND), or the state is down
	}
	data, err := encode(s.dress(m, ""))
	if err == nil {
		err = shared.Publish(ctx, welcomeKey(user), data)
	}
	if err != nil {
		s.log.Warn("viber welcome not handed to the replica waiting for it", "err", err)
		return false, false
	}
	shared.Delete(ctx, welcomeKey(user))
	return true, string(mark) == "1"
}

// dress adds what every message carries: receiver, sender profile and the
// client version its keyboard needs.
func (s *Sender) dress(m Message, user string) Message {
	m.Receiver = user
	p := s.profile
	m.Sender = &p
	if m.Keyboard != nil {
		m.MinAPIVersion = MinAPIVersion
	}
	return m
}

// sendOne calls send_message, retrying what may pass.
func (s *Sender) sendOne(ctx context.Context, m Message, bulk bool) error {
	for attempt := 0; ; attempt++ {
		// Each attempt takes its own turn at the rate limits, and holds
		// its slot until the call returns (bots.Pacer.Do).
		var token string
		err := s.pacer.Do(ctx, m.Receiver, bulk, func() error {
			cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			var err error
			token, err = s.client.SendMessage(cctx, m)
			return err
		})
		if err == nil {
			s.recordSent(ctx, token)
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("viber send: %w", ctx.Err())
		}
		wait, final := s.classify(ctx, m.Receiver, err, attempt)
		if final != nil {
			return final
		}
		if err := bots.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("viber send: %w", err)
		}
	}
}

// recordSent links the token Viber gave a notice's message to its outbox
// message. A failure costs only the receipt, never the message.
func (s *Sender) recordSent(ctx context.Context, token string) {
	id := notify.MessageID(ctx)
	if id == 0 || token == "" || s.bot.cfg.Receipts == nil {
		return
	}
	if err := s.bot.cfg.Receipts.RecordSent(ctx, vikno.Viber, token, id); err != nil {
		s.log.Warn("viber message token not recorded", "outbox_id", id, "err", err)
	}
}

// classify decides what a failed call means: wait and retry (final nil)
// or stop with final.
func (s *Sender) classify(ctx context.Context, user string, err error, attempt int) (time.Duration, error) {
	last := attempt+1 >= s.attempts
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		if vikno.ErrorCode(err) == vikno.EINVALID {
			return 0, err
		}
		if last {
			return 0, vikno.Errorf(vikno.EUNAVAILABLE, "viber send: %d attempts: %v", s.attempts, err)
		}
		return bots.Backoff(s.backoff, attempt, 10*time.Second), nil
	}
	switch apiErr.Code() {
	case vikno.EUNAUTHORIZED:
		s.bot.gone(ctx, user)
		return 0, fmt.Errorf("viber send: status %d: %w", apiErr.Status, ErrUnreachable)
	case vikno.EINVALID:
		return 0, vikno.Errorf(vikno.EINVALID, "viber send: status %d %s", apiErr.Status, apiErr.Message)
	case vikno.ELIMITED:
		if last {
			return 0, &LimitError{Wait: limitWait}
		}
		s.log.Info("viber too many requests, waiting", "attempt", attempt+1)
		return bots.Backoff(2*s.backoff, attempt, 30*time.Second), nil
	}
	if last {
		return 0, vikno.Errorf(vikno.EUNAVAILABLE, "viber send: status %d %s", apiErr.Status, apiErr.Message)
	}
	return bots.Backoff(s.backoff, attempt, 10*time.Second), nil
}
