package notify

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// RetryAfterError is implemented by send errors that know when to try again
// (Telegram's 429 retry_after).
type RetryAfterError interface {
	error
	RetryAfter() time.Duration
}

// Permanent reports whether a send error will not go away by retrying: the
// resident blocked the bot, the chat does not exist, the message is invalid.
func Permanent(err error) bool {
	switch vikno.ErrorCode(err) {
	case vikno.EINVALID, vikno.ENOTFOUND, vikno.EUNAUTHORIZED:
		return true
	}
	return false
}

// Observer counts deliveries by kind and result (sent, retry, dead); the
// process wires it to Prometheus.
type Observer func(kind, result string)

// Worker delivers outbox messages. Several workers (in one or many
// replicas) can run against one store: Claim gives each message to one.
type Worker struct {
	Store   Store
	Senders interface {
		SenderFor(vikno.Channel) (dialog.Sender, bool)
	}
	// Scope limits what the worker claims; with no channels, the worker
	// claims the messages of every channel Senders can deliver to now, so
	// a process never takes messages it cannot send (a worker that starts
	// before the channels claims nothing).
	Scope Scope
	// Allow, when set, decides whether a notice may go out at all: the
	// operator's choice of the notice kinds a channel takes (bot-initiated
	// Viber messages may be paid). A notice it refuses is set aside as
	// dead with the reason; replies to residents are always allowed.
	Allow   func(Message) bool
	Logger  *slog.Logger
	Observe Observer
	Batch   int // messages claimed at once (default 20)
	// Parallel is how many messages the worker sends at once (default 4):
	// a send's round trips to the platform and the store overlap the next
	// send's turn at the rate limit. One chat's messages go in order.
	Parallel    int
	Lease       time.Duration // how long a claim lasts (default 2 min)
	MaxAttempts int           // then the message is dead (default 8)
	Idle        time.Duration // poll interval when the outbox is empty (default 1 s)
	// Backoff returns the wait before attempt n+1 (default exponential from
	// 2 s, capped at 10 min, with jitter).
	Backoff func(attempt int) time.Duration

	wake chan struct{}
	once sync.Once
}

func (w *Worker) init() {
	w.once.Do(func() {
		w.wake = make(chan struct{}, 1)
		if w.Batch <= 0 {
			w.Batch = 20
		}
		if w.Parallel <= 0 {
			w.Parallel = 4
		}
		if w.Lease <= 0 {
			w.Lease = 2 * time.Minute
		}
		if w.MaxAttempts <= 0 {
			w.MaxAttempts = 8
		}
		if w.Idle <= 0 {
			w.Idle = time.Second
		}
		if w.Backoff == nil {
			w.Backoff = DefaultBackoff
		}
		if w.Logger == nil {
			w.Logger = slog.New(slog.DiscardHandler)
		}
		if w.Observe == nil {
			w.Observe = func(string, string) {}
		}
	})
}

// DefaultBackoff waits 2 s, 4 s, 8 s... up to 10 minutes, ±20 %.
func DefaultBackoff(attempt int) time.Duration {
	d := 2 * time.Second << min(attempt, 9)
	d = min(d, 10*time.Minute)
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// Wake makes the worker look at the outbox now instead of at its next poll.
func (w *Worker) Wake() {
	w.init()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers messages until ctx ends. It claims the next batch while the
// last messages of the one before are still being sent.
func (w *Worker) Run(ctx context.Context) error {
	w.init()
	f := newFlight(w.Parallel)
	defer f.wait()
	poll(ctx, w.wake, w.Idle, w.Logger, "outbox claim failed", func(ctx context.Context) (bool, error) {
		n, err := w.claimAndStart(ctx, f)
		return n > 0, err
	})
	return nil
}

// poll runs round until ctx ends: again at once after a round that found
// work, otherwise when woken or after idle. A failed round is logged.
func poll(ctx context.Context, wake <-chan struct{}, idle time.Duration, log *slog.Logger, failed string,
	round func(context.Context) (bool, error)) {
	for {
		found, err := round(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			log.Warn(failed, "err", err)
		}
		if found && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-time.After(idle):
		}
	}
}

// RunOnce claims one batch and delivers it; it returns how many messages
// it handled.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.init()
	f := newFlight(w.Parallel)
	defer f.wait()
	return w.claimAndStart(ctx, f)
}

