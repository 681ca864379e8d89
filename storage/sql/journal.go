package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/notify"
)

var (
	_ bots.Journal = (*DB)(nil)
	_ bots.History = (*DB)(nil)
)

const inboundColumns = `id, key, payload, received_at`

const (
	pendingInbound = `SELECT ` + inboundColumns + ` FROM inbound
		WHERE channel = $1 AND user_id = $2 AND state = 'pending' ORDER BY id LIMIT $3`
	completeInbound = `UPDATE inbound SET state = 'done' WHERE id = $1 AND state = 'pending'`
	// completeInboundReply does both in one statement where the dialect
	// allows data-changing CTEs (PostgreSQL): one round trip and one
	// implicit transaction instead of four.
	completeInboundReply = `WITH done AS (` + completeInbound + ` RETURNING id)
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
	out, err := collect(rows, err, scanInbound)
	if err != nil {
		return nil, fmt.Errorf("pending inbound: %w", unavailable(err))
	}
	return out, nil
}

// CompleteInbound implements bots.Journal: the update is marked handled and
// its reply queued in one transaction, so a crash keeps both or neither.
func (d *DB) CompleteInbound(ctx context.Context, id int64, reply *notify.Message) (int64, error) {
	if reply != nil && d.dialect == postgres {
		return d.completeInboundReply(ctx, id, *reply)
	}
	var outboxID int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(d.execCached(ctx, tx, completeInbound, id))
		if err != nil || n == 0 || reply == nil {
			return err // n == 0: another turn completed it; its reply is queued
		}
		outboxID, err = d.enqueueOneTx(ctx, tx, *reply)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("complete inbound: %w", unavailable(err))
	}
	return outboxID, nil
}

func (d *DB) completeInboundReply(ctx context.Context, id int64, m notify.Message) (int64, error) {
	args, err := d.outboxArgs(m)
	if err != nil {
		return 0, err
	}
	var outboxID int64
	err = d.queryRowCached(ctx, nil, completeInboundReply, append([]any{id}, args...)...).Scan(&outboxID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil // handled by another turn, or its key was queued already
	case err != nil:
		return 0, fmt.Errorf("complete inbound: %w", unavailable(err))
	}
	return outboxID, nil
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
