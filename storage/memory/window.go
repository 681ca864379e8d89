package memory

import (
	"context"
	"time"

	"github.com/vikno-city/vikno"
)

// TakeSend implements vikno.SendWindow with Window.Take, the algorithm
// storage/redis runs too.
func (s *Store) TakeSend(_ context.Context, key string, l vikno.Limit, bulk bool) (bool, time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.sends[key]
	if w == nil {
		w = &Window{}
		s.sends[key] = w
	}
	ok, wait := w.Take(s.Now(), l, bulk)
	return ok, wait, nil
}

// Window is the state of one send window (vikno.SendWindow): the sends of
// the last period, when the bulk lane may send next, and until when a reply
// waits for a slot.
type Window struct {
	Sent    []time.Time // oldest first
	BulkAt  time.Time
	Waiting time.Time
}

// Take decides one send at now: whether it may go, and if not how long to
// wait. At most l.Events sends are taken in any l.Per; bulk sends are also
// spaced at l.Per/l.Events, keep their place when up to half an interval
// late, and leave one slot to a reply that waits.
func (w *Window) Take(now time.Time, l vikno.Limit, bulk bool) (bool, time.Duration) {
	cut := 0
	for cut < len(w.Sent) && !w.Sent[cut].After(now.Add(-l.Per)) {
		cut++
	}
	w.Sent = w.Sent[cut:]
	room := max(l.Events, 1)
	interval := l.Per / time.Duration(room)
	var wait time.Duration
	if bulk {
		if now.Before(w.Waiting) {
			room--
		}
		if room < 1 {
			return false, w.Waiting.Sub(now)
		}
		wait = w.BulkAt.Sub(now)
	}
	if len(w.Sent) >= room {
		free := w.Sent[len(w.Sent)-room].Add(l.Per).Sub(now)
		wait = max(wait, free)
		if !bulk {
			w.Waiting = now.Add(free + interval)
		}
	}
	if wait > 0 {
		return false, wait
	}
	w.Sent = append(w.Sent, now)
	if bulk {
		w.BulkAt = bulkFrom(w.BulkAt, now, interval).Add(interval)
	} else {
		w.Waiting = time.Time{}
	}
	return true, 0
}

// bulkFrom is where the next bulk interval starts: at the place the last
// one ended when this send is at most half an interval late for it, so a
// late wake-up costs no rate, and at now after a longer pause, so bulk
// never catches up in a burst.
func bulkFrom(at, now time.Time, interval time.Duration) time.Time {
	if at.Before(now.Add(-interval / 2)) {
		return now
	}
	return at
}
