// Package postgres implements Vikno's stores on PostgreSQL through pgx v5
// (pgxpool): the production backend shared by all replicas.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/storage/sqlmigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a PostgreSQL connection pool.
type DB struct {
	pool *pgxpool.Pool
	Now  func() time.Time
}

// Open connects to the database at url and checks that it answers. It does
// not migrate; call Migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, vikno.Errorf(vikno.EINVALID, "database url: %v", err)
	}
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, vikno.Errorf(vikno.EUNAVAILABLE, "database: %v", err)
	}
	d := &DB{pool: pool, Now: time.Now}
	if err := d.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return d, nil
}

func migrationFS() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

func migrateOptions() sqlmigrate.Options {
	return sqlmigrate.Options{Dialect: goose.DialectPostgres, Postgres: true}
}

// Migrate applies pending migrations under an advisory lock, so replicas
// starting together migrate once, and returns the schema version.
func (d *DB) Migrate(ctx context.Context) (int64, error) {
	db := stdlib.OpenDBFromPool(d.pool)
	defer db.Close()
	return sqlmigrate.Up(ctx, db, migrationFS(), migrateOptions())
}

// CheckSchema fails when the schema is not the version this binary expects.
func (d *DB) CheckSchema(ctx context.Context) error {
	db := stdlib.OpenDBFromPool(d.pool)
	defer db.Close()
	return sqlmigrate.Check(ctx, db, migrationFS(), migrateOptions())
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.pool.Ping(ctx); err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "database unreachable: %v", err)
	}
	return nil
}

// Close closes the pool.
func (d *DB) Close() error {
	d.pool.Close()
	return nil
}

// tx runs fn in a transaction, committing when it returns nil.
func (d *DB) tx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, d.pool, fn)
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

func notFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return vikno.Errorf(vikno.ENOTFOUND, "%s not found", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}
