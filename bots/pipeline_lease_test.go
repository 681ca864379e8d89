package bots_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
)

// lostLeases are leases whose renewals fail: the replica that holds them
// loses the resident's turn while it works (a network split from the shared
// state, a process paused for longer than the lease).
type lostLeases struct{ vikno.Leases }

func (lostLeases) Extend(context.Context, string, string, time.Duration) (bool, error) {
	return false, nil
}

// slowStep is a handler whose step for one text takes until release is
// closed; entered is closed when that step has read the session.
type slowStep struct {
	bots.TurnHandler
	text             string
	entered, release chan struct{}
}

func (h *slowStep) HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error) {
	turn, err := h.TurnHandler.HandleTurn(ctx, u)
	if u.Text == h.text {
		close(h.entered)
		<-h.release
	}
	return turn, err
}

// stalledReplica is a replica whose step for text waits for the returned
// slowStep's release, and which loses the lease of every turn it takes.
func (w *world) stalledReplica(t *testing.T, text string, cfg bots.Config) (*bots.Pipeline, *slowStep) {
	t.Helper()
	e := dialog.New(dialog.Config{Residents: w.residents, KV: w.state})
	e.Register(countFlow{})
	e.SetDefaultFlow("count")
	e.SetSender(dialogtest.Channel, w.sent)
	step := &slowStep{TurnHandler: e, text: text, entered: make(chan struct{}), release: make(chan struct{})}
	worker := &notify.Worker{Store: w.store, Senders: e}
	cfg.Journal, cfg.Leases, cfg.Handler, cfg.Deliver = w.store, lostLeases{w.state}, step, worker
	p := bots.New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx)
	t.Cleanup(func() {
		select {
		case <-step.release:
		default:
			close(step.release)
		}
		cancel()
		p.Close()
	})
	return p, step
}

// A replica that lost a resident's lease while its step ran, and finds the
// update completed by the replica that took the turn over, does not save
// the session its step left: it would replace the newer one the resident's
// later turns saved, and the next turn would start from a stale count.
func TestAReplicaThatLostTheLeaseDoesNotSaveAStaleSession(t *testing.T) {
	w := newWorld()
	ctx := context.Background()
	r := bots.Resident{Channel: dialogtest.Channel, UserID: "oksana"}
	a, slow := w.stalledReplica(t, "m1", bots.Config{LeaseTTL: 300 * time.Millisecond, Sweep: time.Hour})
	b := w.replica(t, bots.Config{LeaseTTL: 300 * time.Millisecond, Sweep: 20 * time.Millisecond})
	if err := a.Accept(ctx, "tg:1", text("oksana", "m1")); err != nil {
		t.Fatal(err)
	}
	<-slow.entered
	// a's lease runs out; b's sweeper takes the resident's turn.
	waitFor(t, "b's reply to m1", func() bool { return len(w.sent.received("oksana")) == 1 })
	if err := b.Accept(ctx, "tg:2", text("oksana", "m2")); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(ctx, r); err != nil {
		t.Fatal(err)
	}
	close(slow.release) // a's step for m1 ends at last
	if err := a.Wait(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := b.Accept(ctx, "tg:3", text("oksana", "m3")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reply to m3", func() bool { return len(w.sent.received("oksana")) >= 3 })
	if got := strings.Join(w.sent.received("oksana"), "|"); got != "1:m1|2:m2|3:m3" {
		t.Fatalf("replies = %q, want each counted once, in order", got)
	}
}
