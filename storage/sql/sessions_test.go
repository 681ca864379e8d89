package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

func TestSessionsSurviveReopeningAndExpire(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		u := url(t)
		db := MustMigrate(t, u)
		now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		kv := db.Sessions()
		if _, err := kv.Get(ctx, "session:telegram:1"); !vikno.IsNotFound(err) {
			t.Fatalf("missing session: %v, want not found", err)
		}
		for _, v := range []string{`{"flow":"appeal"}`, `{"flow":"book","step":"slot"}`} {
			if err := kv.Set(ctx, "session:telegram:1", []byte(v), time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if err := kv.Set(ctx, "session:telegram:2", []byte(`{}`), time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := kv.Delete(ctx, "session:telegram:3"); err != nil { // deleting nothing is no error
			t.Fatal(err)
		}
		// Another process opening the same database (a restart) reads them.
		again := MustOpen(t, u)
		again.Now = db.Now
		got, err := again.Sessions().Get(ctx, "session:telegram:1")
		if err != nil || string(got) != `{"flow":"book","step":"slot"}` {
			t.Fatalf("after reopening: %q, %v", got, err)
		}
		now = now.Add(2 * time.Minute)
		if _, err := kv.Get(ctx, "session:telegram:2"); !vikno.IsNotFound(err) {
			t.Fatalf("expired session: %v, want not found", err)
		}
		if err := kv.Delete(ctx, "session:telegram:1"); err != nil {
			t.Fatal(err)
		}
		if _, err := kv.Get(ctx, "session:telegram:1"); !vikno.IsNotFound(err) {
			t.Fatalf("deleted session: %v, want not found", err)
		}
	})
}

func TestConcurrentSessionWritesKeepEachResidentsLast(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		kv := MustMigrate(t, url(t)).Sessions()
		const residents, steps = 30, 5
		var wg sync.WaitGroup
		for r := range residents {
			wg.Go(func() { // one resident's turns come in order, residents at once
				key := fmt.Sprintf("session:web:%d", r)
				for s := range steps {
					if err := kv.Set(ctx, key, []byte(fmt.Sprintf("step %d", s)), time.Hour); err != nil {
						t.Error(err)
					}
				}
				if r%3 == 0 {
					if err := kv.Delete(ctx, key); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		for r := range residents {
			got, err := kv.Get(ctx, fmt.Sprintf("session:web:%d", r))
			if r%3 == 0 {
				if !vikno.IsNotFound(err) {
					t.Errorf("resident %d: deleted session reads %q, %v", r, got, err)
				}
				continue
			}
			if err != nil || string(got) != fmt.Sprintf("step %d", steps-1) {
				t.Errorf("resident %d: %q, %v; want the last step", r, got, err)
			}
		}
	})
}

// Sessions adopted from an earlier version's Redis are stored with their
// time left (or the default), and never over a session this version wrote.
func TestAdoptedSessionsNeverReplaceNewerOnes(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		kv := db.Sessions()
		if err := kv.Set(ctx, "session:telegram:1", []byte(`{"flow":"book"}`), time.Hour); err != nil {
			t.Fatal(err)
		}
		err := db.AdoptSessions(ctx, []dialog.SessionRecord{
			{Key: "session:telegram:1", Value: []byte(`{"flow":"старий"}`), TTL: time.Hour},
			{Key: "session:telegram:2", Value: []byte(`{"flow":"appeal"}`), TTL: 10 * time.Minute},
			{Key: "session:viber:3", Value: []byte(`{"flow":"faq"}`)},
		}, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]string{
			"session:telegram:1": `{"flow":"book"}`, "session:telegram:2": `{"flow":"appeal"}`, "session:viber:3": `{"flow":"faq"}`,
		} {
			if got, err := kv.Get(ctx, key); err != nil || string(got) != want {
				t.Errorf("%s = %q, %v; want %s", key, got, err, want)
			}
		}
		now = now.Add(11 * time.Minute)
		if _, err := kv.Get(ctx, "session:telegram:2"); !vikno.IsNotFound(err) {
			t.Errorf("an adopted session outlived its time left: %v", err)
		}
		now = now.Add(20 * time.Hour)
		if _, err := kv.Get(ctx, "session:viber:3"); err != nil {
			t.Errorf("a session without a time to live did not get the default: %v", err)
		}
	})
}
