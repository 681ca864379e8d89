package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

func inbound(key, user, text string) bots.Inbound {
	return bots.Inbound{Key: key, Update: dialog.Update{ID: key, Channel: vikno.Telegram, UserID: user, Text: text}}
}

func mustAppend(t *testing.T, s Store, in bots.Inbound) bool {
	t.Helper()
	fresh, err := s.AppendInbound(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return fresh
}

func mustPending(t *testing.T, s Store, user string) []bots.Inbound {
	t.Helper()
	got, err := s.PendingInbound(context.Background(), bots.Resident{Channel: vikno.Telegram, UserID: user}, 10)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testJournal(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("AppendKeepsAKeyOnceAndUpdatesInOrderPerResident", func(t *testing.T) {
		s := open(t)
		if !mustAppend(t, s, inbound("tg:1", "7", "перше")) || mustAppend(t, s, inbound("tg:1", "7", "перше")) {
			t.Fatal("a key must be new once, then a duplicate")
		}
		loc := inbound("tg:2", "7", "")
		loc.Update.Location = &dialog.Location{Lat: 49.84, Lon: 24.03}
		mustAppend(t, s, loc)
		mustAppend(t, s, inbound("tg:3", "8", "інший мешканець"))
		got := mustPending(t, s, "7")
		if len(got) != 2 || got[0].Key != "tg:1" || got[1].Key != "tg:2" || got[0].ID >= got[1].ID {
			t.Fatalf("pending = %+v, want tg:1 then tg:2", got)
		}
		if got[0].Update.Text != "перше" || got[1].Update.Location == nil || got[1].Update.Location.Lat != 49.84 ||
			got[0].Received.IsZero() || got[0].Update.Channel != vikno.Telegram {
			t.Fatalf("updates did not round-trip: %+v", got)
		}
	})
	t.Run("ConcurrentAppendsKeepEachKeyOnceAndReportItNewOnce", func(t *testing.T) {
		// Webhooks append at once (the store may commit them together);
		// every key is sent twice, as a platform's redelivery would.
		s := open(t)
		const keys = 60
		var fresh atomic.Int32
		var wg sync.WaitGroup
		for i := range 2 * keys {
			wg.Go(func() {
				k := i % keys
				ok, err := s.AppendInbound(ctx, inbound(fmt.Sprintf("tg:%d", k), fmt.Sprint(k%6), fmt.Sprintf("повідомлення %d", k)))
				if err != nil {
					t.Error(err)
				}
				if ok {
					fresh.Add(1)
				}
			})
		}
		wg.Wait()
		if n := fresh.Load(); n != keys {
			t.Fatalf("%d appends reported new, want %d (each key once)", n, keys)
		}
		total := 0
		for u := range 6 {
			for _, in := range mustPending(t, s, fmt.Sprint(u)) {
				total++
				if in.Update.Text != "повідомлення "+strings.TrimPrefix(in.Key, "tg:") {
					t.Fatalf("update %s holds %q", in.Key, in.Update.Text)
				}
			}
		}
		if total != keys {
			t.Fatalf("%d updates pending, want %d", total, keys)
		}
	})
	t.Run("RecentInboundIsTheResidentsNewestFirstHandledOrNot", func(t *testing.T) {
		s := open(t)
		for _, in := range []bots.Inbound{inbound("tg:1", "7", "перше"), inbound("tg:2", "7", "друге"), inbound("tg:3", "8", "чуже")} {
			mustAppend(t, s, in)
		}
		first := mustPending(t, s, "7")[0]
		if _, err := s.CompleteInbound(ctx, first.ID, nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.RecentInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: "7"}, time.Now().Add(time.Minute), 10)
		if err != nil || len(got) != 2 || got[0].Update.Text != "друге" || got[1].Update.Text != "перше" {
			t.Fatalf("recent = %+v, %v; want друге then перше", got, err)
		}
		if got, _ := s.RecentInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: "7"}, time.Now().Add(time.Minute), 1); len(got) != 1 {
			t.Errorf("limit 1 gave %d", len(got))
		}
		if got, _ := s.RecentInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: "7"}, time.Now().Add(-time.Hour), 10); len(got) != 0 {
			t.Errorf("nothing was received an hour ago: %+v", got)
		}
	})
	t.Run("CompleteMarksHandledAndQueuesTheReplyOnce", func(t *testing.T) {
		s := open(t)
		mustAppend(t, s, inbound("tg:1", "7", "PIN?"))
		in := mustPending(t, s, "7")[0]
		reply := &notify.Message{Key: "reply:tg:1", Channel: vikno.Telegram, UserID: "7", Kind: notify.KindReply,
			Replies: []dialog.Reply{{Text: dialog.Plain("PIN: 123456")}}, NextAt: time.Now().Add(time.Minute)}
		id, err := s.CompleteInbound(ctx, in.ID, reply)
		if err != nil || id == 0 {
			t.Fatalf("complete = %d, %v", id, err)
		}
		if again, err := s.CompleteInbound(ctx, in.ID, reply); err != nil || again != 0 {
			t.Fatalf("second complete = %d, %v; want 0: the reply is queued once", again, err)
		}
		if p := mustPending(t, s, "7"); len(p) != 0 {
			t.Fatalf("still pending: %+v", p)
		}
		msgs, err := s.FindOutbox(ctx, "reply:tg:1")
		if err != nil || len(msgs) != 1 || msgs[0].ID != id || msgs[0].Replies[0].Text.String() != "PIN: 123456" {
			t.Fatalf("outbox = %+v, %v", msgs, err)
		}
		if claimed, _ := s.Claim(ctx, 10, time.Minute, everyChannel); len(claimed) != 0 {
			t.Fatalf("a reply within its grace period was claimed: %+v", claimed)
		}
		if err := s.MarkSent(ctx, id); err != nil {
			t.Fatal(err)
		}
		msgs, _ = s.FindOutbox(ctx, "reply:tg:1")
		if msgs[0].Status != notify.StatusSent || len(msgs[0].Replies) != 0 {
			t.Fatalf("sent reply kept its text: %+v", msgs[0])
		}
	})
	t.Run("ConcurrentCompletionsEachQueueTheirReplyOnce", func(t *testing.T) {
		// Turns of many residents complete at once (the store may commit
		// them together); each update is completed twice, as a turn that
		// lost its lease and the one that took over would.
		s := open(t)
		const residents = 40
		for i := range residents {
			mustAppend(t, s, inbound(fmt.Sprintf("tg:%d", i), fmt.Sprint(100+i), fmt.Sprintf("питання %d", i)))
		}
		var (
			mu  sync.Mutex
			ids = map[int64]string{}
			wg  sync.WaitGroup
		)
		for i := range residents {
			in := mustPending(t, s, fmt.Sprint(100+i))[0]
			for j := range 2 {
				wg.Go(func() {
					reply := &notify.Message{Key: "reply:" + in.Key, Channel: vikno.Telegram, UserID: fmt.Sprint(100 + i),
						Kind: notify.KindReply, Replies: []dialog.Reply{{Text: dialog.Plain(fmt.Sprintf("відповідь %d/%d", i, j))}}}
					id, err := s.CompleteInbound(ctx, in.ID, reply)
					if err != nil {
						t.Error(err)
						return
					}
					if id != 0 {
						mu.Lock()
						if prev, dup := ids[id]; dup {
							t.Errorf("outbox id %d returned for %s and %s", id, prev, in.Key)
						}
						ids[id] = in.Key
						mu.Unlock()
					}
				})
			}
		}
		wg.Wait()
		if len(ids) != residents {
			t.Fatalf("%d completions queued a reply, want %d (one per update)", len(ids), residents)
		}
		for i := range residents {
			if p := mustPending(t, s, fmt.Sprint(100+i)); len(p) != 0 {
				t.Fatalf("resident %d still has %d pending", i, len(p))
			}
			msgs, err := s.FindOutbox(ctx, fmt.Sprintf("reply:tg:%d", i))
			want := fmt.Sprintf("reply:tg:%d", i)
			n := 0
			for _, m := range msgs {
				if m.Key == want {
					n++
					if ids[m.ID] != fmt.Sprintf("tg:%d", i) || !strings.HasPrefix(m.Replies[0].Text.String(), fmt.Sprintf("відповідь %d/", i)) {
						t.Errorf("reply %s: id %d, %q", m.Key, m.ID, m.Replies[0].Text.String())
					}
				}
			}
			if err != nil || n != 1 {
				t.Fatalf("%s queued %d times, %v", want, n, err)
			}
		}
	})
	t.Run("CompleteWithoutReplyQueuesNothing", func(t *testing.T) {
		s := open(t)
		mustAppend(t, s, inbound("tg:1", "7", ""))
		in := mustPending(t, s, "7")[0]
		if id, err := s.CompleteInbound(ctx, in.ID, nil); err != nil || id != 0 {
			t.Fatalf("complete = %d, %v", id, err)
		}
		if msgs, _ := s.FindOutbox(ctx, ""); len(msgs) != 0 {
			t.Fatalf("outbox = %+v", msgs)
		}
	})
	t.Run("StaleListsResidentsWithOldPendingUpdates", func(t *testing.T) {
		s := open(t)
		mustAppend(t, s, inbound("tg:1", "7", "a"))
		mustAppend(t, s, inbound("tg:2", "7", "b"))
		mustAppend(t, s, inbound("tg:3", "8", "c"))
		in := mustPending(t, s, "8")[0]
		if _, err := s.CompleteInbound(ctx, in.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := s.StaleInbound(ctx, time.Now().Add(-time.Hour), 10); err != nil || len(got) != 0 {
			t.Fatalf("stale before an hour ago = %+v, %v", got, err)
		}
		got, err := s.StaleInbound(ctx, time.Now().Add(time.Hour), 10)
		if err != nil || len(got) != 1 || got[0] != (bots.Resident{Channel: vikno.Telegram, UserID: "7"}) {
			t.Fatalf("stale = %+v, %v; want resident 7 once", got, err)
		}
	})
	t.Run("PurgeDeletesOnlyOldHandledUpdates", func(t *testing.T) {
		s := open(t)
		mustAppend(t, s, inbound("tg:1", "7", "a"))
		mustAppend(t, s, inbound("tg:2", "7", "b"))
		if _, err := s.CompleteInbound(ctx, mustPending(t, s, "7")[0].ID, nil); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeInbound(ctx, time.Now().Add(-time.Hour)); err != nil || n != 0 {
			t.Fatalf("purge of recent = %d, %v", n, err)
		}
		if n, err := s.PurgeInbound(ctx, time.Now().Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("purge = %d, %v; want the handled one", n, err)
		}
		if p := mustPending(t, s, "7"); len(p) != 1 || p[0].Key != "tg:2" {
			t.Fatalf("pending after purge = %+v", p)
		}
		if !mustAppend(t, s, inbound("tg:1", "7", "a")) {
			t.Fatal("a purged key must be new again")
		}
	})
}
