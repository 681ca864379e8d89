package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

// NoticeStore is what the status-notice tests need: appeals saved together
// with their notices, and the outbox to look at.
type NoticeStore interface {
	vikno.ResidentStore
	cases.AppealNoticeStore[notify.Message]
	notify.Store
}

func testAppealNotices(t *testing.T, open func(t *testing.T) NoticeStore) {
	for _, tt := range []struct {
		name string
		test func(t *testing.T, s NoticeStore)
	}{
		{"ChangeAndNoticeAreSavedTogether", testNoticeSaved},
		{"FailedNoticeSavesNoChange", testNoticeFails},
		{"CrashBeforeCommitKeepsNeither", testNoticeCrash},
		{"RetriedChangeIsIdempotent", testNoticeRetry},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open(t)) })
	}
}

// storeNotices is a cases.StatusNotices over the store whose notices say
// only which event they report.
type storeNotices struct{ s NoticeStore }

func (n storeNotices) ChangeAppeal(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	return n.s.UpdateAppealNotify(ctx, number, change, noticeOf)
}

func noticeOf(a cases.Appeal, e cases.AppealEvent) ([]notify.Message, error) {
	return []notify.Message{{Key: notify.AppealNoticeKey(a.Number, e.ID), Kind: notify.KindAppealStatus,
		ResidentID: a.ResidentID, Channel: vikno.Telegram, UserID: "n", Replies: nil}}, nil
}

func startWork(a *cases.Appeal) (cases.AppealEvent, error) {
	ev := cases.AppealEvent{At: day0, From: a.Status, To: cases.AppealInProgress, Comment: "Бригада виїхала",
		Actor: cases.Actor{Kind: cases.ActorExecutor, Name: "zhek"}}
	a.Status, a.UpdatedAt = ev.To, day0
	return ev, nil
}

func filedAppeal(t *testing.T, s NoticeStore) cases.Appeal {
	t.Helper()
	r, err := s.EnsureResident(context.Background(), vikno.Telegram, "n", "uk")
	if err != nil {
		t.Fatal(err)
	}
	a, ev := sampleAppeal(r.ID, "notice", day0)
	got, _, err := s.CreateAppeal(context.Background(), a, ev)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// checkNotices fails unless the appeal has the status and the outbox holds
// exactly one notice per event after the first.
func checkNotices(t *testing.T, s NoticeStore, number string, status cases.AppealStatus) {
	t.Helper()
	a, err := s.FindAppeal(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.FindOutbox(context.Background(), "appeal:"+number+":")
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != status || len(msgs) != len(a.History)-1 {
		t.Fatalf("status %s with %d events and %d notices; want %s with a notice per change", a.Status,
			len(a.History), len(msgs), status)
	}
	for i, m := range msgs {
		if want := notify.AppealNoticeKey(number, a.History[i+1].ID); m.Key != want {
			t.Fatalf("notice %d key %s, want %s", i, m.Key, want)
		}
	}
}

func testNoticeSaved(t *testing.T, s NoticeStore) {
	a := filedAppeal(t, s)
	got, err := s.UpdateAppealNotify(context.Background(), a.Number, startWork, noticeOf)
	if err != nil || got.Status != cases.AppealInProgress {
		t.Fatalf("UpdateAppealNotify = %s, %v", got.Status, err)
	}
	checkNotices(t, s, a.Number, cases.AppealInProgress)
}

func testNoticeFails(t *testing.T, s NoticeStore) {
	a := filedAppeal(t, s)
	boom := errors.New("render failed")
	_, err := s.UpdateAppealNotify(context.Background(), a.Number, startWork,
		func(cases.Appeal, cases.AppealEvent) ([]notify.Message, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the notice's error", err)
	}
	checkNotices(t, s, a.Number, cases.AppealRegistered)
}

// testNoticeCrash stops the transaction after the appeal's row and event are
// written and before the notice is (the context dies as a killed process's
// connection does): nothing may be left.
func testNoticeCrash(t *testing.T, s NoticeStore) {
	a := filedAppeal(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.UpdateAppealNotify(ctx, a.Number, startWork, func(a cases.Appeal, e cases.AppealEvent) ([]notify.Message, error) {
		cancel()
		return noticeOf(a, e)
	})
	if err == nil {
		t.Fatal("a transaction whose connection died committed")
	}
	checkNotices(t, s, a.Number, cases.AppealRegistered)
	// The executor's retry now succeeds and makes the notice.
	svc := &cases.AppealService{Store: s, Notices: storeNotices{s}, Now: func() time.Time { return day0 }}
	if _, err := svc.ChangeStatus(context.Background(), a.Number, startChange); err != nil {
		t.Fatalf("retry after the crash: %v", err)
	}
	checkNotices(t, s, a.Number, cases.AppealInProgress)
}

var startChange = cases.AppealChange{To: cases.AppealInProgress, Comment: "Бригада виїхала",
	By: cases.Actor{Kind: cases.ActorExecutor, Name: "zhek"}}

func testNoticeRetry(t *testing.T, s NoticeStore) {
	a := filedAppeal(t, s)
	svc := &cases.AppealService{Store: s, Notices: storeNotices{s}, Now: func() time.Time { return day0 }}
	for i := range 3 {
		got, err := svc.ChangeStatus(context.Background(), a.Number, startChange)
		if err != nil || got.Status != cases.AppealInProgress {
			t.Fatalf("change #%d = %s, %v", i+1, got.Status, err)
		}
	}
	checkNotices(t, s, a.Number, cases.AppealInProgress)
	other := startChange
	other.Comment = "Інший коментар"
	if _, err := svc.ChangeStatus(context.Background(), a.Number, other); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatal(fmt.Errorf("a different change to the same status = %v, want conflict", err))
	}
}
