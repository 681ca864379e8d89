package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is what differs between PostgreSQL and SQLite; everything else is
// the same SQL.
type dialect struct {
	name  string
	goose goose.Dialect
	// forUpdate locks selected rows until the transaction ends. SQLite has
	// one writer and IMMEDIATE transactions, so it needs no row locks.
	forUpdate string
	// skipLocked lets concurrent claimers pass each other's rows.
	skipLocked string
	// lockKey takes a transaction-scoped advisory lock on (class, key).
	lockKey func(ctx context.Context, tx *sql.Tx, class int, key string) error
	// isUnique reports a unique or primary key violation.
	isUnique func(err error) bool
	// time encodes a time for a query argument.
	time func(t time.Time) any
	// types are the column types of the migrations ({{time}} etc.).
	types map[string]string
}

var postgres = &dialect{
	name:       "postgres",
	goose:      goose.DialectPostgres,
	forUpdate:  " FOR UPDATE",
	skipLocked: " FOR UPDATE SKIP LOCKED",
	lockKey: func(ctx context.Context, tx *sql.Tx, class int, key string) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, class, key); err != nil {
			return fmt.Errorf("advisory lock: %w", err)
		}
		return nil
	},
	isUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
	time: func(t time.Time) any { return t.UTC() },
	types: map[string]string{
		"id": "BIGSERIAL PRIMARY KEY", "int8": "BIGINT", "time": "TIMESTAMPTZ", "bool": "BOOLEAN",
		"json": "JSONB", "float": "DOUBLE PRECISION", "int2": "SMALLINT", "true": "TRUE", "false": "FALSE",
		"bytes": "BYTEA",
	},
}

var sqlite = &dialect{
	name:    "sqlite",
	goose:   goose.DialectSQLite3,
	lockKey: func(context.Context, *sql.Tx, int, string) error { return nil },
	isUnique: func(err error) bool {
		var e *msqlite.Error
		return errors.As(err, &e) &&
			(e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	time: func(t time.Time) any { return t.UTC().Format(sqliteTime) },
	types: map[string]string{
		"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "int8": "INTEGER", "time": "TEXT", "bool": "INTEGER",
		"json": "TEXT", "float": "REAL", "int2": "INTEGER", "true": "1", "false": "0",
		"bytes": "BLOB",
	},
}

// sqliteTime is how SQLite keeps times: UTC text of fixed width (nine
// fractional digits always), so text order is time order.
const sqliteTime = "2006-01-02T15:04:05.000000000Z"

// t encodes a time for a query argument.
func (d *DB) t(t time.Time) any { return d.dialect.time(t) }

// tOrNull encodes a time, the zero time as NULL.
func (d *DB) tOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.t(t)
}

// now is the current time encoded.
func (d *DB) now() any { return d.t(d.Now()) }

// at scans a time column of either dialect into t: a time from PostgreSQL,
// text from SQLite, NULL as the zero time. Times come back in UTC.
func at(t *time.Time) sql.Scanner { return timeScanner{t} }

type timeScanner struct{ t *time.Time }

func (s timeScanner) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
	case time.Time:
		*s.t = v.UTC()
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("scan time from %T", v)
	}
	return nil
}

func (s timeScanner) parse(v string) error {
	if v == "" {
		*s.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*s.t = t.UTC()
	return nil
}
