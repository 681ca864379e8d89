package admin

import (
	"net/http"

	"github.com/vikno-city/vikno/cases"
)

// appealCSV exports the board's list under the same filter (every page, up
// to cases.MaxAppealList appeals) as a sheet for a spreadsheet. Phones are
// left out: a file travels further than a page.
func (h *Handler) appealCSV(w http.ResponseWriter, r *http.Request) {
	q := parseBoardQuery(r.URL.Query())
	list, err := h.boardList(r, q, cases.MaxAppealList, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, now := lang(r), h.cfg.Now()
	s := h.newSheet(w, r, "appeals")
	s.row(csvHeader(l)...)
	for _, a := range list {
		row := h.newRow(l, a, now)
		var lat, lon string
		if a.Location != nil {
			lat, lon = s.decimal(a.Location.Lat, 6), s.decimal(a.Location.Lon, 6)
		}
		overdue := ""
		if row.Overdue {
			overdue = tr(l, "ap_overdue")
		}
		s.row(a.Number, s.stamp(a.CreatedAt), row.Category, row.Status, row.Executor, row.District, a.Address, lat, lon,
			s.stamp(a.DueAt), overdue, s.stamp(a.UpdatedAt), a.Description, a.Note)
	}
	s.flush()
}

func csvHeader(l string) []string {
	keys := []string{"ap_number", "ap_created", "category", "status", "ap_executor", "ap_district", "ap_address", "ap_lat", "ap_lon",
		"ap_due", "ap_overdue", "updated", "ap_description", "ap_note"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = tr(l, k)
	}
	return out
}
