package bots_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/botstest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
)

// sessionJournal keeps the engines' sessions in kv, as the SQL journal
// keeps them in its sessions table: written with the completion, read
// with the pending updates.
type sessionJournal struct {
	*botstest.Store
	kv vikno.KV
}

var _ bots.PendingSessionJournal = (*sessionJournal)(nil)

func (j *sessionJournal) CompleteInboundSession(ctx context.Context, id int64, reply *notify.Message, rec dialog.SessionRecord) (int64, error) {
	out, err := j.CompleteInbound(ctx, id, reply)
	if err != nil {
		return 0, err
	}
	return out, j.kv.Set(ctx, rec.Key, rec.Value, rec.TTL)
}

func (j *sessionJournal) PendingInboundSession(ctx context.Context, r bots.Resident, limit int, key string) ([]bots.Inbound, []byte, bool, error) {
	pending, err := j.PendingInbound(ctx, r, limit)
	if err != nil {
		return nil, nil, false, err
	}
	v, err := j.kv.Get(ctx, key)
	if vikno.IsNotFound(err) {
		return pending, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	return pending, v, true, nil
}

// A turn whose session came with its pending updates from the journal
// does not read it again, and each turn starts from the session the one
// before it saved.
func TestATurnTakesTheSessionReadWithItsUpdates(t *testing.T) {
	w := newWorld()
	kv := &countingKV{KV: w.state}
	w.sessions = kv
	w.journal = &sessionJournal{Store: w.store, kv: w.state}
	turnsReadNoSession(t, w.replica(t, bots.Config{SessionsInJournal: true}), w, kv)
}

// turnsReadNoSession sends three messages one turn at a time and checks
// each reply, and that the engine never read a session itself.
func turnsReadNoSession(t *testing.T, p *bots.Pipeline, w *world, kv *countingKV) {
	t.Helper()
	r := bots.Resident{Channel: dialogtest.Channel, UserID: "u1"}
	for i, m := range []string{"a", "b", "c"} {
		if err := p.Accept(context.Background(), "k"+m, text("u1", m)); err != nil {
			t.Fatal(err)
		}
		if err := p.Wait(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if got, want := w.sent.received("u1"), fmt.Sprintf("%d:%s", i+1, m); len(got) != i+1 || got[i] != want {
			t.Fatalf("replies %v, want the last %q", got, want)
		}
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.reads != 0 {
		t.Fatalf("the engine read the session %d times, want 0", kv.reads)
	}
}

// residentFlow answers with the id of the resident the turn was given.
type residentFlow struct{}

func (residentFlow) Name() string { return "resident" }

func (f residentFlow) Start(ctx context.Context, c *dialog.Conv, _ string) error {
	return f.Handle(ctx, c)
}

func (residentFlow) Handle(_ context.Context, c *dialog.Conv) error {
	c.Say(dialog.Plain(fmt.Sprintf("%d:%s", c.Resident.ID, c.Update.Text)))
	return nil
}

// residentJournal hands every pending update out with the resident row
// res, as the SQL journal reads it with them.
type residentJournal struct {
	*botstest.Store
	res vikno.Resident
}

func (j *residentJournal) PendingInbound(ctx context.Context, r bots.Resident, limit int) ([]bots.Inbound, error) {
	pending, err := j.Store.PendingInbound(ctx, r, limit)
	for i := range pending {
		pending[i].Resident = &j.res
	}
	return pending, err
}

// The first turn of a read takes the resident row read with the updates;
// a later one reads it again, as an earlier turn may have changed it.
func TestOnlyTheFirstTurnOfAReadTakesTheResidentReadWithIt(t *testing.T) {
	w := newWorld()
	w.flow = residentFlow{}
	stored, err := w.residents.EnsureResident(context.Background(), dialogtest.Channel, "u1", "uk")
	if err != nil {
		t.Fatal(err)
	}
	read := vikno.Resident{ID: stored.ID + 100, Channel: dialogtest.Channel, ExternalID: "u1", Locale: "uk"}
	w.journal = &residentJournal{Store: w.store, res: read}
	// both updates are pending before the resident's turn reads them
	if _, err := w.store.AppendInbound(context.Background(), bots.Inbound{Key: "ka", Update: text("u1", "a")}); err != nil {
		t.Fatal(err)
	}
	p := w.replica(t, bots.Config{})
	if err := p.Accept(context.Background(), "kb", text("u1", "b")); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(context.Background(), bots.Resident{Channel: dialogtest.Channel, UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("%d:a", read.ID), fmt.Sprintf("%d:b", stored.ID)}
	if got := w.sent.received("u1"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("replies %q, want %q", got, want)
	}
}
