package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/testenv"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/storage/storetest"
)

// dialects opens a database of each dialect for a test: an SQLite file in a
// temporary directory and a fresh PostgreSQL schema.
var dialects = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "vikno.db") }},
	{"postgres", func(t *testing.T) string { return testenv.PostgresURL(t) }},
}

// forEachDialect runs test once per dialect.
func forEachDialect(t *testing.T, test func(t *testing.T, url func(t *testing.T) string)) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) { test(t, d.url) })
	}
}

// MustOpen opens the database at url, closed when the test ends.
func MustOpen(t *testing.T, url string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// MustMigrate opens and migrates the database at url.
func MustMigrate(t *testing.T, url string) *sqlstore.DB {
	t.Helper()
	db := MustOpen(t, url)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		storetest.Run(t, func(t *testing.T) storetest.Store { return MustMigrate(t, url(t)) })
	})
}

func TestMigrateTwiceIsNoOpAndSchemaIsCurrent(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		db := MustMigrate(t, url(t))
		v, err := db.Migrate(context.Background())
		if err != nil || v < 8 {
			t.Fatalf("Migrate = %d, %v", v, err)
		}
		if err := db.CheckSchema(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCheckSchemaRefusesUnmigratedDatabase(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		db := MustOpen(t, url(t))
		if err := db.CheckSchema(context.Background()); vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
			t.Fatalf("CheckSchema on an empty database = %v, want unavailable", err)
		}
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		db := MustMigrate(t, url(t))
		if err := db.Exec(context.Background(), `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, TRUE)`); err != nil {
			t.Fatal(err)
		}
		if err := db.CheckSchema(context.Background()); vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
			t.Fatalf("CheckSchema on a newer schema = %v, want unavailable", err)
		}
		if _, err := db.Migrate(context.Background()); vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
			t.Fatalf("Migrate on a newer schema = %v, want unavailable", err)
		}
	})
}

func TestConcurrentMigrationsApplyOnce(t *testing.T) {
	url := testenv.PostgresURL(t)
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			db, err := sqlstore.Open(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			_, err = db.Migrate(context.Background())
			errs <- err
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent migrate: %v", err)
		}
	}
}

func TestOpenUnreachableDatabaseFailsClearly(t *testing.T) {
	_, err := sqlstore.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("err = %v, want unavailable", err)
	}
}
