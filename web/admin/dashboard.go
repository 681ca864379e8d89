package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/staff"
)

// QueueBoard is what the dashboard needs of the live queue.
type QueueBoard interface {
	Status(ctx context.Context, l vikno.Location) (cases.QueueStatus, error)
}

// Periods the dashboard covers.
const (
	dashWeek       = 7 * 24 * time.Hour
	dashOnTimeDays = 30
	dashRatingDays = 30
)

// insightRoutes are the pages of reports and of what editors learn from
// residents: the dashboard, the unanswered questions, the KB as a .zip.
func (h *Handler) insightRoutes() {
	dash := []staff.Role{staff.RoleManager, staff.RoleExecutor}
	h.mux.Handle("GET /admin/dashboard", h.auth(dash, h.dashboard))
	h.mux.Handle("GET /admin/dashboard.csv", h.auth(dash, h.dashboardCSV))
	h.unansweredRoutes()
	h.kbZipRoutes()
}

// dashScope is what one account may see on the dashboard: admins all;
// managers the ratings, queue and bookings of the locations their scope
// covers and no appeals (appeals are not about a CNAP); executors the
// appeals of their categories and no CNAP data.
type dashScope struct {
	Appeals       cases.AppealScope
	Locations     cases.LocationScope
	ShowAppeals   bool
	ShowLocations bool
}

func scopeOf(u staff.User, city vikno.City) dashScope {
	var s dashScope
	switch u.Role {
	case staff.RoleAdmin:
		s.Appeals.All, s.Locations.All = true, true
		s.ShowAppeals, s.ShowLocations = true, true
	case staff.RoleManager:
		s.ShowLocations = true
		for _, l := range city.Locations {
			if u.Covers(city, l.ID) {
				s.Locations.Locations = append(s.Locations.Locations, l.ID)
			}
		}
	case staff.RoleExecutor:
		s.ShowAppeals = true
		s.Appeals.Categories = u.Categories
	}
	return s
}

// covers reports whether the scope selects the location.
func (s dashScope) covers(id string) bool {
	if s.Locations.All {
		return true
	}
	for _, l := range s.Locations.Locations {
		if l == id {
			return true
		}
	}
	return false
}

// table is one table of the dashboard, shown as HTML and exported as CSV.
type table struct {
	Key    string
	Title  string
	Header []string
	Rows   [][]string
	Chart  *barChart
	Note   string // how the figures are counted
}

// dashboardView is the dashboard page.
type dashboardView struct {
	Scope   dashScope
	At      time.Time
	Appeals cases.AppealFigures
	Tables  []table
}

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	v, err := h.dashboardData(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "dashboard", v)
}

// dashboardCSV exports one table of the dashboard (?table=key).
func (h *Handler) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	v, err := h.dashboardData(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	key := r.URL.Query().Get("table")
	for _, t := range v.Tables {
		if t.Key != key {
			continue
		}
		s := h.newSheet(w, r, "vikno-"+t.Key)
		s.row(t.Header...)
		for _, row := range t.Rows {
			s.row(row...)
		}
		s.flush()
		return
	}
	h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "no table %q on the dashboard", key))
}

// dashboardData gathers every figure the account may see.
func (h *Handler) dashboardData(r *http.Request) (dashboardView, error) {
	ctx, l := r.Context(), lang(r)
	now := h.cfg.Now()
	v := dashboardView{Scope: scopeOf(accountOf(r).user, h.cfg.City), At: now}
	if h.cfg.Dashboard == nil {
		return v, vikno.Errorf(vikno.EUNAVAILABLE, "dashboard is not configured")
	}
	if v.Scope.ShowAppeals {
		if err := h.appealTables(ctx, l, now, &v); err != nil {
			return v, err
		}
	}
	if v.Scope.ShowLocations {
		if err := h.locationTables(ctx, l, now, &v); err != nil {
			return v, err
		}
	}
	return v, nil
}

