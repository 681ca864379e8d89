package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/notify"
)

var _ handoff.Store[notify.Message] = (*DB)(nil)

const (
	handoffColumns = `h.id, h.resident_id, r.channel, r.external_id, r.locale, h.status, h.operator_id,
		h.operator_name, h.ended_by, h.created_at, h.taken_at, h.ended_at, h.last_at`
	handoffFrom     = ` FROM handoffs h JOIN residents r ON r.id = h.resident_id`
	findHandoff     = `SELECT ` + handoffColumns + handoffFrom + ` WHERE h.id = $1`
	findOpenHandoff = `SELECT ` + handoffColumns + handoffFrom + ` WHERE h.resident_id = $1 AND h.status <> 'closed'`
	insertHandoff   = `INSERT INTO handoffs (resident_id, status, created_at, last_at) VALUES ($1, 'waiting', $2, $2)
		ON CONFLICT (resident_id) WHERE status <> 'closed' DO NOTHING RETURNING id`
	insertHandoffMsg = `INSERT INTO handoff_messages (handoff_id, author, staff_id, name, body, key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING RETURNING id`
	messageColumns = `id, handoff_id, author, staff_id, name, body, COALESCE(key, ''), created_at`
)

// listColumns are handoffColumns and the resident's newest message.
const listColumns = handoffColumns + `, COALESCE((SELECT m.body FROM handoff_messages m
		WHERE m.handoff_id = h.id AND m.author = 'resident' ORDER BY m.id DESC LIMIT 1), '')`

func scanListed(row scanner) (handoff.Handoff, error) {
	var h handoff.Handoff
	err := row.Scan(&h.ID, &h.ResidentID, &h.Channel, &h.UserID, &h.Locale, &h.Status, &h.OperatorID,
		&h.OperatorName, &h.EndedBy, at(&h.CreatedAt), at(&h.TakenAt), at(&h.EndedAt), at(&h.LastAt), &h.Preview)
	return h, err
}

func scanHandoff(row scanner) (handoff.Handoff, error) {
	var h handoff.Handoff
	err := row.Scan(&h.ID, &h.ResidentID, &h.Channel, &h.UserID, &h.Locale, &h.Status, &h.OperatorID,
		&h.OperatorName, &h.EndedBy, at(&h.CreatedAt), at(&h.TakenAt), at(&h.EndedAt), at(&h.LastAt))
	if err != nil {
		return handoff.Handoff{}, notFound(err, "hand-off")
	}
	return h, nil
}

func scanHandoffMessage(row scanner) (handoff.Message, error) {
	var m handoff.Message
	err := row.Scan(&m.ID, &m.HandoffID, &m.Author, &m.StaffID, &m.Name, &m.Text, &m.Key, at(&m.At))
	return m, err
}

// nullKey stores an empty key as NULL, which never conflicts.
func nullKey(k string) any {
	if k == "" {
		return nil
	}
	return k
}

// OpenHandoff implements handoff.ResidentStore.
func (d *DB) OpenHandoff(ctx context.Context, h handoff.Handoff, first handoff.Message) (handoff.Handoff, bool, error) {
	var (
		out   handoff.Handoff
		fresh bool
	)
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.Now()
		var id int64
		err := tx.QueryRowContext(ctx, insertHandoff, h.ResidentID, d.t(now)).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows): // an open one exists
			out, err = scanHandoff(tx.QueryRowContext(ctx, findOpenHandoff, h.ResidentID))
			return err
		case err != nil:
			return fmt.Errorf("open hand-off: %w", err)
		}
		fresh = true
		if first.Text != "" {
			if _, err := d.insertMessageTx(ctx, tx, id, first, now); err != nil {
				return err
			}
		}
		out, err = scanHandoff(tx.QueryRowContext(ctx, findHandoff, id))
		return err
	})
	if err != nil {
		return handoff.Handoff{}, false, fmt.Errorf("open hand-off: %w", unavailable(err))
	}
	return out, fresh, nil
}

// insertMessageTx stores m in hand-off id; it returns 0 when m's key was
// stored already.
func (d *DB) insertMessageTx(ctx context.Context, tx *sql.Tx, id int64, m handoff.Message, now time.Time) (int64, error) {
	if m.At.IsZero() {
		m.At = now
	}
	var msgID int64
	err := tx.QueryRowContext(ctx, insertHandoffMsg, id, m.Author, m.StaffID, m.Name, m.Text, nullKey(m.Key), d.t(m.At)).Scan(&msgID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store hand-off message: %w", err)
	}
	return msgID, nil
}

