package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// Concurrent turns of many residents: each update journaled, completed with
// its reply and session, its reply marked sent — the writes of every kind
// share transactions on SQLite (writer.go), and each still lands.
func TestConcurrentTurnsKeepEachReplyAndSession(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		const residents, steps = 24, 4
		var wg sync.WaitGroup
		for r := range residents {
			wg.Go(func() {
				user := fmt.Sprint(1000 + r)
				for s := range steps {
					key := fmt.Sprintf("tg:sess:%d:%d", r, s)
					u := dialog.Update{Channel: vikno.Telegram, UserID: user, Text: fmt.Sprint("крок ", s)}
					if fresh, err := db.AppendInbound(ctx, bots.Inbound{Key: key, Update: u}); err != nil || !fresh {
						t.Errorf("append %s = %v, %v", key, fresh, err)
						return
					}
					pending, err := db.PendingInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: user}, 1)
					if err != nil || len(pending) != 1 || pending[0].Key != key {
						t.Errorf("pending of %s = %+v, %v", user, pending, err)
						return
					}
					reply := &notify.Message{Key: "reply:" + key, Channel: vikno.Telegram, UserID: user, Kind: notify.KindReply,
						Replies: []dialog.Reply{{Text: dialog.Plain(fmt.Sprint("відповідь ", s))}}, NextAt: time.Now().Add(time.Minute)}
					sess := dialog.SessionRecord{Key: "session:telegram:" + user, Value: []byte(fmt.Sprintf(`{"step":"%d"}`, s)), TTL: time.Hour}
					id, err := db.CompleteInboundSession(ctx, pending[0].ID, reply, sess)
					if err != nil || id == 0 {
						t.Errorf("complete %s = %d, %v", key, id, err)
						return
					}
					if err := db.MarkSent(ctx, id); err != nil {
						t.Errorf("mark %s: %v", key, err)
					}
				}
			})
		}
		wg.Wait()
		for r := range residents {
			user := fmt.Sprint(1000 + r)
			got, err := db.Sessions().Get(ctx, "session:telegram:"+user)
			if want := fmt.Sprintf(`{"step":"%d"}`, steps-1); err != nil || string(got) != want {
				t.Errorf("session of %s = %q, %v; want %s", user, got, err, want)
			}
			if p, err := db.PendingInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: user}, 10); err != nil || len(p) != 0 {
				t.Errorf("still pending for %s: %+v, %v", user, p, err)
			}
		}
		msgs, err := db.FindOutbox(ctx, "reply:tg:sess:")
		if err != nil || len(msgs) != residents*steps {
			t.Fatalf("outbox has %d replies, %v; want %d", len(msgs), err, residents*steps)
		}
		for _, m := range msgs {
			if m.Status != notify.StatusSent {
				t.Errorf("reply %s is %s, want sent", m.Key, m.Status)
			}
		}
	})
}

// A completion whose update another turn completed first queues no second
// reply and leaves the session of the turn that completed it.
func TestCompletingTwiceQueuesOneReplyAndKeepsTheFirstSession(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		u := dialog.Update{Channel: vikno.Telegram, UserID: "77", Text: "привіт"}
		if _, err := db.AppendInbound(ctx, bots.Inbound{Key: "tg:twice:1", Update: u}); err != nil {
			t.Fatal(err)
		}
		in, err := db.PendingInbound(ctx, bots.Resident{Channel: vikno.Telegram, UserID: "77"}, 1)
		if err != nil || len(in) != 1 {
			t.Fatalf("pending = %+v, %v", in, err)
		}
		reply := &notify.Message{Key: "reply:tg:twice:1", Channel: vikno.Telegram, UserID: "77", Kind: notify.KindReply,
			Replies: []dialog.Reply{{Text: dialog.Plain("вітаю")}}}
		for i, want := range []bool{true, false} {
			sess := dialog.SessionRecord{Key: "session:telegram:77", Value: []byte(fmt.Sprint(i)), TTL: time.Hour}
			id, err := db.CompleteInboundSession(ctx, in[0].ID, reply, sess)
			if err != nil || (id != 0) != want {
				t.Fatalf("completion %d = %d, %v; want a reply id: %v", i, id, err, want)
			}
		}
		if got, err := db.Sessions().Get(ctx, "session:telegram:77"); err != nil || string(got) != "0" {
			t.Errorf("session = %q, %v; want the one written with the reply", got, err)
		}
	})
}

// A turn that handled an update another turn had already completed (a
// replica that lost the resident's lease while its step ran) completes it
// late: its session, from before the resident's next turns, must not
// replace the one those turns left.
func TestALateCompletionLeavesTheNewerSession(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		res := bots.Resident{Channel: vikno.Telegram, UserID: "78"}
		key := dialog.SessionKey(res.Channel, res.UserID)
		var ids []int64
		for i := range 2 {
			u := dialog.Update{Channel: res.Channel, UserID: res.UserID, Text: fmt.Sprint("крок ", i)}
			if _, err := db.AppendInbound(ctx, bots.Inbound{Key: fmt.Sprint("tg:late:", i), Update: u}); err != nil {
				t.Fatal(err)
			}
		}
		in, err := db.PendingInbound(ctx, res, 2)
		if err != nil || len(in) != 2 {
			t.Fatalf("pending = %+v, %v", in, err)
		}
		for _, u := range in {
			ids = append(ids, u.ID)
		}
		complete := func(id int64, step string) int64 {
			t.Helper()
			reply := &notify.Message{Key: fmt.Sprint("reply:tg:late:", id), Channel: res.Channel, UserID: res.UserID,
				Kind: notify.KindReply, Replies: []dialog.Reply{{Text: dialog.Plain("крок " + step)}}}
			sess := dialog.SessionRecord{Key: key, Value: []byte(`{"step":"` + step + `"}`), TTL: time.Hour}
			out, err := db.CompleteInboundSession(ctx, id, reply, sess)
			if err != nil {
				t.Fatalf("complete %d: %v", id, err)
			}
			return out
		}
		complete(ids[0], "1")
		complete(ids[1], "2")
		if late := complete(ids[0], "1-late"); late != 0 {
			t.Fatalf("the late completion queued reply %d", late)
		}
		if got, err := db.Sessions().Get(ctx, key); err != nil || string(got) != `{"step":"2"}` {
			t.Fatalf("session = %q, %v; want the one the last turn left", got, err)
		}
	})
}

