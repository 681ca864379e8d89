package redis_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/storage/ephemeraltest"
	"github.com/vikno-city/vikno/storage/redis"
)

func TestConformance(t *testing.T) {
	ephemeraltest.Run(t, func(t *testing.T) vikno.Ephemeral {
		url, prefix := testenv.Redis(t)
		s, err := redis.Open(context.Background(), url, prefix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestTestKeysAreDeletedWhenTheTestEnds(t *testing.T) {
	ctx := context.Background()
	var url, prefix string
	t.Run("writer", func(t *testing.T) {
		url, prefix = testenv.Redis(t)
		s, err := redis.Open(ctx, url, prefix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		for _, k := range []string{"session:1", "session:2"} {
			if err := s.Set(ctx, k, []byte("x"), 25*time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.FirstSeen(ctx, "update:1", time.Hour); err != nil {
			t.Fatal(err)
		}
	})
	if prefix == "" {
		t.Skip("Redis unavailable")
	}
	s, err := redis.Open(ctx, url, prefix)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Get(ctx, "session:1"); !vikno.IsNotFound(err) {
		t.Fatalf("after the test its key holds %q, %v; want it deleted", v, err)
	}
	if first, err := s.FirstSeen(ctx, "update:1", time.Second); err != nil || !first {
		t.Fatalf("after the test its de-duplication key remains: %v, %v", first, err)
	}
	testenv.DeleteRedisKeys(url, prefix)
}

func TestOpenUnreachableServerFailsClearly(t *testing.T) {
	_, err := redis.Open(context.Background(), "redis://127.0.0.1:1/0", "")
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("err = %v, want unavailable", err)
	}
}
