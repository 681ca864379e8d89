package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

var _ cases.VisitStore = (*DB)(nil)

const visitColumns = `id, code, resident_id, location_id, service_id, start_at, end_at, seat, name, phone,
status, cancelled_by, cancel_reason, remind_day_at, remind_hour_at, created_at, updated_at`

const insertVisit = `INSERT INTO visits (code, resident_id, location_id, service_id, start_at, end_at, seat, name,
phone, status, remind_day_at, remind_hour_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`

// slotLockClass namespaces the advisory locks of booking: the class and the
// location id.
const slotLockClass = 6

func scanVisit(s scanner) (cases.Visit, error) {
	var v cases.Visit
	err := s.Scan(&v.ID, &v.Code, &v.ResidentID, &v.LocationID, &v.ServiceID, at(&v.Start), at(&v.End), &v.Seat, &v.Name,
		&v.Phone, &v.Status, &v.CancelledBy, &v.CancelReason, at(&v.RemindDayAt), at(&v.RemindHourAt),
		at(&v.CreatedAt), at(&v.UpdatedAt))
	if err != nil {
		return cases.Visit{}, notFound(err, "visit")
	}
	return v, nil
}

// findVisit reads a visit; lock is the dialect's row lock or "".
func findVisit(ctx context.Context, q querier, id int64, lock string) (cases.Visit, error) {
	return scanVisit(q.QueryRowContext(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1`+lock, id))
}

// BookVisit implements cases.VisitStore. In one transaction it locks the
// resident's row (so the per-service limit holds against double taps), takes
// an advisory lock on the location (so concurrent bookers read seats one
// after another and each one that can get a seat does), picks the lowest
// free seat and inserts its units. On SQLite the single writer does the
// same. The seats' primary key is the backstop against a double booking.
func (d *DB) BookVisit(ctx context.Context, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = d.bookVisitTx(ctx, tx, b)
		return err
	})
	return v, err
}

// RescheduleVisit implements cases.VisitStore.
func (d *DB) RescheduleVisit(ctx context.Context, oldID int64, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.lockResident(ctx, tx, b.Visit.ResidentID); err != nil {
			return err
		}
		old, err := findVisit(ctx, tx, oldID, d.dialect.forUpdate)
		if err != nil {
			return err
		}
		switch {
		case old.ResidentID != b.Visit.ResidentID:
			return vikno.Errorf(vikno.ENOTFOUND, "visit not found")
		case old.Status != cases.VisitBooked:
			return cases.ErrNotCancellable
		case !old.Start.After(b.Now):
			return cases.ErrStarted
		}
		if err := d.cancelVisitTx(ctx, tx, oldID, cases.ByResident, "", b.Now); err != nil {
			return err
		}
		v, err = d.bookVisitTx(ctx, tx, b)
		return err
	})
	return v, err
}

func (d *DB) lockResident(ctx context.Context, tx *sql.Tx, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM residents WHERE id = $1`+d.dialect.forUpdate, id).Scan(&one)
	if err != nil {
		return notFound(err, "resident")
	}
	return nil
}

func (d *DB) bookVisitTx(ctx context.Context, tx *sql.Tx, b cases.Booking) (cases.Visit, error) {
	v := b.Visit
	if err := d.lockResident(ctx, tx, v.ResidentID); err != nil {
		return cases.Visit{}, err
	}
	if err := d.checkPerService(ctx, tx, b); err != nil {
		return cases.Visit{}, err
	}
	if err := d.dialect.lockKey(ctx, tx, slotLockClass, v.LocationID); err != nil {
		return cases.Visit{}, err
	}
	uses, err := d.seatUses(ctx, tx, v.LocationID, v.Start, v.End)
	if err != nil {
		return cases.Visit{}, err
	}
	v.Seat = cases.PickSeat(uses, v.Start, v.End, b.Capacity)
	if v.Seat == 0 {
		return cases.Visit{}, cases.ErrSlotTaken
	}
	v.Status = cases.VisitBooked
	err = tx.QueryRowContext(ctx, insertVisit, v.Code, v.ResidentID, v.LocationID, v.ServiceID, d.t(v.Start), d.t(v.End),
		v.Seat, v.Name, v.Phone, v.Status, d.tOrNull(v.RemindDayAt), d.tOrNull(v.RemindHourAt), d.t(v.CreatedAt),
		d.t(v.UpdatedAt)).Scan(&v.ID)
	if d.dialect.isUnique(err) {
		return cases.Visit{}, cases.ErrCodeTaken
	}
	if err != nil {
		return cases.Visit{}, fmt.Errorf("insert visit: %w", err)
	}
	if err := d.insertSeats(ctx, tx, v); err != nil {
		return cases.Visit{}, err
	}
	return findVisit(ctx, tx, v.ID, "")
}

func (d *DB) checkPerService(ctx context.Context, tx *sql.Tx, b cases.Booking) error {
	if b.PerService <= 0 {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM visits WHERE resident_id = $1 AND service_id = $2
		AND phone = $3 AND status = 'booked' AND start_at > $4`, b.Visit.ResidentID, b.Visit.ServiceID, b.Visit.Phone, d.t(b.Now)).Scan(&n)
	if err != nil {
		return fmt.Errorf("count bookings: %w", err)
	}
	if n >= b.PerService {
		return cases.ErrAlreadyBooked
	}
	return nil
}

func (d *DB) insertSeats(ctx context.Context, tx *sql.Tx, v cases.Visit) error {
	for _, u := range cases.Units(v.Start, v.End) {
		_, err := tx.ExecContext(ctx, `INSERT INTO visit_seats (location_id, unit_at, seat, visit_id) VALUES ($1, $2, $3, $4)`,
			v.LocationID, d.t(u), v.Seat, v.ID)
		if d.dialect.isUnique(err) {
			return cases.ErrSlotTaken
		}
		if err != nil {
			return fmt.Errorf("take seat: %w", err)
		}
	}
	return nil
}

func (d *DB) seatUses(ctx context.Context, q querier, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	rows, err := q.QueryContext(ctx, `SELECT unit_at, seat FROM visit_seats WHERE location_id = $1 AND unit_at >= $2 AND unit_at < $3`,
		locationID, d.t(from), d.t(to))
	out, err := collect(rows, err, func(s scanner) (u cases.SeatUse, err error) { return u, s.Scan(at(&u.Unit), &u.Seat) })
	if err != nil {
		return nil, fmt.Errorf("seat uses: %w", err)
	}
	return out, nil
}

// SeatUses implements cases.VisitStore.
func (d *DB) SeatUses(ctx context.Context, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	return d.seatUses(ctx, d.db, locationID, from, to)
}

// FindVisit implements cases.VisitStore.
func (d *DB) FindVisit(ctx context.Context, id int64) (cases.Visit, error) {
	return findVisit(ctx, d.db, id, "")
}

func (d *DB) listVisits(ctx context.Context, where string, args ...any) ([]cases.Visit, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+visitColumns+` FROM visits WHERE `+where, args...)
	return collect(rows, err, scanVisit)
}

// ResidentVisits implements cases.VisitStore.
func (d *DB) ResidentVisits(ctx context.Context, residentID int64, from time.Time) ([]cases.Visit, error) {
	return d.listVisits(ctx, `resident_id = $1 AND status = 'booked' AND start_at >= $2 ORDER BY start_at, id`,
		residentID, d.t(from))
}

// AttendedVisits implements cases.VisitStore.
func (d *DB) AttendedVisits(ctx context.Context, residentID int64, since time.Time, limit int) ([]cases.Visit, error) {
	return d.listVisits(ctx, `resident_id = $1 AND status = 'attended' AND start_at >= $2 ORDER BY start_at DESC, id DESC LIMIT $3`,
		residentID, d.t(since), limit)
}

// LatestVisit implements cases.VisitStore.
func (d *DB) LatestVisit(ctx context.Context, residentID int64) (cases.Visit, error) {
	l, err := d.listVisits(ctx, `resident_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, residentID)
	if err != nil {
		return cases.Visit{}, err
	}
	if len(l) == 0 {
		return cases.Visit{}, vikno.Errorf(vikno.ENOTFOUND, "no visits")
	}
	return l[0], nil
}

// LocationVisits implements cases.VisitStore.
func (d *DB) LocationVisits(ctx context.Context, locationID string, from, to time.Time) ([]cases.Visit, error) {
	return d.listVisits(ctx, `location_id = $1 AND start_at >= $2 AND start_at < $3 ORDER BY start_at, seat, id`,
		locationID, d.t(from), d.t(to))
}

// CancelVisit implements cases.VisitStore.
func (d *DB) CancelVisit(ctx context.Context, id int64, by, reason string, at time.Time) (cases.Visit, error) {
	return d.changeVisit(ctx, id, func(tx *sql.Tx, old cases.Visit) error {
		if old.Status != cases.VisitBooked {
			return cases.ErrNotCancellable
		}
		return d.cancelVisitTx(ctx, tx, id, by, reason, at)
	})
}

// CancelVisitNotify implements notify.VisitCancelStore: the cancellation
// and the messages notice makes of it are written in one transaction.
func (d *DB) CancelVisitNotify(ctx context.Context, id int64, by, reason string, at time.Time,
	notice func(cases.Visit) ([]notify.Message, error)) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := findVisit(ctx, tx, id, d.dialect.forUpdate)
		if err != nil {
			return err
		}
		if old.Status != cases.VisitBooked {
			return cases.ErrNotCancellable
		}
		if err := d.cancelVisitTx(ctx, tx, id, by, reason, at); err != nil {
			return err
		}
		if v, err = findVisit(ctx, tx, id, ""); err != nil {
			return err
		}
		msgs, err := notice(v)
		if err != nil {
			return err
		}
		return d.enqueueTx(ctx, tx, msgs)
	})
	return v, err
}

