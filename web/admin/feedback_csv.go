package admin

import (
	"net/http"
	"strconv"
	"strings"
)

// feedbackCSV exports the ratings the list's filters select (every page,
// up to cases.MaxInboxExport) as a sheet for a spreadsheet; the header
// names the zone of the times.
func (h *Handler) feedbackCSV(w http.ResponseWriter, r *http.Request) {
	f, _, err := h.feedbackFilter(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.cfg.Feedback.Export(r.Context(), accountOf(r).user.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := lang(r)
	zoned := func(name string) string { return name + " (" + h.cfg.City.Loc().String() + ")" }
	s := h.newSheet(w, r, "feedback")
	s.row("id", "day", "location_id", tr(l, "fb_location"), "point", tr(l, "fb_score"), tr(l, "fb_scale"),
		tr(l, "fb_aspect"), tr(l, "fb_comment"), tr(l, "fb_status"), tr(l, "fb_answer"), zoned("answered_at"), "reply",
		zoned("replied_at"), zoned("created_at"), zoned("updated_at"))
	for _, rt := range list {
		row := h.ratingRow(l, rt)
		s.row(strconv.FormatInt(rt.ID, 10), rt.Day, rt.LocationID, h.placeName(l, rt.LocationID), rt.Point,
			strconv.Itoa(rt.Score), row.Level, strings.Join(row.Aspects, "; "), rt.Comment,
			tr(l, "fb_status_"+string(rt.Status)), rt.Answer, s.stamp(rt.AnsweredAt), rt.Reply, s.stamp(rt.RepliedAt),
			s.stamp(rt.CreatedAt), s.stamp(rt.UpdatedAt))
	}
	s.flush()
}
