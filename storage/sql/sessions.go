package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// Sessions returns a key-value store in the database for conversation
// sessions, on either database: a turn's session is written with its
// replies (CompleteInboundSession), and a restart keeps every resident's
// conversation where it was. Writes of concurrent turns are committed together (group.go);
// expired sessions are deleted along with a write, at most once a minute.
func (d *DB) Sessions() vikno.KV { return &sessionStore{d: d} }

type sessionStore struct {
	d *DB
}

var _ vikno.KV = (*sessionStore)(nil)

type sessionWrite struct {
	key     string
	value   []byte // nil deletes
	expires time.Time
}

// maxSessionBatch bounds the sessions of one write (3 parameters each).
const maxSessionBatch = 64

// purgeSessionsEvery is how often a write also deletes expired sessions.
const purgeSessionsEvery = time.Minute

// Get implements vikno.KV.
func (s *sessionStore) Get(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.d.readRowCached(ctx, `SELECT value FROM sessions WHERE key = $1 AND expires_at > $2`, key, s.d.now()).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, vikno.Errorf(vikno.ENOTFOUND, "session not found")
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", unavailable(err))
	}
	return v, nil
}

// Set implements vikno.KV.
func (s *sessionStore) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if value == nil {
		value = []byte{}
	}
	_, err := s.d.sessionWrites.do(ctx, sessionWrite{key: key, value: value, expires: s.d.Now().Add(ttl)})
	return err
}

// Delete implements vikno.KV.
func (s *sessionStore) Delete(ctx context.Context, key string) error {
	_, err := s.d.sessionWrites.do(ctx, sessionWrite{key: key})
	return err
}

// sessionPurge remembers when expired sessions were last deleted.
type sessionPurge struct {
	mu   sync.Mutex
	last time.Time
}

// upsertSession writes one session.
const upsertSession = `INSERT INTO sessions (key, value, expires_at) VALUES ($1, $2, $3)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`

// purgeSessionsTx deletes the expired sessions in tx when it was not done
// for purgeSessionsEvery.
func (d *DB) purgeSessionsTx(ctx context.Context, tx *sql.Tx) error {
	now := d.Now()
	d.purge.mu.Lock()
	purge := now.Sub(d.purge.last) >= purgeSessionsEvery
	if purge {
		d.purge.last = now
	}
	d.purge.mu.Unlock()
	if !purge {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, d.t(now)); err != nil {
		return fmt.Errorf("purge sessions: %w", err)
	}
	return nil
}

// writeSessions writes a batch in one transaction: one upsert for the
// sessions set (the last write of a key wins, as calls come in order), one
// delete for the keys deleted, and now and then the expired ones.
func (d *DB) writeSessions(ctx context.Context, calls []sessionWrite) ([]struct{}, error) {
	last := make(map[string]int, len(calls))
	for i, c := range calls {
		last[c.key] = i
	}
	var (
		up, del         strings.Builder
		upArgs, delArgs []any
	)
	for i, c := range calls {
		if last[c.key] != i {
			continue
		}
		if c.value == nil {
			if len(delArgs) > 0 {
				del.WriteString(", ")
			}
			delArgs = append(delArgs, c.key)
			fmt.Fprintf(&del, "$%d", len(delArgs))
			continue
		}
		if len(upArgs) > 0 {
			up.WriteString(", ")
		}
		n := len(upArgs)
		fmt.Fprintf(&up, "($%d, $%d, $%d)", n+1, n+2, n+3)
		upArgs = append(upArgs, c.key, c.value, d.t(c.expires))
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if len(upArgs) > 0 {
			q := `INSERT INTO sessions (key, value, expires_at) VALUES ` + up.String() +
				` ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`
			if _, err := d.execCached(ctx, tx, q, upArgs...); err != nil {
				return err
			}
		}
		if len(delArgs) > 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE key IN (`+del.String()+`)`, delArgs...); err != nil {
				return err
			}
		}
		return d.purgeSessionsTx(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("session: %w", unavailable(err))
	}
	return make([]struct{}, len(calls)), nil
}

// AdoptSessions stores sessions an earlier version kept elsewhere (Redis)
// unless the database holds a session under the same key already: that one
// was written since, by this version, and is newer. A session without a
// time to live (ttl 0) gets ttl.
func (d *DB) AdoptSessions(ctx context.Context, sessions []dialog.SessionRecord, ttl time.Duration) error {
	now := d.Now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, s := range sessions {
			left := s.TTL
			if left <= 0 {
				left = ttl
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (key, value, expires_at) VALUES ($1, $2, $3)
				ON CONFLICT (key) DO NOTHING`, s.Key, s.Value, d.t(now.Add(left))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("adopt sessions: %w", unavailable(err))
	}
	return nil
}
