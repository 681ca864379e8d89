// Package testenv gives tests the real PostgreSQL and Redis servers and the
// Hunspell dictionary of the development or CI machine. Outside CI a missing
// one skips the test; in CI (CI=true) it fails it, so a broken environment can
// never pass as green.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	goredis "github.com/redis/go-redis/v9"

	"github.com/vikno-city/vikno/internal/hunspell"
)

// Default addresses of the servers on development and CI machines.
const (
	DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	DefaultRedisURL    = "redis://127.0.0.1:6379/0"
)

func unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI but unreachable: %v", what, err)
	}
	t.Skipf("%s unreachable, skipping: %v", what, err)
}

// PostgresURL returns the URL of a fresh, empty schema in the test database,
// dropped when the test ends. VIKNO_TEST_DATABASE_URL overrides the server.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("VIKNO_TEST_DATABASE_URL")
	if base == "" {
		base = DefaultPostgresURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		unavailable(t, "PostgreSQL", err)
	}
	schema := "t_" + RandomID()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		conn.Close(ctx)
		t.Fatalf("create schema: %v", err)
	}
	conn.Close(ctx)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, base); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			c.Close(ctx)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Redis returns the URL of the test Redis server and a key prefix of the
// test's own ("test:<random>:"); when the test ends, every key under the
// prefix is deleted, so tests leave nothing behind in the shared server.
func Redis(t testing.TB) (url, prefix string) {
	t.Helper()
	url = RedisURL(t)
	prefix = "test:" + RandomID() + ":"
	t.Cleanup(func() {
		if err := DeleteRedisKeys(url, prefix); err != nil {
			t.Errorf("clean up Redis keys %s*: %v", prefix, err)
		}
	})
	return url, prefix
}

// DeleteRedisKeys deletes every key that starts with prefix.
func DeleteRedisKeys(url, prefix string) error {
	opts, err := goredis.ParseURL(url)
	if err != nil {
		return err
	}
	c := goredis.NewClient(opts)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iter := c.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil || len(keys) == 0 {
		return err
	}
	return c.Del(ctx, keys...).Err()
}

// RedisURL returns the URL of the test Redis server (VIKNO_TEST_REDIS_URL
// overrides it) after checking that it answers. Tests that write keys use
// Redis instead, for a prefix of their own that is cleaned up.
func RedisURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("VIKNO_TEST_REDIS_URL")
	if u == "" {
		u = DefaultRedisURL
	}
	opts, err := goredis.ParseURL(u)
	if err != nil {
		t.Fatalf("parse %s: %v", u, err)
	}
	c := goredis.NewClient(opts)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		unavailable(t, "Redis", err)
	}
	return u
}

// RandomID returns 16 random hex characters.
func RandomID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// UkrainianDictionary returns the Ukrainian Hunspell dictionary of the
// machine (Debian's hunspell-uk in hunspell.SystemDir), the one
// hunspell.Shared loads once per test binary. Outside CI a missing
// dictionary skips the test; in CI it fails it.
func UkrainianDictionary(t testing.TB) *hunspell.Dictionary {
	t.Helper()
	d, err := hunspell.Shared(hunspell.SystemDir, hunspell.Ukrainian)
	if err != nil {
		unavailable(t, "the hunspell-uk dictionary", err)
	}
	return d
}
