package memory

import (
	"context"
	"slices"
	"time"

	"github.com/vikno-city/vikno"
)

// TakeSend implements vikno.SendWindow with Window.Take, the algorithm
// storage/redis runs too.
func (s *Store) TakeSend(_ context.Context, key string, l vikno.Limit, bulk bool) (int64, time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ticket, wait := s.window(key).Take(s.Now(), l, bulk)
	return ticket, wait, nil
}

// window returns the send window of key, made on first use; s.mu is held.
func (s *Store) window(key string) *Window {
	w := s.sends[key]
	if w == nil {
		w = &Window{}
		s.sends[key] = w
	}
	return w
}

// TakeChatSend implements vikno.SendWindow: GCRA for the chat, as Allow,
// then Window.Take.
func (s *Store) TakeChatSend(_ context.Context, chatKey string, chat vikno.Limit, key string, l vikno.Limit, bulk bool) (int64, time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	ok, wait, tat := GCRA(now, s.tats[chatKey], chat)
	if !ok {
		return 0, wait, nil
	}
	ticket, wait := s.window(key).Take(now, l, bulk)
	if ticket > 0 {
		s.tats[chatKey] = tat
	}
	return ticket, wait, nil
}

// SendDone implements vikno.SendWindow.
func (s *Store) SendDone(_ context.Context, key string, ticket int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.sends[key]; w != nil {
		w.Done(s.Now(), ticket)
	}
	return nil
}

// Window is the state of one send window (vikno.SendWindow): the slots
// held, when the bulk lane may send next, and until when a reply waits for
// a slot.
type Window struct {
	Slots   []Slot // by At, oldest first
	BulkAt  time.Time
	Waiting time.Time
	last    int64 // the last ticket given
}

// Slot is one send's place in a Window, held until At + the period.
type Slot struct {
	Ticket int64
	At     time.Time
}

// Take decides one send at now: its ticket when it may go, or 0 and how
// long to wait. At most l.Events slots are held in any l.Per; bulk sends
// are also spaced at l.Per/l.Events, keep their place when up to half an
// interval late, and leave one slot to a reply that waits.
func (w *Window) Take(now time.Time, l vikno.Limit, bulk bool) (int64, time.Duration) {
	cut := 0
	for cut < len(w.Slots) && !w.Slots[cut].At.After(now.Add(-l.Per)) {
		cut++
	}
	w.Slots = w.Slots[cut:]
	room := max(l.Events, 1)
	interval := l.Per / time.Duration(room)
	var wait time.Duration
	if bulk {
		if now.Before(w.Waiting) {
			room--
		}
		if room < 1 {
			return 0, w.Waiting.Sub(now)
		}
		wait = w.BulkAt.Sub(now)
	}
	if len(w.Slots) >= room {
		free := w.Slots[len(w.Slots)-room].At.Add(l.Per).Sub(now)
		wait = max(wait, free)
		if !bulk {
			w.Waiting = now.Add(free + interval)
		}
	}
	if wait > 0 {
		return 0, wait
	}
	w.last++
	w.Slots = append(w.Slots, Slot{Ticket: w.last, At: now})
	if bulk {
		w.BulkAt = bulkFrom(w.BulkAt, now, interval).Add(interval)
	} else {
		w.Waiting = time.Time{}
	}
	return w.last, 0
}

// Done holds ticket's slot from now, even when the send took so long
// that it had left the window: the send ended, and the platform may have
// counted it at any moment until then.
func (w *Window) Done(now time.Time, ticket int64) {
	if i := slices.IndexFunc(w.Slots, func(s Slot) bool { return s.Ticket == ticket }); i >= 0 {
		w.Slots = slices.Delete(w.Slots, i, i+1)
	}
	j, _ := slices.BinarySearchFunc(w.Slots, now, func(s Slot, t time.Time) int { return s.At.Compare(t) })
	w.Slots = slices.Insert(w.Slots, j, Slot{Ticket: ticket, At: now})
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
