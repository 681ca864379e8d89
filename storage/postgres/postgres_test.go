package postgres_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/storage/postgres"
	"github.com/vikno-city/vikno/storage/storetest"
)

// MustOpen opens a migrated database in a fresh schema.
func MustOpen(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return MustOpen(t) })
}

func TestConcurrentMigrationsApplyOnce(t *testing.T) {
	url := testenv.PostgresURL(t)
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			db, err := postgres.Open(context.Background(), url)
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
	_, err := postgres.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("err = %v, want unavailable", err)
	}
}