// The pending updates read with the session give what PendingInbound and
// Sessions().Get give apart: the session when one is stored and alive,
// none when it is missing or expired.
func TestPendingInboundSessionReadsBothAsApart(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		res := bots.Resident{Channel: vikno.Telegram, UserID: "88"}
		key := dialog.SessionKey(res.Channel, res.UserID)
		if p, sess, found, err := db.PendingInboundSession(ctx, res, 16, key); err != nil || len(p) != 0 || found || sess != nil {
			t.Fatalf("nothing stored: %+v, %q, %v, %v", p, sess, found, err)
		}
		for i := range 3 {
			u := dialog.Update{Channel: res.Channel, UserID: res.UserID, Text: fmt.Sprint("крок ", i)}
			if _, err := db.AppendInbound(ctx, bots.Inbound{Key: fmt.Sprint("tg:ps:", i), Update: u}); err != nil {
				t.Fatal(err)
			}
		}
		p, sess, found, err := db.PendingInboundSession(ctx, res, 2, key)
		if err != nil || len(p) != 2 || p[0].Key != "tg:ps:0" || p[1].Update.Text != "крок 1" || found || sess != nil {
			t.Fatalf("no session yet: %+v, %q, %v, %v", p, sess, found, err)
		}
		if err := db.Sessions().Set(ctx, key, []byte(`{"flow":"faq"}`), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := db.Sessions().Set(ctx, dialog.SessionKey(res.Channel, "89"), []byte(`{"flow":"book"}`), time.Hour); err != nil {
			t.Fatal(err)
		}
		p, sess, found, err = db.PendingInboundSession(ctx, res, 16, key)
		if err != nil || len(p) != 3 || !found || string(sess) != `{"flow":"faq"}` {
			t.Fatalf("with a session: %d pending, %q, %v, %v", len(p), sess, found, err)
		}
		if err := db.Sessions().Set(ctx, key, []byte(`{"flow":"old"}`), -time.Second); err != nil {
			t.Fatal(err)
		}
		if _, sess, found, err := db.PendingInboundSession(ctx, res, 16, key); err != nil || found || sess != nil {
			t.Fatalf("expired session read: %q, %v, %v", sess, found, err)
		}
	})
}

// Pending updates carry their sender's resident row as EnsureResident gives
// it (none before the resident is stored), with or without the session,
// and not another resident's.
func TestPendingInboundCarriesTheResidentRow(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		res := bots.Resident{Channel: vikno.Telegram, UserID: "91"}
		key := dialog.SessionKey(res.Channel, res.UserID)
		u := dialog.Update{Channel: res.Channel, UserID: res.UserID, Text: "привіт"}
		if _, err := db.AppendInbound(ctx, bots.Inbound{Key: "tg:pr:1", Update: u}); err != nil {
			t.Fatal(err)
		}
		// the same user id on another channel is another resident
		if _, err := db.EnsureResident(ctx, vikno.Viber, res.UserID, "en"); err != nil {
			t.Fatal(err)
		}
		read := func() (a, b []bots.Inbound) {
			t.Helper()
			a, err := db.PendingInbound(ctx, res, 16)
			if err != nil || len(a) != 1 {
				t.Fatalf("pending: %+v, %v", a, err)
			}
			b, _, _, err = db.PendingInboundSession(ctx, res, 16, key)
			if err != nil || len(b) != 1 {
				t.Fatalf("pending with the session: %+v, %v", b, err)
			}
			return a, b
		}
		if a, b := read(); a[0].Resident != nil || b[0].Resident != nil {
			t.Fatalf("a resident before one is stored: %+v, %+v", a[0].Resident, b[0].Resident)
		}
		want, err := db.EnsureResident(ctx, res.Channel, res.UserID, "uk")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetResidentUnreachable(ctx, want.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := db.SetResidentLocale(ctx, want.ID, "en"); err != nil {
			t.Fatal(err)
		}
		want, err = db.EnsureResident(ctx, res.Channel, res.UserID, "uk")
		if err != nil {
			t.Fatal(err)
		}
		a, b := read()
		for _, in := range []bots.Inbound{a[0], b[0]} {
			if in.Resident == nil || *in.Resident != want {
				t.Errorf("resident read with the update %+v, want %+v", in.Resident, want)
			}
			if in.Update.Text != "привіт" || in.Key != "tg:pr:1" {
				t.Errorf("update %+v", in)
			}
		}
	})
}
