package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

// VisitNoticeStore is what the staff-cancellation tests need: a visit
// cancelled together with its notice, and the outbox to look at.
type VisitNoticeStore interface {
	VisitBackend
	notify.VisitCancelStore
	notify.Store
}

func testVisitNotices(t *testing.T, open func(t *testing.T) VisitNoticeStore) {
	t.Run("StaffCancelAndItsNoticeAreSavedTogether", func(t *testing.T) { testStaffCancelNoticeSaved(t, open(t)) })
	t.Run("FailedNoticeKeepsTheBooking", func(t *testing.T) { testStaffCancelNoticeFails(t, open(t)) })
}

func staffNotice(v cases.Visit) ([]notify.Message, error) {
	return []notify.Message{{Key: notify.VisitNoticeKey(v.ID, cases.NoticeStaffCancel), Kind: string(cases.NoticeStaffCancel),
		ResidentID: v.ResidentID, Channel: "telegram", UserID: "v"}}, nil
}

func testStaffCancelNoticeSaved(t *testing.T, s VisitNoticeStore) {
	ctx := context.Background()
	v := mustBook(t, s, booking(resident(t, s, "v"), "cnap-center", "passport", base.Add(48*3600e9), 20, 1))
	got, err := s.CancelVisitNotify(ctx, v.ID, cases.ByStaff, "Технічна перерва", base, staffNotice)
	if err != nil || got.Status != cases.VisitCancelled || got.CancelReason != "Технічна перерва" {
		t.Fatalf("CancelVisitNotify = %+v, %v", got, err)
	}
	msgs, err := s.FindOutbox(ctx, notify.VisitNoticeKey(v.ID, cases.NoticeStaffCancel))
	if err != nil || len(msgs) != 1 {
		t.Fatalf("notices queued with the cancellation: %d, %v; want 1", len(msgs), err)
	}
	if _, err := s.CancelVisitNotify(ctx, v.ID, cases.ByStaff, "ще раз", base, staffNotice); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("cancelling again = %v, want ErrNotCancellable", err)
	}
}

func testStaffCancelNoticeFails(t *testing.T, s VisitNoticeStore) {
	ctx := context.Background()
	v := mustBook(t, s, booking(resident(t, s, "v"), "cnap-center", "passport", base.Add(48*3600e9), 20, 1))
	boom := errors.New("render failed")
	if _, err := s.CancelVisitNotify(ctx, v.ID, cases.ByStaff, "Технічна перерва", base,
		func(cases.Visit) ([]notify.Message, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("CancelVisitNotify with a failing notice = %v", err)
	}
	if got, err := s.FindVisit(ctx, v.ID); err != nil || got.Status != cases.VisitBooked {
		t.Fatalf("after a failed notice the visit is %+v, %v; want it still booked", got, err)
	}
}
