package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.VisitStore = (*DB)(nil)

const visitColumns = `id, code, resident_id, location_id, service_id, start_at, end_at, seat, name, phone,
status, cancelled_by, cancel_reason, remind_day_at, remind_hour_at, created_at, updated_at`

func scanVisit(row pgx.Row, extra ...any) (cases.Visit, error) {
	var v cases.Visit
	var day, hour *time.Time
	dest := []any{&v.ID, &v.Code, &v.ResidentID, &v.LocationID, &v.ServiceID, &v.Start, &v.End, &v.Seat, &v.Name,
		&v.Phone, &v.Status, &v.CancelledBy, &v.CancelReason, &day, &hour, &v.CreatedAt, &v.UpdatedAt}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return cases.Visit{}, notFound(err, "visit")
	}
	if day != nil {
		v.RemindDayAt = *day
	}
	if hour != nil {
		v.RemindHourAt = *hour
	}
	return v, nil
}

func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// slotLockClass namespaces the advisory locks of booking (pg_advisory_xact_lock
// with two int4 keys: this class and a hash of the location id).
const slotLockClass = 6

// BookVisit implements cases.VisitStore. In one transaction it locks the
// resident's row (so the per-service limit holds against double taps), takes
// a transaction-scoped advisory lock on the location (so concurrent
// bookers read seats one after another and each one that can get a seat
// does), picks the lowest free seat and inserts its units; the seats'
// primary key is the backstop that makes a double booking impossible.
func (d *DB) BookVisit(ctx context.Context, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx pgx.Tx) error {
		var err error
		v, err = bookVisitTx(ctx, tx, b)
		return err
	})
	return v, err
}

// RescheduleVisit implements cases.VisitStore.
func (d *DB) RescheduleVisit(ctx context.Context, oldID int64, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx pgx.Tx) error {
		if err := lockResident(ctx, tx, b.Visit.ResidentID); err != nil {
			return err
		}
		old, err := scanVisit(tx.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1 FOR UPDATE`, oldID))
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
		if err := cancelVisitTx(ctx, tx, oldID, cases.ByResident, "", b.Now); err != nil {
			return err
		}
		v, err = bookVisitTx(ctx, tx, b)
		return err
	})
	return v, err
}

func lockResident(ctx context.Context, tx pgx.Tx, id int64) error {
	var one int
	err := tx.QueryRow(ctx, `SELECT 1 FROM residents WHERE id = $1 FOR UPDATE`, id).Scan(&one)
	if err != nil {
		return notFound(err, "resident")
	}
	return nil
}

func bookVisitTx(ctx context.Context, tx pgx.Tx, b cases.Booking) (cases.Visit, error) {
	v := b.Visit
	if err := lockResident(ctx, tx, v.ResidentID); err != nil {
		return cases.Visit{}, err
	}
	if err := checkPerService(ctx, tx, b); err != nil {
		return cases.Visit{}, err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, slotLockClass, v.LocationID); err != nil {
		return cases.Visit{}, fmt.Errorf("lock slot: %w", err)
	}
	uses, err := seatUses(ctx, tx, v.LocationID, v.Start, v.End)
	if err != nil {
		return cases.Visit{}, err
	}
	v.Seat = cases.PickSeat(uses, v.Start, v.End, b.Capacity)
	if v.Seat == 0 {
		return cases.Visit{}, cases.ErrSlotTaken
	}
	v.Status = cases.VisitBooked
	if v.ID, err = insertVisit(ctx, tx, v); err != nil {
		return cases.Visit{}, err
	}
	if err := insertSeats(ctx, tx, v); err != nil {
		return cases.Visit{}, err
	}
	return scanVisit(tx.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1`, v.ID))
}

