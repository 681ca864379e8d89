package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/vikno-city/vikno/notify"
)

var _ notify.Store = (*DB)(nil)

const insertOutbox = `INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`

// Enqueue implements notify.Store.
func (d *DB) Enqueue(ctx context.Context, msgs []notify.Message) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return enqueueTx(ctx, tx, d.now(), msgs) })
}

// enqueueTx stores outbox messages inside the caller's transaction, so a
// change and its notices are saved together.
func enqueueTx(ctx context.Context, tx *sql.Tx, now string, msgs []notify.Message) error {
	for _, m := range msgs {
		replies, err := notify.EncodeReplies(m.Replies)
		if err != nil {
			return err
		}
		next := now
		if !m.NextAt.IsZero() {
			next = formatTime(m.NextAt)
		}
		if _, err := tx.ExecContext(ctx, insertOutbox, m.Key, m.ResidentID, m.Channel, m.UserID, m.Kind,
			string(replies), next, now); err != nil {
			return fmt.Errorf("enqueue %s: %w", m.Kind, err)
		}
	}
	return nil
}

const outboxColumns = `id, key, resident_id, channel, user_id, kind, replies, status, attempts, next_at, error, created_at, sent_at`

// Claim implements notify.Store. SQLite has a single writer, so the claim
// transaction cannot race another claim.
func (d *DB) Claim(ctx context.Context, limit int, lease time.Duration) ([]notify.Message, error) {
	var out []notify.Message
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.Now()
		rows, err := tx.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
			WHERE (status = 'pending' AND next_at <= ?) OR (status = 'sending' AND lease_until <= ?)
			ORDER BY next_at, id LIMIT ?`, formatTime(now), formatTime(now), limit)
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		out, err = scanOutbox(rows)
		if err != nil {
			return err
		}
		for _, m := range out {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?`,
				formatTime(now.Add(lease)), m.ID); err != nil {
				return fmt.Errorf("claim: %w", err)
			}
		}
		return nil
	})
	return out, err
}

// MarkSent implements notify.Store.
func (d *DB) MarkSent(ctx context.Context, id int64) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, error = '' WHERE id = ?`, d.now(), id)
}

// Retry implements notify.Store.
func (d *DB) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'pending', next_at = ?, attempts = attempts + 1, error = ? WHERE id = ?`,
		formatTime(next), reason, id)
}

// Bury implements notify.Store.
func (d *DB) Bury(ctx context.Context, id int64, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'dead', attempts = attempts + 1, error = ? WHERE id = ?`, reason, id)
}

func (d *DB) execOutbox(ctx context.Context, q string, args ...any) error {
	if _, err := d.db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// OutboxCounts implements notify.Store.
func (d *DB) OutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("outbox counts: %w", err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// FindOutbox implements notify.Store.
func (d *DB) FindOutbox(ctx context.Context, keyPrefix string) ([]notify.Message, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE substr(key, 1, ?) = ? ORDER BY id`,
		len(keyPrefix), keyPrefix)
	if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	return scanOutbox(rows)
}

func scanOutbox(rows *sql.Rows) ([]notify.Message, error) {
	defer rows.Close()
	var out []notify.Message
	for rows.Next() {
		var m notify.Message
		var replies, next, created, sent string
		err := rows.Scan(&m.ID, &m.Key, &m.ResidentID, &m.Channel, &m.UserID, &m.Kind, &replies, &m.Status,
			&m.Attempts, &next, &m.Error, &created, &sent)
		if err != nil {
			return nil, fmt.Errorf("scan outbox: %w", err)
		}
		if m.Replies, err = notify.DecodeReplies([]byte(replies)); err != nil {
			return nil, err
		}
		m.NextAt, m.CreatedAt, m.SentAt = parseTime(next), parseTime(created), parseTime(sent)
		out = append(out, m)
	}
	return out, rows.Err()
}
