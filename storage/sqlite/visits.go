package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.VisitStore = (*DB)(nil)

// visitTimeLayout keeps visit times at whole seconds with a fixed width, so
// that text order is time order in range queries.
const visitTimeLayout = "2006-01-02T15:04:05Z"

func vtime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(visitTimeLayout) }

func vtimeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return vtime(t)
}

func parseVTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(visitTimeLayout, s.String)
	return t
}

const visitColumns = `id, code, resident_id, location_id, service_id, start_at, end_at, seat, name, phone,
status, cancelled_by, cancel_reason, remind_day_at, remind_hour_at, created_at, updated_at`

func scanVisit(s scanner) (cases.Visit, error) {
	var v cases.Visit
	var start, end, created, updated, day, hour sql.NullString
	err := s.Scan(&v.ID, &v.Code, &v.ResidentID, &v.LocationID, &v.ServiceID, &start, &end, &v.Seat, &v.Name,
		&v.Phone, &v.Status, &v.CancelledBy, &v.CancelReason, &day, &hour, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.Visit{}, vikno.Errorf(vikno.ENOTFOUND, "visit not found")
	}
	if err != nil {
		return cases.Visit{}, fmt.Errorf("scan visit: %w", err)
	}
	v.Start, v.End, v.RemindDayAt, v.RemindHourAt = parseVTime(start), parseVTime(end), parseVTime(day), parseVTime(hour)
	v.CreatedAt, v.UpdatedAt = parseVTime(created), parseVTime(updated)
	return v, nil
}

// isVisitConstraint reports whether err is SQLite's UNIQUE or PRIMARY
// KEY constraint failure.
func isVisitConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// BookVisit implements cases.VisitStore. The connection is the only writer
// and transactions begin IMMEDIATE, so reading the seats and taking one
// cannot interleave with another booking; the seats' primary key is the
// backstop.
func (d *DB) BookVisit(ctx context.Context, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = bookVisitTx(ctx, tx, b)
		return err
	})
	return v, err
}

// RescheduleVisit implements cases.VisitStore.
func (d *DB) RescheduleVisit(ctx context.Context, oldID int64, b cases.Booking) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := findVisit(ctx, tx, oldID)
		if err != nil {
			return err
		}
		if old.ResidentID != b.Visit.ResidentID {
			return vikno.Errorf(vikno.ENOTFOUND, "visit not found")
		}
		if old.Status != cases.VisitBooked {
			return cases.ErrNotCancellable
		}
		if !old.Start.After(b.Now) {
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

func bookVisitTx(ctx context.Context, tx *sql.Tx, b cases.Booking) (cases.Visit, error) {
	v := b.Visit
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM residents WHERE id = ?`, v.ResidentID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.Visit{}, vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	if err != nil {
		return cases.Visit{}, fmt.Errorf("book visit: %w", err)
	}
	if err := checkPerService(ctx, tx, b); err != nil {
		return cases.Visit{}, err
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
	return findVisit(ctx, tx, v.ID)
}

func checkPerService(ctx context.Context, tx *sql.Tx, b cases.Booking) error {
	if b.PerService <= 0 {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM visits WHERE resident_id = ? AND service_id = ?
		AND status = 'booked' AND start_at > ?`, b.Visit.ResidentID, b.Visit.ServiceID, vtime(b.Now)).Scan(&n)
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
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

func insertVisit(ctx context.Context, tx *sql.Tx, v cases.Visit) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, insertVisitSQL, v.Code, v.ResidentID, v.LocationID, v.ServiceID, vtime(v.Start),
		vtime(v.End), v.Seat, v.Name, v.Phone, v.Status, vtimeOrNull(v.RemindDayAt), vtimeOrNull(v.RemindHourAt),
		vtime(v.CreatedAt), vtime(v.UpdatedAt)).Scan(&id)
	if isVisitConstraint(err) {
		return 0, cases.ErrCodeTaken
	}
	if err != nil {
		return 0, fmt.Errorf("insert visit: %w", err)
	}
	return id, nil
}