// OpenHandoffOf implements handoff.ResidentStore.
func (d *DB) OpenHandoffOf(ctx context.Context, residentID int64) (handoff.Handoff, error) {
	h, err := scanHandoff(d.readRowCached(ctx, findOpenHandoff, residentID))
	return h, unavailable(err)
}

// AddHandoffMessage implements handoff.ResidentStore.
func (d *DB) AddHandoffMessage(ctx context.Context, m handoff.Message) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.Now()
		n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET last_at = $1 WHERE id = $2 AND status <> 'closed'`,
			d.t(now), m.HandoffID))
		if err != nil {
			return fmt.Errorf("hand-off message: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "open hand-off not found")
		}
		_, err = d.insertMessageTx(ctx, tx, m.HandoffID, m, now)
		return err
	})
	return unavailable(err)
}

// EndHandoff implements handoff.ResidentStore.
func (d *DB) EndHandoff(ctx context.Context, residentID, id int64) (handoff.Handoff, error) {
	var out handoff.Handoff
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET status = 'closed', ended_by = $1, ended_at = $2
			WHERE id = $3 AND resident_id = $4 AND status <> 'closed'`, handoff.EndedByResident, d.now(), id, residentID))
		if err != nil {
			return fmt.Errorf("end hand-off: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "open hand-off not found")
		}
		out, err = scanHandoff(tx.QueryRowContext(ctx, findHandoff, id))
		return err
	})
	return out, unavailable(err)
}

// SaveCallback implements handoff.ResidentStore.
func (d *DB) SaveCallback(ctx context.Context, c handoff.Callback) (handoff.Callback, error) {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = d.Now()
	}
	err := d.db.QueryRowContext(ctx, `INSERT INTO callbacks (resident_id, phone, key, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO NOTHING RETURNING id`, c.ResidentID, c.Phone, nullKey(c.Key), d.t(c.CreatedAt)).Scan(&c.ID)
	if errors.Is(err, sql.ErrNoRows) {
		err = d.db.QueryRowContext(ctx, `SELECT id FROM callbacks WHERE key = $1`, c.Key).Scan(&c.ID)
	}
	if err != nil {
		return handoff.Callback{}, fmt.Errorf("save call-back: %w", unavailable(err))
	}
	return c, nil
}

// ListHandoffs implements handoff.Store.
func (d *DB) ListHandoffs(ctx context.Context, closed int) ([]handoff.Handoff, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+listColumns+handoffFrom+` WHERE h.status <> 'closed' ORDER BY h.created_at, h.id`)
	open, err := collect(rows, err, scanListed)
	if err != nil {
		return nil, fmt.Errorf("list hand-offs: %w", unavailable(err))
	}
	rows, err = d.db.QueryContext(ctx, `SELECT `+listColumns+handoffFrom+` WHERE h.status = 'closed'
		ORDER BY h.ended_at DESC, h.id DESC LIMIT $1`, closed)
	done, err := collect(rows, err, scanListed)
	if err != nil {
		return nil, fmt.Errorf("list hand-offs: %w", unavailable(err))
	}
	return append(open, done...), nil
}

// FindHandoff implements handoff.Store.
func (d *DB) FindHandoff(ctx context.Context, id int64) (handoff.Handoff, error) {
	h, err := scanHandoff(d.db.QueryRowContext(ctx, findHandoff, id))
	return h, unavailable(err)
}

// HandoffMessages implements handoff.Store.
func (d *DB) HandoffMessages(ctx context.Context, id, after int64, limit int) ([]handoff.Message, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+messageColumns+` FROM handoff_messages
		WHERE handoff_id = $1 AND id > $2 ORDER BY id LIMIT $3`, id, after, limit)
	out, err := collect(rows, err, scanHandoffMessage)
	if err != nil {
		return nil, fmt.Errorf("hand-off messages: %w", unavailable(err))
	}
	return out, nil
}

// handoffConflict explains why a conditional update of hand-off id changed
// nothing: ENOTFOUND when there is no such hand-off, else ECONFLICT.
func handoffConflict(ctx context.Context, tx *sql.Tx, id int64, msg string) error {
	if _, err := scanHandoff(tx.QueryRowContext(ctx, findHandoff, id)); err != nil {
		return err
	}
	return vikno.Errorf(vikno.ECONFLICT, "%s", msg)
}

