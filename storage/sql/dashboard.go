package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vikno-city/vikno/cases"
)

var _ cases.DashboardStore = (*DB)(nil)

// inWork is the SQL list of the statuses in which an appeal can be overdue
// (constants of cases, never outside input).
var inWork = statusList(cases.WorkAppealStatuses())

func statusList(ss []cases.AppealStatus) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + string(s) + "'"
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// appealScope adds the condition of s on column col; "1 = 0" selects nothing.
func appealScope(w *where, s cases.AppealScope, col string) {
	switch {
	case s.All:
	case len(s.Categories) == 0:
		w.conds = append(w.conds, "1 = 0")
	default:
		in(w, col, s.Categories)
	}
}

func locationScope(w *where, s cases.LocationScope, col string) {
	switch {
	case s.All:
	case len(s.Locations) == 0:
		w.conds = append(w.conds, "1 = 0")
	default:
		in(w, col, s.Locations)
	}
}

// AppealFigures implements cases.DashboardStore.
func (d *DB) AppealFigures(ctx context.Context, s cases.AppealScope, from, now time.Time) (cases.AppealFigures, error) {
	var w where
	appealScope(&w, s, "category")
	fromArg, nowArg := w.arg(d.t(from)), w.arg(d.t(now))
	var f cases.AppealFigures
	err := d.db.QueryRowContext(ctx, `SELECT
		COUNT(*) FILTER (WHERE created_at >= `+fromArg+` AND created_at < `+nowArg+`),
		COUNT(*) FILTER (WHERE status IN `+inWork+`),
		COUNT(*) FILTER (WHERE status IN `+inWork+` AND due_at < `+nowArg+`)
		FROM appeals WHERE `+w.sql(), w.args...).Scan(&f.Received, &f.InWork, &f.Overdue)
	if err != nil {
		return cases.AppealFigures{}, fmt.Errorf("appeal figures: %w", err)
	}
	return f, nil
}

// CategoryTrends implements cases.DashboardStore.
func (d *DB) CategoryTrends(ctx context.Context, s cases.AppealScope, prevFrom, from, now time.Time) ([]cases.CategoryTrend, error) {
	var w where
	appealScope(&w, s, "category")
	prevArg, fromArg, nowArg := w.arg(d.t(prevFrom)), w.arg(d.t(from)), w.arg(d.t(now))
	w.conds = append(w.conds, "created_at >= "+prevArg, "created_at < "+nowArg)
	rows, err := d.db.QueryContext(ctx, `SELECT category,
		COUNT(*) FILTER (WHERE created_at >= `+fromArg+`) AS cur,
		COUNT(*) FILTER (WHERE created_at < `+fromArg+`)
		FROM appeals WHERE `+w.sql()+` GROUP BY category ORDER BY cur DESC, category`, w.args...)
	out, err := collect(rows, err, func(s scanner) (c cases.CategoryTrend, err error) {
		return c, s.Scan(&c.Category, &c.Current, &c.Previous)
	})
	if err != nil {
		return nil, fmt.Errorf("category trends: %w", err)
	}
	return out, nil
}

// ExecutorsOnTime implements cases.DashboardStore. An appeal's work is over
// when it last entered a status out of work (done, closed, rejected…); it
// was on time when that happened by its due time.
func (d *DB) ExecutorsOnTime(ctx context.Context, s cases.AppealScope, from, now time.Time) ([]cases.ExecutorOnTime, error) {
	var w where
	appealScope(&w, s, "a.category")
	fromArg, nowArg := w.arg(d.t(from)), w.arg(d.t(now))
	w.conds = append(w.conds, "a.created_at >= "+fromArg, "a.created_at < "+nowArg,
		"(a.status NOT IN "+inWork+" OR a.due_at < "+nowArg+")")
	rows, err := d.db.QueryContext(ctx, `SELECT executor, COUNT(*),
		COUNT(*) FILTER (WHERE status NOT IN `+inWork+` AND done_at <= due_at),
		COUNT(*) FILTER (WHERE status IN `+inWork+`)
		FROM (SELECT a.executor, a.status, a.due_at,
			(SELECT MAX(e.at) FROM appeal_events e WHERE e.appeal_id = a.id AND e.to_status NOT IN `+inWork+`) AS done_at
			FROM appeals a WHERE `+w.sql()+`) x
		GROUP BY executor`, w.args...)
	out, err := collect(rows, err, func(s scanner) (e cases.ExecutorOnTime, err error) {
		return e, s.Scan(&e.Executor, &e.Judged, &e.OnTime, &e.Overdue)
	})
	if err != nil {
		return nil, fmt.Errorf("executors on time: %w", err)
	}
	cases.SortExecutorsOnTime(out)
	return out, nil
}

// LocationRatings implements cases.DashboardStore.
func (d *DB) LocationRatings(ctx context.Context, s cases.LocationScope, fromDay, toDay string) ([]cases.LocationDigest, error) {
	var w where
	low := w.arg(cases.LowScore)
	locationScope(&w, s, "location_id")
	w.add("day >= ?", true, fromDay)
	w.add("day <= ?", true, toDay)
	rows, err := d.db.QueryContext(ctx, `SELECT location_id, COUNT(*), SUM(score),
		COUNT(*) FILTER (WHERE score <= `+low+`),
		COUNT(*) FILTER (WHERE score <= `+low+` AND status = 'new')
		FROM ratings WHERE `+w.sql()+` GROUP BY location_id ORDER BY location_id`, w.args...)
	out, err := collect(rows, err, func(s scanner) (l cases.LocationDigest, err error) {
		return l, s.Scan(&l.LocationID, &l.Count, &l.Sum, &l.Low, &l.Open)
	})
	if err != nil {
		return nil, fmt.Errorf("location ratings: %w", err)
	}
	return out, nil
}

// LocationBookings implements cases.DashboardStore.
func (d *DB) LocationBookings(ctx context.Context, s cases.LocationScope, from, to time.Time) ([]cases.LocationBookings, error) {
	var w where
	locationScope(&w, s, "location_id")
	w.add("start_at >= ?", true, d.t(from))
	w.add("start_at < ?", true, d.t(to))
	rows, err := d.db.QueryContext(ctx, `SELECT location_id,
		COUNT(*) FILTER (WHERE status <> 'cancelled'),
		COUNT(*) FILTER (WHERE status = 'attended'),
		COUNT(*) FILTER (WHERE status = 'no_show'),
		COUNT(*) FILTER (WHERE status = 'cancelled')
		FROM visits WHERE `+w.sql()+` GROUP BY location_id ORDER BY location_id`, w.args...)
	out, err := collect(rows, err, func(s scanner) (b cases.LocationBookings, err error) {
		return b, s.Scan(&b.LocationID, &b.Booked, &b.Attended, &b.NoShow, &b.Cancelled)
	})
	if err != nil {
		return nil, fmt.Errorf("location bookings: %w", err)
	}
	return out, nil
}