func (h *Handler) appealTables(ctx context.Context, l string, now time.Time, v *dashboardView) error {
	s := v.Scope.Appeals
	fig, err := h.cfg.Dashboard.AppealFigures(ctx, s, now.Add(-dashWeek), now)
	if err != nil {
		return err
	}
	v.Appeals = fig
	v.Tables = append(v.Tables, table{Key: "appeals", Title: tr(l, "dash_appeals"),
		Header: []string{tr(l, "dash_received"), tr(l, "dash_in_work"), tr(l, "dash_overdue")},
		Rows:   [][]string{{itoa(fig.Received), itoa(fig.InWork), itoa(fig.Overdue)}}})
	trends, err := h.cfg.Dashboard.CategoryTrends(ctx, s, now.Add(-2*dashWeek), now.Add(-dashWeek), now)
	if err != nil {
		return err
	}
	v.Tables = append(v.Tables, h.trendTable(l, trends))
	execs, err := h.cfg.Dashboard.ExecutorsOnTime(ctx, s, now.AddDate(0, 0, -dashOnTimeDays), now)
	if err != nil {
		return err
	}
	v.Tables = append(v.Tables, h.executorTable(l, execs))
	return nil
}

// maxTrends is how many categories the top list shows.
const maxTrends = 10

func (h *Handler) trendTable(l string, trends []cases.CategoryTrend) table {
	t := table{Key: "categories", Title: tr(l, "dash_top"),
		Header: []string{tr(l, "category"), tr(l, "dash_this_week"), tr(l, "dash_last_week"), tr(l, "dash_change")}}
	trends = trends[:min(len(trends), maxTrends)]
	c := newBarChart(tr(l, "dash_this_week"), tr(l, "dash_last_week"))
	top := 0
	for _, ct := range trends {
		top = max(top, ct.Current, ct.Previous)
	}
	for _, ct := range trends {
		name := h.categoryName(l, ct.Category)
		t.Rows = append(t.Rows, []string{name, itoa(ct.Current), itoa(ct.Previous), signed(ct.Change())})
		c.add(name, itoa(ct.Current), ratio(ct.Current, top), ratio(ct.Previous, top))
	}
	if len(trends) > 0 {
		t.Chart = c
	}
	return t
}

func (h *Handler) executorTable(l string, execs []cases.ExecutorOnTime) table {
	t := table{Key: "executors", Title: tr(l, "dash_executors"),
		Header: []string{tr(l, "dash_executor"), tr(l, "dash_on_time"), tr(l, "dash_judged"), tr(l, "dash_on_time_n"), tr(l, "dash_overdue")}}
	t.Note = tr(l, "dash_executors_note")
	c := newBarChart(tr(l, "dash_on_time"), "")
	for _, e := range execs {
		name := e.Executor
		if ex, ok := h.cfg.City.Executor(e.Executor); ok {
			name = ex.Name
		}
		pct := percent(e.OnTime, e.Judged)
		t.Rows = append(t.Rows, []string{name, pct + " %", itoa(e.Judged), itoa(e.OnTime), itoa(e.Overdue)})
		c.add(name, pct+" %", e.Share(), -1)
	}
	if len(execs) > 0 {
		t.Chart = c
	}
	return t
}

