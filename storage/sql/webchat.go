package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/vikno-city/vikno/bots/webchat"
)

var _ webchat.Store = (*DB)(nil)

const insertWebChat = `INSERT INTO webchat (user_id, key, outgoing, body, created_at)
	VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`

// AppendWebChat implements webchat.Store.
func (d *DB) AppendWebChat(ctx context.Context, userID string, msgs []webchat.Entry) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, m := range msgs {
			var key any // NULL: no key, never a conflict
			if m.Key != "" {
				key = m.Key
			}
			at := m.At
			if at.IsZero() {
				at = d.Now()
			}
			body := m.Message
			body.ID, body.At = 0, time.Time{}
			data, err := json.Marshal(body)
			if err != nil {
				return fmt.Errorf("encode web message: %w", err)
			}
			if _, err := d.execCached(ctx, tx, insertWebChat, userID, key, m.Outgoing, string(data), d.t(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("append web chat: %w", unavailable(err))
	}
	return nil
}

// WebChat implements webchat.Store.
func (d *DB) WebChat(ctx context.Context, userID string, after int64, limit int) ([]webchat.Message, error) {
	q := `SELECT id, outgoing, body, created_at FROM webchat WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3`
	if after <= 0 {
		q = `SELECT id, outgoing, body, created_at FROM webchat WHERE user_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3`
	}
	rows, err := d.queryCached(ctx, nil, q, userID, after, limit)
	out, err := collect(rows, err, func(s scanner) (webchat.Message, error) {
		var (
			m    webchat.Message
			out  bool
			body []byte
			when time.Time
			id   int64
		)
		if err := s.Scan(&id, &out, &body, at(&when)); err != nil {
			return m, err
		}
		if err := json.Unmarshal(body, &m); err != nil {
			return m, fmt.Errorf("decode web message %d: %w", id, err)
		}
		m.ID, m.Outgoing, m.At = id, out, when
		return m, nil
	})
	if err != nil {
		return nil, fmt.Errorf("web chat: %w", unavailable(err))
	}
	if after <= 0 {
		slices.Reverse(out)
	}
	return out, nil
}

// PurgeWebChat implements webchat.Store.
func (d *DB) PurgeWebChat(ctx context.Context, before time.Time) (int, error) {
	n, err := affected(d.db.ExecContext(ctx, `DELETE FROM webchat WHERE created_at < $1`, d.t(before)))
	if err != nil {
		return 0, fmt.Errorf("purge web chat: %w", unavailable(err))
	}
	return int(n), nil
}
