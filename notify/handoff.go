package notify

import (
	"context"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
)

// KindHandoff is the kind of what the resident receives from the
// operators' side of a hand-off.
const KindHandoff = "handoff"

// HandoffMessages renders what a resident receives from operators, in the
// resident's language and channel. It implements handoff.Messages.
type HandoffMessages struct {
	Outbox *Outbox
}

var _ handoff.Messages[Message] = HandoffMessages{}

// Taken implements handoff.Messages.
func (m HandoffMessages) Taken(_ context.Context, key string, h handoff.Handoff) (Message, error) {
	return m.render(key, h, func(c *dialog.Conv) { dialog.OperatorTaken(c, h) }), nil
}

// Said implements handoff.Messages.
func (m HandoffMessages) Said(_ context.Context, key string, h handoff.Handoff, msg handoff.Message) (Message, error) {
	return m.render(key, h, func(c *dialog.Conv) { dialog.OperatorSaid(c, msg) }), nil
}

// Returned implements handoff.Messages.
func (m HandoffMessages) Returned(_ context.Context, key string, h handoff.Handoff) (Message, error) {
	return m.render(key, h, dialog.OperatorReturned), nil
}

// Expired implements handoff.Messages.
func (m HandoffMessages) Expired(key string, h handoff.Handoff) (Message, error) {
	return m.render(key, h, dialog.OperatorExpired), nil
}

// Queued implements handoff.Messages.
func (m HandoffMessages) Queued() { m.Outbox.Wake() }

// render builds the message from the hand-off's resident record alone, so
// it is safe inside a store transaction.
func (m HandoffMessages) render(key string, h handoff.Handoff, build func(c *dialog.Conv)) Message {
	res := h.Resident()
	return Message{Key: key, Kind: KindHandoff, ResidentID: res.ID, Channel: res.Channel, UserID: res.ExternalID,
		Replies: m.Outbox.Engine.Render(res, build)}
}
