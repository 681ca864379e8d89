// Package dialogtest holds in-memory fakes and a conversation helper for
// testing the dialog engine and its flows without a database: Residents, an
// in-memory vikno.ResidentStore, and Converse, which plays a conversation as
// a list of steps (what the resident does → what the bot must answer).
package dialogtest

import (
	"context"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
)

// Residents is an in-memory vikno.ResidentStore. The zero value is ready to
// use and safe for concurrent use.
type Residents struct {
	// Err, when set, is returned by every method: set it (between calls, not
	// while another goroutine uses the store) to test how a flow or the
	// engine copes with a failing store.
	Err error
	// Now stamps CreatedAt and UpdatedAt (time.Now when nil).
	Now func() time.Time

	mu     sync.Mutex
	byID   map[int64]vikno.Resident
	byExt  map[residentKey]int64
	lastID int64
}

type residentKey struct {
	channel    vikno.Channel
	externalID string
}

var _ vikno.ResidentStore = (*Residents)(nil)

func (s *Residents) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// EnsureResident implements vikno.ResidentStore.
func (s *Residents) EnsureResident(_ context.Context, ch vikno.Channel, externalID, locale string) (vikno.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return vikno.Resident{}, s.Err
	}
	if s.byID == nil {
		s.byID, s.byExt = map[int64]vikno.Resident{}, map[residentKey]int64{}
	}
	k := residentKey{ch, externalID}
	if id, ok := s.byExt[k]; ok {
		return s.byID[id], nil
	}
	s.lastID++
	now := s.now()
	r := vikno.Resident{ID: s.lastID, Channel: ch, ExternalID: externalID, Locale: locale, CreatedAt: now, UpdatedAt: now}
	s.byID[r.ID], s.byExt[k] = r, r.ID
	return r, nil
}

// FindResident implements vikno.ResidentStore; an unknown id is ENOTFOUND.
func (s *Residents) FindResident(_ context.Context, id int64) (vikno.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return vikno.Resident{}, s.Err
	}
	r, ok := s.byID[id]
	if !ok {
		return vikno.Resident{}, vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	return r, nil
}

// SetResidentLocale implements vikno.ResidentStore; an unknown id is
// ENOTFOUND.
func (s *Residents) SetResidentLocale(_ context.Context, id int64, locale string) error {
	return s.update(id, func(r *vikno.Resident) { r.Locale = locale })
}

// SetResidentUnreachable implements vikno.ResidentStore; an unknown id is
// ENOTFOUND.
func (s *Residents) SetResidentUnreachable(_ context.Context, id int64, unreachable bool) error {
	return s.update(id, func(r *vikno.Resident) { r.Unreachable = unreachable })
}

func (s *Residents) update(id int64, change func(r *vikno.Resident)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	r, ok := s.byID[id]
	if !ok {
		return vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	change(&r)
	r.UpdatedAt = s.now()
	s.byID[id] = r
	return nil
}
