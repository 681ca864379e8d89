package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing/fstest"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/vikno-city/vikno"
)

// The migrations: numbered goose files. One file serves both dialects where
// the SQL is the same, written with column types {{time}}, {{id}}, ... (see
// dialect.types) and lines ending "-- only: postgres" or "-- only: sqlite"
// where one line differs; a dialect's own folder holds the versions whose
// SQL differs altogether.
//
//go:embed migrations/*.sql migrations/postgres/*.sql migrations/sqlite/*.sql
var migrations embed.FS

var (
	typeMacro  = regexp.MustCompile(`\{\{([a-z0-9]+)\}\}`)
	onlyMarker = regexp.MustCompile(`\s*-- only: (postgres|sqlite)\s*$`)
)

// migrationFS returns the migrations of the dialect as goose reads them.
func (dl *dialect) migrationFS() (fs.FS, error) {
	out := fstest.MapFS{}
	shared, _ := fs.Glob(migrations, "migrations/*.sql")
	own, _ := fs.Glob(migrations, "migrations/"+dl.name+"/*.sql")
	for _, name := range append(shared, own...) {
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		text, err := dl.render(string(b))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		out[path.Base(name)] = &fstest.MapFile{Data: []byte(text)}
	}
	return out, nil
}

// render keeps the lines of this dialect and spells its column types.
func (dl *dialect) render(text string) (string, error) {
	var b strings.Builder
	for line := range strings.Lines(text) {
		if m := onlyMarker.FindStringSubmatch(line); m != nil {
			if m[1] != dl.name {
				continue
			}
			line = onlyMarker.ReplaceAllString(line, "") + "\n"
		}
		b.WriteString(line)
	}
	var missing string
	out := typeMacro.ReplaceAllStringFunc(b.String(), func(m string) string {
		t, ok := dl.types[m[2:len(m)-2]]
		if !ok {
			missing = m
		}
		return t
	})
	if missing != "" {
		return "", fmt.Errorf("unknown type %s", missing)
	}
	return out, nil
}

func (d *DB) provider(ctx context.Context) (*goose.Provider, error) {
	fsys, err := d.dialect.migrationFS()
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{
		goose.WithDisableGlobalRegistry(true),
		goose.WithGoMigrations(goose.NewGoMigration(8, &goose.GoFunc{RunTx: d.dialect.rewriteTimes}, nil)),
	}
	if d.dialect == postgres {
		// Replicas starting together take turns, so each version runs once.
		// The lock is the schema's: deployments (and tests) in other schemas
		// of one database do not wait for each other. It is tried every
		// second for up to five minutes.
		id, err := d.migrationLockID(ctx)
		if err != nil {
			return nil, err
		}
		l, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(d.dialect.goose, d.db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// Migrate applies pending migrations, each in a transaction, and returns the
// schema version. It refuses a schema newer than this binary.
func (d *DB) Migrate(ctx context.Context) (int64, error) {
	p, err := d.provider(ctx)
	if err != nil {
		return 0, err
	}
	if _, err := d.versions(ctx, p); err != nil {
		return 0, err
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return p.GetDBVersion(ctx)
}

// CheckSchema returns an EUNAVAILABLE error when the schema is not exactly
// the version this binary expects (for start-up with --no-migrate).
func (d *DB) CheckSchema(ctx context.Context) error {
	p, err := d.provider(ctx)
	if err != nil {
		return err
	}
	behind, err := d.versions(ctx, p)
	if err != nil {
		return err
	}
	if behind {
		current, target, _ := p.GetVersions(ctx)
		return vikno.Errorf(vikno.EUNAVAILABLE, "database schema is at version %d, this binary needs %d: run `vikno migrate`", current, target)
	}
	return nil
}

// versions fails on a schema ahead of the binary and reports one behind.
func (d *DB) versions(ctx context.Context, p *goose.Provider) (behind bool, err error) {
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return false, fmt.Errorf("schema version: %w", unavailable(err))
	}
	if current > target {
		return false, vikno.Errorf(vikno.EUNAVAILABLE, "database schema is at version %d, newer than this binary's %d: upgrade Vikno", current, target)
	}
	return current < target, nil
}

// timeColumns are the time columns of every table, for rewriteTimes.
var timeColumns = [][]string{
	{"residents", "created_at", "updated_at"},
	{"articles", "updated_at"},
	{"article_revisions", "updated_at"},
	{"kb_unanswered", "first_at", "last_at"},
	{"appeals", "due_at", "created_at", "updated_at", "closed_at"},
	{"appeal_events", "at"},
	{"visits", "start_at", "end_at", "remind_day_at", "remind_day_sent_at", "remind_hour_at", "remind_hour_sent_at",
		"created_at", "updated_at"},
	{"visit_seats", "unit_at"},
	{"slot_watches", "created_at", "notified_at"},
	{"outbox", "next_at", "lease_until", "created_at", "sent_at"},
	{"rating_points", "created_at"},
	{"ratings", "answered_at", "created_at", "updated_at"},
	{"managers", "created_at", "revoked_at"},
	{"manager_invites", "created_at", "expires_at", "used_at"},
}

// rewriteTimes is migration 8. SQLite databases made before it keep times in
// three text formats (RFC 3339 with trimmed fractions, nine fixed digits,
// whole seconds) that do not all sort as time; it rewrites every one in
// sqliteTime. PostgreSQL keeps timestamptz and has nothing to do.
func (dl *dialect) rewriteTimes(ctx context.Context, tx *sql.Tx) error {
	if dl != sqlite {
		return nil
	}
	for _, tc := range timeColumns {
		if err := rewriteTableTimes(ctx, tx, tc[0], tc[1:]); err != nil {
			return fmt.Errorf("rewrite times of %s: %w", tc[0], err)
		}
	}
	return nil
}

func rewriteTableTimes(ctx context.Context, tx *sql.Tx, table string, cols []string) error {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, `+strings.Join(cols, ", ")+` FROM `+table)
	if err != nil {
		return err
	}
	type row struct {
		id   int64
		vals []any
	}
	var all []row
	for rows.Next() {
		r := row{vals: make([]any, len(cols))}
		dest := []any{&r.id}
		times := make([]sql.NullString, len(cols))
		for i := range times {
			dest = append(dest, &times[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		for i, s := range times {
			if r.vals[i], err = reencode(s); err != nil {
				rows.Close()
				return err
			}
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	update := `UPDATE ` + table + ` SET ` + strings.Join(cols, " = ?, ") + ` = ? WHERE rowid = ?`
	for _, r := range all {
		if _, err := tx.ExecContext(ctx, update, append(r.vals, r.id)...); err != nil {
			return err
		}
	}
	return nil
}

func reencode(s sql.NullString) (any, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var t time.Time
	if err := at(&t).Scan(s.String); err != nil {
		return nil, err
	}
	return sqlite.time(t), nil
}

// migrationLockID is the advisory lock of migrations in the current schema.
func (d *DB) migrationLockID(ctx context.Context) (int64, error) {
	var schema string
	if err := d.db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return 0, fmt.Errorf("migration lock: %w", unavailable(err))
	}
	h := fnv.New64a()
	h.Write([]byte("vikno migrations " + schema))
	return int64(h.Sum64()), nil
}
