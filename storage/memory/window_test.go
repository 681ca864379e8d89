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
	ticket, wait := w.Take(t0.Add(600*time.Millisecond), l, false)
	if ticket != 0 || wait != 400*time.Millisecond {
		t.Fatalf("reply in a full window: ticket=%d wait=%v, want refused for 400ms", ticket, wait)
	}
	at := t0.Add(time.Second + time.Millisecond)
	if ticket, _ := w.Take(at, l, true); ticket != 0 {
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
	if ticket, _ := w.Take(t0.Add(199*time.Millisecond), l, true); ticket != 0 {
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
		if ticket, _ := w.Take(now, l, ms%3 == 0); ticket != 0 {
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

func TestWindowHoldsASlotFromWhenItsSendEnded(t *testing.T) {
	l := vikno.Limit{Events: 1, Per: time.Second}
	var w memory.Window
	t0 := time.Unix(1000, 0)
	slow := mustTake(t, &w, t0, l, false)
	w.Done(t0.Add(300*time.Millisecond), slow) // the platform may have counted it at 300ms
	if ticket, wait := w.Take(t0.Add(1100*time.Millisecond), l, false); ticket != 0 || wait != 200*time.Millisecond {
		t.Fatalf("a send 1.1 s after the slow one began: ticket=%d wait=%v, want refused for 200ms", ticket, wait)
	}
	mustTake(t, &w, t0.Add(1300*time.Millisecond), l, false)
}

func mustTake(t *testing.T, w *memory.Window, now time.Time, l vikno.Limit, bulk bool) int64 {
	t.Helper()
	ticket, wait := w.Take(now, l, bulk)
	if ticket == 0 {
		t.Fatalf("send at %v refused (wait %v)", now, wait)
	}
	return ticket
}
