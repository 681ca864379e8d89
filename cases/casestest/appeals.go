// Package casestest holds in-memory fakes of the cases stores for tests of
// the dialog flows and HTTP handlers, so they run without a database. The
// fakes pass the same conformance suite (storage/storetest) as the SQL
// backends.
package casestest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// Appeals is an in-memory cases.AppealStore. The zero value is ready to use
// and safe for concurrent use.
type Appeals struct {
	mu      sync.Mutex
	appeals []cases.Appeal // by ID-1
	seq     map[int]int64  // last number per year
	events  int64
}

var _ cases.AppealStore = (*Appeals)(nil)

// CreateAppeal implements cases.AppealStore.
func (s *Appeals) CreateAppeal(_ context.Context, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.ResidentID != 0 && a.ClientToken != "" {
		if old, ok := s.byToken(a.ResidentID, a.ClientToken); ok {
			return clone(old), false, nil
		}
	}
	if s.seq == nil {
		s.seq = map[int]int64{}
	}
	year := a.CreatedAt.Year()
	s.seq[year]++
	s.events++
	a.ID = int64(len(s.appeals) + 1)
	a.Number = cases.FormatAppealNumber(year, s.seq[year])
	first.ID = s.events
	a.History = []cases.AppealEvent{first}
	s.appeals = append(s.appeals, clone(a))
	return clone(a), true, nil
}

func (s *Appeals) byToken(residentID int64, token string) (cases.Appeal, bool) {
	for _, a := range s.appeals {
		if a.ResidentID == residentID && a.ClientToken == token {
			return a, true
		}
	}
	return cases.Appeal{}, false
}

func (s *Appeals) index(number string) int {
	return slices.IndexFunc(s.appeals, func(a cases.Appeal) bool { return a.Number == number })
}

// FindAppeal implements cases.AppealStore.
func (s *Appeals) FindAppeal(_ context.Context, number string) (cases.Appeal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.index(number)
	if i < 0 {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal %s not found", number)
	}
	return clone(s.appeals[i]), nil
}

// FindAppealByToken implements cases.AppealStore.
func (s *Appeals) FindAppealByToken(_ context.Context, residentID int64, token string) (cases.Appeal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.byToken(residentID, token)
	if !ok || token == "" {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	return clone(a), nil
}

// UpdateAppeal implements cases.AppealStore.
func (s *Appeals) UpdateAppeal(_ context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.index(number)
	if i < 0 {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal %s not found", number)
	}
	a := clone(s.appeals[i])
	ev, err := change(&a)
	if err != nil {
		return cases.Appeal{}, err
	}
	old := s.appeals[i]
	old.Status, old.Note, old.Resolution, old.Rating = a.Status, a.Note, a.Resolution, a.Rating
	old.Executor, old.District = a.Executor, a.District
	old.DueAt, old.UpdatedAt, old.ClosedAt = a.DueAt, a.UpdatedAt, a.ClosedAt
	old.Photos = slices.Clone(a.Photos)
	if ev.To != "" {
		s.events++
		ev.ID = s.events
		old.History = append(slices.Clone(old.History), ev)
	}
	s.appeals[i] = old
	return clone(old), nil
}

// ListAppeals implements cases.AppealStore.
func (s *Appeals) ListAppeals(_ context.Context, f cases.AppealFilter) ([]cases.Appeal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []cases.Appeal
	for _, a := range s.appeals {
		if matches(a, f) {
			a = clone(a)
			a.History = nil
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b cases.Appeal) int {
		if f.Order == cases.AppealsDueFirst {
			return cmpTime(a.DueAt, b.DueAt, a.ID, b.ID)
		}
		return cmpTime(b.CreatedAt, a.CreatedAt, b.ID, a.ID)
	})
	out = out[min(max(f.Offset, 0), len(out)):]
	if n := f.EffectiveLimit(); len(out) > n {
		out = out[:n]
	}
	return out, nil
}

func cmpTime(a, b time.Time, ida, idb int64) int {
	if c := a.Compare(b); c != 0 {
		return c
	}
	switch {
	case ida < idb:
		return -1
	case ida > idb:
		return 1
	}
	return 0
}

func matches(a cases.Appeal, f cases.AppealFilter) bool {
	switch {
	case len(f.Numbers) > 0 && !slices.Contains(f.Numbers, a.Number),
		len(f.Categories) > 0 && !slices.Contains(f.Categories, a.Category),
		len(f.Statuses) > 0 && !slices.Contains(f.Statuses, a.Status),
		f.Executor != "" && a.Executor != f.Executor,
		f.District != "" && a.District != f.District,
		f.ResidentID != 0 && a.ResidentID != f.ResidentID,
		!f.CreatedFrom.IsZero() && a.CreatedAt.Before(f.CreatedFrom),
		!f.CreatedTo.IsZero() && a.CreatedAt.After(f.CreatedTo),
		!f.DueBefore.IsZero() && !a.DueAt.Before(f.DueBefore):
		return false
	}
	return true
}

// clone copies a so that callers cannot change the stored appeal.
func clone(a cases.Appeal) cases.Appeal {
	a.Photos = slices.Clone(a.Photos)
	a.History = slices.Clone(a.History)
	if a.Location != nil {
		p := *a.Location
		a.Location = &p
	}
	return a
}
