package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno/notify"
)

var _ notify.Store = (*DB)(nil)

const insertOutbox = `INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`

// Enqueue implements notify.Store.
func (d *DB) Enqueue(ctx context.Context, msgs []notify.Message) error {
	return d.tx(ctx, func(tx pgx.Tx) error { return enqueueTx(ctx, tx, d.Now(), msgs) })
}

// enqueueTx stores outbox messages inside the caller's transaction, so a
// change and its notices are saved together.
func enqueueTx(ctx context.Context, tx pgx.Tx, now time.Time, msgs []notify.Message) error {
	for _, m := range msgs {
		replies, err := notify.EncodeReplies(m.Replies)
		if err != nil {
			return err
		}
		next := now
		if !m.NextAt.IsZero() {
			next = m.NextAt
		}
		if _, err := tx.Exec(ctx, insertOutbox, m.Key, m.ResidentID, m.Channel, m.UserID, m.Kind,
			string(replies), next, now); err != nil {
			return fmt.Errorf("enqueue %s: %w", m.Kind, err)
		}
	}
	return nil
}

const outboxColumns = `id, key, resident_id, channel, user_id, kind, replies::text, status, attempts, next_at, error, created_at, sent_at`

// Claim implements notify.Store: FOR UPDATE SKIP LOCKED lets workers of
// many replicas claim disjoint batches.
func (d *DB) Claim(ctx context.Context, limit int, lease time.Duration) ([]notify.Message, error) {
	now := d.Now()
	rows, err := d.pool.Query(ctx, `UPDATE outbox SET status = 'sending', lease_until = $3
		WHERE id IN (
			SELECT id FROM outbox
			WHERE (status = 'pending' AND next_at <= $1) OR (status = 'sending' AND lease_until <= $1)
			ORDER BY next_at, id LIMIT $2
			FOR UPDATE SKIP LOCKED)
		RETURNING `+outboxColumns, now, limit, now.Add(lease))
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	return scanOutbox(rows)
}

// MarkSent implements notify.Store.
func (d *DB) MarkSent(ctx context.Context, id int64) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, error = '' WHERE id = $2`, d.Now(), id)
}

// Retry implements notify.Store.
func (d *DB) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'pending', next_at = $1, attempts = attempts + 1, error = $2 WHERE id = $3`,
		next, reason, id)
}

// Bury implements notify.Store.
func (d *DB) Bury(ctx context.Context, id int64, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'dead', attempts = attempts + 1, error = $1 WHERE id = $2`, reason, id)
}

func (d *DB) execOutbox(ctx context.Context, q string, args ...any) error {
	if _, err := d.pool.Exec(ctx, q, args...); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// OutboxCounts implements notify.Store.
func (d *DB) OutboxCounts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	rows, err := d.pool.Query(ctx, `SELECT status, COUNT(*)::int FROM outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	var s string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&s, &n}, func() error { out[s] = n; return nil })
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	return out, nil
}

// FindOutbox implements notify.Store.
func (d *DB) FindOutbox(ctx context.Context, keyPrefix string) ([]notify.Message, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE left(key, $1) = $2 ORDER BY id`,
		len(keyPrefix), keyPrefix)
	if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	return scanOutbox(rows)
}

func scanOutbox(rows pgx.Rows) ([]notify.Message, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (notify.Message, error) {
		var m notify.Message
		var replies string
		var sent *time.Time
		err := row.Scan(&m.ID, &m.Key, &m.ResidentID, &m.Channel, &m.UserID, &m.Kind, &replies, &m.Status,
			&m.Attempts, &m.NextAt, &m.Error, &m.CreatedAt, &sent)
		if err != nil {
			return m, fmt.Errorf("scan outbox: %w", err)
		}
		if sent != nil {
			m.SentAt = *sent
		}
		m.Replies, err = notify.DecodeReplies([]byte(replies))
		return m, err
	})
}
