package dialog

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/vikno-city/vikno"
)

// Sender delivers replies to a resident outside a conversation turn: an
// appeal's status change, a reminder, a manager's answer. Channel adapters
// implement it.
type Sender interface {
	Send(ctx context.Context, userID string, replies []Reply) error
}

// ReplySender is implemented by channels that send the replies to a
// resident's own message differently from notices: in the interactive lane,
// ahead of bulk notices, and managing the conversation's reply keyboard.
// The message pipeline uses it when a channel has it.
type ReplySender interface {
	SendReply(ctx context.Context, userID string, replies []Reply) error
}

type keyboardKey struct{}

// WithKeyboard returns ctx saying what reply keyboard the resident's chat
// shows (Turn.Keyboard): a ReplySender given it need not look whether
// there is one to remove.
func WithKeyboard(ctx context.Context, k Keyboard) context.Context {
	return context.WithValue(ctx, keyboardKey{}, k)
}

// KeyboardOf returns what ctx says of the chat's reply keyboard
// (KeyboardUnknown when nothing).
func KeyboardOf(ctx context.Context) Keyboard {
	k, _ := ctx.Value(keyboardKey{}).(Keyboard)
	return k
}

// ButtonClearer is implemented by channels that can change a message they
// sent (Telegram): ClearButtons takes the buttons off the message
// messageRef (Update.MessageRef) in the chat of userID, so that the buttons
// of a step the resident answered disappear. Channels that cannot edit do
// not implement it. The pipeline calls it once, best effort, after the
// turn's replies are sent.
type ButtonClearer interface {
	ClearButtons(ctx context.Context, userID, messageRef string) error
}

// senders maps channels to their Sender.
type senders struct {
	mu sync.RWMutex
	m  map[vikno.Channel]Sender
}

// SetSender registers the sender of a channel.
func (e *Engine) SetSender(ch vikno.Channel, s Sender) {
	e.senders.mu.Lock()
	defer e.senders.mu.Unlock()
	if e.senders.m == nil {
		e.senders.m = map[vikno.Channel]Sender{}
	}
	e.senders.m[ch] = s
}

// SenderFor returns the sender of a channel, if one is registered.
func (e *Engine) SenderFor(ch vikno.Channel) (Sender, bool) {
	e.senders.mu.RLock()
	defer e.senders.mu.RUnlock()
	s, ok := e.senders.m[ch]
	return s, ok
}

// Channels returns the channels that have a sender, in a stable order.
func (e *Engine) Channels() []vikno.Channel {
	e.senders.mu.RLock()
	defer e.senders.mu.RUnlock()
	out := make([]vikno.Channel, 0, len(e.senders.m))
	for ch := range e.senders.m {
		out = append(out, ch)
	}
	slices.Sort(out)
	return out
}

// Compose renders a message for a resident outside a conversation turn, in
// the resident's language: build adds replies to the Conv it is given (its
// Update is empty and its Session is a throwaway).
func (e *Engine) Compose(ctx context.Context, residentID int64, build func(c *Conv)) (vikno.Resident, []Reply, error) {
	res, err := e.cfg.Residents.FindResident(ctx, residentID)
	if err != nil {
		return vikno.Resident{}, nil, fmt.Errorf("compose: %w", err)
	}
	c := &Conv{engine: e, Session: &Session{}, Resident: res,
		Update: Update{Channel: res.Channel, UserID: res.ExternalID}}
	c.Locale = c.pickLocale()
	build(c)
	return res, c.replies, nil
}

// Push composes a message for a resident and sends it at once through the
// resident's channel. Residents who blocked the bot are skipped. Messages
// that must survive a crash go through the notify outbox instead.
func (e *Engine) Push(ctx context.Context, residentID int64, build func(c *Conv)) error {
	res, replies, err := e.Compose(ctx, residentID, build)
	if err != nil {
		return err
	}
	if res.Unreachable || len(replies) == 0 {
		return nil
	}
	s, ok := e.SenderFor(res.Channel)
	if !ok {
		return vikno.Errorf(vikno.EUNAVAILABLE, "channel %s cannot deliver messages", res.Channel)
	}
	if err := s.Send(ctx, res.ExternalID, replies); err != nil {
		return fmt.Errorf("push: %w", err)
	}
	return nil
}
