// Package sqlite implements Vikno's stores on an SQLite file through
// modernc.org/sqlite (pure Go): the embedded default for one process.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/storage/sqlmigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an SQLite database. It has one connection: SQLite allows one writer,
// and a single connection makes transactions serialise instead of failing
// with "database is locked".
type DB struct {
	db   *sql.DB
	path string
	Now  func() time.Time
}

// Open opens (creating if needed) the database file at path. It does not
// migrate; call Migrate.
func Open(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, vikno.Errorf(vikno.EUNAVAILABLE, "create data directory %s: %v", dir, err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, vikno.Errorf(vikno.EUNAVAILABLE, "open database %s: %v", path, err)
	}
	return &DB{db: db, path: path, Now: time.Now}, nil
}

func migrationFS() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

func migrateOptions() sqlmigrate.Options {
	return sqlmigrate.Options{Dialect: goose.DialectSQLite3}
}

// Migrate applies pending migrations and returns the schema version.
func (d *DB) Migrate(ctx context.Context) (int64, error) {
	return sqlmigrate.Up(ctx, d.db, migrationFS(), migrateOptions())
}

// CheckSchema fails when the schema is not the version this binary expects.
func (d *DB) CheckSchema(ctx context.Context) error {
	return sqlmigrate.Check(ctx, d.db, migrationFS(), migrateOptions())
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.db.PingContext(ctx); err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "database: %v", err)
	}
	return nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// tx runs fn in a transaction, committing when it returns nil.
func (d *DB) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// now returns the current time as stored: UTC, RFC 3339 with nanoseconds.
func (d *DB) now() string { return formatTime(d.Now()) }

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
