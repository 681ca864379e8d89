package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/notify"
)

var _ bots.Journal = (*DB)(nil)

const inboundColumns = `id, key, payload, received_at`

const (
	appendInbound = `INSERT INTO inbound (key, channel, user_id, payload, received_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`
	pendingInbound = `SELECT ` + inboundColumns + ` FROM inbound
		WHERE channel = $1 AND user_id = $2 AND state = 'pending' ORDER BY id LIMIT $3`
	completeInbound = `UPDATE inbound SET state = 'done' WHERE id = $1 AND state = 'pending'`
)

// AppendInbound implements bots.Journal.
func (d *DB) AppendInbound(ctx context.Context, in bots.Inbound) (bool, error) {
	payload, err := json.Marshal(in.Update)
	if err != nil {
		return false, fmt.Errorf("encode inbound: %w", err)
	}
	res, err := d.execCached(ctx, nil, appendInbound, in.Key, in.Update.Channel, in.Update.UserID, string(payload), d.now())
	n, err := affected(res, err)
	if err != nil {
		return false, fmt.Errorf("append inbound: %w", unavailable(err))
	}
	return n == 1, nil
}

// PendingInbound implements bots.Journal.
func (d *DB) PendingInbound(ctx context.Context, r bots.Resident, limit int) ([]bots.Inbound, error) {
	rows, err := d.queryCached(ctx, nil, pendingInbound, r.Channel, r.UserID, limit)
	out, err := collect(rows, err, scanInbound)
	if err != nil {
		return nil, fmt.Errorf("pending inbound: %w", unavailable(err))
	}
	return out, nil
}

// CompleteInbound implements bots.Journal: the update is marked handled and
// its reply queued in one transaction, so a crash keeps both or neither.
func (d *DB) CompleteInbound(ctx context.Context, id int64, reply *notify.Message) (int64, error) {
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
