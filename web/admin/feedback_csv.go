package admin

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// feedbackCSV exports the ratings the list's filters select (every page,
// up to cases.MaxInboxExport) as CSV, in UTF-8 with a byte-order mark so
// that spreadsheets open the Ukrainian text correctly. Times are the city's,
// as the pages show them, written as "2026-05-14 10:30:00" (a form
// spreadsheets read as a date and time, which an RFC 3339 offset is not),
// and the header names the zone.
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
	l, loc := lang(r), h.cfg.City.Loc()
	zoned := func(name string) string { return name + " (" + loc.String() + ")" }
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04:05")
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="feedback-`+h.cfg.Now().In(loc).Format("2006-01-02")+`.csv"`)
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "day", "location_id", tr(l, "fb_location"), "point", tr(l, "fb_score"), tr(l, "fb_scale"),
		tr(l, "fb_aspect"), tr(l, "fb_comment"), tr(l, "fb_status"), tr(l, "fb_answer"), zoned("answered_at"), "reply",
		zoned("replied_at"), zoned("created_at"), zoned("updated_at")})
	for _, rt := range list {
		row := h.ratingRow(l, rt)
		cw.Write([]string{strconv.FormatInt(rt.ID, 10), rt.Day, rt.LocationID, cell(h.placeName(l, rt.LocationID)), rt.Point,
			strconv.Itoa(rt.Score), row.Level, strings.Join(row.Aspects, "; "), cell(rt.Comment),
			tr(l, "fb_status_"+string(rt.Status)), cell(rt.Answer), stamp(rt.AnsweredAt), cell(rt.Reply), stamp(rt.RepliedAt),
			stamp(rt.CreatedAt), stamp(rt.UpdatedAt)})
	}
	cw.Flush()
}

// cell neutralises text a spreadsheet would run as a formula: residents
// write the comments and replies.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
