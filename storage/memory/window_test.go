package memory_test

import (
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/storage/memory"
)

func TestWindowBulkLeavesTheFreedSlotToAWaitingReply(t *testing.T) {
	l := vikno.Limit{Events: 2, Per: time.Second}
	var w memory.Window
	t0 := time.Unix(1000, 0)
	mustTake(t, &w, t0, l, true)
	mustTake(t, &w, t0.Add(500*time.Millisecond), l, true)
	ok, wait := w.Take(t0.Add(600*time.Millisecond), l, false)
	if ok || wait != 400*time.Millisecond {
		t.Fatalf("reply in a full window: ok=%v wait=%v, want refused for 400ms", ok, wait)
	}
	at := t0.Add(time.Second + time.Millisecond)
	if ok, _ := w.Take(at, l, true); ok {
		t.Fatal("bulk took the slot a waiting reply was promised")
	}
	mustTake(t, &w, at, l, false)
}

func TestWindowBulkKeepsItsPlaceWhenALittleLate(t *testing.T) {
	l := vikno.Limit{Events: 10, Per: time.Second} // an interval of 100ms
	var w memory.Window
	t0 := time.Unix(1000, 0)
	mustTake(t, &w, t0, l, true)
	mustTake(t, &w, t0.Add(130*time.Millisecond), l, true) // 30ms late
	if ok, _ := w.Take(t0.Add(199*time.Millisecond), l, true); ok {
		t.Fatal("bulk sent before its place")
	}
	mustTake(t, &w, t0.Add(200*time.Millisecond), l, true) // on its place, not 230ms
}

func TestWindowNeverTakesMoreThanTheLimitInAPeriod(t *testing.T) {
	l := vikno.Limit{Events: 5, Per: time.Second}
	var w memory.Window
	t0 := time.Unix(1000, 0)
	var taken []time.Time
	for ms := 0; ms < 5000; ms += 7 {
		now := t0.Add(time.Duration(ms) * time.Millisecond)
		if ok, _ := w.Take(now, l, ms%3 == 0); ok {
			taken = append(taken, now)
		}
	}
	for i := l.Events; i < len(taken); i++ {
		if taken[i].Sub(taken[i-l.Events]) <= l.Per {
			t.Fatalf("%d sends within %v", l.Events+1, taken[i].Sub(taken[i-l.Events]))
		}
	}
	if len(taken) < 20 {
		t.Fatalf("%d sends in 5 s, want the window used", len(taken))
	}
}

func mustTake(t *testing.T, w *memory.Window, now time.Time, l vikno.Limit, bulk bool) {
	t.Helper()
	if ok, wait := w.Take(now, l, bulk); !ok {
		t.Fatalf("send at %v refused (wait %v)", now, wait)
	}
}