func (h *Handler) locationTables(ctx context.Context, l string, now time.Time, v *dashboardView) error {
	s := v.Scope.Locations
	local := now.In(h.cfg.City.Loc())
	toDay := local.Format(time.DateOnly)
	fromDay := local.AddDate(0, 0, -dashRatingDays+1).Format(time.DateOnly)
	ratings, err := h.cfg.Dashboard.LocationRatings(ctx, s, fromDay, toDay)
	if err != nil {
		return err
	}
	v.Tables = append(v.Tables, h.ratingTable(l, ratings))
	queue, err := h.queueTable(ctx, l, v.Scope)
	if err != nil {
		return err
	}
	v.Tables = append(v.Tables, queue)
	dayStart := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
	bookings, err := h.cfg.Dashboard.LocationBookings(ctx, s, dayStart, dayStart.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	v.Tables = append(v.Tables, h.bookingTable(l, bookings))
	return nil
}

func (h *Handler) locationName(l, id string) string {
	loc, ok := h.cfg.City.Location(id)
	switch {
	case !ok:
		return id
	case l == "en" && loc.NameEN != "":
		return loc.NameEN
	}
	return loc.Name
}

func (h *Handler) ratingTable(l string, ratings []cases.LocationDigest) table {
	t := table{Key: "ratings", Title: fmt.Sprintf(tr(l, "dash_ratings"), dashRatingDays),
		Header: []string{tr(l, "dash_location"), tr(l, "dash_average"), tr(l, "dash_count"), tr(l, "dash_low_share")}}
	c := newBarChart(tr(l, "dash_average"), "")
	for _, d := range ratings {
		name := h.locationName(l, d.LocationID)
		avg := decimal(l, d.Average(), 2)
		t.Rows = append(t.Rows, []string{name, avg, itoa(d.Count), percent(d.Low, d.Count) + " %"})
		c.add(name, avg, d.Average()/cases.MaxScore, -1)
	}
	if total := (cases.Digest{ByLocation: ratings}).Total(); len(ratings) > 1 {
		t.Rows = append(t.Rows, []string{tr(l, "dash_total"), decimal(l, total.Average(), 2),
			itoa(total.Count), percent(total.Low, total.Count) + " %"})
	}
	if len(ratings) > 0 {
		t.Chart = c
	}
	return t
}

func (h *Handler) queueTable(ctx context.Context, l string, s dashScope) (table, error) {
	t := table{Key: "queue", Title: tr(l, "dash_queue"),
		Header: []string{tr(l, "dash_location"), tr(l, "dash_waiting"), tr(l, "dash_windows"), tr(l, "dash_wait"), tr(l, "dash_fresh")}}
	if h.cfg.Queue == nil {
		return t, nil
	}
	for _, loc := range h.cfg.City.Locations {
		if !s.covers(loc.ID) {
			continue
		}
		st, err := h.cfg.Queue.Status(ctx, loc)
		if err != nil {
			return t, err
		}
		row := []string{h.locationName(l, loc.ID), "", "", "", tr(l, "dash_no_data")}
		switch {
		case !st.Open:
			row[4] = tr(l, "dash_closed")
		case st.HasData:
			row[1], row[2] = itoa(st.Report.Waiting), itoa(st.Report.WindowsOpen)
			if st.WaitMinutes >= 0 {
				row[3] = itoa(st.WaitMinutes) + " " + tr(l, "dash_min")
			}
			row[4] = fmt.Sprintf(tr(l, "dash_age"), int(st.Age.Minutes()))
			if st.Stale {
				row[4] += " (" + tr(l, "dash_stale") + ")"
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func (h *Handler) bookingTable(l string, bookings []cases.LocationBookings) table {
	t := table{Key: "bookings", Title: tr(l, "dash_bookings"),
		Header: []string{tr(l, "dash_location"), tr(l, "dash_booked"), tr(l, "dash_attended"), tr(l, "dash_no_show"), tr(l, "dash_cancelled")}}
	for _, b := range bookings {
		t.Rows = append(t.Rows, []string{h.locationName(l, b.LocationID), itoa(b.Booked), itoa(b.Attended), itoa(b.NoShow), itoa(b.Cancelled)})
	}
	return t
}

func itoa(n int) string { return strconv.Itoa(n) }

func signed(n int) string {
	if n > 0 {
		return "+" + itoa(n)
	}
	return itoa(n)
}

// percent is part of whole in whole percent, "0" when whole is 0.
func percent(part, whole int) string {
	if whole == 0 {
		return "0"
	}
	return itoa((part*100 + whole/2) / whole)
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// pluralForm picks the form of forms ("one|few|many" in Ukrainian,
// "one|other" in English) that agrees with n.
func pluralForm(l string, n int, forms string) string {
	fs := strings.Split(forms, "|")
	i := dialog.PluralIndex(l, n)
	if i >= len(fs) {
		i = len(fs) - 1
	}
	return fs[i]
}
