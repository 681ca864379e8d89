package notify

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// VisitNoticeKey is the outbox key of a visit's notice of a kind: the same
// key dialog.VisitNotices gives it, so that each is queued once.
func VisitNoticeKey(visitID int64, kind cases.VisitNoticeKind) string {
	return "visit:" + strconv.FormatInt(visitID, 10) + ":" + string(kind)
}

// VisitCancelStore cancels a visit and queues the messages that tell its
// resident in one transaction.
type VisitCancelStore interface {
	// FindVisit returns ENOTFOUND for an unknown id.
	FindVisit(ctx context.Context, id int64) (cases.Visit, error)
	// CancelVisitNotify is cases.VisitStore.CancelVisit that also stores
	// the messages notice makes of the cancelled visit; notice runs inside
	// the transaction and must not use the store, and when it fails nothing
	// is written and its error is returned.
	CancelVisitNotify(ctx context.Context, id int64, by, reason string, at time.Time,
		notice func(cases.Visit) ([]Message, error)) (cases.Visit, error)
}

// VisitCancelNotices cancels a visit on the CNAP's side and queues the
// resident's notice of it in the same transaction, so that a crash never
// keeps the cancellation and loses the notice. It implements
// cases.CancelNotices.
type VisitCancelNotices struct {
	Store     VisitCancelStore
	Residents vikno.ResidentStore
	Outbox    *Outbox
	Notices   *dialog.VisitNotices // renders the notice
}

var _ cases.CancelNotices = VisitCancelNotices{}

// StaffCancelVisit implements cases.CancelNotices. The resident is read
// before the transaction (a visit's resident never changes); the notice is
// rendered inside it from that record alone.
func (n VisitCancelNotices) StaffCancelVisit(ctx context.Context, id int64, reason string, at time.Time) (cases.Visit, error) {
	v, err := n.Store.FindVisit(ctx, id)
	if err != nil {
		return cases.Visit{}, err
	}
	var res vikno.Resident
	if v.ResidentID != 0 {
		if res, err = n.Residents.FindResident(ctx, v.ResidentID); err != nil {
			return cases.Visit{}, fmt.Errorf("staff cancel notice: %w", err)
		}
	}
	queued := false
	out, err := n.Store.CancelVisitNotify(ctx, id, cases.ByStaff, reason, at, func(v cases.Visit) ([]Message, error) {
		if v.ResidentID == 0 || v.ResidentID != res.ID || res.Unreachable {
			return nil, nil
		}
		notice := cases.VisitNotice{Kind: cases.NoticeStaffCancel, Visit: v, Reason: reason}
		replies := n.Outbox.Engine.Render(res, func(c *dialog.Conv) { n.Notices.Build(c, notice) })
		queued = true
		return []Message{{Key: VisitNoticeKey(v.ID, cases.NoticeStaffCancel), Kind: string(cases.NoticeStaffCancel),
			ResidentID: res.ID, Channel: res.Channel, UserID: res.ExternalID, Replies: replies}}, nil
	})
	if err == nil && queued {
		n.Outbox.Wake()
	}
	return out, err
}
