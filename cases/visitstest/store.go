// Package visitstest holds an in-memory cases.VisitStore for tests of the
// booking service, the dialog flows and the HTTP API. It passes the same
// conformance suite as the SQL stores (storetest.RunVisits).
package visitstest

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// Store is an in-memory cases.VisitStore and vikno.ResidentStore. The zero
// value is ready; it is safe for concurrent use.
type Store struct {
	dialogtest.Residents

	mu      sync.Mutex
	visits  []cases.Visit
	seats   map[seatKey]int64 // → visit id
	sent    map[sentKey]bool
	watches []cases.SlotWatch
}

type seatKey struct {
	loc  string
	unit int64
	seat int
}

type sentKey struct {
	visit int64
	kind  string
}

var _ cases.VisitStore = (*Store)(nil)

func (s *Store) init() {
	if s.seats == nil {
		s.seats, s.sent = map[seatKey]int64{}, map[sentKey]bool{}
	}
}

// BookVisit implements cases.VisitStore.
func (s *Store) BookVisit(ctx context.Context, b cases.Booking) (cases.Visit, error) {
	if _, err := s.FindResident(ctx, b.Visit.ResidentID); err != nil {
		return cases.Visit{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	return s.book(b)
}

func (s *Store) book(b cases.Booking) (cases.Visit, error) {
	v := b.Visit
	if b.PerService > 0 {
		n := 0
		for _, o := range s.visits {
			if o.ResidentID == v.ResidentID && o.ServiceID == v.ServiceID && o.Phone == v.Phone && o.Active(b.Now) {
				n++
			}
		}
		if n >= b.PerService {
			return cases.Visit{}, cases.ErrAlreadyBooked
		}
	}
	v.Seat = cases.PickSeat(s.uses(v.LocationID, v.Start, v.End), v.Start, v.End, b.Capacity)
	if v.Seat == 0 {
		return cases.Visit{}, cases.ErrSlotTaken
	}
	if slices.ContainsFunc(s.visits, func(o cases.Visit) bool { return o.Code == v.Code }) {
		return cases.Visit{}, cases.ErrCodeTaken
	}
	v.ID, v.Status = int64(len(s.visits)+1), cases.VisitBooked
	s.visits = append(s.visits, v)
	for _, u := range cases.Units(v.Start, v.End) {
		s.seats[seatKey{v.LocationID, u.Unix(), v.Seat}] = v.ID
	}
	return v, nil
}

func (s *Store) uses(loc string, from, to time.Time) []cases.SeatUse {
	var out []cases.SeatUse
	for k := range s.seats {
		u := time.Unix(k.unit, 0).UTC()
		if k.loc == loc && !u.Before(from) && u.Before(to) {
			out = append(out, cases.SeatUse{Unit: u, Seat: k.seat})
		}
	}
	return out
}

// RescheduleVisit implements cases.VisitStore.
func (s *Store) RescheduleVisit(ctx context.Context, oldID int64, b cases.Booking) (cases.Visit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	old, err := s.find(oldID)
	switch {
	case err != nil:
		return cases.Visit{}, err
	case old.ResidentID != b.Visit.ResidentID:
		return cases.Visit{}, vikno.Errorf(vikno.ENOTFOUND, "visit not found")
	case old.Status != cases.VisitBooked:
		return cases.Visit{}, cases.ErrNotCancellable
	case !old.Start.After(b.Now):
		return cases.Visit{}, cases.ErrStarted
	}
	saved := *old
	s.cancel(old, cases.ByResident, "", b.Now)
	v, err := s.book(b)
	if err != nil {
		*old = saved
		for _, u := range cases.Units(old.Start, old.End) {
			s.seats[seatKey{old.LocationID, u.Unix(), old.Seat}] = old.ID
		}
	}
	return v, err
}

func (s *Store) find(id int64) (*cases.Visit, error) {
	if id < 1 || id > int64(len(s.visits)) {
		return nil, vikno.Errorf(vikno.ENOTFOUND, "visit not found")
	}
	return &s.visits[id-1], nil
}

func (s *Store) cancel(v *cases.Visit, by, reason string, at time.Time) {
	v.Status, v.CancelledBy, v.CancelReason, v.UpdatedAt = cases.VisitCancelled, by, reason, at
	for k, id := range s.seats {
		if id == v.ID {
			delete(s.seats, k)
		}
	}
}

// FindVisit implements cases.VisitStore.
func (s *Store) FindVisit(_ context.Context, id int64) (cases.Visit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.find(id)
	if err != nil {
		return cases.Visit{}, err
	}
	return *v, nil
}

func (s *Store) filter(keep func(v cases.Visit) bool) []cases.Visit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []cases.Visit
	for _, v := range s.visits {
		if keep(v) {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b cases.Visit) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Seat, b.Seat), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ResidentVisits implements cases.VisitStore.
func (s *Store) ResidentVisits(_ context.Context, residentID int64, from time.Time) ([]cases.Visit, error) {
	return s.filter(func(v cases.Visit) bool {
		return v.ResidentID == residentID && v.Status == cases.VisitBooked && !v.Start.Before(from)
	}), nil
}

// AttendedVisits implements cases.VisitStore.
func (s *Store) AttendedVisits(_ context.Context, residentID int64, since time.Time, limit int) ([]cases.Visit, error) {
	out := s.filter(func(v cases.Visit) bool {
		return v.ResidentID == residentID && v.Status == cases.VisitAttended && !v.Start.Before(since)
	})
	slices.Reverse(out)
	return out[:min(limit, len(out))], nil
}

// LatestVisit implements cases.VisitStore.
func (s *Store) LatestVisit(_ context.Context, residentID int64) (cases.Visit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.visits) - 1; i >= 0; i-- {
		if s.visits[i].ResidentID == residentID {
			return s.visits[i], nil
		}
	}
	return cases.Visit{}, vikno.Errorf(vikno.ENOTFOUND, "no visits")
}

// LocationVisits implements cases.VisitStore.
func (s *Store) LocationVisits(_ context.Context, locationID string, from, to time.Time) ([]cases.Visit, error) {
	return s.filter(func(v cases.Visit) bool {
		return v.LocationID == locationID && !v.Start.Before(from) && v.Start.Before(to)
	}), nil
}

// SeatUses implements cases.VisitStore.
func (s *Store) SeatUses(_ context.Context, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uses(locationID, from, to), nil
}

// CancelVisit implements cases.VisitStore.
func (s *Store) CancelVisit(_ context.Context, id int64, by, reason string, at time.Time) (cases.Visit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.find(id)
	if err != nil {
		return cases.Visit{}, err
	}
	if v.Status != cases.VisitBooked {
		return cases.Visit{}, cases.ErrNotCancellable
	}
	s.cancel(v, by, reason, at)
	return *v, nil
}

// MarkVisit implements cases.VisitStore.
func (s *Store) MarkVisit(_ context.Context, id int64, status cases.VisitStatus, at time.Time) (cases.Visit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.find(id)
	if err != nil {
		return cases.Visit{}, err
	}
	if v.Status == cases.VisitCancelled {
		return cases.Visit{}, cases.ErrNotCancellable
	}
	v.Status, v.UpdatedAt = status, at
	return *v, nil
}

func due(at time.Time, now time.Time) bool { return !at.IsZero() && !at.After(now) }

// DueReminders implements cases.VisitStore.
func (s *Store) DueReminders(_ context.Context, now time.Time, limit int) ([]cases.Reminder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	var out []cases.Reminder
	for _, v := range s.visits {
		if !v.Active(now) {
			continue
		}
		hourDue := due(v.RemindHourAt, now) && !s.sent[sentKey{v.ID, cases.RemindHour}]
		switch {
		case hourDue:
			out = append(out, cases.Reminder{Kind: cases.RemindHour, Visit: v})
		case due(v.RemindDayAt, now) && !s.sent[sentKey{v.ID, cases.RemindDay}] && !due(v.RemindHourAt, now):
			out = append(out, cases.Reminder{Kind: cases.RemindDay, Visit: v})
		}
	}
	slices.SortStableFunc(out, func(a, b cases.Reminder) int { return a.Visit.Start.Compare(b.Visit.Start) })
	return out[:min(limit, len(out))], nil
}

// ClaimReminder implements cases.VisitStore.
func (s *Store) ClaimReminder(_ context.Context, visitID int64, kind string, _ time.Time) (bool, error) {
	if kind != cases.RemindDay && kind != cases.RemindHour {
		return false, vikno.Errorf(vikno.EINVALID, "unknown reminder %q", kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	k := sentKey{visitID, kind}
	if s.sent[k] {
		return false, nil
	}
	s.sent[k] = true
	return true, nil
}

// WatchSlots implements cases.VisitStore.
func (s *Store) WatchSlots(_ context.Context, w cases.SlotWatch) (cases.SlotWatch, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, o := range s.watches {
		if o.ResidentID == w.ResidentID && o.LocationID == w.LocationID && o.ServiceID == w.ServiceID && o.Day == w.Day {
			s.watches[i].CreatedAt, s.watches[i].NotifiedAt = w.CreatedAt, time.Time{}
			return s.watches[i], nil
		}
	}
	w.ID, w.NotifiedAt = int64(len(s.watches)+1), time.Time{}
	s.watches = append(s.watches, w)
	return w, nil
}

// FindSlotWatch implements cases.VisitStore.
func (s *Store) FindSlotWatch(_ context.Context, id int64) (cases.SlotWatch, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.watches)) {
		return cases.SlotWatch{}, vikno.Errorf(vikno.ENOTFOUND, "slot watch not found")
	}
	return s.watches[id-1], nil
}

// SlotWatches implements cases.VisitStore.
func (s *Store) SlotWatches(_ context.Context, locationID, day string) ([]cases.SlotWatch, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []cases.SlotWatch
	for _, w := range s.watches {
		if w.LocationID == locationID && w.Day == day && w.NotifiedAt.IsZero() {
			out = append(out, w)
		}
	}
	return out, nil
}

// ClaimSlotWatch implements cases.VisitStore.
func (s *Store) ClaimSlotWatch(_ context.Context, id int64, at time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.watches)) || !s.watches[id-1].NotifiedAt.IsZero() {
		return false, nil
	}
	s.watches[id-1].NotifiedAt = at
	return true, nil
}
