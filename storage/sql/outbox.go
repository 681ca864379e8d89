package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno/notify"
)

var _ notify.Store = (*DB)(nil)

const insertOutbox = `INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, created_at, priority)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING`

// markSent marks messages sent; the ids follow as $3, $4, ...
const markSent = `UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, error = '',
	replies = CASE WHEN kind = $2 THEN '[]' ELSE replies END WHERE id IN (`

// maxMarkBatch bounds the ids of one mark.
const maxMarkBatch = 64

const insertOutboxReturning = insertOutbox + ` RETURNING id`

const outboxColumns = `id, key, resident_id, channel, user_id, kind, replies, status, attempts, next_at, error, created_at, sent_at, priority`

// Enqueue implements notify.Store.
func (d *DB) Enqueue(ctx context.Context, msgs []notify.Message) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return d.enqueueTx(ctx, tx, msgs) })
}

// enqueueTx stores outbox messages inside the caller's transaction, so a
// change and its notices are saved together or not at all.
func (d *DB) enqueueTx(ctx context.Context, tx *sql.Tx, msgs []notify.Message) error {
	for _, m := range msgs {
		if _, err := d.enqueueOneTx(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// enqueueOneTx stores one outbox message inside the caller's transaction
// and returns its id; 0 when a message with its key exists already.
func (d *DB) enqueueOneTx(ctx context.Context, tx *sql.Tx, m notify.Message) (int64, error) {
	args, err := d.outboxArgs(m)
	if err != nil {
		return 0, err
	}
	var id int64
	err = d.queryRowCached(ctx, tx, insertOutboxReturning, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("enqueue %s: %w", m.Kind, err)
	}
	return id, nil
}

// outboxArgs returns the values insertOutbox takes for m, in order.
func (d *DB) outboxArgs(m notify.Message) ([]any, error) {
	replies, err := notify.EncodeReplies(m.Replies)
	if err != nil {
		return nil, err
	}
	now := d.Now()
	next := m.NextAt
	if next.IsZero() {
		next = now
	}
	return []any{m.Key, m.ResidentID, m.Channel, m.UserID, m.Kind, string(replies), d.t(next), d.t(now), priority(m)}, nil
}

// Claim implements notify.Store. On PostgreSQL, FOR UPDATE SKIP LOCKED lets
// workers of many replicas claim disjoint batches; SQLite has one writer.
func (d *DB) Claim(ctx context.Context, limit int, lease time.Duration, scope notify.Scope) ([]notify.Message, error) {
	if len(scope.Channels) == 0 {
		return nil, nil
	}
	now := d.Now()
	w := &where{}
	due := w.arg(d.t(now))
	w.conds = append(w.conds, "((status = 'pending' AND next_at <= "+due+") OR (status = 'sending' AND lease_until <= "+due+"))")
	in(w, "channel", scope.Channels)
	w.add("user_id = ?", scope.UserID != "", scope.UserID)
	rows, err := d.db.QueryContext(ctx, `UPDATE outbox SET status = 'sending', lease_until = `+w.arg(d.t(now.Add(lease)))+`
		WHERE id IN (
			SELECT id FROM outbox WHERE `+w.sql()+`
			ORDER BY priority, next_at, id LIMIT `+w.arg(limit)+d.dialect.skipLocked+`)
		RETURNING `+outboxColumns, w.args...)
	out, err := collect(rows, err, scanOutbox)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	slices.SortFunc(out, func(a, b notify.Message) int {
		return cmp.Or(cmp.Compare(priority(a), priority(b)), a.NextAt.Compare(b.NextAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// MarkSent implements notify.Store.
func (d *DB) MarkSent(ctx context.Context, id int64) error {
	// Replies to a resident's own message may carry a PIN: they are not kept
	// beyond delivery. A mark lost in a database crash sends the message
	// once more (see DB.lazy).
	// Marks of concurrent senders are committed together.
	_, err := d.marks.do(ctx, id)
	return err
}

// writeMarks marks ids sent in one statement (on the lazy pool).
func (d *DB) writeMarks(ctx context.Context, ids []int64) ([]struct{}, error) {
	var q strings.Builder
	q.WriteString(markSent)
	args := make([]any, 0, 2+len(ids))
	args = append(args, d.now(), notify.KindReply)
	for i, id := range ids {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "$%d", len(args)+1)
		args = append(args, id)
	}
	q.WriteString(")")
	st, err := prepareOn(ctx, d.lazy, &d.lstmts, q.String())
	if err == nil {
		_, err = st.ExecContext(ctx, args...)
	}
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", unavailable(err))
	}
	return make([]struct{}, len(ids)), nil
}

// Retry implements notify.Store.
func (d *DB) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'pending', next_at = $1, attempts = attempts + 1, error = $2 WHERE id = $3`,
		d.t(next), reason, id)
}

// Bury implements notify.Store.
func (d *DB) Bury(ctx context.Context, id int64, reason string) error {
	return d.execOutbox(ctx, `UPDATE outbox SET status = 'dead', attempts = attempts + 1, error = $1 WHERE id = $2`, reason, id)
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
	type count struct {
		status string
		n      int
	}
	counts, err := collect(rows, err, func(s scanner) (c count, err error) { return c, s.Scan(&c.status, &c.n) })
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	out := map[string]int{}
	for _, c := range counts {
		out[c.status] = c.n
	}
	return out, nil
}

// FindOutbox implements notify.Store.
func (d *DB) FindOutbox(ctx context.Context, keyPrefix string) ([]notify.Message, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE substr(key, 1, $1) = $2 ORDER BY id`,
		utf8.RuneCountInString(keyPrefix), keyPrefix)
	out, err := collect(rows, err, scanOutbox)
	if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	return out, nil
}

func scanOutbox(s scanner) (notify.Message, error) {
	var m notify.Message
	var replies []byte
	var prio int
	err := s.Scan(&m.ID, &m.Key, &m.ResidentID, &m.Channel, &m.UserID, &m.Kind, &replies, &m.Status,
		&m.Attempts, at(&m.NextAt), &m.Error, at(&m.CreatedAt), at(&m.SentAt), &prio)
	if err != nil {
		return m, fmt.Errorf("scan outbox: %w", err)
	}
	m.Bulk = prio > 0
	m.Replies, err = notify.DecodeReplies(replies)
	return m, err
}

// priority orders the outbox: bulk messages (broadcasts) after the rest.
func priority(m notify.Message) int {
	if m.Bulk {
		return 1
	}
	return 0
}