// MarkVisit implements cases.VisitStore.
func (d *DB) MarkVisit(ctx context.Context, id int64, status cases.VisitStatus, at time.Time) (cases.Visit, error) {
	return d.changeVisit(ctx, id, func(tx *sql.Tx, old cases.Visit) error {
		if old.Status == cases.VisitCancelled {
			return cases.ErrNotCancellable
		}
		if _, err := tx.ExecContext(ctx, `UPDATE visits SET status = $1, updated_at = $2 WHERE id = $3`, status, d.t(at), id); err != nil {
			return fmt.Errorf("mark visit: %w", err)
		}
		return nil
	})
}

// changeVisit locks a visit, lets change write to it and returns it as saved.
func (d *DB) changeVisit(ctx context.Context, id int64, change func(tx *sql.Tx, old cases.Visit) error) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := findVisit(ctx, tx, id, d.dialect.forUpdate)
		if err != nil {
			return err
		}
		if err := change(tx, old); err != nil {
			return err
		}
		v, err = findVisit(ctx, tx, id, "")
		return err
	})
	return v, err
}

func (d *DB) cancelVisitTx(ctx context.Context, tx *sql.Tx, id int64, by, reason string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE visits SET status = 'cancelled', cancelled_by = $1, cancel_reason = $2,
		updated_at = $3 WHERE id = $4`, by, reason, d.t(at), id)
	if err != nil {
		return fmt.Errorf("cancel visit: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM visit_seats WHERE visit_id = $1`, id); err != nil {
		return fmt.Errorf("free seat: %w", err)
	}
	return nil
}

