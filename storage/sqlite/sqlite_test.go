package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vikno-city/vikno/storage/sqlite"
	"github.com/vikno-city/vikno/storage/storetest"
)

// MustOpen opens a migrated database in a temporary directory.
func MustOpen(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "vikno.db"))
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

func TestMigrateTwiceIsNoOpAndSchemaIsCurrent(t *testing.T) {
	db := MustOpen(t)
	v, err := db.Migrate(context.Background())
	if err != nil || v < 1 {
		t.Fatalf("Migrate = %d, %v", v, err)
	}
	if err := db.CheckSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestCheckSchemaRefusesUnmigratedDatabase(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CheckSchema(context.Background()); err == nil {
		t.Fatal("CheckSchema on an empty database succeeded")
	}
}
