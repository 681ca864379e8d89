package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

var (
	_ bots.Journal               = (*DB)(nil)
	_ bots.SessionJournal        = (*DB)(nil)
	_ bots.PendingSessionJournal = (*DB)(nil)
	_ bots.History               = (*DB)(nil)
)

const inboundColumns = `id, key, payload, received_at`

const (
	// pendingInbound reads a resident's pending updates with their
	// resident row on every row (id 0 when none is stored yet): the turn
	// of the first needs it, and one statement is cheaper than two.
	pendingInbound = `SELECT i.id, i.key, i.payload, i.received_at` + pendingResidentColumns + ` FROM inbound i` + pendingResidentJoin + `
		WHERE i.channel = $1 AND i.user_id = $2 AND i.state = 'pending' ORDER BY i.id LIMIT $3`
	// pendingInboundSession is pendingInbound with the resident's session
	// on every row (found 0 when there is none or it expired).
	pendingInboundSession = `SELECT i.id, i.key, i.payload, i.received_at` + pendingResidentColumns + `, COALESCE(s.found, 0), s.value FROM inbound i` + pendingResidentJoin + `
		LEFT JOIN (SELECT 1 AS found, value FROM sessions WHERE key = $4 AND expires_at > $5) s ON TRUE
		WHERE i.channel = $1 AND i.user_id = $2 AND i.state = 'pending' ORDER BY i.id LIMIT $3`
	pendingResidentColumns = `, COALESCE(r.id, 0), COALESCE(r.locale, ''), COALESCE(r.unreachable, FALSE), r.created_at, r.updated_at`
	pendingResidentJoin    = ` LEFT JOIN residents r ON r.channel = $1 AND r.external_id = $2`
	completeInbound        = `UPDATE inbound SET state = 'done' WHERE id = $1 AND state = 'pending'`
	// completeInboundReply does both in one statement where the dialect
	// allows data-changing CTEs (PostgreSQL): one round trip and one
	// implicit transaction instead of four.
	completeInboundReply = `WITH done AS (` + completeInbound + ` RETURNING id)
		INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, created_at, priority)
		SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM done
		ON CONFLICT (key) DO NOTHING RETURNING id`
	// completeInboundSession and completeInboundSessionReply write the
	// turn's session with the mark (and the reply) in one statement on
	// PostgreSQL, only when the mark is made: a turn that finds its update
	// completed by another leaves that turn's session.
	completeInboundSession = `WITH done AS (` + completeInbound + ` RETURNING id)
		INSERT INTO sessions (key, value, expires_at) SELECT $2, $3, $4 FROM done
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`
	completeInboundSessionReply = `WITH done AS (` + completeInbound + ` RETURNING id),
		session AS (INSERT INTO sessions (key, value, expires_at) SELECT $11, $12, $13 FROM done
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at)
		INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, created_at, priority)
		SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM done
		ON CONFLICT (key) DO NOTHING RETURNING id`
)

// AppendInbound implements bots.Journal.
func (d *DB) AppendInbound(ctx context.Context, in bots.Inbound) (bool, error) {
	payload, err := json.Marshal(in.Update)
	if err != nil {
		return false, fmt.Errorf("encode inbound: %w", err)
	}
	return d.appends.do(ctx, appendCall{key: in.Key, channel: string(in.Update.Channel), user: in.Update.UserID,
		payload: string(payload), at: d.now()})
}

// PendingInbound implements bots.Journal.
func (d *DB) PendingInbound(ctx context.Context, r bots.Resident, limit int) ([]bots.Inbound, error) {
	rows, err := d.readCached(ctx, pendingInbound, r.Channel, r.UserID, limit)
	out, err := collect(rows, err, func(s scanner) (bots.Inbound, error) {
		return scanPending(s, r)
	})
	if err != nil {
		return nil, fmt.Errorf("pending inbound: %w", unavailable(err))
	}
	return out, nil
}

// PendingInboundSession implements bots.PendingSessionJournal: the
// resident's pending updates and the session stored under key (as
// Sessions().Get reads it), in one statement instead of two.
func (d *DB) PendingInboundSession(ctx context.Context, r bots.Resident, limit int, key string) ([]bots.Inbound, []byte, bool, error) {
	var (
		sess  []byte
		found bool
	)
	rows, err := d.readCached(ctx, pendingInboundSession, r.Channel, r.UserID, limit, key, d.now())
	out, err := collect(rows, err, func(s scanner) (bots.Inbound, error) {
		var has int64
		in, err := scanPending(s, r, &has, &sess)
		found = has != 0
		return in, err
	})
	if err != nil {
		return nil, nil, false, fmt.Errorf("pending inbound: %w", unavailable(err))
	}
	if found && sess == nil {
		sess = []byte{} // stored empty, as Get returns it
	}
	return out, sess, found, nil
}