func insertSeats(ctx context.Context, tx *sql.Tx, v cases.Visit) error {
	for _, u := range cases.Units(v.Start, v.End) {
		_, err := tx.ExecContext(ctx, `INSERT INTO visit_seats (location_id, unit_at, seat, visit_id) VALUES (?, ?, ?, ?)`,
			v.LocationID, vtime(u), v.Seat, v.ID)
		if isVisitConstraint(err) {
			return cases.ErrSlotTaken
		}
		if err != nil {
			return fmt.Errorf("take seat: %w", err)
		}
	}
	return nil
}

type visitQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func seatUses(ctx context.Context, q visitQueryer, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	rows, err := q.QueryContext(ctx, `SELECT unit_at, seat FROM visit_seats WHERE location_id = ? AND unit_at >= ? AND unit_at < ?`,
		locationID, vtime(from), vtime(to))
	if err != nil {
		return nil, fmt.Errorf("seat uses: %w", err)
	}
	defer rows.Close()
	var out []cases.SeatUse
	for rows.Next() {
		var u cases.SeatUse
		var unit sql.NullString
		if err := rows.Scan(&unit, &u.Seat); err != nil {
			return nil, fmt.Errorf("scan seat use: %w", err)
		}
		u.Unit = parseVTime(unit)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SeatUses implements cases.VisitStore.
func (d *DB) SeatUses(ctx context.Context, locationID string, from, to time.Time) ([]cases.SeatUse, error) {
	return seatUses(ctx, d.db, locationID, from, to)
}

func findVisit(ctx context.Context, q querier, id int64) (cases.Visit, error) {
	return scanVisit(q.QueryRowContext(ctx, `SELECT `+visitColumns+` FROM visits WHERE id = ?`, id))
}

// FindVisit implements cases.VisitStore.
func (d *DB) FindVisit(ctx context.Context, id int64) (cases.Visit, error) {
	return findVisit(ctx, d.db, id)
}

func (d *DB) listVisits(ctx context.Context, query string, args ...any) ([]cases.Visit, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+visitColumns+` FROM visits WHERE `+query, args...)
	if err != nil {
		return nil, fmt.Errorf("list visits: %w", err)
	}
	defer rows.Close()
	var out []cases.Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ResidentVisits implements cases.VisitStore.
func (d *DB) ResidentVisits(ctx context.Context, residentID int64, from time.Time) ([]cases.Visit, error) {
	return d.listVisits(ctx, `resident_id = ? AND status = 'booked' AND start_at >= ? ORDER BY start_at, id`,
		residentID, vtime(from))
}

// LatestVisit implements cases.VisitStore.
func (d *DB) LatestVisit(ctx context.Context, residentID int64) (cases.Visit, error) {
	l, err := d.listVisits(ctx, `resident_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`, residentID)
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
	return d.listVisits(ctx, `location_id = ? AND start_at >= ? AND start_at < ? ORDER BY start_at, seat, id`,
		locationID, vtime(from), vtime(to))
}

// CancelVisit implements cases.VisitStore.
func (d *DB) CancelVisit(ctx context.Context, id int64, by, reason string, at time.Time) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := findVisit(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Status != cases.VisitBooked {
			return cases.ErrNotCancellable
		}
		if err := cancelVisitTx(ctx, tx, id, by, reason, at); err != nil {
			return err
		}
		v, err = findVisit(ctx, tx, id)
		return err
	})
	return v, err
}

func cancelVisitTx(ctx context.Context, tx *sql.Tx, id int64, by, reason string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE visits SET status = 'cancelled', cancelled_by = ?, cancel_reason = ?,
		updated_at = ? WHERE id = ?`, by, reason, vtime(at), id)
	if err != nil {
		return fmt.Errorf("cancel visit: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM visit_seats WHERE visit_id = ?`, id); err != nil {
		return fmt.Errorf("free seat: %w", err)
	}
	return nil
}

// MarkVisit implements cases.VisitStore.
func (d *DB) MarkVisit(ctx context.Context, id int64, status cases.VisitStatus, at time.Time) (cases.Visit, error) {
	var v cases.Visit
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := findVisit(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Status == cases.VisitCancelled {
			return cases.ErrNotCancellable
		}
		if _, err := tx.ExecContext(ctx, `UPDATE visits SET status = ?, updated_at = ? WHERE id = ?`, status, vtime(at), id); err != nil {
			return fmt.Errorf("mark visit: %w", err)
		}
		v, err = findVisit(ctx, tx, id)
		return err
	})
	return v, err
}

