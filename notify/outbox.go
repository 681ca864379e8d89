// Package notify delivers what Vikno sends on its own initiative — manager
// alerts, appeal status changes, reminders, broadcasts — and the replies the
// message pipeline stores, through a durable outbox: a message is stored (in
// the same transaction as the change that caused it, where the store
// allows), then delivered by workers with rate limits, retries with backoff
// and a dead-letter state. A message is queued once per idempotency key and
// delivered at least once: a worker that dies between sending and recording
// the send leaves the message to be sent again when its lease ends.
package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// Status of an outbox message.
const (
	StatusPending = "pending"
	StatusSending = "sending" // claimed by a worker until its lease ends
	StatusSent    = "sent"
	StatusDead    = "dead" // gave up; Error says why
)

// KindReply is the kind of the replies to a resident's own message, which
// the message pipeline stores before sending them (the interactive lane).
const KindReply = "reply"

// Message is one notice to one resident.
type Message struct {
	ID int64
	// Key makes enqueueing idempotent: a second message with the same key is
	// ignored ("appeal:2026-000123:status:4", "rating:17:manager:3").
	Key        string
	ResidentID int64
	Channel    vikno.Channel
	UserID     string // the resident's id in the channel
	Kind       string // alert, appeal_status, reminder, answer, broadcast
	Replies    []dialog.Reply
	// Bulk puts the message in the bulk lane: claimed after every other
	// due message and sent at the pace the channel allows broadcasts.
	Bulk      bool
	Status    string
	Attempts  int
	NextAt    time.Time
	Error     string
	CreatedAt time.Time
	SentAt    time.Time
}

// Scope is which messages a worker claims: those of the channels it can
// deliver to and, for the terminal chat, of its own user only. A scope
// without channels claims nothing.
type Scope struct {
	Channels []vikno.Channel
	UserID   string // empty: every user
}

// Store keeps the outbox. Claim hands each due message to exactly one
// worker (FOR UPDATE SKIP LOCKED on PostgreSQL) and leases it: a message
// whose worker died is claimed again after the lease.
type Store interface {
	// Enqueue stores messages; ones whose Key exists already are skipped.
	Enqueue(ctx context.Context, msgs []Message) error
	Claim(ctx context.Context, limit int, lease time.Duration, scope Scope) ([]Message, error)
	MarkSent(ctx context.Context, id int64) error
	// Retry puts a message back for another attempt at next.
	Retry(ctx context.Context, id int64, next time.Time, reason string) error
	// Bury moves a message to the dead-letter state.
	Bury(ctx context.Context, id int64, reason string) error
	// OutboxCounts returns how many messages are in each status.
	OutboxCounts(ctx context.Context) (map[string]int, error)
	// FindOutbox returns messages by idempotency key prefix, oldest first (for
	// operators and tests).
	FindOutbox(ctx context.Context, keyPrefix string) ([]Message, error)
}

// EncodeReplies serialises replies for storage.
func EncodeReplies(r []dialog.Reply) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode replies: %w", err)
	}
	return b, nil
}

// DecodeReplies reverses EncodeReplies.
func DecodeReplies(b []byte) ([]dialog.Reply, error) {
	var r []dialog.Reply
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("decode replies: %w", err)
	}
	return r, nil
}
