package admin

import (
	"crypto/rand"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// newNoticeID is the id a new notice's form starts with: the time, and a
// random part, so that two forms opened in the same second differ.
func newNoticeID(now time.Time) string {
	return "n-" + now.Format("20060102-150405") + "-" + strings.ToLower(rand.Text()[:4])
}

// noticeProblem says in l what keeps o from being posted, or "": the rules
// of cases.Outage.Validate a dispatcher can break from the form, in words.
func noticeProblem(l string, o cases.Outage, now time.Time) string {
	switch {
	case len(o.Districts) == 0 && len(o.Streets) == 0:
		return tr(l, "notice_no_places")
	case len(o.Districts)+len(o.Streets) > cases.MaxOutagePlaces:
		return trf(l, "notice_many_places", cases.MaxOutagePlaces)
	case strings.TrimSpace(o.Text) == "":
		return tr(l, "notice_no_text")
	case !o.To.IsZero() && !o.From.IsZero() && o.To.Before(o.From):
		return tr(l, "notice_to_before_from")
	case o.Ended(now):
		return tr(l, "notice_ended")
	}
	for _, s := range o.Streets {
		if _, err := cases.CleanStreet(s); err != nil {
			return trf(l, "notice_street_bad", s, cases.MaxStreetLen)
		}
	}
	if n := utf8.RuneCountInString(o.Text); n > cases.MaxNoticeText {
		return trf(l, "notice_text_long", n, cases.MaxNoticeText)
	}
	return ""
}

// noticeIDFree checks that a new notice's id names no other notice:
// ECONFLICT when a different one has it. The same form sent again (a double
// click) passes, and posting it again sends nothing.
func (h *Handler) noticeIDFree(r *http.Request, o cases.Outage) error {
	old, _, err := h.cfg.Outages.Report(r.Context(), o.ID)
	switch {
	case vikno.ErrorCode(err) == vikno.ENOTFOUND:
		return nil
	case err != nil:
		return err
	}
	probe := o
	probe.Streets = append([]string(nil), o.Streets...)
	if probe.Validate(h.cfg.City) == nil && old.SameContent(probe) {
		return nil
	}
	return vikno.Errorf(vikno.ECONFLICT, "%s", trf(lang(r), "notice_id_taken", o.ID))
}
