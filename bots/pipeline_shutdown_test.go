package bots_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/redis"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// closingStep is a handler whose steps end only once their turn's context
// has: the pipeline was closed while they ran. entered gets the resident
// of each step that has run.
type closingStep struct {
	bots.TurnHandler
	entered chan string
}

func (h *closingStep) HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error) {
	turn, err := h.TurnHandler.HandleTurn(ctx, u)
	h.entered <- u.UserID
	<-ctx.Done()
	return turn, err
}

// The production stores (PostgreSQL journal and sessions, leases in Redis):
// turns whose steps end as the pipeline closes (a deploy) store each reply
// with its session, or neither. A reply stored without its session is sent
// after the restart while the resident's next message meets the step
// before it.
func TestTurnsEndingAsThePipelineClosesKeepReplyAndSessionTogether(t *testing.T) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	url, prefix := testenv.Redis(t)
	state, err := redis.Open(ctx, url, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { state.Close() })
	sent := &outbox{}
	e := dialog.New(dialog.Config{Residents: db, KV: db.Sessions()})
	e.Register(countFlow{})
	e.SetDefaultFlow("count")
	e.SetSender(dialogtest.Channel, sent)
	const residents = 16
	step := &closingStep{TurnHandler: e, entered: make(chan string, residents)}
	p := bots.New(bots.Config{Journal: db, Leases: state, Handler: step, Deliver: &notify.Worker{Store: db, Senders: e},
		SessionsInJournal: true, Sweep: time.Hour})
	for i := range residents {
		if err := p.Accept(ctx, fmt.Sprint("tg:close:", i), text(fmt.Sprint("r", i), "m")); err != nil {
			t.Fatal(err)
		}
	}
	for range residents {
		<-step.entered
	}
	p.Close()
	// A completion whose caller gave up may still be written: one queued
	// after them returns once they are.
	if _, err := db.CompleteInbound(ctx, -1, nil); err != nil {
		t.Fatal(err)
	}
	for i := range residents {
		user := fmt.Sprint("r", i)
		key := fmt.Sprintf("reply:tg:close:%d", i)
		msgs, err := db.FindOutbox(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		replies := slices.DeleteFunc(msgs, func(m notify.Message) bool { return m.Key != key })
		_, err = db.Sessions().Get(ctx, dialog.SessionKey(dialogtest.Channel, user))
		if err != nil && !vikno.IsNotFound(err) {
			t.Fatal(err)
		}
		if saved := err == nil; saved != (len(replies) == 1) {
			t.Errorf("%s: %d replies stored, session saved: %v; want both or neither", user, len(replies), saved)
		}
	}
}
