package viber

import (
	"slices"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/notify"
)

// DefaultNotices are the notice kinds sent to Viber unless the operator
// says otherwise: a manager's answer to the resident's rating, alerts to
// managers who joined, and notices about what the resident started (their
// appeal's status, their booking's reminders and changes, a slot they
// watch, documents of a case they track, outages of the district or street
// they subscribed to). Messages a bot starts outside a 24-hour session may
// be paid on new Viber bots, so anything else (rating requests, digests)
// is opt-in.
var DefaultNotices = []string{
	notify.KindRatingAnswer, notify.KindRatingAlert, notify.KindAppealStatus,
	"visit_remind_day", "visit_remind_hour", "visit_staff_cancel", "visit_slot_freed",
	notify.KindDocuments, notify.KindOutage,
}

// AllNotices, as the only kind, lets every notice go to Viber.
const AllNotices = "all"

// NoticeFilter returns the outbox filter (notify.Worker.Allow) that lets
// through Viber notices of the given kinds, and every message of other
// channels.
func NoticeFilter(kinds []string) func(notify.Message) bool {
	all := slices.Contains(kinds, AllNotices)
	return func(m notify.Message) bool {
		return m.Channel != vikno.Viber || all || m.Kind == notify.KindReply || slices.Contains(kinds, m.Kind)
	}
}
