package notify

import (
	"context"
	"fmt"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// KindAppealStatus is the kind of the notices of appeal status changes.
const KindAppealStatus = "appeal_status"

// AppealNotices saves an executor's change to an appeal and the resident's
// notice of it in one store transaction. It implements cases.StatusNotices.
type AppealNotices struct {
	Store     cases.AppealNoticeStore[Message]
	Residents vikno.ResidentStore
	Outbox    *Outbox
}

var _ cases.StatusNotices = AppealNotices{}

// AppealNoticeKey is the outbox key of the notice of an appeal's event: one
// notice per event.
func AppealNoticeKey(number string, eventID int64) string {
	return fmt.Sprintf("appeal:%s:event:%d", number, eventID)
}

// ChangeAppeal implements cases.StatusNotices. The resident is read before
// the transaction (an appeal's resident never changes, and SQLite's one
// connection belongs to the transaction); the notice is rendered inside it
// from that record alone. Changes by the resident and appeals without a
// resident (filed through Open311) get no notice.
func (n AppealNotices) ChangeAppeal(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	a, err := n.Store.FindAppeal(ctx, number)
	if err != nil {
		return cases.Appeal{}, err
	}
	var res vikno.Resident
	if a.ResidentID != 0 {
		if res, err = n.Residents.FindResident(ctx, a.ResidentID); err != nil {
			return cases.Appeal{}, fmt.Errorf("appeal notice: %w", err)
		}
	}
	queued := false
	out, err := n.Store.UpdateAppealNotify(ctx, number, change, func(a cases.Appeal, e cases.AppealEvent) ([]Message, error) {
		if a.ResidentID == 0 || a.ResidentID != res.ID || res.Unreachable || e.Actor.Kind == cases.ActorResident {
			return nil, nil
		}
		replies := n.Outbox.Engine.Render(res, func(c *dialog.Conv) { dialog.BuildAppealNotice(c, a, e) })
		if len(replies) == 0 {
			return nil, nil
		}
		queued = true
		return []Message{{Key: AppealNoticeKey(a.Number, e.ID), Kind: KindAppealStatus, ResidentID: res.ID,
			Channel: res.Channel, UserID: res.ExternalID, Replies: replies}}, nil
	})
	if err == nil && queued {
		n.Outbox.Wake()
	}
	return out, err
}
