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
	rows, err := d.readCached(ctx, q, userID, after, limit)
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
	photos, err := d.purgeWebPhotos(ctx, before)
	if err != nil {
		return 0, fmt.Errorf("purge web photos: %w", unavailable(err))
	}
	return int(n + photos), nil
}

const (
	insertWebPhoto = `INSERT INTO webchat_photos (user_id, key, content_type, data, created_at)
	VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`
	webPhotoByKey = `SELECT id FROM webchat_photos WHERE key = $1`
	webPhotoByID  = `SELECT user_id, content_type, data, created_at FROM webchat_photos WHERE id = $1`
)

// SaveWebPhoto implements webchat.Store.
func (d *DB) SaveWebPhoto(ctx context.Context, key string, p webchat.Photo) (int64, error) {
	at := p.At
	if at.IsZero() {
		at = d.Now()
	}
	var id int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := d.execCached(ctx, tx, insertWebPhoto, p.UserID, key, p.ContentType, p.Data, d.t(at)); err != nil {
			return err
		}
		return d.queryRowCached(ctx, tx, webPhotoByKey, key).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("save web photo: %w", unavailable(err))
	}
	return id, nil
}

// WebPhoto implements webchat.Store.
func (d *DB) WebPhoto(ctx context.Context, id int64) (webchat.Photo, error) {
	var p webchat.Photo
	err := d.readRowCached(ctx, webPhotoByID, id).Scan(&p.UserID, &p.ContentType, &p.Data, at(&p.At))
	if err != nil {
		return webchat.Photo{}, unavailable(notFound(err, "web photo"))
	}
	return p, nil
}

// purgeWebPhotos deletes photos stored before t that no appeal refers to.
// An appeal that refers to a photo was filed after it or changed after it
// (a photo of what is still wrong, sent when the resident reopened it),
// which bounds the appeals each photo is looked for in.
func (d *DB) purgeWebPhotos(ctx context.Context, before time.Time) (int64, error) {
	refers := `EXISTS (SELECT 1 FROM json_each(a.photos) WHERE json_each.value = 'web:' || p.id)`
	if d.dialect == postgres {
		refers = `a.photos @> jsonb_build_array('web:' || p.id)`
	}
	q := `DELETE FROM webchat_photos WHERE id IN (SELECT p.id FROM webchat_photos p WHERE p.created_at < $1
		AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.channel = 'web' AND a.updated_at >= p.created_at AND ` + refers + `))`
	return affected(d.db.ExecContext(ctx, q, d.t(before)))
}
