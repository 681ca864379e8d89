// Package bots is the message pipeline every channel plugs into. An adapter
// verifies and decodes a platform update into a dialog.Update and gives it to
// Pipeline.Accept, which journals it durably with its de-duplication key
// before the adapter acknowledges the platform. The pipeline then handles
// each resident's updates one at a time — across every replica, through a
// lease per resident — and different residents in parallel: the dialog
// engine runs the step, the replies are written to the outbox in the same
// transaction that marks the update handled, the session is saved, and the
// replies are sent at once through the channel's sender (which paces them).
//
// Delivery promise. An acknowledged update is never lost: if a replica dies
// at any point, the update (or its stored replies) is picked up again by any
// replica — the update once its resident's lease runs out, the replies by the
// outbox worker after a grace period. An update is handled again only when
// the replica died before its replies were stored; flows make that harmless
// (appeals and bookings are keyed by the update). Replies reach the platform
// at least once: a crash between sending and recording the send repeats
// them. Updates a platform delivers twice are recognised by their key.
package bots

import (
	"context"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// Inbound is one platform update in the journal.
type Inbound struct {
	ID int64
	// Key de-duplicates deliveries: "tg:<bot>:<update_id>", "viber:<token>".
	Key      string
	Update   dialog.Update
	Received time.Time
	// Resident is the sender's resident row as the journal read it with
	// the update (nil when it does not, or none is stored yet): the turn
	// of the first update of a read takes it instead of reading it again.
	Resident *vikno.Resident
}

// Resident names whose turn it is: a user of a channel.
type Resident struct {
	Channel vikno.Channel
	UserID  string
}

func (r Resident) key() string { return string(r.Channel) + ":" + r.UserID }

// Journal keeps inbound updates durably until they are handled. The SQL
// store implements it; CompleteInbound shares a transaction with the outbox.
type Journal interface {
	// AppendInbound stores in unless an update with its key is stored
	// already; it reports whether in was new. The ID and Received of in are
	// set by the journal.
	AppendInbound(ctx context.Context, in Inbound) (bool, error)
	// PendingInbound returns the resident's unhandled updates, oldest first.
	PendingInbound(ctx context.Context, r Resident, limit int) ([]Inbound, error)
	// CompleteInbound marks the update handled and, when reply is not nil,
	// queues it in the outbox, in one transaction; it returns the reply's
	// outbox id (0 without a reply, or when its key was queued already:
	// another turn completed the update first).
	CompleteInbound(ctx context.Context, id int64, reply *notify.Message) (int64, error)
	// StaleInbound returns residents with updates unhandled since before t.
	StaleInbound(ctx context.Context, before time.Time, limit int) ([]Resident, error)
	// PurgeInbound deletes handled updates received before t and reports
	// how many it deleted.
	PurgeInbound(ctx context.Context, before time.Time) (int, error)
}

// SessionJournal is a Journal that also keeps the dialog engine's sessions
// (the embedded default: both in one database). The SQL store implements it.
type SessionJournal interface {
	Journal
	// CompleteInboundSession is CompleteInbound that also writes the
	// session the turn left behind, in the same transaction: a crash keeps
	// the "handled" mark, the reply and the session together or none. A
	// call that finds the update handled already writes no session.
	CompleteInboundSession(ctx context.Context, id int64, reply *notify.Message, sess dialog.SessionRecord) (int64, error)
}

// PendingSessionJournal is a SessionJournal that reads a resident's
// pending updates and their session (stored under key, as the engine's KV
// has it; nil when found is false) in one step.
type PendingSessionJournal interface {
	SessionJournal
	PendingInboundSession(ctx context.Context, r Resident, limit int, key string) (pending []Inbound, sess []byte, found bool, err error)
}

// History reads what a resident sent lately, handled or not, newest first:
// what an operator who takes the conversation needs to see. The journal
// keeps updates for about a day (PurgeInbound).
type History interface {
	RecentInbound(ctx context.Context, r Resident, before time.Time, limit int) ([]Inbound, error)
}

// TurnHandler runs one update without saving the session; *dialog.Engine
// implements it.
type TurnHandler interface {
	HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error)
}

// SenderSource gives a channel's sender; *dialog.Engine implements it.
type SenderSource interface {
	SenderFor(vikno.Channel) (dialog.Sender, bool)
}

// Deliverer sends a stored message and records the outcome in the outbox;
// *notify.Worker implements it.
type Deliverer interface {
	Deliver(ctx context.Context, m notify.Message)
}

var (
	_ TurnHandler  = (*dialog.Engine)(nil)
	_ SenderSource = (*dialog.Engine)(nil)
	_ Deliverer    = (*notify.Worker)(nil)
)
