package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/web/admin"
)

// seedDashboard files appeals (2 overdue hot water, 1 cold water in time)
// and ratings at two CNAPs, and adds an executor for hot water.
func seedDashboard(t *testing.T, e *env, now time.Time) {
	t.Helper()
	ctx := context.Background()
	res, err := e.db.EnsureResident(ctx, vikno.Telegram, "dash", "uk")
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []struct {
		category, executor string
		due                time.Duration
	}{
		{"no-hot-water", "teplomerezha", -time.Hour},
		{"no-hot-water", "teplomerezha", -2 * time.Hour},
		{"no-cold-water", "vodokanal", 24 * time.Hour},
	} {
		created := now.Add(-30 * time.Hour)
		_, _, err := e.db.CreateAppeal(ctx, cases.Appeal{PINHash: "x", Channel: vikno.Telegram, ResidentID: res.ID,
			ClientToken: string(rune('a' + i)), Category: a.category, Executor: a.executor, Description: "Опис",
			Address: "вул. Городоцька, 1", Status: cases.AppealRegistered, DueAt: now.Add(a.due), CreatedAt: created, UpdatedAt: created},
			cases.AppealEvent{At: created, To: cases.AppealRegistered, Actor: cases.ResidentActor(res.ID)})
		if err != nil {
			t.Fatal(err)
		}
	}
	today := now.In(mustKyiv(t)).Format(time.DateOnly)
	for i, r := range []struct {
		loc   string
		score int
	}{{"cnap-center", 5}, {"cnap-center", 2}, {"cnap-sykhiv", 1}} {
		rs, _ := e.db.EnsureResident(ctx, vikno.Telegram, "rater"+string(rune('0'+i)), "uk")
		if _, err := e.db.SaveRating(ctx, cases.Rating{ResidentID: rs.ID, LocationID: r.loc, Day: today, Score: r.score},
			func(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, nil }); err != nil {
			t.Fatal(err)
		}
	}
	u, err := e.db.CreateUser(ctx, staff.User{Login: "hotwater", Name: "Name hotwater", Role: staff.RoleExecutor,
		Categories: []string{"no-hot-water"}, PasswordHash: e.users["admin"].PasswordHash}, staff.AuditEntry{Actor: "test", Action: "user.create"})
	if err != nil {
		t.Fatal(err)
	}
	e.users["hotwater"] = u
}

