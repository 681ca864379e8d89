package admin

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno/cases"
)

// appealCSV exports the board's list under the same filter (every page, up
// to cases.MaxAppealList appeals) as CSV for a spreadsheet: UTF-8 with a
// byte-order mark, which Excel needs to read Cyrillic. Phones are left out:
// a file travels further than a page.
func (h *Handler) appealCSV(w http.ResponseWriter, r *http.Request) {
	q := parseBoardQuery(r.URL.Query())
	list, err := h.boardList(r, q, cases.MaxAppealList, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, now := lang(r), h.cfg.Now()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="appeals-%s.csv"`,
		now.In(h.cfg.City.Loc()).Format("2006-01-02")))
	w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Write(csvHeader(l))
	for _, a := range list {
		row := h.newRow(l, a, now)
		var lat, lon string
		if a.Location != nil {
			lat, lon = strconv.FormatFloat(a.Location.Lat, 'f', 6, 64), strconv.FormatFloat(a.Location.Lon, 'f', 6, 64)
		}
		overdue := ""
		if row.Overdue {
			overdue = tr(l, "ap_overdue")
		}
		cw.Write(safeCells(a.Number, row.Created, row.Category, row.Status, row.Executor, row.District, a.Address, lat, lon,
			row.Due, overdue, h.cityTime(a.UpdatedAt), a.Description, a.Note))
	}
	cw.Flush()
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

// safeCells keeps residents' text from running as a spreadsheet formula: a
// cell that starts with = + - @ or a control character gets a leading
// apostrophe.
func safeCells(cells ...string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}
