package admin_test

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"
)

// readSheet checks that body is a UTF-8 CSV with a byte-order mark and
// reads it with the separator sep; every row has the header's width.
func readSheet(t *testing.T, name, body string, sep rune) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\ufeff") {
		t.Fatalf("%s: no UTF-8 byte-order mark: %.80q", name, body)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = sep
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 || len(rows[0]) < 3 {
		t.Fatalf("%s read with %q: %d rows, %v:\n%s", name, sep, len(rows), err, body)
	}
	return rows
}

// column returns the cells of the column whose header starts with head.
func column(t *testing.T, name string, rows [][]string, head string) []string {
	t.Helper()
	i := slices.IndexFunc(rows[0], func(s string) bool { return strings.HasPrefix(s, head) })
	if i < 0 {
		t.Fatalf("%s: no column %q in %q", name, head, rows[0])
	}
	var out []string
	for _, row := range rows[1:] {
		out = append(out, row[i])
	}
	return out
}

// Ukrainian Excel splits a CSV on «;» and reads «3,50» as a number; an
// English one expects the standard comma CSV with decimal points. Every
// export follows the admin's language, with the byte-order mark Excel needs
// to read Cyrillic in both.
func TestCSVExportsOpenInUkrainianExcelAndStayStandardInEnglish(t *testing.T) {
	b := newBoard(t)
	seedDashboard(t, b.env, time.Now())
	admin, _ := b.login("admin")
	for _, tc := range []struct {
		lang             string
		sep              rune
		lat, avg, window string
	}{
		{"uk", ';', "49,841900", "3,50", "Номер"},
		{"en", ',', "49.841900", "3.50", "Number"},
	} {
		_, appeals, _ := b.do(admin, "GET", "/admin/appeals.csv?lang="+tc.lang, nil)
		rows := readSheet(t, tc.lang+" appeals", appeals, tc.sep)
		if rows[0][0] != tc.window || !slices.Contains(column(t, "appeals", rows, rows[0][7]), tc.lat) {
			t.Errorf("%s appeals CSV: header %q, rows %q", tc.lang, rows[0], rows[1:])
		}
		_, dash, _ := b.do(admin, "GET", "/admin/dashboard.csv?table=ratings&lang="+tc.lang, nil)
		rows = readSheet(t, tc.lang+" ratings", dash, tc.sep)
		if !slices.Contains(column(t, "ratings", rows, rows[0][1]), tc.avg) {
			t.Errorf("%s ratings CSV: %q", tc.lang, rows)
		}
	}
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	for _, tc := range []struct {
		lang  string
		sep   rune
		score string
	}{{"uk", ';', "Оцінка"}, {"en", ',', "Score"}} {
		_, body, _ := fe.do(c, "GET", "/admin/feedback.csv?lang="+tc.lang, nil)
		rows := readSheet(t, tc.lang+" feedback", body, tc.sep)
		if got := column(t, "feedback", rows, tc.score); !slices.Equal(got, []string{"2"}) {
			t.Errorf("%s feedback CSV scores %q:\n%s", tc.lang, got, body)
		}
	}
}
