package cases

import (
	"context"

	"github.com/vikno-city/vikno"
)

// Reassign hands the appeal with the number to another of the city's
// executors (vikno.Executor, the organisation that answers for it). from is
// the executor the caller saw: when the appeal has been handed to someone
// else meanwhile, nothing changes and the error is ECONFLICT. An unknown
// executor is EINVALID, an unknown appeal ENOTFOUND, and a closed one
// (nothing more happens to it) ECONFLICT. Reassigning to the executor it
// already has changes nothing and returns the appeal.
func (s *AppealService) Reassign(ctx context.Context, number, from, to string) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	if _, ok := s.City.Executor(to); !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "%q is not an executor of the city", to)
	}
	return s.Store.UpdateAppeal(ctx, n, func(a *Appeal) (AppealEvent, error) {
		switch {
		case a.Executor == to:
			return AppealEvent{}, nil
		case a.Executor != from:
			return AppealEvent{}, vikno.Errorf(vikno.ECONFLICT, staleChange)
		case a.Status.Final():
			return AppealEvent{}, vikno.Errorf(vikno.ECONFLICT, "a %s appeal cannot be reassigned", a.Status)
		}
		a.Executor, a.UpdatedAt = to, s.now()
		return AppealEvent{}, nil
	})
}

// SetDistrict puts the appeal with the number in a district of the city
// (vikno.District id), or in none when district is "". An unknown district
// is EINVALID, an unknown appeal ENOTFOUND.
func (s *AppealService) SetDistrict(ctx context.Context, number, district string) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	if _, ok := s.City.District(district); !ok && district != "" {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "%q is not a district of the city", district)
	}
	return s.Store.UpdateAppeal(ctx, n, func(a *Appeal) (AppealEvent, error) {
		if a.District != district {
			a.District, a.UpdatedAt = district, s.now()
		}
		return AppealEvent{}, nil
	})
}
