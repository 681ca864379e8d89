// Package handoff is the live hand-off of a resident's conversation to a
// person: a resident who asks for an operator («оператор», «хочу поговорити
// з людиною») waits in a queue that operators see in the admin web; one
// operator takes the conversation, writes to the resident in the resident's
// own channel, and gives it back to the bot. Outside the operators' working
// hours, or when nobody takes the conversation in time, the resident is
// offered the appeal form or a call-back request instead.
//
// The state lives in the relational store (storage/sql), so every replica
// sees the same queue; what the resident receives goes through the outbox
// in the same transaction as the change that causes it.
package handoff

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// Status is where a hand-off stands.
type Status string

// Statuses. A resident has at most one hand-off that is not closed.
const (
	// StatusWaiting is a resident in the queue, no operator yet.
	StatusWaiting Status = "waiting"
	// StatusActive is a conversation an operator took.
	StatusActive Status = "active"
	// StatusClosed is a conversation given back to the bot.
	StatusClosed Status = "closed"
)

// Who or what ended a hand-off.
const (
	EndedByResident = "resident" // the resident went back to the bot («меню»)
	EndedByOperator = "operator" // the operator gave the conversation back
	EndedByTimeout  = "timeout"  // nobody took it within the waiting time
)

// Handoff is one resident's conversation with the operators.
type Handoff struct {
	ID         int64
	ResidentID int64
	// Channel, UserID and Locale are the resident's, for rendering notices.
	Channel vikno.Channel
	UserID  string
	Locale  string
	Status  Status
	// OperatorID and OperatorName are the operator who took it (zero while
	// waiting).
	OperatorID   int64
	OperatorName string
	EndedBy      string
	CreatedAt    time.Time
	TakenAt      time.Time
	EndedAt      time.Time
	// LastAt is the time of the newest message.
	LastAt time.Time
	// Preview is the resident's newest message (set by ListHandoffs only).
	Preview string
}

// Open reports whether the hand-off is waiting or taken.
func (h Handoff) Open() bool { return h.Status == StatusWaiting || h.Status == StatusActive }

// Resident returns the resident record notices are rendered for.
func (h Handoff) Resident() vikno.Resident {
	return vikno.Resident{ID: h.ResidentID, Channel: h.Channel, ExternalID: h.UserID, Locale: h.Locale}
}

// Author is who wrote a message of a hand-off.
type Author string

// Authors.
const (
	FromResident Author = "resident"
	FromOperator Author = "operator"
)

// MaxText is the longest message, in characters, either side may write.
const MaxText = 4000

// Message is one message of a hand-off.
type Message struct {
	ID        int64
	HandoffID int64
	Author    Author
	// StaffID and Name are the operator's (zero for the resident).
	StaffID int64
	Name    string
	Text    string
	// Key makes storing a resident's message idempotent (the update id):
	// an update handled twice is stored once.
	Key string
	At  time.Time
}

// CheckText trims an operator's message and checks its length; EINVALID
// when it is empty or too long.
func CheckText(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", vikno.Errorf(vikno.EINVALID, "the message is empty")
	}
	if utf8.RuneCountInString(s) > MaxText {
		return "", vikno.Errorf(vikno.EINVALID, "the message is longer than %d characters", MaxText)
	}
	return s, nil
}

// Callback is a resident's request to be called back by the hotline.
type Callback struct {
	ID         int64
	ResidentID int64
	Channel    vikno.Channel
	// Phone is the resident's own number, confirmed by the platform.
	Phone string
	// Key makes the request idempotent (the update id).
	Key       string
	CreatedAt time.Time
}

// Operator is the staff member acting in a hand-off.
type Operator struct {
	ID   int64
	Name string
}

// ResidentStore is what the dialog needs of the store.
type ResidentStore interface {
	// OpenHandoff puts the resident in the queue with first as the first
	// message (first.Text may be empty), unless the resident has an open
	// hand-off already: then it returns that one. It reports whether the
	// hand-off is new.
	OpenHandoff(ctx context.Context, h Handoff, first Message) (Handoff, bool, error)
	// OpenHandoffOf returns the resident's waiting or active hand-off;
	// ENOTFOUND when there is none.
	OpenHandoffOf(ctx context.Context, residentID int64) (Handoff, error)
	// AddHandoffMessage stores a resident's message in the open hand-off
	// m.HandoffID (a repeated Key is stored once); ENOTFOUND when that
	// hand-off is closed.
	AddHandoffMessage(ctx context.Context, m Message) error
	// EndHandoff closes the resident's open hand-off id, by the resident;
	// ENOTFOUND when it is closed already.
	EndHandoff(ctx context.Context, residentID, id int64) (Handoff, error)
	// SaveCallback records a call-back request (a repeated Key is stored
	// once).
	SaveCallback(ctx context.Context, c Callback) (Callback, error)
}

// Store is every hand-off query; M is the outbox message type, enqueued in
// the same transaction as the change it reports.
type Store[M any] interface {
	ResidentStore
	// ListHandoffs returns the open hand-offs, oldest first, then up to
	// closed of the most recently closed, each with its Preview.
	ListHandoffs(ctx context.Context, closed int) ([]Handoff, error)
	// FindHandoff returns a hand-off; ENOTFOUND when there is none.
	FindHandoff(ctx context.Context, id int64) (Handoff, error)
	// HandoffMessages returns the messages of a hand-off with ids above
	// after, oldest first, at most limit.
	HandoffMessages(ctx context.Context, id, after int64, limit int) ([]Message, error)
	// TakeHandoff gives the waiting hand-off to op and queues notice, in one
	// transaction. ECONFLICT when it is not waiting any more (another
	// operator was faster, or the resident left).
	TakeHandoff(ctx context.Context, id int64, op Operator, notice M) (Handoff, error)
	// SendHandoff stores the operator's message and queues notice, in one
	// transaction. ECONFLICT unless the hand-off is active and op's.
	SendHandoff(ctx context.Context, m Message, notice M) (Message, error)
	// ReturnHandoff closes op's active hand-off and queues notice.
	// ECONFLICT unless the hand-off is active and op's.
	ReturnHandoff(ctx context.Context, id int64, op Operator, notice M) (Handoff, error)
	// ExpireHandoffs closes the hand-offs waiting since before t and queues
	// the notice built for each, one transaction per hand-off; it returns
	// how many it closed.
	ExpireHandoffs(ctx context.Context, before time.Time, notice func(Handoff) (M, error)) (int, error)
	// ListCallbacks returns the newest call-back requests first.
	ListCallbacks(ctx context.Context, limit int) ([]Callback, error)
}