func checkPerService(ctx context.Context, tx pgx.Tx, b cases.Booking) error {
	if b.PerService <= 0 {
		return nil
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM visits WHERE resident_id = $1 AND service_id = $2
		AND status = 'booked' AND start_at > $3`, b.Visit.ResidentID, b.Visit.ServiceID, b.Now).Scan(&n)
	if err != nil {
		return fmt.Errorf("count bookings: %w", err)
	}
	if n >= b.PerService {
		return cases.ErrAlreadyBooked
	}
	return nil
}

const insertVisitSQL = `INSERT INTO visits (code, resident_id, location_id, service_id, start_at, end_at, seat, name,
phone, status, remind_day_at, remind_hour_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`

func insertVisit(ctx context.Context, tx pgx.Tx, v cases.Visit) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, insertVisitSQL, v.Code, v.ResidentID, v.LocationID, v.ServiceID, v.Start, v.End, v.Seat,
		v.Name, v.Phone, v.Status, timeOrNull(v.RemindDayAt), timeOrNull(v.RemindHourAt), v.CreatedAt, v.UpdatedAt).Scan(&id)
	if isUniqueViolation(err) {
		return 0, cases.ErrCodeTaken
	}
	if err != nil {
		return 0, fmt.Errorf("insert visit: %w", err)
	}
	return id, nil
}

func insertSeats(ctx context.Context, tx pgx.Tx, v cases.Visit) error {
	units := cases.Units(v.Start, v.End)
	_, err := tx.Exec(ctx, `INSERT INTO visit_seats (location_id, unit_at, seat, visit_id)
		SELECT $1, u, $2, $3 FROM unnest($4::timestamptz[]) AS u`, v.LocationID, v.Seat, v.ID, units)
	if isUniqueViolation(err) {
		return cases.ErrSlotTaken
	}
	if err != nil {
		return fmt.Errorf("take seat: %w", err)
	}
	return nil
}

type visitQueryer interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func seatUses(ctx context.Context, q visitQueryer, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	rows, err := q.Query(ctx, `SELECT unit_at, seat FROM visit_seats WHERE location_id = $1 AND unit_at >= $2 AND unit_at < $3`,
		locationID, from, to)
	if err != nil {
		return nil, fmt.Errorf("seat uses: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (cases.SeatUse, error) {
		var u cases.SeatUse
		err := r.Scan(&u.Unit, &u.Seat)
		return u, err
	})
}

// SeatUses implements cases.VisitStore.
func (d *DB) SeatUses(ctx context.Context, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	return seatUses(ctx, d.pool, locationID, from, to)
}

// FindVisit implements cases.VisitStore.
func (d *DB) FindVisit(ctx context.Context, id int64) (cases.Visit, error) {
	return scanVisit(d.pool.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1`, id))
}

func (d *DB) listVisits(ctx context.Context, where string, args ...any) ([]cases.Visit, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+visitColumns+` FROM visits WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list visits: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (cases.Visit, error) { return scanVisit(r) })
}

// ResidentVisits implements cases.VisitStore.
func (d *DB) ResidentVisits(ctx context.Context, residentID int64, from time.Time) ([]cases.Visit, error) {
	return d.listVisits(ctx, `resident_id = $1 AND status = 'booked' AND start_at >= $2 ORDER BY start_at, id`, residentID, from)
}

// LatestVisit implements cases.VisitStore.
func (d *DB) LatestVisit(ctx context.Context, residentID int64) (cases.Visit, error) {
	return scanVisit(d.pool.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE resident_id = $1
		ORDER BY created_at DESC, id DESC LIMIT 1`, residentID))
}

// LocationVisits implements cases.VisitStore.
func (d *DB) LocationVisits(ctx context.Context, locationID string, from, to time.Time) ([]cases.Visit, error) {
	return d.listVisits(ctx, `location_id = $1 AND start_at >= $2 AND start_at < $3 ORDER BY start_at, seat, id`,
		locationID, from, to)
}

// CancelVisit implements cases.VisitStore.
func (d *DB) CancelVisit(ctx context.Context, id int64, by, reason string, at time.Time) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx pgx.Tx) error {
		old, err := scanVisit(tx.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1 FOR UPDATE`, id))
		if err != nil {
			return err
		}
		if old.Status != cases.VisitBooked {
			return cases.ErrNotCancellable
		}
		if err := cancelVisitTx(ctx, tx, id, by, reason, at); err != nil {
			return err
		}
		v, err = scanVisit(tx.QueryRow(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = $1`, id))
		return err
	})
	return v, err
}

func cancelVisitTx(ctx context.Context, tx pgx.Tx, id int64, by, reason string, at time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE visits SET status = 'cancelled', cancelled_by = $2, cancel_reason = $3,
		updated_at = $4 WHERE id = $1`, id, by, reason, at)
	if err != nil {
		return fmt.Errorf("cancel visit: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM visit_seats WHERE visit_id = $1`, id); err != nil {
		return fmt.Errorf("free seat: %w", err)
	}
	return nil
}