const dueReminders = `SELECT ` + visitColumns + `, 'hour' FROM visits
WHERE status = 'booked' AND start_at > $1 AND remind_hour_sent_at IS NULL AND remind_hour_at <= $1
UNION ALL
SELECT ` + visitColumns + `, 'day' FROM visits
WHERE status = 'booked' AND start_at > $1 AND remind_day_sent_at IS NULL AND remind_day_at <= $1
  AND (remind_hour_at IS NULL OR remind_hour_at > $1)
ORDER BY 6, 1 LIMIT $2`

// DueReminders implements cases.VisitStore.
func (d *DB) DueReminders(ctx context.Context, now time.Time, limit int) ([]cases.Reminder, error) {
	rows, err := d.db.QueryContext(ctx, dueReminders, d.t(now), limit)
	out, err := collect(rows, err, func(s scanner) (r cases.Reminder, err error) {
		r.Visit, err = scanVisit(withKind{s, &r.Kind})
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("due reminders: %w", err)
	}
	return out, nil
}

// withKind scans a visit row followed by one more column, the reminder kind.
type withKind struct {
	s    scanner
	kind *string
}

func (w withKind) Scan(dest ...any) error { return w.s.Scan(append(dest, w.kind)...) }

// ClaimReminder implements cases.VisitStore.
func (d *DB) ClaimReminder(ctx context.Context, visitID int64, kind string, at time.Time) (bool, error) {
	var q string
	switch kind {
	case cases.RemindDay:
		q = `UPDATE visits SET remind_day_sent_at = $1 WHERE id = $2 AND remind_day_sent_at IS NULL`
	case cases.RemindHour:
		q = `UPDATE visits SET remind_hour_sent_at = $1 WHERE id = $2 AND remind_hour_sent_at IS NULL`
	default:
		return false, vikno.Errorf(vikno.EINVALID, "unknown reminder %q", kind)
	}
	n, err := affected(d.db.ExecContext(ctx, q, d.t(at), visitID))
	if err != nil {
		return false, fmt.Errorf("claim reminder: %w", err)
	}
	return n == 1, nil
}

const watchColumns = `id, resident_id, location_id, service_id, day, created_at, notified_at`

func scanWatch(s scanner) (cases.SlotWatch, error) {
	var w cases.SlotWatch
	err := s.Scan(&w.ID, &w.ResidentID, &w.LocationID, &w.ServiceID, &w.Day, at(&w.CreatedAt), at(&w.NotifiedAt))
	if err != nil {
		return cases.SlotWatch{}, notFound(err, "slot watch")
	}
	return w, nil
}

// WatchSlots implements cases.VisitStore.
func (d *DB) WatchSlots(ctx context.Context, w cases.SlotWatch) (cases.SlotWatch, error) {
	return scanWatch(d.db.QueryRowContext(ctx, `INSERT INTO slot_watches (resident_id, location_id, service_id, day, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (resident_id, location_id, service_id, day)
		DO UPDATE SET created_at = excluded.created_at, notified_at = NULL RETURNING `+watchColumns,
		w.ResidentID, w.LocationID, w.ServiceID, w.Day, d.t(w.CreatedAt)))
}

// FindSlotWatch implements cases.VisitStore.
func (d *DB) FindSlotWatch(ctx context.Context, id int64) (cases.SlotWatch, error) {
	return scanWatch(d.db.QueryRowContext(ctx, `SELECT `+watchColumns+` FROM slot_watches WHERE id = $1`, id))
}

// SlotWatches implements cases.VisitStore.
func (d *DB) SlotWatches(ctx context.Context, locationID, day string) ([]cases.SlotWatch, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+watchColumns+` FROM slot_watches
		WHERE location_id = $1 AND day = $2 AND notified_at IS NULL ORDER BY created_at, id`, locationID, day)
	out, err := collect(rows, err, scanWatch)
	if err != nil {
		return nil, fmt.Errorf("slot watches: %w", err)
	}
	return out, nil
}

// ClaimSlotWatch implements cases.VisitStore.
func (d *DB) ClaimSlotWatch(ctx context.Context, id int64, at time.Time) (bool, error) {
	n, err := affected(d.db.ExecContext(ctx, `UPDATE slot_watches SET notified_at = $1 WHERE id = $2 AND notified_at IS NULL`,
		d.t(at), id))
	if err != nil {
		return false, fmt.Errorf("claim slot watch: %w", err)
	}
	return n == 1, nil
}
