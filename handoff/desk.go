package handoff

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"time"

	"github.com/vikno-city/vikno"
)

// Messages renders what the resident receives from the operators' side as
// outbox messages of type M; the notify package implements it.
type Messages[M any] interface {
	// Taken tells the resident who answers now.
	Taken(ctx context.Context, key string, h Handoff) (M, error)
	// Said brings the operator's message m to the resident.
	Said(ctx context.Context, key string, h Handoff, m Message) (M, error)
	// Returned tells the resident the bot answers again.
	Returned(ctx context.Context, key string, h Handoff) (M, error)
	// Expired tells the resident nobody could take the conversation and
	// offers the appeal form and a call-back. It renders from h alone, so it
	// is safe inside a store transaction.
	Expired(key string, h Handoff) (M, error)
	// Queued is called after messages were queued, to wake delivery.
	Queued()
}

// Desk is the operators' side of hand-offs: the queue, taking a
// conversation, writing to the resident and giving the conversation back.
// Its methods return *vikno.Error values: ENOTFOUND for an unknown
// hand-off, ECONFLICT when another operator has it or it has ended,
// EINVALID for an empty or too long message.
type Desk[M any] struct {
	Store    Store[M]
	Messages Messages[M]
	// Wait is how long a resident waits in the queue before being offered
	// the appeal form and a call-back instead (10 min when zero).
	Wait   time.Duration
	Now    func() time.Time
	Logger *slog.Logger
}

func (d *Desk[M]) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Desk[M]) wait() time.Duration {
	if d.Wait > 0 {
		return d.Wait
	}
	return 10 * time.Minute
}

// Queue returns the open hand-offs, oldest first, and the latest closed ones.
func (d *Desk[M]) Queue(ctx context.Context) ([]Handoff, error) {
	return d.Store.ListHandoffs(ctx, 20)
}

// Conversation returns a hand-off and its messages with ids above after.
func (d *Desk[M]) Conversation(ctx context.Context, id, after int64) (Handoff, []Message, error) {
	h, err := d.Store.FindHandoff(ctx, id)
	if err != nil {
		return Handoff{}, nil, err
	}
	msgs, err := d.Store.HandoffMessages(ctx, id, after, 500)
	return h, msgs, err
}

// Take gives the waiting hand-off id to op and tells the resident who
// answers. Of two operators taking it at once exactly one succeeds; the
// other gets ECONFLICT.
func (d *Desk[M]) Take(ctx context.Context, id int64, op Operator) (Handoff, error) {
	h, err := d.Store.FindHandoff(ctx, id)
	if err != nil {
		return Handoff{}, err
	}
	if h.Status != StatusWaiting {
		return h, vikno.Errorf(vikno.ECONFLICT, "the conversation is not waiting any more")
	}
	h.OperatorID, h.OperatorName = op.ID, op.Name
	notice, err := d.Messages.Taken(ctx, d.key(h, "taken"), h)
	if err != nil {
		return Handoff{}, err
	}
	h, err = d.Store.TakeHandoff(ctx, id, op, notice)
	if err != nil {
		return h, err
	}
	d.Messages.Queued()
	return h, nil
}

// Send stores the operator's message and queues it to the resident. ref
// identifies the form that sent it: the same ref is stored and sent once
// (a double click).
func (d *Desk[M]) Send(ctx context.Context, id int64, op Operator, text, ref string) (Message, error) {
	text, err := CheckText(text)
	if err != nil {
		return Message{}, err
	}
	h, err := d.Store.FindHandoff(ctx, id)
	if err != nil {
		return Message{}, err
	}
	if h.Status != StatusActive || h.OperatorID != op.ID {
		return Message{}, vikno.Errorf(vikno.ECONFLICT, "the conversation is not yours or has ended")
	}
	if ref == "" {
		ref = newRef()
	}
	m := Message{HandoffID: id, Author: FromOperator, StaffID: op.ID, Name: op.Name, Text: text,
		Key: "op:" + strconv.FormatInt(id, 10) + ":" + ref, At: d.now()}
	notice, err := d.Messages.Said(ctx, d.key(h, "say:"+ref), h, m)
	if err != nil {
		return Message{}, err
	}
	m, err = d.Store.SendHandoff(ctx, m, notice)
	if err != nil {
		return Message{}, err
	}
	d.Messages.Queued()
	return m, nil
}

// Return gives op's conversation back to the bot and tells the resident.
func (d *Desk[M]) Return(ctx context.Context, id int64, op Operator) (Handoff, error) {
	h, err := d.Store.FindHandoff(ctx, id)
	if err != nil {
		return Handoff{}, err
	}
	if h.Status != StatusActive || h.OperatorID != op.ID {
		return h, vikno.Errorf(vikno.ECONFLICT, "the conversation is not yours or has ended")
	}
	notice, err := d.Messages.Returned(ctx, d.key(h, "returned"), h)
	if err != nil {
		return Handoff{}, err
	}
	h, err = d.Store.ReturnHandoff(ctx, id, op, notice)
	if err != nil {
		return h, err
	}
	d.Messages.Queued()
	return h, nil
}

// Callbacks returns the newest call-back requests.
func (d *Desk[M]) Callbacks(ctx context.Context) ([]Callback, error) {
	return d.Store.ListCallbacks(ctx, 100)
}

// Expire closes the hand-offs nobody took within the waiting time and
// tells their residents; it returns how many it closed.
func (d *Desk[M]) Expire(ctx context.Context) (int, error) {
	n, err := d.Store.ExpireHandoffs(ctx, d.now().Add(-d.wait()), func(h Handoff) (M, error) {
		return d.Messages.Expired(d.key(h, "expired"), h)
	})
	if n > 0 {
		d.Messages.Queued()
	}
	return n, err
}

// RunExpiry calls Expire every interval until ctx ends.
func (d *Desk[M]) RunExpiry(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if _, err := d.Expire(ctx); err != nil && ctx.Err() == nil && d.Logger != nil {
			d.Logger.Warn("hand-off expiry failed", "err", err)
		}
	}
}

// key is the outbox idempotency key of a notice about h.
func (d *Desk[M]) key(h Handoff, what string) string {
	return "handoff:" + strconv.FormatInt(h.ID, 10) + ":" + what
}

func newRef() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
