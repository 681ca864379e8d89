package redis_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/storage/ephemeraltest"
	"github.com/vikno-city/vikno/storage/redis"
)

func TestConformance(t *testing.T) {
	url := testenv.RedisURL(t)
	ephemeraltest.Run(t, func(t *testing.T) vikno.Ephemeral {
		s, err := redis.Open(context.Background(), url, "test:"+testenv.RandomID()+":")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenUnreachableServerFailsClearly(t *testing.T) {
	_, err := redis.Open(context.Background(), "redis://127.0.0.1:1/0", "")
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("err = %v, want unavailable", err)
	}
}