// claimAndStart claims one batch and starts its deliveries in f.
func (w *Worker) claimAndStart(ctx context.Context, f *flight) (int, error) {
	scope := w.scope()
	if len(scope.Channels) == 0 {
		return 0, nil
	}
	msgs, err := w.Store.Claim(ctx, w.Batch, w.Lease, scope)
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		// Unstarted claims return to the queue when their lease ends.
		if !f.start(ctx, chatOf(m), func() { w.Deliver(ctx, m) }) {
			break
		}
	}
	return len(msgs), nil
}

// scope is the worker's Scope, its channels filled from Senders when unset.
func (w *Worker) scope() Scope {
	s := w.Scope
	if len(s.Channels) == 0 {
		if l, ok := w.Senders.(interface{ Channels() []vikno.Channel }); ok {
			s.Channels = l.Channels()
		}
	}
	return s
}

// Deliver sends one message and records the outcome in the store: sent, to
// be retried with backoff (honouring a retry-after), or dead. The message
// pipeline calls it for the replies it sends at once.
func (w *Worker) Deliver(ctx context.Context, m Message) {
	w.init()
	if m.Kind != KindReply && w.Allow != nil && !w.Allow(m) {
		if err := w.Store.Bury(ctx, m.ID, "not sent: the channel does not take "+m.Kind+" notices"); err != nil {
			w.Logger.Error("outbox bury failed", "id", m.ID, "err", err)
		}
		w.Observe(m.Kind, "skipped")
		return
	}
	s, ok := w.Senders.SenderFor(m.Channel)
	if !ok {
		w.retry(ctx, m, 0, vikno.Errorf(vikno.EUNAVAILABLE, "no sender for channel %s", m.Channel))
		return
	}
	var err error
	if rs, ok := s.(dialog.ReplySender); ok && m.Kind == KindReply {
		err = rs.SendReply(ctx, m.UserID, m.Replies)
	} else {
		// Receipts are kept for notices, which an operator follows; a
		// reply is followed by the conversation itself.
		err = s.Send(WithMessageID(ctx, m.ID), m.UserID, m.Replies)
	}
	switch {
	case err == nil:
		if err := w.Store.MarkSent(ctx, m.ID); err != nil {
			w.Logger.Error("outbox mark sent failed", "id", m.ID, "err", err)
		}
		w.Observe(m.Kind, "sent")
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		// Shutting down: the lease returns the message to the queue.
	case Permanent(err):
		w.bury(ctx, m, err)
	default:
		var ra RetryAfterError
		wait := time.Duration(0)
		if errors.As(err, &ra) {
			wait = ra.RetryAfter()
		}
		w.retry(ctx, m, wait, err)
	}
}

func (w *Worker) retry(ctx context.Context, m Message, wait time.Duration, cause error) {
	if m.Attempts+1 >= w.MaxAttempts {
		w.bury(ctx, m, cause)
		return
	}
	if b := w.Backoff(m.Attempts); b > wait {
		wait = b
	}
	if err := w.Store.Retry(ctx, m.ID, time.Now().Add(wait), vikno.ErrorMessage(cause)); err != nil {
		w.Logger.Error("outbox retry failed", "id", m.ID, "err", err)
	}
	w.Logger.Warn("outbox delivery failed, will retry", "id", m.ID, "kind", m.Kind, "attempt", m.Attempts+1, "wait", wait, "err", cause)
	w.Observe(m.Kind, "retry")
}

func (w *Worker) bury(ctx context.Context, m Message, cause error) {
	if err := w.Store.Bury(ctx, m.ID, vikno.ErrorMessage(cause)); err != nil {
		w.Logger.Error("outbox bury failed", "id", m.ID, "err", err)
	}
	w.Logger.Warn("outbox message dead", "id", m.ID, "kind", m.Kind, "attempts", m.Attempts+1, "err", cause)
	w.Observe(m.Kind, "dead")
}
