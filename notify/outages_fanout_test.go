package notify_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// TestOutageFanOutResumesAfterACrash fans a notice out to 1,800
// subscribers on PostgreSQL; the replica doing it dies after two of its
// four batches, holding its claim. Another replica cannot take the notice
// while the claim lasts, then resumes it: every subscriber is queued
// exactly once.
func TestOutageFanOutResumesAfterACrash(t *testing.T) {
	const subscribers = 1800
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]bool{}
	for i := range subscribers {
		res, err := db.EnsureResident(ctx, vikno.Telegram, strconv.Itoa(900000+i), "uk")
		if err == nil {
			_, err = db.Subscribe(ctx, cases.Subscription{ResidentID: res.ID, District: "sykhivskyi"})
		}
		if err != nil {
			t.Fatal(err)
		}
		want[res.ID] = true
	}
	outbox := &notify.Outbox{Store: db, Engine: dialog.New(dialog.Config{Residents: db, KV: memory.New()})}
	replica := func(owner string, queued func(kind string, n int)) *notify.Outages {
		return &notify.Outages{Store: db, Outbox: outbox, City: cfg.City, Owner: owner, Lease: 2 * time.Second, Queued: queued}
	}

	crashed, crash := context.WithCancel(ctx)
	batches := 0
	a := replica("a", func(string, int) {
		if batches++; batches == 2 {
			crash() // dies mid-fan-out: no release, the claim lapses with its lease
		}
	})
	o, err := a.Post(ctx, cases.Outage{ID: "big", Kind: cases.OutageElectricity, Districts: []string{"sykhivskyi"},
		Text: "Планові роботи.", Status: cases.OutageActive})
	if err != nil || o.FannedOut() {
		t.Fatalf("post = %+v %v", o, err)
	}
	if claimed, err := a.FanOutOnce(crashed); !claimed || err == nil {
		t.Fatalf("the crashing fan-out: claimed=%v err=%v", claimed, err)
	}
	mid, err := db.FindOutage(ctx, "big")
	if err != nil || mid.FannedOut() || mid.FanOutQueued != 500 {
		t.Fatalf("progress after the crash: %+v %v", mid, err)
	}
	if msgs, _ := db.FindOutbox(ctx, "outage:big:v1:"); len(msgs) != 1000 {
		t.Fatalf("%d messages queued before the crash, want 1000", len(msgs))
	}

	b := replica("b", nil)
	if claimed, err := b.FanOutOnce(ctx); claimed || err != nil {
		t.Fatalf("another replica took a notice whose claim lasts: claimed=%v err=%v", claimed, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		claimed, err := b.FanOutOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if claimed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the crashed replica's claim never lapsed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	done, err := db.FindOutage(ctx, "big")
	if err != nil || !done.FannedOut() || done.FanOutQueued != subscribers {
		t.Fatalf("after the resumed fan-out: %+v %v", done, err)
	}
	msgs, err := db.FindOutbox(ctx, "outage:big:v1:")
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]int{}
	for _, m := range msgs {
		got[m.ResidentID]++
		if !m.Bulk {
			t.Fatalf("a notice outside the bulk lane: %+v", m)
		}
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("resident %d is queued %d times", id, got[id])
		}
	}
	if len(got) != subscribers {
		t.Errorf("%d residents queued, want %d", len(got), subscribers)
	}
}
