package admin

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// sheet is a CSV export laid out for a spreadsheet in the admin's
// language: UTF-8 with a byte-order mark (without it Excel reads Cyrillic
// as mojibake); in Ukrainian the cells are separated by «;» and decimals
// written with a comma, as Excel in a Ukrainian locale expects, in English
// it is the standard comma CSV with decimal points. Times are machine
// times in the city's zone ("2026-05-14 10:30:00"), which every locale's
// spreadsheet reads as a date and time.
type sheet struct {
	lang string
	loc  *time.Location
	w    *csv.Writer
}

// newSheet starts the download name-YYYY-MM-DD.csv (today in the city).
func (h *Handler) newSheet(w http.ResponseWriter, r *http.Request, name string) *sheet {
	s := &sheet{lang: lang(r), loc: h.cfg.City.Loc(), w: csv.NewWriter(w)}
	if s.lang == "uk" {
		s.w.Comma = ';'
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"-"+h.cfg.Now().In(s.loc).Format(time.DateOnly)+`.csv"`)
	w.Write([]byte("\ufeff"))
	return s
}

// row writes one line; a cell a spreadsheet would run as a formula (one
// that starts with = + - @ or a control character and is not a number:
// residents write descriptions and comments) gets a leading apostrophe.
func (s *sheet) row(cells ...string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			if _, err := strconv.ParseFloat(strings.Replace(c, ",", ".", 1), 64); err != nil {
				c = "'" + c
			}
		}
		out[i] = c
	}
	s.w.Write(out)
}

// decimal writes f with digits decimals in the sheet's convention.
func (s *sheet) decimal(f float64, digits int) string { return decimal(s.lang, f, digits) }

// stamp writes t as a machine time in the city's zone, "" for zero.
func (s *sheet) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.loc).Format(time.DateTime)
}

func (s *sheet) flush() { s.w.Flush() }
