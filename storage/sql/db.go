// Package sqlstore implements Vikno's stores once, on database/sql, for both
// relational backends: PostgreSQL (pgx through its stdlib driver) for
// production and replicas, and an SQLite file (modernc.org/sqlite, pure Go)
// for one process. The SQL is written once with $n placeholders; a small
// dialect (dialect.go) holds what really differs.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/staff"
)

// DB is a relational database of either dialect.
type DB struct {
	db *sql.DB
	// lazy is for writes whose loss in a database crash is harmless and
	// repaired elsewhere (an outbox "sent" mark: the message is sent
	// again). On PostgreSQL its connections commit without waiting for the
	// WAL flush (synchronous_commit=off), which spares the server one flush
	// per reply; a crash of this process loses nothing, only a crash of the
	// database server loses the last fraction of a second of them. On
	// SQLite it is db.
	lazy *sql.DB
	// rd serves the hot reads that run outside a transaction (the
	// pipeline's journal, resident lookups): on SQLite a pool of read-only
	// connections, which in WAL mode read the last committed state while
	// the one writer connection writes, so a read never queues behind a
	// write; on PostgreSQL it is db.
	rd      *sql.DB
	dialect *dialect
	// stmts caches prepared statements of the hot constant queries (the
	// message pipeline's): SQLite would otherwise parse them on every call.
	stmts  sync.Map // query → *sql.Stmt
	rstmts sync.Map // the same on rd
	lstmts sync.Map // the same on lazy
	// Group commits (group.go) of the journal's appends and of the outbox's
	// "sent" marks.
	appends   *group[appendCall, bool]
	completes *group[completeCall, completeResult]
	// The sessions written outside a turn's completion (sessions.go).
	sessionWrites *group[sessionWrite, struct{}]
	purge         sessionPurge
	marks         *group[int64, struct{}]
	// Now is the clock of the times the store sets itself (tests fix it).
	Now func() time.Time
}

// IsPostgresURL reports whether url names a PostgreSQL server; anything
// else is an SQLite file path.
func IsPostgresURL(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// Open opens the database at url: a PostgreSQL URL, or else the path of an
// SQLite file (created if needed). It checks that the database answers but
// does not migrate; call Migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	var (
		d   = &DB{Now: time.Now}
		err error
	)
	d.appends = &group[appendCall, bool]{what: "append inbound", max: maxAppendBatch, write: d.writeAppends}
	d.marks = &group[int64, struct{}]{what: "outbox", max: maxMarkBatch, write: d.writeMarks}
	d.completes = &group[completeCall, completeResult]{what: "complete inbound", max: maxCompleteBatch, write: d.writeCompletions}
	d.sessionWrites = &group[sessionWrite, struct{}]{what: "session", max: maxSessionBatch, write: d.writeSessions}
	if IsPostgresURL(url) {
		d.db, err = openPostgres(url, 20, nil)
		if err == nil {
			d.lazy, err = openPostgres(url, 4, map[string]string{"synchronous_commit": "off"})
		}
		d.rd = d.db
		d.dialect = postgres
	} else {
		d.db, err = openSQLite(url, 1, "&_txlock=immediate")
		if err == nil {
			d.rd, err = openSQLite(url, sqliteReaders, "&_pragma=query_only(1)")
		}
		d.lazy = d.db
		d.dialect = sqlite
	}
	if err != nil {
		for _, db := range []*sql.DB{d.db, d.rd, d.lazy} {
			if db != nil {
				db.Close()
			}
		}
		return nil, err
	}
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// openPostgres opens a pool of at most conns connections, with params set
// on each connection.
func openPostgres(url string, conns int, params map[string]string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, vikno.Errorf(vikno.EINVALID, "database url: %v", err)
	}
	cfg.ConnectTimeout = 5 * time.Second
	for k, v := range params {
		cfg.RuntimeParams[k] = v
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(conns)
	// Every connection stays idle in the pool (until ConnMaxIdleTime): a
	// pool that closes connections it will need a moment later makes the
	// server start a backend process for each, which under load costs more
	// than the queries.
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// sqliteReaders is how many read-only SQLite connections serve rd.
const sqliteReaders = 4

// openSQLite opens the file with at most conns connections and the extra
// URL parameters params. The writer has one connection: SQLite allows one
// writer, and a single connection makes transactions serialise instead of
// failing with "database is locked"; its transactions begin IMMEDIATE,
// taking the write lock at once, so a read-then-write transaction never
// interleaves. Readers are query_only.
func openSQLite(path string, conns int, params string) (*sql.DB, error) {
	path = strings.TrimPrefix(path, "file:")
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, vikno.Errorf(vikno.EUNAVAILABLE, "create data directory %s: %v", dir, err)
		}
	}
	q := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)" + params
	db, err := sql.Open("sqlite", "file:"+path+q)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	return db, nil
}