// CompleteInbound implements bots.Journal: the update is marked handled and
// its reply queued in one transaction, so a crash keeps both or neither.
// Completions of concurrent turns (other residents) share a transaction
// (group.go): one commit for a burst, not one each.
func (d *DB) CompleteInbound(ctx context.Context, id int64, reply *notify.Message) (int64, error) {
	r, err := d.completes.do(ctx, completeCall{id: id, reply: reply})
	if err == nil {
		err = r.err
	}
	if err != nil {
		return 0, fmt.Errorf("complete inbound: %w", err)
	}
	return r.outboxID, nil
}

// CompleteInboundSession implements bots.SessionJournal: as
// CompleteInbound, and the session (of Sessions) in the same transaction.
func (d *DB) CompleteInboundSession(ctx context.Context, id int64, reply *notify.Message, sess dialog.SessionRecord) (int64, error) {
	value := sess.Value
	if value == nil {
		value = []byte{}
	}
	w := &sessionWrite{key: sess.Key, value: value, expires: d.Now().Add(sess.TTL)}
	r, err := d.completes.do(ctx, completeCall{id: id, reply: reply, session: w})
	if err == nil {
		err = r.err
	}
	if err != nil {
		return 0, fmt.Errorf("complete inbound: %w", err)
	}
	return r.outboxID, nil
}

type completeCall struct {
	id    int64
	reply *notify.Message
	// session, when not nil, is written in the same transaction.
	session *sessionWrite
}

type completeResult struct {
	outboxID int64
	err      error
}

// maxCompleteBatch bounds the completions of one transaction.
const maxCompleteBatch = 32

// writeCompletions completes calls in one transaction. When it fails, each
// call is tried in a transaction of its own, so that one bad completion
// does not hold the others back.
func (d *DB) writeCompletions(ctx context.Context, calls []completeCall) ([]completeResult, error) {
	out := make([]completeResult, len(calls))
	if len(calls) > 1 {
		err := d.tx(ctx, func(tx *sql.Tx) error {
			for i, c := range calls {
				id, err := d.completeTx(ctx, tx, c)
				if err != nil {
					return err
				}
				out[i].outboxID = id
			}
			return d.purgeSessionsTx(ctx, tx)
		})
		if err == nil {
			return out, nil
		}
	}
	for i, c := range calls {
		out[i] = d.completeAlone(ctx, c)
	}
	return out, nil
}

// completeAlone completes one update: in one statement where it is one
// (a mark alone, or PostgreSQL's data-changing CTEs), else in a transaction.
func (d *DB) completeAlone(ctx context.Context, c completeCall) completeResult {
	var (
		id  int64
		err error
	)
	if d.dialect == postgres || c.session == nil && c.reply == nil {
		id, err = d.completeTx(ctx, nil, c)
	} else {
		err = d.tx(ctx, func(tx *sql.Tx) error {
			if id, err = d.completeTx(ctx, tx, c); err != nil {
				return err
			}
			return d.purgeSessionsTx(ctx, tx)
		})
	}
	if err != nil {
		return completeResult{err: unavailable(err)}
	}
	return completeResult{outboxID: id}
}

// completeTx marks one update handled, queues its reply and writes its
// session in tx (nil: a single statement that needs none, without a
// session); the id of the reply is 0 when another turn completed the
// update first (its reply is queued) or the reply's key was queued already.
// The session is written only by the turn that marks the update: one that
// finds it completed (a replica that lost the lease while its step ran)
// would put back a session older than the resident's later turns left.
func (d *DB) completeTx(ctx context.Context, tx *sql.Tx, c completeCall) (int64, error) {
	if c.session == nil {
		return d.completeMarkTx(ctx, tx, c)
	}
	if d.dialect == postgres {
		return d.completeSessionPG(ctx, tx, c)
	}
	n, err := affected(d.execCached(ctx, tx, completeInbound, c.id))
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := d.execCached(ctx, tx, upsertSession, c.session.key, c.session.value, d.t(c.session.expires)); err != nil {
		return 0, fmt.Errorf("session: %w", err)
	}
	if c.reply == nil {
		return 0, nil
	}
	return d.enqueueOneTx(ctx, tx, *c.reply)
}