// TakeHandoff implements handoff.Store: only a waiting hand-off is taken,
// so of two operators at once exactly one gets it.
func (d *DB) TakeHandoff(ctx context.Context, id int64, op handoff.Operator, notice notify.Message) (handoff.Handoff, error) {
	var out handoff.Handoff
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET status = 'active', operator_id = $1, operator_name = $2,
			taken_at = $3 WHERE id = $4 AND status = 'waiting'`, op.ID, op.Name, d.now(), id))
		if err != nil {
			return fmt.Errorf("take hand-off: %w", err)
		}
		if n == 0 {
			return handoffConflict(ctx, tx, id, "the conversation is not waiting any more")
		}
		if err := d.enqueueTx(ctx, tx, []notify.Message{notice}); err != nil {
			return err
		}
		out, err = scanHandoff(tx.QueryRowContext(ctx, findHandoff, id))
		return err
	})
	return out, unavailable(err)
}

// SendHandoff implements handoff.Store.
func (d *DB) SendHandoff(ctx context.Context, m handoff.Message, notice notify.Message) (handoff.Message, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.Now()
		n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET last_at = $1 WHERE id = $2 AND status = 'active'
			AND operator_id = $3`, d.t(now), m.HandoffID, m.StaffID))
		if err != nil {
			return fmt.Errorf("send hand-off message: %w", err)
		}
		if n == 0 {
			return handoffConflict(ctx, tx, m.HandoffID, "the conversation is not yours or has ended")
		}
		id, err := d.insertMessageTx(ctx, tx, m.HandoffID, m, now)
		if err != nil || id == 0 { // a repeated form: stored and queued already
			return err
		}
		m.ID = id
		return d.enqueueTx(ctx, tx, []notify.Message{notice})
	})
	return m, unavailable(err)
}

// ReturnHandoff implements handoff.Store.
func (d *DB) ReturnHandoff(ctx context.Context, id int64, op handoff.Operator, notice notify.Message) (handoff.Handoff, error) {
	var out handoff.Handoff
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET status = 'closed', ended_by = $1, ended_at = $2
			WHERE id = $3 AND status = 'active' AND operator_id = $4`, handoff.EndedByOperator, d.now(), id, op.ID))
		if err != nil {
			return fmt.Errorf("return hand-off: %w", err)
		}
		if n == 0 {
			return handoffConflict(ctx, tx, id, "the conversation is not yours or has ended")
		}
		if err := d.enqueueTx(ctx, tx, []notify.Message{notice}); err != nil {
			return err
		}
		out, err = scanHandoff(tx.QueryRowContext(ctx, findHandoff, id))
		return err
	})
	return out, unavailable(err)
}

// ExpireHandoffs implements handoff.Store. Each hand-off closes in its own
// transaction with its notice, and only if it is still waiting: an
// operator who takes it meanwhile wins.
func (d *DB) ExpireHandoffs(ctx context.Context, before time.Time, notice func(handoff.Handoff) (notify.Message, error)) (int, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+handoffColumns+handoffFrom+` WHERE h.status = 'waiting'
		AND h.created_at < $1 ORDER BY h.id LIMIT 100`, d.t(before))
	stale, err := collect(rows, err, scanHandoff)
	if err != nil {
		return 0, fmt.Errorf("expire hand-offs: %w", unavailable(err))
	}
	closed := 0
	for _, h := range stale {
		did := false
		err := d.tx(ctx, func(tx *sql.Tx) error {
			n, err := affected(tx.ExecContext(ctx, `UPDATE handoffs SET status = 'closed', ended_by = $1, ended_at = $2
				WHERE id = $3 AND status = 'waiting'`, handoff.EndedByTimeout, d.now(), h.ID))
			if err != nil || n == 0 {
				return err
			}
			m, err := notice(h)
			if err != nil {
				return fmt.Errorf("hand-off %d notice: %w", h.ID, err)
			}
			did = true
			return d.enqueueTx(ctx, tx, []notify.Message{m})
		})
		if err != nil {
			return closed, fmt.Errorf("expire hand-off: %w", unavailable(err))
		}
		if did {
			closed++
		}
	}
	return closed, nil
}

// ListCallbacks implements handoff.Store.
func (d *DB) ListCallbacks(ctx context.Context, limit int) ([]handoff.Callback, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.resident_id, r.channel, c.phone, COALESCE(c.key, ''), c.created_at
		FROM callbacks c JOIN residents r ON r.id = c.resident_id ORDER BY c.created_at DESC, c.id DESC LIMIT $1`, limit)
	out, err := collect(rows, err, func(s scanner) (handoff.Callback, error) {
		var c handoff.Callback
		err := s.Scan(&c.ID, &c.ResidentID, &c.Channel, &c.Phone, &c.Key, at(&c.CreatedAt))
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("list call-backs: %w", unavailable(err))
	}
	return out, nil
}