const dueRemindersSQL = `SELECT ` + visitColumns + `, 'hour' FROM visits
WHERE status = 'booked' AND start_at > ?1 AND remind_hour_sent_at IS NULL AND remind_hour_at <= ?1
UNION ALL
SELECT ` + visitColumns + `, 'day' FROM visits
WHERE status = 'booked' AND start_at > ?1 AND remind_day_sent_at IS NULL AND remind_day_at <= ?1
  AND (remind_hour_at IS NULL OR remind_hour_at > ?1)
ORDER BY 6, 1 LIMIT ?2`

// DueReminders implements cases.VisitStore.
func (d *DB) DueReminders(ctx context.Context, now time.Time, limit int) ([]cases.Reminder, error) {
	rows, err := d.db.QueryContext(ctx, dueRemindersSQL, vtime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due reminders: %w", err)
	}
	defer rows.Close()
	var out []cases.Reminder
	for rows.Next() {
		var r cases.Reminder
		if r.Visit, err = scanVisit(withKind{rows, &r.Kind}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
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
		q = `UPDATE visits SET remind_day_sent_at = ? WHERE id = ? AND remind_day_sent_at IS NULL`
	case cases.RemindHour:
		q = `UPDATE visits SET remind_hour_sent_at = ? WHERE id = ? AND remind_hour_sent_at IS NULL`
	default:
		return false, vikno.Errorf(vikno.EINVALID, "unknown reminder %q", kind)
	}
	res, err := d.db.ExecContext(ctx, q, vtime(at), visitID)
	if err != nil {
		return false, fmt.Errorf("claim reminder: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

const watchColumns = `id, resident_id, location_id, service_id, day, created_at, notified_at`

func scanWatch(s scanner) (cases.SlotWatch, error) {
	var w cases.SlotWatch
	var created, notified sql.NullString
	err := s.Scan(&w.ID, &w.ResidentID, &w.LocationID, &w.ServiceID, &w.Day, &created, &notified)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.SlotWatch{}, vikno.Errorf(vikno.ENOTFOUND, "slot watch not found")
	}
	if err != nil {
		return cases.SlotWatch{}, fmt.Errorf("scan slot watch: %w", err)
	}
	w.CreatedAt, w.NotifiedAt = parseVTime(created), parseVTime(notified)
	return w, nil
}

// WatchSlots implements cases.VisitStore.
func (d *DB) WatchSlots(ctx context.Context, w cases.SlotWatch) (cases.SlotWatch, error) {
	row := d.db.QueryRowContext(ctx, `INSERT INTO slot_watches (resident_id, location_id, service_id, day, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (resident_id, location_id, service_id, day)
		DO UPDATE SET created_at = excluded.created_at, notified_at = NULL RETURNING `+watchColumns,
		w.ResidentID, w.LocationID, w.ServiceID, w.Day, vtime(w.CreatedAt))
	return scanWatch(row)
}

// FindSlotWatch implements cases.VisitStore.
func (d *DB) FindSlotWatch(ctx context.Context, id int64) (cases.SlotWatch, error) {
	return scanWatch(d.db.QueryRowContext(ctx, `SELECT `+watchColumns+` FROM slot_watches WHERE id = ?`, id))
}

// SlotWatches implements cases.VisitStore.
func (d *DB) SlotWatches(ctx context.Context, locationID, day string) ([]cases.SlotWatch, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+watchColumns+` FROM slot_watches
		WHERE location_id = ? AND day = ? AND notified_at IS NULL ORDER BY created_at, id`, locationID, day)
	if err != nil {
		return nil, fmt.Errorf("slot watches: %w", err)
	}
	defer rows.Close()
	var out []cases.SlotWatch
	for rows.Next() {
		w, err := scanWatch(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// ClaimSlotWatch implements cases.VisitStore.
func (d *DB) ClaimSlotWatch(ctx context.Context, id int64, at time.Time) (bool, error) {
	res, err := d.db.ExecContext(ctx, `UPDATE slot_watches SET notified_at = ? WHERE id = ? AND notified_at IS NULL`, vtime(at), id)
	if err != nil {
		return false, fmt.Errorf("claim slot watch: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
