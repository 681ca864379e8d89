package vikno

import (
	"context"
	"time"
)

// KV keeps short-lived values with a time to live: dialog sessions, live queue
// figures. Get returns an ENOTFOUND error for a missing or expired key.
type KV interface {
	Get(ctx context.Context, key string) ([]byte, error)
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	Delete(ctx context.Context, key string) error
}

// Deduplicator remembers keys (platform update ids, message tokens) for a time.
// FirstSeen reports true the first time it is given a key within ttl and false
// on every repeat, atomically across all replicas that share the store.
type Deduplicator interface {
	FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error)
	// Forget removes a key so that a redelivery is handled again; adapters call
	// it when handling failed and the platform will retry.
	Forget(ctx context.Context, key string) error
}

// Limit is a rate: Events per Per, with bursts up to Burst (at least 1).
type Limit struct {
	Events int
	Per    time.Duration
	Burst  int
}

// RateLimiter takes a token for key. When none is free it reports false and how
// long to wait before one will be.
type RateLimiter interface {
	Allow(ctx context.Context, key string, limit Limit) (ok bool, wait time.Duration, err error)
}

// SendWindow shares a platform's global send limit between two lanes, across
// every replica that shares the store: the replies to residents who are
// chatting (interactive) and notices and broadcasts (bulk). At most
// limit.Events sends hold a slot in any window of limit.Per, both lanes
// together, so bulk gets what replies leave and replies never push the
// total over the limit. A send holds its slot from when it is taken until
// limit.Per after it is marked sent: the platform counts it at some moment
// in between. The bulk lane is also spaced evenly at
// limit.Per/limit.Events; a bulk sender that wakes a little late keeps its
// place (up to half an interval), so lateness does not lower the rate. A
// reply that finds the window full is marked waiting, and bulk leaves it
// the next slot that frees.
type SendWindow interface {
	// TakeSend takes a slot in key's window and returns its ticket (> 0);
	// when none is free it returns ticket 0 and how long to wait before
	// asking again.
	TakeSend(ctx context.Context, key string, limit Limit, bulk bool) (ticket int64, wait time.Duration, err error)
	// TakeChatSend is TakeSend that also takes a token of the chat's own
	// rate, in the same step (one round trip to a shared store): the token
	// under chatKey, by the algorithm and in the keys RateLimiter.Allow
	// uses. While the chat has no token free it returns ticket 0 and the
	// chat's wait, and leaves the window alone; the token is taken only
	// together with a slot.
	TakeChatSend(ctx context.Context, chatKey string, chat Limit, key string, limit Limit, bulk bool) (ticket int64, wait time.Duration, err error)
	// SendDone marks the send of ticket finished: its slot is held for
	// limit.Per from now.
	SendDone(ctx context.Context, key string, ticket int64) error
}

// Events publishes change events (an article edited, a setting changed) to
// every replica. Subscribe delivers messages published after it returns until
// ctx ends; delivery is best effort, so subscribers also resync periodically.
type Events interface {
	Publish(ctx context.Context, topic string, payload []byte) error
	Subscribe(ctx context.Context, topic string) (<-chan []byte, error)
}

// Leases give a named lease to one holder at a time, across every replica
// that shares the store: one resident's updates are handled by one replica
// at a time. A holder that dies loses its lease when the ttl runs out; a
// holder that works longer extends it.
type Leases interface {
	// Acquire takes the lease for holder; false when another holder has it,
	// and then the attempt is remembered for that holder's Release (a
	// knock), in the same step, so that no attempt falls between the
	// holder's last look and its release. Acquiring a lease one already
	// holds renews it.
	Acquire(ctx context.Context, key, holder string, ttl time.Duration) (bool, error)
	// Extend renews the lease; false when holder no longer has it.
	Extend(ctx context.Context, key, holder string, ttl time.Duration) (bool, error)
	// Release gives the lease up if holder has it, and reports whether
	// another holder knocked (tried to Acquire it) while it was held.
	Release(ctx context.Context, key, holder string) (knocked bool, err error)
}

// Ephemeral is the shared ephemeral state of one deployment.
type Ephemeral interface {
	KV
	Deduplicator
	RateLimiter
	SendWindow
	Events
	Leases
	Ping(ctx context.Context) error
	Close() error
}
