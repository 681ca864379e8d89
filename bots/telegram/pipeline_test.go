package telegram_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/storage/memory"
)

// HandleTurn lets the test handler drive the pipeline.
func (h *handler) HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error) {
	replies, err := h.Handle(ctx, u)
	return dialog.Turn{Replies: replies, Keyboard: h.keyboard}, err
}

// countingState counts the reads of the store it wraps.
type countingState struct {
	*memory.Store
	reads atomic.Int32
}

func (c *countingState) Get(ctx context.Context, key string) ([]byte, error) {
	c.reads.Add(1)
	return c.Store.Get(ctx, key)
}

// A reply whose turn says whether a reply keyboard is shown goes out
// without looking, and takes a shown one away; a turn that does not know
// makes the sender look once per reply.
func TestPipelineReplyKnowingTheKeyboardSkipsTheLookup(t *testing.T) {
	for _, tc := range []struct {
		keyboard dialog.Keyboard
		reads    int32
		removals int
	}{{dialog.KeyboardNone, 0, 0}, {dialog.KeyboardShown, 0, 2}, {dialog.KeyboardUnknown, 2, 0}} {
		state := &countingState{Store: memory.New()}
		hs := newHarness(t, telegram.ModeWebhook, &handler{keyboard: tc.keyboard}, func(c *telegram.Config) { c.State = state })
		for i, up := range [][]byte{telegramtest.Text(7, 42, "а"), telegramtest.Text(8, 42, "б")} {
			hs.deliver(t, up)
			hs.fake.WaitSent(t, 42, i+1)
		}
		hs.settle(t, 42)
		if n := state.reads.Load(); n != tc.reads {
			t.Errorf("keyboard %q: %d reads of the shared state, want %d", tc.keyboard, n, tc.reads)
		}
		removals := 0
		for _, c := range hs.fake.Calls("sendMessage") {
			if strings.Contains(c.Params["reply_markup"], `"remove_keyboard":true`) {
				removals++
			}
		}
		if removals != tc.removals {
			t.Errorf("keyboard %q: %d replies removed a keyboard, want %d", tc.keyboard, removals, tc.removals)
		}
	}
}

// senderOf resolves the bot's sender once the bot exists.
type senderOf struct{ bot **telegram.Bot }

func (s senderOf) SenderFor(ch vikno.Channel) (dialog.Sender, bool) {
	if ch != vikno.Telegram || *s.bot == nil {
		return nil, false
	}
	return (*s.bot).Sender(), true
}

func (s senderOf) Channels() []vikno.Channel { return []vikno.Channel{vikno.Telegram} }

// The webhook answers as soon as the update is journaled, whatever the
// handling and pacing take; the reply follows.
func TestPipelineWebhookAnswersBeforeTheUpdateIsHandled(t *testing.T) {
	h := &handler{block: make(chan struct{})}
	hs := newHarness(t, telegram.ModeWebhook, h)
	store := hs.store
	done := make(chan int)
	go func() { done <- hs.deliver(t, telegramtest.Text(7, 42, "привіт")) }()
	select {
	case st := <-done:
		if st != 200 {
			t.Fatalf("status %d", st)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the webhook waited for the dialog step")
	}
	if handled, pending := store.Handled(); handled != 0 || pending != 1 {
		t.Fatalf("journal %d handled, %d pending; want the update journaled and waiting", handled, pending)
	}
	close(h.block)
	msgs := hs.fake.WaitSent(t, 42, 1)
	if msgs[0].Text != "Ви написали: <b>привіт</b>" {
		t.Fatalf("reply %q", msgs[0].Text)
	}
}

// A redelivered update (Telegram retries when it saw no answer) is
// journaled once and answered once.
func TestPipelineRedeliveryIsAnsweredOnce(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, &handler{})
	store := hs.store
	for range 3 {
		if st := hs.deliver(t, telegramtest.Text(9, 43, "раз")); st != 200 {
			t.Fatalf("status %d", st)
		}
	}
	hs.fake.WaitSent(t, 43, 1)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if handled, _ := store.Handled(); handled == 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(hs.fake.Sent(43)); n != 1 {
		t.Fatalf("%d messages for one update delivered three times", n)
	}
	if n := len(hs.handler.seen()); n != 1 {
		t.Fatalf("handled %d times", n)
	}
}

// Blocking the bot reaches the engine through the pipeline as an update of
// its own, not as a store write from the adapter.
func TestPipelineBlockingIsAnUpdate(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, &handler{reply: func(dialog.Update) []dialog.Reply { return nil }})
	if st := hs.deliver(t, telegramtest.MemberStatus(5, 44, "kicked")); st != 200 {
		t.Fatalf("status %d", st)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(hs.handler.seen()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	seen := hs.handler.seen()
	if len(seen) != 1 || seen[0].Subscribed == nil || *seen[0].Subscribed || seen[0].UserID != "44" {
		t.Fatalf("updates %+v, want one that says chat 44 blocked the bot", seen)
	}
}
