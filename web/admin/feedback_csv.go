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
// that spreadsheets open the Ukrainian text correctly.
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
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="feedback-`+h.cfg.Now().Format("2006-01-02")+`.csv"`)
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "day", "location_id", tr(l, "fb_location"), "point", tr(l, "fb_score"), tr(l, "fb_scale"),
		tr(l, "fb_aspect"), tr(l, "fb_comment"), tr(l, "fb_status"), tr(l, "fb_answer"), "answered_at", "reply",
		"replied_at", "created_at", "updated_at"})
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

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