// Dialect names the database: "postgres" or "sqlite".
func (d *DB) Dialect() string { return d.dialect.name }

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.db.PingContext(ctx); err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "database unreachable: %v", err)
	}
	return nil
}

// Close closes the database.
func (d *DB) Close() error {
	d.appends.close()
	d.completes.close()
	d.sessionWrites.close()
	d.marks.close()
	for _, m := range []*sync.Map{&d.stmts, &d.rstmts, &d.lstmts} {
		m.Range(func(_, st any) bool {
			st.(*sql.Stmt).Close()
			return true
		})
	}
	for _, db := range []*sql.DB{d.lazy, d.rd} {
		if db != d.db {
			db.Close()
			settle(db)
		}
	}
	err := d.db.Close()
	settle(d.db)
	return err
}

// settle waits (up to 5 s) until every connection of a closed pool is
// closed. database/sql closes a connection that is in use, or that its
// opener goroutine was still opening, only after Close returned; an SQLite
// connection's close checkpoints the WAL and deletes its files, so the
// database is not finished with until then.
func settle(db *sql.DB) {
	for deadline := time.Now().Add(5 * time.Second); db.Stats().OpenConnections > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}

// prepared returns the cached prepared statement of a constant query.
func (d *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	return prepareOn(ctx, d.db, &d.stmts, query)
}

// prepareOn returns the statement of query prepared on db, cached in stmts.
func prepareOn(ctx context.Context, db *sql.DB, stmts *sync.Map, query string) (*sql.Stmt, error) {
	if st, ok := stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, unavailable(err)
	}
	if old, loaded := stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// stmtIn returns the cached statement of query for use in tx (nil: none),
// or false when it is not prepared yet. Inside a transaction the statement
// cannot be prepared on the pool (SQLite has one connection, which the
// transaction holds), so it is prepared in the background for next time.
func (d *DB) stmtIn(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, bool) {
	if tx == nil {
		st, err := d.prepared(ctx, query)
		return st, err == nil
	}
	st, ok := d.stmts.Load(query)
	if !ok {
		go d.prepared(context.Background(), query)
		return nil, false
	}
	return tx.StmtContext(ctx, st.(*sql.Stmt)), true
}

// execCached runs a constant statement, in tx when it is not nil.
func (d *DB) execCached(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st, ok := d.stmtIn(ctx, tx, query); ok {
		return st.ExecContext(ctx, args...)
	}
	if tx != nil {
		return tx.ExecContext(ctx, query, args...)
	}
	return d.db.ExecContext(ctx, query, args...)
}

// queryCached runs a constant query, in tx when it is not nil.
func (d *DB) queryCached(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if st, ok := d.stmtIn(ctx, tx, query); ok {
		return st.QueryContext(ctx, args...)
	}
	if tx != nil {
		return tx.QueryContext(ctx, query, args...)
	}
	return d.db.QueryContext(ctx, query, args...)
}

// queryRowCached runs a constant query for one row, in tx when it is not nil.
func (d *DB) queryRowCached(ctx context.Context, tx *sql.Tx, query string, args ...any) scanner {
	if st, ok := d.stmtIn(ctx, tx, query); ok {
		return st.QueryRowContext(ctx, args...)
	}
	if tx != nil {
		return tx.QueryRowContext(ctx, query, args...)
	}
	return d.db.QueryRowContext(ctx, query, args...)
}

// readCached runs a constant read-only query outside any transaction on
// the read pool.
func (d *DB) readCached(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := prepareOn(ctx, d.rd, &d.rstmts, query)
	if err != nil {
		return d.rd.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// readRowCached is readCached for one row.
func (d *DB) readRowCached(ctx context.Context, query string, args ...any) scanner {
	st, err := prepareOn(ctx, d.rd, &d.rstmts, query)
	if err != nil {
		return d.rd.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// tx runs fn in a transaction, committing when it returns nil.
func (d *DB) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", unavailable(err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	audited, err := d.auditFromContext(ctx, tx)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if audited {
		staff.AuditWritten(ctx)
	}
	return nil
}

// unavailable marks a failure to reach the database as EUNAVAILABLE.
func unavailable(err error) error {
	if vikno.ErrorCode(err) != vikno.EINTERNAL {
		return err
	}
	return vikno.Errorf(vikno.EUNAVAILABLE, "database: %v", err)
}

// querier is *sql.DB or *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// notFound turns sql.ErrNoRows into an ENOTFOUND error about what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return vikno.Errorf(vikno.ENOTFOUND, "%s not found", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// affected returns how many rows an Exec changed.
func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
