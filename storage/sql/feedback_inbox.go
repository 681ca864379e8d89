package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

var _ cases.InboxStore[notify.Message] = (*DB)(nil)

// ratingOfStaff selects ratings f through the staff account m whose id is
// $1: an active admin sees every rating, an active manager those its level
// and scope cover (the same rule as the Telegram managers'), anyone else
// nothing.
var ratingOfStaff = ` FROM ratings f JOIN staff_users m ON m.id = $1 AND NOT m.disabled AND m.role IN ('admin', 'manager')
	WHERE (m.role = 'admin' OR ` + ratingScope("f.location_id") + `)`

// errUnchanged rolls back a transaction that found nothing to change, so
// that its audit entry is not written.
var errUnchanged = errors.New("unchanged")

// inboxWhere adds the conditions of f after the scope's, which takes $1.
func inboxWhere(staffID int64, f cases.InboxFilter) *where {
	w := &where{args: []any{staffID}}
	w.add("f.location_id = ?", f.LocationID != "", f.LocationID)
	w.add("f.score = ?", f.Score != 0, f.Score)
	// Aspects are stored as "wait,polite"; codes are plain ASCII letters.
	w.add("(',' || f.aspects || ',') LIKE ?", f.Aspect != "", "%,"+string(f.Aspect)+",%")
	w.add("f.status = ?", f.Status != "", f.Status)
	w.add("f.day >= ?", f.FromDay != "", f.FromDay)
	w.add("f.day <= ?", f.ToDay != "", f.ToDay)
	return w
}

// InboxRatings implements cases.InboxStore.
func (d *DB) InboxRatings(ctx context.Context, staffID int64, f cases.InboxFilter) ([]cases.Rating, error) {
	w := inboxWhere(staffID, f)
	q := `SELECT ` + ratingColumns + ratingOfStaff + ` AND ` + w.sql() + ` ORDER BY f.id DESC LIMIT ` + w.arg(f.EffectiveLimit())
	q += ` OFFSET ` + w.arg(max(f.Offset, 0))
	rows, err := d.db.QueryContext(ctx, q, w.args...)
	out, err := collect(rows, err, scanRating)
	if err != nil {
		return nil, fmt.Errorf("inbox ratings: %w", err)
	}
	return out, nil
}

// InboxScores implements cases.InboxStore.
func (d *DB) InboxScores(ctx context.Context, staffID int64, f cases.InboxFilter) ([]cases.ScoreCount, error) {
	w := inboxWhere(staffID, f)
	rows, err := d.db.QueryContext(ctx, `SELECT f.location_id, f.day, f.score, COUNT(*)`+ratingOfStaff+` AND `+w.sql()+
		` GROUP BY f.location_id, f.day, f.score ORDER BY f.location_id, f.day, f.score`, w.args...)
	out, err := collect(rows, err, func(s scanner) (c cases.ScoreCount, err error) {
		return c, s.Scan(&c.LocationID, &c.Day, &c.Score, &c.Count)
	})
	if err != nil {
		return nil, fmt.Errorf("inbox scores: %w", err)
	}
	return out, nil
}

// InboxRating implements cases.InboxStore.
func (d *DB) InboxRating(ctx context.Context, staffID, id int64) (cases.Rating, []cases.ThreadMessage, error) {
	r, err := findStaffRating(ctx, d.db, staffID, id)
	if err != nil {
		return r, nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, rating_id, author, manager_id, staff_id, name, body, key, created_at
		FROM rating_messages WHERE rating_id = $1 ORDER BY id`, id)
	thread, err := collect(rows, err, func(s scanner) (m cases.ThreadMessage, err error) {
		return m, s.Scan(&m.ID, &m.RatingID, &m.Author, &m.ManagerID, &m.StaffID, &m.Name, &m.Text, &m.Key, at(&m.At))
	})
	if err != nil {
		return r, nil, fmt.Errorf("rating thread: %w", err)
	}
	return r, thread, nil
}

func findStaffRating(ctx context.Context, q querier, staffID, id int64) (cases.Rating, error) {
	return scanRating(q.QueryRowContext(ctx, `SELECT `+ratingColumns+ratingOfStaff+` AND f.id = $2`, staffID, id))
}

// InboxAnswer implements cases.InboxStore: the answer, its place in the
// thread, the audit entry and the notice to the resident are saved in one
// transaction.
func (d *DB) InboxAnswer(ctx context.Context, staffID, id int64, msg cases.ThreadMessage, notice notify.Message) (cases.Rating, bool, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := findStaffRating(ctx, tx, staffID, id); err != nil {
			return err
		}
		msg.Author, msg.ManagerID, msg.StaffID = cases.AuthorStaff, 0, staffID
		added, err := d.answer(ctx, tx, id, msg, notice)
		if err != nil {
			return err
		}
		if !added {
			return errUnchanged
		}
		out, err = findStaffRating(ctx, tx, staffID, id)
		return err
	})
	if errors.Is(err, errUnchanged) {
		out, err = findStaffRating(ctx, d.db, staffID, id)
		return out, false, err
	}
	return out, err == nil, err
}

// answer adds msg to the thread of rating id and, unless its key is there
// already, makes it the rating's latest answer and queues notice; it
// reports whether it added the answer. The rating row is locked first, so
// that concurrent answers are kept in the order they become the latest.
func (d *DB) answer(ctx context.Context, tx *sql.Tx, id int64, msg cases.ThreadMessage, notice notify.Message) (bool, error) {
	var locked int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM ratings WHERE id = $1`+d.dialect.forUpdate, id).Scan(&locked); err != nil {
		return false, notFound(err, "rating")
	}
	now := d.now()
	n, err := affected(tx.ExecContext(ctx, `INSERT INTO rating_messages (rating_id, author, manager_id, staff_id, name, body, key, created_at)
		VALUES ($1, $2, $3, $4, COALESCE((SELECT name FROM managers WHERE id = $3), (SELECT name FROM staff_users WHERE id = $4), ''),
			$5, $6, $7) ON CONFLICT (key) DO NOTHING`,
		id, string(msg.Author), msg.ManagerID, msg.StaffID, msg.Text, msg.Key, now))
	if err != nil {
		return false, fmt.Errorf("answer rating: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	// answered_by names a Telegram manager, to whom the resident's reply
	// goes; an answer from the web leaves it to every manager who covers
	// the location.
	if _, err := tx.ExecContext(ctx, `UPDATE ratings SET status = 'answered', answer = $1, answered_by = $2,
		answered_at = $3 WHERE id = $4`, msg.Text, msg.ManagerID, now, id); err != nil {
		return false, fmt.Errorf("answer rating: %w", err)
	}
	return true, d.enqueueTx(ctx, tx, []notify.Message{notice})
}

// InboxMarkSeen implements cases.InboxStore.
func (d *DB) InboxMarkSeen(ctx context.Context, staffID, id int64) (cases.Rating, bool, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := findStaffRating(ctx, tx, staffID, id); err != nil {
			return err
		}
		n, err := affected(tx.ExecContext(ctx, `UPDATE ratings SET status = 'seen' WHERE id = $1 AND status = 'new'`, id))
		if err != nil {
			return fmt.Errorf("mark rating seen: %w", err)
		}
		if n == 0 {
			return errUnchanged
		}
		out, err = findStaffRating(ctx, tx, staffID, id)
		return err
	})
	if errors.Is(err, errUnchanged) {
		out, err = findStaffRating(ctx, d.db, staffID, id)
		return out, false, err
	}
	return out, err == nil, err
}
