package notify

import (
	"context"
	"fmt"

	"github.com/vikno-city/vikno/dialog"
)

// Outbox composes notices in each resident's language and queues them.
type Outbox struct {
	Store  Store
	Engine *dialog.Engine
	Worker *Worker // woken after each enqueue; may be nil
}

// Compose renders a notice for a resident as an outbox message, for stores
// that enqueue it in the same transaction as the change that caused it.
func (o *Outbox) Compose(ctx context.Context, key, kind string, residentID int64, build func(c *dialog.Conv)) (Message, error) {
	res, replies, err := o.Engine.Compose(ctx, residentID, build)
	if err != nil {
		return Message{}, fmt.Errorf("compose %s: %w", kind, err)
	}
	return Message{Key: key, Kind: kind, ResidentID: res.ID, Channel: res.Channel, UserID: res.ExternalID, Replies: replies}, nil
}

// Notify composes a notice and queues it for delivery. A second call with
// the same key does nothing, so callers may retry freely.
func (o *Outbox) Notify(ctx context.Context, key, kind string, residentID int64, build func(c *dialog.Conv)) error {
	res, replies, err := o.Engine.Compose(ctx, residentID, build)
	if err != nil {
		return fmt.Errorf("notify %s: %w", kind, err)
	}
	if res.Unreachable || len(replies) == 0 {
		return nil // the resident blocked the bot: nothing to deliver
	}
	m := Message{Key: key, Kind: kind, ResidentID: res.ID, Channel: res.Channel, UserID: res.ExternalID, Replies: replies}
	if err := o.Store.Enqueue(ctx, []Message{m}); err != nil {
		return fmt.Errorf("notify %s: %w", kind, err)
	}
	o.Wake()
	return nil
}

// Wake asks the worker to deliver now.
func (o *Outbox) Wake() {
	if o.Worker != nil {
		o.Worker.Wake()
	}
}
