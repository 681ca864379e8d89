package notify

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// fanOutBatch is how many notices are queued in one transaction.
const fanOutBatch = 500

// Outages posts outage notices to their subscribers through the outbox's
// bulk lane and keeps residents' subscriptions. Posting stores the notice;
// Run fans it out in the background (see FanOut).
type Outages struct {
	Store  cases.OutageStore
	Outbox *Outbox
	City   vikno.City
	// Progress tells where a notice's messages are (Report); may be nil.
	Progress ProgressStore
	// Queued counts the notices queued, by kind (metrics); may be nil.
	Queued func(kind string, n int)
	Now    func() time.Time
	Logger *slog.Logger
	// Owner names this replica in fan-out claims (default: random).
	Owner string
	// Lease is how long a fan-out claim lasts unless renewed; a replica
	// that dies mid-fan-out leaves the rest to another after it (default
	// 30 s). Idle is how often Run looks for notices to fan out when not
	// woken (default 5 s).
	Lease, Idle time.Duration

	wake chan struct{}
	once sync.Once
}

var _ dialog.OutageNotices = (*Outages)(nil)

func (s *Outages) init() {
	s.once.Do(func() {
		s.wake = make(chan struct{}, 1)
		if s.Owner == "" {
			s.Owner = strconv.FormatUint(rand.Uint64(), 36)
		}
		if s.Lease <= 0 {
			s.Lease = 30 * time.Second
		}
		if s.Idle <= 0 {
			s.Idle = 5 * time.Second
		}
		if s.Logger == nil {
			s.Logger = slog.New(slog.DiscardHandler)
		}
	})
}

