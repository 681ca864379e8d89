package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

func outboxMessage(key string) notify.Message {
	return notify.Message{
		Key: key, ResidentID: 1, Channel: vikno.Telegram, UserID: "42", Kind: "alert",
		Replies: []dialog.Reply{{Text: dialog.Text{{Text: "Нова оцінка: "}, {Text: "2", Bold: true}},
			Buttons: [][]dialog.Button{{{Label: "Відповісти", Action: "mgr:r:1"}}}}},
	}
}

// everyChannel claims the messages of every channel.
var everyChannel = notify.Scope{Channels: []vikno.Channel{vikno.Telegram, vikno.Viber, vikno.Web, vikno.Terminal}}

func testOutbox(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("ClaimTakesOnlyItsScope", func(t *testing.T) {
		s := open(t)
		tg, mine, other := outboxMessage("tg"), outboxMessage("mine"), outboxMessage("other")
		mine.Channel, mine.UserID = vikno.Terminal, "me"
		other.Channel, other.UserID = vikno.Terminal, "someone-else"
		if err := s.Enqueue(ctx, []notify.Message{tg, mine, other}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Claim(ctx, 10, time.Minute, notify.Scope{}); err != nil || len(got) != 0 {
			t.Fatalf("a scope without channels claimed %+v, %v", got, err)
		}
		got, err := s.Claim(ctx, 10, time.Minute, notify.Scope{Channels: []vikno.Channel{vikno.Terminal}, UserID: "me"})
		if err != nil || len(got) != 1 || got[0].Key != "mine" {
			t.Fatalf("terminal chat of user me claimed %+v, %v; want only its own notice", got, err)
		}
		got, err = s.Claim(ctx, 10, time.Minute, notify.Scope{Channels: []vikno.Channel{vikno.Telegram}})
		if err != nil || len(got) != 1 || got[0].Key != "tg" {
			t.Fatalf("telegram worker claimed %+v, %v", got, err)
		}
	})
	t.Run("EnqueueIsIdempotentByKeyAndRoundTrips", func(t *testing.T) {
		s := open(t)
		m := outboxMessage("rating:1:mgr:1")
		for range 2 {
			if err := s.Enqueue(ctx, []notify.Message{m}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.FindOutbox(ctx, "rating:1:")
		if err != nil || len(got) != 1 {
			t.Fatalf("FindOutbox = %d messages, %v; want 1", len(got), err)
		}
		g := got[0]
		if g.Status != notify.StatusPending || g.UserID != "42" || g.Replies[0].Text[1].Text != "2" ||
			!g.Replies[0].Text[1].Bold || g.Replies[0].Buttons[0][0].Action != "mgr:r:1" {
			t.Fatalf("stored message = %+v", g)
		}
	})
	t.Run("ClaimLeasesRetryBuryAndSent", func(t *testing.T) {
		s := open(t)
		s.Enqueue(ctx, []notify.Message{outboxMessage("a"), outboxMessage("b"), outboxMessage("c")})
		first, err := s.Claim(ctx, 2, time.Minute, everyChannel)
		if err != nil || len(first) != 2 {
			t.Fatalf("Claim = %d, %v", len(first), err)
		}
		second, _ := s.Claim(ctx, 10, time.Minute, everyChannel)
		if len(second) != 1 || second[0].Key != "c" {
			t.Fatalf("second claim = %+v; leased messages must not be claimed again", second)
		}
		if err := s.MarkSent(ctx, first[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Retry(ctx, first[1].ID, time.Now().Add(-time.Second), "bot api 500"); err != nil {
			t.Fatal(err)
		}
		if err := s.Bury(ctx, second[0].ID, "chat not found"); err != nil {
			t.Fatal(err)
		}
		again, _ := s.Claim(ctx, 10, time.Minute, everyChannel)
		if len(again) != 1 || again[0].ID != first[1].ID || again[0].Attempts != 1 || again[0].Error != "bot api 500" {
			t.Fatalf("claim after retry = %+v", again)
		}
		counts, err := s.OutboxCounts(ctx)
		if err != nil || counts[notify.StatusSent] != 1 || counts[notify.StatusDead] != 1 || counts[notify.StatusSending] != 1 {
			t.Fatalf("counts = %v, %v", counts, err)
		}
	})
	t.Run("ConcurrentMarksAreEachKeptAndRepliesWiped", func(t *testing.T) {
		// Senders mark at once (the store may commit the marks together).
		s := open(t)
		var msgs []notify.Message
		for i := range 70 {
			m := outboxMessage(fmt.Sprint("mark", i))
			if i%2 == 0 {
				m.Kind = notify.KindReply
				m.Replies = []dialog.Reply{{Text: dialog.Text{{Text: "PIN: "}, {Text: "482193", Bold: true}}}}
			}
			msgs = append(msgs, m)
		}
		if err := s.Enqueue(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claim(ctx, 100, time.Minute, everyChannel)
		if err != nil || len(got) != len(msgs) {
			t.Fatalf("Claim = %d, %v", len(got), err)
		}
		var wg sync.WaitGroup
		for _, m := range got {
			wg.Go(func() {
				if err := s.MarkSent(ctx, m.ID); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		counts, err := s.OutboxCounts(ctx)
		if err != nil || counts[notify.StatusSent] != len(msgs) || len(counts) != 1 {
			t.Fatalf("counts = %v, %v; want all %d sent", counts, err, len(msgs))
		}
		kept, err := s.FindOutbox(ctx, "mark")
		if err != nil || len(kept) != len(msgs) {
			t.Fatalf("FindOutbox = %d, %v", len(kept), err)
		}
		for _, m := range kept {
			if m.Kind == notify.KindReply && len(m.Replies) != 0 {
				t.Errorf("reply %s keeps its text after it was sent: %+v", m.Key, m.Replies)
			}
			if m.Kind != notify.KindReply && (len(m.Replies) != 1 || m.Attempts != 1 || m.SentAt.IsZero()) {
				t.Errorf("notice %s after marking: %+v", m.Key, m)
			}
		}
	})
	t.Run("ExpiredLeaseIsClaimedAgain", func(t *testing.T) {
		s := open(t)
		s.Enqueue(ctx, []notify.Message{outboxMessage("x")})
		if got, _ := s.Claim(ctx, 10, -time.Second, everyChannel); len(got) != 1 {
			t.Fatalf("first claim = %d", len(got))
		}
		if got, _ := s.Claim(ctx, 10, time.Minute, everyChannel); len(got) != 1 {
			t.Fatalf("a message whose worker died must be claimed again, got %d", len(got))
		}
	})
	t.Run("ReceiptsMoveForwardAndShowInProgress", func(t *testing.T) {
		s := open(t)
		var msgs []notify.Message
		for i := range 4 {
			msgs = append(msgs, outboxMessage(fmt.Sprint("outage:вода_1:v1:", i)))
		}
		msgs = append(msgs, outboxMessage("outage:вода_10:v1:1")) // another notice
		if err := s.Enqueue(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claim(ctx, 10, time.Minute, everyChannel)
		if err != nil || len(got) != 5 {
			t.Fatalf("claimed %d, %v", len(got), err)
		}
		ids := map[string]int64{}
		for _, m := range got {
			ids[m.Key] = m.ID
		}
		at := time.Now()
		steps := []struct {
			token, state string
			id           int64 // RecordSent when not 0
		}{
			{token: "t0", id: ids["outage:вода_1:v1:0"]},
			{token: "t0", state: notify.ReceiptSeen},
			{token: "t0", state: notify.ReceiptDelivered}, // late: stays seen
			{token: "t1", state: notify.ReceiptDelivered}, // before its RecordSent
			{token: "t1", id: ids["outage:вода_1:v1:1"]},
			{token: "t2a", id: ids["outage:вода_1:v1:2"]},
			{token: "t2b", id: ids["outage:вода_1:v1:2"]}, // a second part of one message
			{token: "t2b", state: notify.ReceiptFailed},
			{token: "t9", id: ids["outage:вода_10:v1:1"]},
			{token: "t9", state: notify.ReceiptSeen},
		}
		for _, st := range steps {
			if st.id != 0 {
				err = s.RecordSent(ctx, vikno.Viber, st.token, st.id)
			} else {
				err = s.RecordReceipt(ctx, vikno.Viber, st.token, st.state, "", at)
			}
			if err != nil {
				t.Fatalf("%+v: %v", st, err)
			}
		}
		if err := s.RecordReceipt(ctx, vikno.Viber, "t0", "read", "", at); vikno.ErrorCode(err) != vikno.EINVALID {
			t.Errorf("unknown state: %v, want EINVALID", err)
		}
		for _, key := range []string{"outage:вода_1:v1:0", "outage:вода_1:v1:1"} {
			if err := s.MarkSent(ctx, ids[key]); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Bury(ctx, ids["outage:вода_1:v1:3"], "blocked"); err != nil {
			t.Fatal(err)
		}
		p, err := s.OutboxProgress(ctx, "outage:вода_1:v1:")
		want := notify.Progress{Sending: 1, Sent: 2, Dead: 1, Delivered: 2, Seen: 1, Failed: 1}
		if err != nil || p != want || p.Total() != 4 {
			t.Errorf("progress %+v, %v; want %+v", p, err, want)
		}
	})
	t.Run("ConcurrentClaimsAreDisjoint", func(t *testing.T) {
		s := open(t)
		var msgs []notify.Message
		for i := range 60 {
			msgs = append(msgs, outboxMessage(fmt.Sprint("m", i)))
		}
		s.Enqueue(ctx, msgs)
		seen := map[int64]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					got, err := s.Claim(ctx, 7, time.Minute, everyChannel)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, m := range got {
						seen[m.ID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != 60 {
			t.Fatalf("claimed %d distinct messages, want 60", len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("message %d claimed %d times", id, n)
			}
		}
	})
}
