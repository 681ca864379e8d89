package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/notify"
)

// handoffNotice is an outbox message about hand-off h.
func handoffNotice(h handoff.Handoff, key string) notify.Message {
	return notify.Message{Key: key, ResidentID: h.ResidentID, Channel: h.Channel, UserID: h.UserID, Kind: "handoff",
		Replies: []dialog.Reply{{Text: dialog.Plain(key)}}}
}

// openHandoff queues a new resident of the channel with a first message.
func openHandoff(t *testing.T, s Store, user string) handoff.Handoff {
	t.Helper()
	ctx := context.Background()
	res, err := s.EnsureResident(ctx, vikno.Telegram, user, "uk")
	if err != nil {
		t.Fatal(err)
	}
	h, fresh, err := s.OpenHandoff(ctx, handoff.Handoff{ResidentID: res.ID},
		handoff.Message{Author: handoff.FromResident, Text: "хочу поговорити з людиною", Key: "u:" + user + ":1"})
	if err != nil || !fresh {
		t.Fatalf("OpenHandoff = %+v, fresh %v, %v", h, fresh, err)
	}
	return h
}

func outboxCount(t *testing.T, s Store, prefix string) int {
	t.Helper()
	msgs, err := s.FindOutbox(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	return len(msgs)
}

func testHandoffs(t *testing.T, open Opener) {
	ctx := context.Background()
	anna, bohdan := handoff.Operator{ID: 7, Name: "Анна"}, handoff.Operator{ID: 8, Name: "Богдан"}
	t.Run("OneOpenHandoffPerResidentAndMessagesStoredOnce", func(t *testing.T) {
		s := open(t)
		h := openHandoff(t, s, "100")
		if h.Status != handoff.StatusWaiting || h.Channel != vikno.Telegram || h.UserID != "100" || h.Locale != "uk" {
			t.Fatalf("opened %+v", h)
		}
		again, fresh, err := s.OpenHandoff(ctx, handoff.Handoff{ResidentID: h.ResidentID}, handoff.Message{})
		if err != nil || fresh || again.ID != h.ID {
			t.Fatalf("second OpenHandoff = %d, fresh %v, %v; want the open %d", again.ID, fresh, err, h.ID)
		}
		for range 2 { // the same update handled twice
			if err := s.AddHandoffMessage(ctx, handoff.Message{HandoffID: h.ID, Author: handoff.FromResident,
				Text: "Моя адреса: вул. Зелена, 1", Key: "u:100:2"}); err != nil {
				t.Fatal(err)
			}
		}
		msgs, err := s.HandoffMessages(ctx, h.ID, 0, 10)
		if err != nil || len(msgs) != 2 || msgs[0].Text != "хочу поговорити з людиною" || msgs[1].Text != "Моя адреса: вул. Зелена, 1" {
			t.Fatalf("messages = %+v, %v; want the first message and one copy of the second", msgs, err)
		}
		later, err := s.HandoffMessages(ctx, h.ID, msgs[0].ID, 10)
		if err != nil || len(later) != 1 || later[0].ID != msgs[1].ID {
			t.Fatalf("messages after %d = %+v, %v", msgs[0].ID, later, err)
		}
		if got, err := s.OpenHandoffOf(ctx, h.ResidentID); err != nil || got.ID != h.ID {
			t.Fatalf("OpenHandoffOf = %+v, %v", got, err)
		}
	})
	t.Run("ConcurrentRequestsOfOneResidentQueueItOnce", func(t *testing.T) {
		s := open(t)
		res, err := s.EnsureResident(ctx, vikno.Web, "twice", "uk")
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, 6)
		fresh := make([]bool, 6)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h, f, err := s.OpenHandoff(ctx, handoff.Handoff{ResidentID: res.ID}, handoff.Message{Author: handoff.FromResident, Text: "оператор"})
				if err != nil {
					t.Error(err)
				}
				ids[i], fresh[i] = h.ID, f
			}()
		}
		wg.Wait()
		news := 0
		for i := range ids {
			if ids[i] != ids[0] || ids[i] == 0 {
				t.Fatalf("hand-off ids %v; want one", ids)
			}
			if fresh[i] {
				news++
			}
		}
		if news != 1 {
			t.Fatalf("%d requests reported a new hand-off, want 1", news)
		}
	})
	t.Run("TwoOperatorsTakingAtOnceOneGetsIt", func(t *testing.T) {
		s := open(t)
		h := openHandoff(t, s, "101")
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, op := range []handoff.Operator{anna, bohdan} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.TakeHandoff(ctx, h.ID, op, handoffNotice(h, "handoff:taken:"+op.Name))
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch vikno.ErrorCode(err) {
			case "":
				won++
			case vikno.ECONFLICT:
			default:
				t.Fatalf("take: %v", err)
			}
		}
		if won != 1 || outboxCount(t, s, "handoff:taken:") != 1 {
			t.Fatalf("%d operators took it, %d notices queued; want exactly one of each (errors %v)", won,
				outboxCount(t, s, "handoff:taken:"), errs)
		}
		got, err := s.FindHandoff(ctx, h.ID)
		if err != nil || got.Status != handoff.StatusActive || got.OperatorID == 0 || got.TakenAt.IsZero() {
			t.Fatalf("taken hand-off = %+v, %v", got, err)
		}
		if _, err := s.TakeHandoff(ctx, 999999, anna, handoffNotice(h, "x")); !vikno.IsNotFound(err) {
			t.Fatalf("taking an unknown hand-off = %v, want not found", err)
		}
	})
	t.Run("OnlyTheOperatorWhoTookItWritesAndGivesItBack", func(t *testing.T) {
		s := open(t)
		h := openHandoff(t, s, "102")
		if _, err := s.TakeHandoff(ctx, h.ID, anna, handoffNotice(h, "handoff:1:taken")); err != nil {
			t.Fatal(err)
		}
		msg := handoff.Message{HandoffID: h.ID, Author: handoff.FromOperator, StaffID: bohdan.ID, Name: bohdan.Name, Text: "Добрий день", Key: "op:1"}
		if _, err := s.SendHandoff(ctx, msg, handoffNotice(h, "handoff:1:say:1")); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("another operator's message = %v, want conflict", err)
		}
		msg.StaffID, msg.Name = anna.ID, anna.Name
		for range 2 { // a double click sends the same form twice
			if _, err := s.SendHandoff(ctx, msg, handoffNotice(h, "handoff:1:say:1")); err != nil {
				t.Fatal(err)
			}
		}
		msgs, _ := s.HandoffMessages(ctx, h.ID, 0, 10)
		if len(msgs) != 2 || msgs[1].Author != handoff.FromOperator || msgs[1].Name != "Анна" || outboxCount(t, s, "handoff:1:say:") != 1 {
			t.Fatalf("messages %+v and %d notices; want the operator's message once, queued once", msgs, outboxCount(t, s, "handoff:1:say:"))
		}
		if _, err := s.ReturnHandoff(ctx, h.ID, bohdan, handoffNotice(h, "handoff:1:returned")); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("another operator giving it back = %v, want conflict", err)
		}
		back, err := s.ReturnHandoff(ctx, h.ID, anna, handoffNotice(h, "handoff:1:returned"))
		if err != nil || back.Status != handoff.StatusClosed || back.EndedBy != handoff.EndedByOperator || outboxCount(t, s, "handoff:1:returned") != 1 {
			t.Fatalf("ReturnHandoff = %+v, %v", back, err)
		}
		if err := s.AddHandoffMessage(ctx, handoff.Message{HandoffID: h.ID, Author: handoff.FromResident, Text: "ще"}); !vikno.IsNotFound(err) {
			t.Fatalf("a message to a closed hand-off = %v, want not found", err)
		}
		if _, err := s.OpenHandoffOf(ctx, h.ResidentID); !vikno.IsNotFound(err) {
			t.Fatalf("OpenHandoffOf after return = %v, want not found", err)
		}
		next, fresh, err := s.OpenHandoff(ctx, handoff.Handoff{ResidentID: h.ResidentID}, handoff.Message{})
		if err != nil || !fresh || next.ID == h.ID {
			t.Fatalf("asking again = %+v, fresh %v, %v; want a new hand-off", next, fresh, err)
		}
	})
	t.Run("ResidentEndsOnlyOwnOpenHandoff", func(t *testing.T) {
		s := open(t)
		h := openHandoff(t, s, "103")
		if _, err := s.EndHandoff(ctx, h.ResidentID+1000, h.ID); !vikno.IsNotFound(err) {
			t.Fatalf("another resident ending it = %v, want not found", err)
		}
		got, err := s.EndHandoff(ctx, h.ResidentID, h.ID)
		if err != nil || got.Status != handoff.StatusClosed || got.EndedBy != handoff.EndedByResident {
			t.Fatalf("EndHandoff = %+v, %v", got, err)
		}
		if _, err := s.EndHandoff(ctx, h.ResidentID, h.ID); !vikno.IsNotFound(err) {
			t.Fatalf("ending twice = %v, want not found", err)
		}
		if _, err := s.TakeHandoff(ctx, h.ID, anna, handoffNotice(h, "late")); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("taking a hand-off the resident left = %v, want conflict", err)
		}
	})
	t.Run("ExpiryClosesOnlyWaitingOnesWithANotice", func(t *testing.T) {
		s := open(t)
		waiting, taken := openHandoff(t, s, "104"), openHandoff(t, s, "105")
		if _, err := s.TakeHandoff(ctx, taken.ID, anna, handoffNotice(taken, "t")); err != nil {
			t.Fatal(err)
		}
		notice := func(h handoff.Handoff) (notify.Message, error) { return handoffNotice(h, "expired:"+h.UserID), nil }
		if n, err := s.ExpireHandoffs(ctx, time.Now().Add(-time.Hour), notice); err != nil || n != 0 {
			t.Fatalf("expiring before they were queued closed %d, %v", n, err)
		}
		n, err := s.ExpireHandoffs(ctx, time.Now().Add(time.Minute), notice)
		if err != nil || n != 1 || outboxCount(t, s, "expired:") != 1 || outboxCount(t, s, "expired:104") != 1 {
			t.Fatalf("ExpireHandoffs = %d, %v; want the waiting one closed with one notice", n, err)
		}
		if got, _ := s.FindHandoff(ctx, waiting.ID); got.Status != handoff.StatusClosed || got.EndedBy != handoff.EndedByTimeout {
			t.Fatalf("expired hand-off = %+v", got)
		}
		if got, _ := s.FindHandoff(ctx, taken.ID); got.Status != handoff.StatusActive {
			t.Fatalf("a taken hand-off must not expire: %+v", got)
		}
		list, err := s.ListHandoffs(ctx, 10)
		if err != nil || len(list) != 2 || list[0].ID != taken.ID || list[1].ID != waiting.ID {
			t.Fatalf("ListHandoffs = %+v, %v; want the open one first, then the closed", list, err)
		}
		if list[0].Preview != "хочу поговорити з людиною" {
			t.Fatalf("preview = %q, want the resident's newest message", list[0].Preview)
		}
	})
	t.Run("CallbackStoredOncePerKey", func(t *testing.T) {
		s := open(t)
		res, err := s.EnsureResident(ctx, vikno.Viber, "cb", "uk")
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for range 2 {
			c, err := s.SaveCallback(ctx, handoff.Callback{ResidentID: res.ID, Phone: "+380501234567", Key: "viber:1"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		list, err := s.ListCallbacks(ctx, 10)
		if err != nil || len(list) != 1 || ids[0] != ids[1] || list[0].Phone != "+380501234567" || list[0].Channel != vikno.Viber {
			t.Fatalf("call-backs = %+v, %v (ids %v); want one", list, err, ids)
		}
	})
}
