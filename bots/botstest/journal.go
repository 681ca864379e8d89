// Package botstest holds in-memory stand-ins for the message pipeline's
// stores, for adapter and pipeline tests: a journal of inbound updates that
// shares a transaction-like lock with an outbox. Both behave as the SQL
// store does (the conformance suite in storage/storetest checks that one).
package botstest

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/notify"
)

// Store is an in-memory journal and outbox.
type Store struct {
	Now func() time.Time

	mu           sync.Mutex
	inbound      []bots.Inbound
	done         map[int64]bool
	outbox       []notify.Message
	lease        map[int64]time.Time
	failComplete error
}

// FailComplete makes CompleteInbound fail with err until it is called with
// nil: a process that dies before its transaction commits.
func (s *Store) FailComplete(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failComplete = err
}

var (
	_ bots.Journal = (*Store)(nil)
	_ notify.Store = (*Store)(nil)
)

// New returns an empty store.
func New() *Store { return &Store{Now: time.Now, done: map[int64]bool{}, lease: map[int64]time.Time{}} }

// AppendInbound implements bots.Journal.
func (s *Store) AppendInbound(_ context.Context, in bots.Inbound) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.inbound {
		if x.Key == in.Key {
			return false, nil
		}
	}
	in.ID, in.Received = int64(len(s.inbound)+1), s.Now()
	s.inbound = append(s.inbound, in)
	return true, nil
}

// PendingInbound implements bots.Journal.
func (s *Store) PendingInbound(_ context.Context, r bots.Resident, limit int) ([]bots.Inbound, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bots.Inbound
	for _, in := range s.inbound {
		if !s.done[in.ID] && in.Update.Channel == r.Channel && in.Update.UserID == r.UserID && len(out) < limit {
			out = append(out, in)
		}
	}
	return out, nil
}

// CompleteInbound implements bots.Journal.
func (s *Store) CompleteInbound(_ context.Context, id int64, reply *notify.Message) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failComplete != nil {
		return 0, s.failComplete
	}
	if s.done[id] {
		return 0, nil
	}
	s.done[id] = true
	if reply == nil {
		return 0, nil
	}
	return s.enqueue(*reply), nil
}

// StaleInbound implements bots.Journal.
func (s *Store) StaleInbound(_ context.Context, before time.Time, limit int) ([]bots.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bots.Resident
	for _, in := range s.inbound {
		r := bots.Resident{Channel: in.Update.Channel, UserID: in.Update.UserID}
		if !s.done[in.ID] && in.Received.Before(before) && !slices.Contains(out, r) && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

// PurgeInbound implements bots.Journal.
func (s *Store) PurgeInbound(_ context.Context, before time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	s.inbound = slices.DeleteFunc(s.inbound, func(in bots.Inbound) bool {
		gone := s.done[in.ID] && in.Received.Before(before)
		if gone {
			n++
		}
		return gone
	})
	return n, nil
}

// Handled reports how many inbound updates are handled and pending.
func (s *Store) Handled() (handled, pending int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, in := range s.inbound {
		if s.done[in.ID] {
			handled++
		} else {
			pending++
		}
	}
	return handled, pending
}

func (s *Store) enqueue(m notify.Message) int64 {
	for _, x := range s.outbox {
		if x.Key == m.Key {
			return 0
		}
	}
	m.ID, m.Status, m.CreatedAt = int64(len(s.outbox)+1), notify.StatusPending, s.Now()
	if m.NextAt.IsZero() {
		m.NextAt = m.CreatedAt
	}
	s.outbox = append(s.outbox, m)
	return m.ID
}

// Enqueue implements notify.Store.
func (s *Store) Enqueue(_ context.Context, msgs []notify.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range msgs {
		s.enqueue(m)
	}
	return nil
}

// Claim implements notify.Store.
func (s *Store) Claim(_ context.Context, limit int, lease time.Duration, scope notify.Scope) ([]notify.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	var out []notify.Message
	for i := range s.outbox {
		m := &s.outbox[i]
		due := m.Status == notify.StatusPending && !m.NextAt.After(now) ||
			m.Status == notify.StatusSending && !s.lease[m.ID].After(now)
		inScope := slices.Contains(scope.Channels, m.Channel) && (scope.UserID == "" || scope.UserID == m.UserID)
		if due && inScope && len(out) < limit {
			m.Status, s.lease[m.ID] = notify.StatusSending, now.Add(lease)
			out = append(out, *m)
		}
	}
	slices.SortFunc(out, func(a, b notify.Message) int {
		return cmp.Or(a.NextAt.Compare(b.NextAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

func (s *Store) update(id int64, fn func(m *notify.Message)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.outbox {
		if s.outbox[i].ID == id {
			fn(&s.outbox[i])
			return nil
		}
	}
	return vikno.Errorf(vikno.ENOTFOUND, "outbox message %d not found", id)
}

// MarkSent implements notify.Store.
func (s *Store) MarkSent(_ context.Context, id int64) error {
	return s.update(id, func(m *notify.Message) {
		m.Status, m.SentAt, m.Attempts, m.Error = notify.StatusSent, s.Now(), m.Attempts+1, ""
		if m.Kind == notify.KindReply {
			m.Replies = nil // replies may carry a PIN: not kept beyond delivery
		}
	})
}

// Retry implements notify.Store.
func (s *Store) Retry(_ context.Context, id int64, next time.Time, reason string) error {
	return s.update(id, func(m *notify.Message) {
		m.Status, m.NextAt, m.Attempts, m.Error = notify.StatusPending, next, m.Attempts+1, reason
	})
}

// Bury implements notify.Store.
func (s *Store) Bury(_ context.Context, id int64, reason string) error {
	return s.update(id, func(m *notify.Message) {
		m.Status, m.Attempts, m.Error = notify.StatusDead, m.Attempts+1, reason
	})
}

// OutboxCounts implements notify.Store.
func (s *Store) OutboxCounts(context.Context) (map[string]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, m := range s.outbox {
		out[m.Status]++
	}
	return out, nil
}

// FindOutbox implements notify.Store.
func (s *Store) FindOutbox(_ context.Context, keyPrefix string) ([]notify.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []notify.Message
	for _, m := range s.outbox {
		if strings.HasPrefix(m.Key, keyPrefix) {
			out = append(out, m)
		}
	}
	return out, nil
}