// Post stores a notice (a new one, an update or «restored» under the same
// ID) and wakes the fan-out, which queues it in the background for every
// matching subscriber, each version once per resident. Posting the same
// content again changes nothing. It returns the stored notice; Report
// follows its fan-out and delivery. Errors: EINVALID for a bad notice.
func (s *Outages) Post(ctx context.Context, o cases.Outage) (cases.Outage, error) {
	s.init()
	if err := o.Validate(s.City); err != nil {
		return o, err
	}
	if o.Ended(s.now()) {
		return o, vikno.Errorf(vikno.EINVALID, "to is in the past: an outage that is over is posted with status restored")
	}
	o.From, o.To = o.From.Truncate(time.Second), o.To.Truncate(time.Second)
	o, err := s.Store.SaveOutage(ctx, o)
	if err != nil {
		return o, err
	}
	if !o.FannedOut() {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	return o, nil
}

// Run fans notices out until ctx ends: it claims a notice whose current
// version has not reached its residents, queues it in batches, renewing
// the claim after each, and records it done. A claim lapses when its
// replica dies, and whoever claims the notice next queues it again from
// the start: messages already queued are skipped by their keys, so nobody
// gets a version twice and nobody is left out.
func (s *Outages) Run(ctx context.Context) error {
	s.init()
	poll(ctx, s.wake, s.Idle, s.Logger, "outage fan-out failed", s.FanOutOnce)
	return nil
}

// FanOutOnce claims one notice to fan out and queues it; it reports
// whether there was one. A fan-out cut short (ctx ended, the store failed)
// keeps its claim until the lease lapses.
func (s *Outages) FanOutOnce(ctx context.Context) (bool, error) {
	s.init()
	o, err := s.Store.ClaimFanOut(ctx, s.Owner, s.Lease)
	if vikno.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, s.fanOut(ctx, o)
}

// fanOut queues claimed notice o for its residents, fanOutBatch a
// transaction.
func (s *Outages) fanOut(ctx context.Context, o cases.Outage) error {
	streets := s.Outbox.Engine.Streets()
	recipients, err := s.Store.OutageRecipients(ctx, o, func(sub cases.Subscription) bool { return streets.Matches(o, sub) })
	if err != nil {
		return err
	}
	for start := 0; start < len(recipients); start += fanOutBatch {
		end := min(start+fanOutBatch, len(recipients))
		if err := s.queue(ctx, o, recipients[start:end]); err != nil {
			return err
		}
		s.Outbox.Wake()
		if err := s.Store.HoldFanOut(ctx, o.ID, s.Owner, end, s.Lease); err != nil {
			return err
		}
	}
	return s.Store.FinishFanOut(ctx, o.ID, s.Owner, o.Version, len(recipients))
}

// queue composes the notice for each resident of batch, records them as
// recipients and queues the messages in the bulk lane.
func (s *Outages) queue(ctx context.Context, o cases.Outage, batch []cases.NoticeRecipient) error {
	msgs := make([]Message, 0, len(batch))
	ids := make([]int64, 0, len(batch))
	prefix := outageKeyPrefix(o)
	for _, r := range batch {
		replies := s.Outbox.Engine.ComposeTo(r, func(c *dialog.Conv) { dialog.OutageNotice(c, o, s.City) })
		msgs = append(msgs, Message{
			Key: prefix + strconv.FormatInt(r.ID, 10), Kind: KindOutage, ResidentID: r.ID,
			Channel: r.Channel, UserID: r.ExternalID, Replies: replies, Bulk: true,
		})
		ids = append(ids, r.ID)
	}
	if err := s.Store.RecordOutageRecipients(ctx, o.ID, ids); err != nil {
		return err
	}
	if err := s.Outbox.Store.Enqueue(ctx, msgs); err != nil {
		return fmt.Errorf("queue outage notice: %w", err)
	}
	if s.Queued != nil {
		s.Queued(KindOutage, len(msgs))
	}
	return nil
}

// outageKeyPrefix is the outbox key prefix of the messages of one version
// of a notice.
func outageKeyPrefix(o cases.Outage) string {
	return "outage:" + o.ID + ":v" + strconv.Itoa(o.Version) + ":"
}

// Report returns the notice id names and where the messages of its current
// version are: queued, sent, dead, and what the channels that report back
// (Viber) said. Errors: ENOTFOUND for an unknown notice.
func (s *Outages) Report(ctx context.Context, id string) (cases.Outage, Progress, error) {
	o, err := s.Store.FindOutage(ctx, id)
	if err != nil {
		return o, Progress{}, err
	}
	if s.Progress == nil {
		return o, Progress{}, vikno.Errorf(vikno.EUNAVAILABLE, "delivery progress is not kept")
	}
	p, err := s.Progress.OutboxProgress(ctx, outageKeyPrefix(o))
	return o, p, err
}

// Recent returns the notices of the last two weeks, newest first, with
// the active ones however old: what a dispatcher works with.
func (s *Outages) Recent(ctx context.Context) ([]cases.Outage, error) {
	now := s.now
	recent, err := s.Store.RecentOutages(ctx, now().Add(-14*24*time.Hour), 200)
	if err != nil {
		return nil, err
	}
	active, err := s.Store.ActiveOutages(ctx, now())
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, o := range recent {
		seen[o.ID] = true
	}
	for _, o := range active {
		if !seen[o.ID] {
			recent = append(recent, o)
		}
	}
	return recent, nil
}

// ActiveOutages implements dialog.OutageNotices.
func (s *Outages) ActiveOutages(ctx context.Context) ([]cases.Outage, error) {
	return s.Store.ActiveOutages(ctx, s.now())
}

// now is the time by Now, or the clock when Now is nil.
func (s *Outages) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Subscribe implements dialog.OutageNotices.
func (s *Outages) Subscribe(ctx context.Context, sub cases.Subscription) (cases.Subscription, error) {
	return s.Store.Subscribe(ctx, sub)
}

// Subscriptions implements dialog.OutageNotices.
func (s *Outages) Subscriptions(ctx context.Context, residentID int64) ([]cases.Subscription, error) {
	return s.Store.Subscriptions(ctx, residentID)
}

// Unsubscribe implements dialog.OutageNotices.
func (s *Outages) Unsubscribe(ctx context.Context, residentID, id int64) error {
	return s.Store.Unsubscribe(ctx, residentID, id)
}
