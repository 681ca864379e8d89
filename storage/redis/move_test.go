package redis_test

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/storage/redis"
)

// MoveAll hands every value under the key prefix over with its time to live
// and deletes it; other keys stay. When put fails, nothing of that batch is
// deleted, so the next start moves it.
func TestMoveAllHandsOverAndDeletesOnlyItsKeys(t *testing.T) {
	ctx := context.Background()
	url, prefix := testenv.Redis(t)
	s, err := redis.Open(ctx, url, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	want := map[string]string{}
	for i := range 450 { // more than one scan batch
		k := "session:telegram:" + strconv.Itoa(i)
		want[k] = "стан " + k
		if err := s.Set(ctx, k, []byte(want[k]), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Set(ctx, "session:viber:forever", []byte("без строку"), 0); err != nil {
		t.Fatal(err)
	}
	want["session:viber:forever"] = "без строку"
	if err := s.Set(ctx, "keyboard:telegram:1", []byte("інше"), time.Hour); err != nil {
		t.Fatal(err)
	}

	if _, err := s.MoveAll(ctx, "session:", func([]redis.Moved) error { return errors.New("database down") }); err == nil {
		t.Fatal("a failed put was not reported")
	}
	if v, err := s.Get(ctx, "session:viber:forever"); err != nil || string(v) != "без строку" {
		t.Fatalf("a failed put deleted the value: %q, %v", v, err)
	}

	got := map[string]redis.Moved{}
	n, err := s.MoveAll(ctx, "session:", func(batch []redis.Moved) error {
		for _, m := range batch {
			got[m.Key] = m
		}
		return nil
	})
	if err != nil || n != len(want) || len(got) != len(want) {
		t.Fatalf("moved %d (%d distinct), %v; want %d", n, len(got), err, len(want))
	}
	var bad []string
	for k, v := range want {
		m := got[k]
		if string(m.Value) != v {
			bad = append(bad, k)
		}
		if k == "session:viber:forever" && m.TTL != 0 || k != "session:viber:forever" && (m.TTL <= 50*time.Minute || m.TTL > time.Hour) {
			t.Errorf("%s moved with ttl %v", k, m.TTL)
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("values differ for %v", bad)
	}
	if v, err := s.Get(ctx, "session:viber:forever"); !vikno.IsNotFound(err) {
		t.Errorf("a moved key remains: %q, %v", v, err)
	}
	if v, err := s.Get(ctx, "keyboard:telegram:1"); err != nil || string(v) != "інше" {
		t.Errorf("a key outside the prefix changed: %q, %v", v, err)
	}
	if n, err := s.MoveAll(ctx, "session:", func([]redis.Moved) error { return nil }); n != 0 || err != nil {
		t.Errorf("a second move found %d, %v", n, err)
	}
}
