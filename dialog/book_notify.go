package dialog

import (
	"context"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// VisitNotices turns visit notices (reminders, a staff cancellation, a freed
// time) into messages in the resident's language and hands them to Deliver
// with an idempotency key ("visit:17:visit_remind_day") and a kind. Deliver
// is the notify outbox's Notify, or Engine.Push where there is no outbox.
type VisitNotices struct {
	City    vikno.City
	Deliver func(ctx context.Context, key, kind string, residentID int64, build func(c *Conv)) error
}

var _ cases.VisitNotifier = (*VisitNotices)(nil)

// NewVisitNotices returns notices sent at once through the engine's
// channel senders (Engine.Push). Set Deliver to queue them in an outbox instead.
func NewVisitNotices(e *Engine, city vikno.City) *VisitNotices {
	push := func(ctx context.Context, _, _ string, residentID int64, build func(c *Conv)) error {
		return e.Push(ctx, residentID, build)
	}
	return &VisitNotices{City: city, Deliver: push}
}

// Notify implements cases.VisitNotifier.
func (n *VisitNotices) Notify(ctx context.Context, residentID int64, v cases.VisitNotice) error {
	key := "visit:" + strconv.FormatInt(v.Visit.ID, 10) + ":" + string(v.Kind)
	if v.Kind == cases.NoticeSlotFreed {
		key = "slotwatch:" + strconv.FormatInt(v.Watch.ID, 10) + ":" + strconv.FormatInt(v.Watch.CreatedAt.Unix(), 10)
	}
	return n.Deliver(ctx, key, string(v.Kind), residentID, func(c *Conv) { n.Build(c, v) })
}

// Build adds the message of a notice to c.
func (n *VisitNotices) Build(c *Conv, v cases.VisitNotice) {
	l, _ := n.City.Location(v.Visit.LocationID)
	if v.Kind == cases.NoticeSlotFreed {
		l, _ = n.City.Location(v.Watch.LocationID)
	}
	start := v.Visit.Start.In(n.City.Loc())
	args := []any{"code", v.Visit.Code, "location", visitLocName(c, l), "address", l.AddressIn(c.Locale),
		"when", visitWhen(c, "visit.when", start), "time", start.Format("15:04"), "name", v.Visit.Name}
	mine := []Button{c.Button("book.btn_mine", "menu:"+FlowMyBookings), c.Button("btn.menu", "menu:")}
	switch v.Kind {
	case cases.NoticeRemindDay:
		c.Say(c.T("visit.remind_day", args...).Append(Plain("\n"), c.T("visit.remind_change")), mine)
	case cases.NoticeRemindHour:
		c.Say(c.T("visit.remind_hour", args...), mine)
	case cases.NoticeStaffCancel:
		c.Say(c.T("visit.staff_cancel", append(args, "reason", v.Reason)...),
			[]Button{c.Button("book.btn_book", "menu:"+FlowBook+":"+v.Visit.ServiceID), c.Button("btn.menu", "menu:")})
	case cases.NoticeRateVisit:
		row := make([]Button, 0, cases.MaxScore)
		for n := cases.MinScore; n <= cases.MaxScore; n++ {
			row = append(row, Button{Label: strconv.Itoa(n), Action: RateVisitAction(v.Visit.ID, n)})
		}
		c.Say(c.T("visit.rate", args...), row, []Button{c.Button("btn.menu", "menu:")})
	case cases.NoticeSlotFreed:
		day, _ := cases.Calendar{City: n.City}.ParseDay(v.Watch.Day)
		var times []string
		for _, s := range v.Free[:min(len(v.Free), 6)] {
			times = append(times, s.Start.In(n.City.Loc()).Format("15:04"))
		}
		c.Say(c.T("visit.slot_freed", "location", visitLocName(c, l), "day", visitWhen(c, "visit.day_on", day),
			"times", strings.Join(times, ", ")),
			[]Button{c.Button("visit.btn_pick", "menu:"+FlowBook+":w"+strconv.FormatInt(v.Watch.ID, 10)), c.Button("btn.menu", "menu:")})
	}
}
