package cases

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// AppealScope selects the appeals a dashboard counts: every appeal, or only
// those of some categories (an executor's). An empty scope that is not All
// selects nothing.
type AppealScope struct {
	All        bool
	Categories []string
}

// LocationScope selects the CNAP locations a dashboard counts: all of them,
// or only those listed (a manager's). An empty scope that is not All selects
// nothing.
type LocationScope struct {
	All       bool
	Locations []string
}

// AppealFigures are the headline counts of appeals.
type AppealFigures struct {
	Received int // created in the period
	InWork   int // an executor still owes work now
	Overdue  int // in work and past the due time now
}

// CategoryTrend is how often one category was reported in the period and in
// the period of the same length before it.
type CategoryTrend struct {
	Category string
	Current  int
	Previous int
}

// Change is Current − Previous.
func (c CategoryTrend) Change() int { return c.Current - c.Previous }

// ExecutorOnTime is how one executor met due times: Judged counts the
// appeals of the period whose work is over or overdue, OnTime those finished
// by their due time.
type ExecutorOnTime struct {
	Executor string
	Judged   int
	OnTime   int
	Overdue  int // still in work past the due time
}

// Share is OnTime ÷ Judged, 0 when nothing was judged.
func (e ExecutorOnTime) Share() float64 {
	if e.Judged == 0 {
		return 0
	}
	return float64(e.OnTime) / float64(e.Judged)
}

// LocationBookings are the visits booked at one location for a period.
type LocationBookings struct {
	LocationID string
	Booked     int // not cancelled: still booked, attended or no-show
	Attended   int
	NoShow     int
	Cancelled  int
}

// DashboardStore computes the figures of the staff dashboard. Every method
// counts only what its scope selects.
type DashboardStore interface {
	// AppealFigures counts appeals received in [from, now) and those in
	// work and overdue at now.
	AppealFigures(ctx context.Context, s AppealScope, from, now time.Time) (AppealFigures, error)
	// CategoryTrends counts appeals per category created in [from, now)
	// (Current) and in [prevFrom, from) (Previous), most reported first,
	// then by category id.
	CategoryTrends(ctx context.Context, s AppealScope, prevFrom, from, now time.Time) ([]CategoryTrend, error)
	// ExecutorsOnTime ranks executors by their on-time share over the
	// appeals created in [from, now), best first, then by executor id.
	ExecutorsOnTime(ctx context.Context, s AppealScope, from, now time.Time) ([]ExecutorOnTime, error)
	// LocationRatings sums up ratings per location over the days fromDay to
	// toDay inclusive ("2026-05-01"), ordered by location id.
	LocationRatings(ctx context.Context, s LocationScope, fromDay, toDay string) ([]LocationDigest, error)
	// LocationBookings counts visits starting in [from, to) per location,
	// ordered by location id.
	LocationBookings(ctx context.Context, s LocationScope, from, to time.Time) ([]LocationBookings, error)
}

// SortExecutorsOnTime orders executors best first: by on-time share, then
// by more appeals judged, then by id.
func SortExecutorsOnTime(es []ExecutorOnTime) {
	slices.SortFunc(es, func(a, b ExecutorOnTime) int {
		// Compare a.OnTime/a.Judged with b.OnTime/b.Judged without floats.
		if c := cmp.Compare(b.OnTime*a.Judged, a.OnTime*b.Judged); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(b.Judged, a.Judged), cmp.Compare(a.Executor, b.Executor))
	})
}