// MarkVisit implements cases.VisitStore.
func (d *DB) MarkVisit(ctx context.Context, id int64, status cases.VisitStatus, at time.Time) (cases.Visit, error) {
	v, err := scanVisit(d.pool.QueryRow(ctx, `UPDATE visits SET status = $2, updated_at = $3
		WHERE id = $1 AND status <> 'cancelled' RETURNING `+visitColumns, id, status, at))
	if !vikno.IsNotFound(err) {
		return v, err
	}
	if _, ferr := d.FindVisit(ctx, id); ferr != nil {
		return cases.Visit{}, ferr
	}
	return cases.Visit{}, cases.ErrNotCancellable
}

const dueRemindersSQL = `SELECT ` + visitColumns + `, 'hour' AS kind FROM visits
WHERE status = 'booked' AND start_at > $1 AND remind_hour_sent_at IS NULL AND remind_hour_at <= $1
UNION ALL
SELECT ` + visitColumns + `, 'day' AS kind FROM visits
WHERE status = 'booked' AND start_at > $1 AND remind_day_sent_at IS NULL AND remind_day_at <= $1
  AND (remind_hour_at IS NULL OR remind_hour_at > $1)
ORDER BY start_at, id LIMIT $2`

// DueReminders implements cases.VisitStore.
func (d *DB) DueReminders(ctx context.Context, now time.Time, limit int) ([]cases.Reminder, error) {
	rows, err := d.pool.Query(ctx, dueRemindersSQL, now, limit)
	if err != nil {
		return nil, fmt.Errorf("due reminders: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (cases.Reminder, error) {
		var rem cases.Reminder
		var err error
		rem.Visit, err = scanVisit(r, &rem.Kind)
		return rem, err
	})
}

// ClaimReminder implements cases.VisitStore.
func (d *DB) ClaimReminder(ctx context.Context, visitID int64, kind string, at time.Time) (bool, error) {
	var q string
	switch kind {
	case cases.RemindDay:
		q = `UPDATE visits SET remind_day_sent_at = $2 WHERE id = $1 AND remind_day_sent_at IS NULL`
	case cases.RemindHour:
		q = `UPDATE visits SET remind_hour_sent_at = $2 WHERE id = $1 AND remind_hour_sent_at IS NULL`
	default:
		return false, vikno.Errorf(vikno.EINVALID, "unknown reminder %q", kind)
	}
	tag, err := d.pool.Exec(ctx, q, visitID, at)
	if err != nil {
		return false, fmt.Errorf("claim reminder: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

const watchColumns = `id, resident_id, location_id, service_id, day, created_at, notified_at`

func scanWatch(row pgx.Row) (cases.SlotWatch, error) {
	var w cases.SlotWatch
	var notified *time.Time
	if err := row.Scan(&w.ID, &w.ResidentID, &w.LocationID, &w.ServiceID, &w.Day, &w.CreatedAt, &notified); err != nil {
		return cases.SlotWatch{}, notFound(err, "slot watch")
	}
	if notified != nil {
		w.NotifiedAt = *notified
	}
	return w, nil
}

// WatchSlots implements cases.VisitStore.
func (d *DB) WatchSlots(ctx context.Context, w cases.SlotWatch) (cases.SlotWatch, error) {
	return scanWatch(d.pool.QueryRow(ctx, `INSERT INTO slot_watches (resident_id, location_id, service_id, day, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (resident_id, location_id, service_id, day)
		DO UPDATE SET created_at = EXCLUDED.created_at, notified_at = NULL RETURNING `+watchColumns,
		w.ResidentID, w.LocationID, w.ServiceID, w.Day, w.CreatedAt))
}

// FindSlotWatch implements cases.VisitStore.
func (d *DB) FindSlotWatch(ctx context.Context, id int64) (cases.SlotWatch, error) {
	return scanWatch(d.pool.QueryRow(ctx, `SELECT `+watchColumns+` FROM slot_watches WHERE id = $1`, id))
}

// SlotWatches implements cases.VisitStore.
func (d *DB) SlotWatches(ctx context.Context, locationID, day string) ([]cases.SlotWatch, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+watchColumns+` FROM slot_watches
		WHERE location_id = $1 AND day = $2 AND notified_at IS NULL ORDER BY created_at, id`, locationID, day)
	if err != nil {
		return nil, fmt.Errorf("slot watches: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (cases.SlotWatch, error) { return scanWatch(r) })
}

// ClaimSlotWatch implements cases.VisitStore.
func (d *DB) ClaimSlotWatch(ctx context.Context, id int64, at time.Time) (bool, error) {
	tag, err := d.pool.Exec(ctx, `UPDATE slot_watches SET notified_at = $2 WHERE id = $1 AND notified_at IS NULL`, id, at)
	if err != nil {
		return false, fmt.Errorf("claim slot watch: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}
