package notify

import (
	"context"
	"time"

	"github.com/vikno-city/vikno"
)

// States of a message a channel reports back on (Viber does; Telegram says
// nothing once it accepted a message). They only move forward: sent,
// delivered, seen; failed ends a message that never reached the resident.
const (
	ReceiptSent      = "sent"
	ReceiptDelivered = "delivered"
	ReceiptSeen      = "seen"
	ReceiptFailed    = "failed"
)

// Receipts records what channels report about the messages they took, so
// that an operator sees how many residents a notice reached, not only how
// many messages left.
type Receipts interface {
	// RecordSent records that the channel took a message of outbox message
	// outboxID under token.
	RecordSent(ctx context.Context, channel vikno.Channel, token string, outboxID int64) error
	// RecordReceipt moves the message token names forward to state (a
	// receipt that arrives late, or before RecordSent, never moves it back);
	// reason says why a message failed.
	RecordReceipt(ctx context.Context, channel vikno.Channel, token, state, reason string, at time.Time) error
}

// Progress is where the messages of one notice (the outbox messages under a
// key prefix) are: by outbox status, and by what the channels reported.
// Delivered counts messages some part of which a channel reported delivered
// or seen; Seen those some part of which was seen; Failed those a channel
// reported it could not deliver.
type Progress struct {
	Pending, Sending, Sent, Dead int
	Delivered, Seen, Failed      int
}

// Total is the number of messages queued.
func (p Progress) Total() int { return p.Pending + p.Sending + p.Sent + p.Dead }

type messageIDKey struct{}

// WithMessageID returns ctx carrying the id of the outbox message being
// sent, for a channel that records receipts.
func WithMessageID(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, messageIDKey{}, id)
}

// MessageID returns the outbox message id ctx carries, or 0.
func MessageID(ctx context.Context) int64 {
	id, _ := ctx.Value(messageIDKey{}).(int64)
	return id
}

// ProgressStore tells where a notice's messages are.
type ProgressStore interface {
	// OutboxProgress counts the outbox messages whose key starts with
	// keyPrefix.
	OutboxProgress(ctx context.Context, keyPrefix string) (Progress, error)
}
