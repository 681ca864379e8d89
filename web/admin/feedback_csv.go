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
	s := h.newSheet(w, r, "feedback")
	s.row(h.feedbackCSVHeader(l)...)
	for _, rt := range list {
		row := h.ratingRow(l, rt)
		s.row(strconv.FormatInt(rt.ID, 10), rt.Day, rt.LocationID, h.placeName(l, rt.LocationID), rt.Point,
			strconv.Itoa(rt.Score), row.Level, strings.Join(row.Aspects, "; "), rt.Comment,
			tr(l, "fb_status_"+string(rt.Status)), rt.Answer, s.stamp(rt.AnsweredAt), rt.Reply, s.stamp(rt.RepliedAt),
			s.stamp(rt.CreatedAt), s.stamp(rt.UpdatedAt))
	}
	s.flush()
}

// feedbackCSVKeys name the ratings sheet's columns in the texts; those
// ending in "_at" hold times, whose header names the city's time zone.
var feedbackCSVKeys = []string{"fbc_id", "fbc_day", "fbc_location_id", "fb_location", "fbc_point", "fb_score", "fb_scale",
	"fb_aspect", "fb_comment", "fb_status", "fbc_answer", "fbc_answered_at", "fbc_reply", "fbc_replied_at",
	"fbc_created_at", "fbc_updated_at"}

// feedbackCSVHeader is the ratings sheet's header row in l.
func (h *Handler) feedbackCSVHeader(l string) []string {
	out := make([]string, len(feedbackCSVKeys))
	for i, k := range feedbackCSVKeys {
		out[i] = tr(l, k)
		if strings.HasSuffix(k, "_at") {
			out[i] += " (" + h.cfg.City.Loc().String() + ")"
		}
	}
	return out
}