// completeSessionPG is completeTx for a call with a session on PostgreSQL:
// one statement.
func (d *DB) completeSessionPG(ctx context.Context, tx *sql.Tx, c completeCall) (int64, error) {
	sess := []any{c.session.key, c.session.value, d.t(c.session.expires)}
	if c.reply == nil {
		_, err := d.execCached(ctx, tx, completeInboundSession, append([]any{c.id}, sess...)...)
		return 0, err
	}
	args, err := d.outboxArgs(*c.reply)
	if err != nil {
		return 0, err
	}
	var outboxID int64
	err = d.queryRowCached(ctx, tx, completeInboundSessionReply, append(append([]any{c.id}, args...), sess...)...).Scan(&outboxID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return outboxID, err
}

// completeMarkTx is completeTx for a call without a session.
func (d *DB) completeMarkTx(ctx context.Context, tx *sql.Tx, c completeCall) (int64, error) {
	if c.reply != nil && d.dialect == postgres {
		args, err := d.outboxArgs(*c.reply)
		if err != nil {
			return 0, err
		}
		var outboxID int64
		err = d.queryRowCached(ctx, tx, completeInboundReply, append([]any{c.id}, args...)...).Scan(&outboxID)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return outboxID, err
	}
	n, err := affected(d.execCached(ctx, tx, completeInbound, c.id))
	if err != nil || n == 0 || c.reply == nil {
		return 0, err
	}
	return d.enqueueOneTx(ctx, tx, *c.reply)
}

// RecentInbound implements bots.History.
func (d *DB) RecentInbound(ctx context.Context, r bots.Resident, before time.Time, limit int) ([]bots.Inbound, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+inboundColumns+` FROM inbound
		WHERE channel = $1 AND user_id = $2 AND received_at < $3 ORDER BY id DESC LIMIT $4`,
		r.Channel, r.UserID, d.t(before), limit)
	out, err := collect(rows, err, scanInbound)
	if err != nil {
		return nil, fmt.Errorf("recent inbound: %w", unavailable(err))
	}
	return out, nil
}

// StaleInbound implements bots.Journal.
func (d *DB) StaleInbound(ctx context.Context, before time.Time, limit int) ([]bots.Resident, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT channel, user_id FROM inbound
		WHERE state = 'pending' AND received_at < $1 GROUP BY channel, user_id ORDER BY MIN(id) LIMIT $2`, d.t(before), limit)
	out, err := collect(rows, err, func(s scanner) (r bots.Resident, err error) { return r, s.Scan(&r.Channel, &r.UserID) })
	if err != nil {
		return nil, fmt.Errorf("stale inbound: %w", unavailable(err))
	}
	return out, nil
}

// PurgeInbound implements bots.Journal.
func (d *DB) PurgeInbound(ctx context.Context, before time.Time) (int, error) {
	n, err := affected(d.db.ExecContext(ctx, `DELETE FROM inbound WHERE state = 'done' AND received_at < $1`, d.t(before)))
	if err != nil {
		return 0, fmt.Errorf("purge inbound: %w", unavailable(err))
	}
	return int(n), nil
}

// scanPending scans a row of pendingInbound, or of pendingInboundSession
// with the session's columns in more, and the resident row read with it.
func scanPending(s scanner, r bots.Resident, more ...any) (bots.Inbound, error) {
	var (
		in      bots.Inbound
		payload []byte
		res     = vikno.Resident{Channel: r.Channel, ExternalID: r.UserID}
	)
	dest := append([]any{&in.ID, &in.Key, &payload, at(&in.Received),
		&res.ID, &res.Locale, &res.Unreachable, at(&res.CreatedAt), at(&res.UpdatedAt)}, more...)
	if err := s.Scan(dest...); err != nil {
		return in, fmt.Errorf("scan inbound: %w", err)
	}
	if err := json.Unmarshal(payload, &in.Update); err != nil {
		return in, fmt.Errorf("decode inbound %d: %w", in.ID, err)
	}
	if res.ID != 0 {
		in.Resident = &res
	}
	return in, nil
}

func scanInbound(s scanner) (bots.Inbound, error) {
	var in bots.Inbound
	var payload []byte
	if err := s.Scan(&in.ID, &in.Key, &payload, at(&in.Received)); err != nil {
		return in, fmt.Errorf("scan inbound: %w", err)
	}
	if err := json.Unmarshal(payload, &in.Update); err != nil {
		return in, fmt.Errorf("decode inbound %d: %w", in.ID, err)
	}
	return in, nil
}
