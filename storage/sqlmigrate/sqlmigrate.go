// Package sqlmigrate applies the embedded, numbered SQL migrations of a
// backend with goose, each in a transaction, and refuses to work on a schema
// that is behind or ahead of the binary.
package sqlmigrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/vikno-city/vikno"
)

// Options chooses the dialect and, for PostgreSQL, the advisory lock that
// lets replicas starting together migrate once.
type Options struct {
	Dialect  goose.Dialect
	Postgres bool
}

func provider(db *sql.DB, fsys fs.FS, o Options) (*goose.Provider, error) {
	var opts []goose.ProviderOption
	if o.Postgres {
		l, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(o.Dialect, db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// Up applies all pending migrations and returns the schema version.
func Up(ctx context.Context, db *sql.DB, fsys fs.FS, o Options) (int64, error) {
	p, err := provider(db, fsys, o)
	if err != nil {
		return 0, err
	}
	if err := checkNotAhead(ctx, p); err != nil {
		return 0, err
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return p.GetDBVersion(ctx)
}

// Check returns an EUNAVAILABLE error when the schema is not exactly the
// version this binary expects.
func Check(ctx context.Context, db *sql.DB, fsys fs.FS, o Options) error {
	p, err := provider(db, fsys, o)
	if err != nil {
		return err
	}
	if err := checkNotAhead(ctx, p); err != nil {
		return err
	}
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if current < target {
		return vikno.Errorf(vikno.EUNAVAILABLE, "database schema is at version %d, this binary needs %d: run `vikno migrate`", current, target)
	}
	return nil
}

func checkNotAhead(ctx context.Context, p *goose.Provider) error {
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if current > target {
		return vikno.Errorf(vikno.EUNAVAILABLE, "database schema is at version %d, newer than this binary's %d: upgrade Vikno", current, target)
	}
	return nil
}