func mustKyiv(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDashboardShowsSeededFiguresToAdmin(t *testing.T) {
	var q *cases.Queue
	// The queue's clock stands at Tuesday 11:00 in Lviv, when the CNAP at
	// the City Hall is open; the rest runs on the real clock.
	open := time.Date(2026, 7, 14, 11, 0, 0, 0, mustKyiv(t))
	e := newEnv(t, func(c *admin.Config) {
		q = c.Queue.(*cases.Queue)
		q.Now = func() time.Time { return open }
	})
	now := time.Now()
	seedDashboard(t, e, now)
	ctx := context.Background()
	// Today at the City Hall: one booking the resident did not come to,
	// one cancelled.
	res, _ := e.db.EnsureResident(ctx, vikno.Telegram, "visitor", "uk")
	for i, status := range []cases.VisitStatus{cases.VisitNoShow, cases.VisitCancelled} {
		local := now.In(mustKyiv(t))
		start := time.Date(local.Year(), local.Month(), local.Day(), 12+i, 0, 0, 0, local.Location())
		v, err := e.db.BookVisit(ctx, cases.Booking{Visit: cases.Visit{Code: "DASH" + string(rune('A'+i)), ResidentID: res.ID,
			LocationID: "cnap-center", ServiceID: "id-card", Start: start, End: start.Add(20 * time.Minute), Name: "Олена",
			Phone: "+380671234567", CreatedAt: now, UpdatedAt: now}, Capacity: 6, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if status == cases.VisitCancelled {
			_, err = e.db.CancelVisit(ctx, v.ID, cases.ByResident, "", now)
		} else {
			_, err = e.db.MarkVisit(ctx, v.ID, status, now)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.Set(context.Background(), cases.QueueReport{LocationID: "cnap-center", Waiting: 7, WindowsOpen: 2}); err != nil {
		t.Fatal(err)
	}
	c, _ := e.login("admin")
	code, html, _ := e.do(c, "GET", "/admin/dashboard", nil)
	if code != http.StatusOK {
		t.Fatalf("dashboard = %d", code)
	}
	for _, want := range []string{
		`id="fig-received">3<`, `id="fig-in-work">3<`, `id="fig-overdue">2<`,
		"<td>Немає гарячої води</td><td>2</td><td>0</td><td>&#43;2</td>",
		"<td>КП «Тепломережа» (демо)</td><td>0 %</td><td>2</td><td>0</td><td>2</td>",
		"<td>3,50</td><td>2</td><td>50 %</td>",                                       // cnap-center: 5 and 2
		"<td>1,00</td><td>1</td><td>100 %</td>",                                      // cnap-sykhiv
		"<td>ЦНАП у Ратуші</td><td>7</td><td>2</td><td>45 хв</td><td>0 хв тому</td>", // queue now
		"<td>ЦНАП у Ратуші</td><td>1</td><td>0</td><td>1</td><td>1</td>",             // bookings today
		"<svg class=\"chart\"",
		"/admin/dashboard.csv?table=ratings",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	code, csv, resp := e.do(c, "GET", "/admin/dashboard.csv?table=appeals", nil)
	if code != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.Contains(csv, "\n3;3;2\n") {
		t.Fatalf("appeals CSV = %d %q", code, csv)
	}
	if code, _, _ := e.do(c, "GET", "/admin/dashboard.csv?table=nope", nil); code != http.StatusNotFound {
		t.Fatalf("unknown table = %d, want 404", code)
	}
}

func TestDashboardKeepsEachRoleToItsScope(t *testing.T) {
	e := newEnv(t, nil)
	seedDashboard(t, e, time.Now())

	manager, _ := e.login("manager") // level 1, cnap-center
	code, html, _ := e.do(manager, "GET", "/admin/dashboard", nil)
	if code != http.StatusOK || !strings.Contains(html, "<td>3,50</td><td>2</td>") {
		t.Fatalf("manager's dashboard = %d, lacks its CNAP's ratings", code)
	}
	if strings.Contains(html, "<td>1,00</td>") || strings.Contains(html, "fig-overdue") || strings.Contains(html, "Тепломережа") {
		t.Fatal("a manager sees another CNAP's ratings or the appeals")
	}
	_, csv, _ := e.do(manager, "GET", "/admin/dashboard.csv?table=ratings", nil)
	if !strings.Contains(csv, "3,50") || strings.Contains(csv, "1,00") {
		t.Fatalf("manager's ratings CSV = %q", csv)
	}
	if code, _, _ := e.do(manager, "GET", "/admin/dashboard.csv?table=appeals", nil); code != http.StatusNotFound {
		t.Fatalf("manager's appeals CSV = %d, want 404", code)
	}

	exec, _ := e.login("hotwater")
	_, html, _ = e.do(exec, "GET", "/admin/dashboard", nil)
	if !strings.Contains(html, `id="fig-received">2<`) || !strings.Contains(html, `id="fig-overdue">2<`) {
		t.Fatal("executor does not see the figures of its category")
	}
	if strings.Contains(html, "Водоканал") || strings.Contains(html, "3.50") {
		t.Fatal("executor sees another category's appeals or CNAP ratings")
	}

	if _, err := e.db.CreateUser(context.Background(), staff.User{Login: "dispatch", Name: "dispatch", Role: staff.RoleDispatcher,
		PasswordHash: e.users["admin"].PasswordHash}, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
		t.Fatal(err)
	}
	dispatcher, _ := e.login("dispatch")
	if code, _, _ := e.do(dispatcher, "GET", "/admin/dashboard", nil); code != http.StatusForbidden {
		t.Fatalf("dispatcher's dashboard = %d, want 403", code)
	}

	editor, _ := e.login("editor")
	if code, _, _ := e.do(editor, "GET", "/admin/dashboard", nil); code != http.StatusForbidden {
		t.Fatalf("editor's dashboard = %d, want 403", code)
	}
	if code, _, _ := e.do(editor, "GET", "/admin/dashboard.csv?table=ratings", nil); code != http.StatusForbidden {
		t.Fatalf("editor's CSV = %d, want 403", code)
	}
}
