package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
)

// dashNow is the dashboard tests' "now": Friday 20 March 2026, 12:00 Kyiv.
var dashNow = time.Date(2026, 3, 20, 12, 0, 0, 0, kyiv)

// seedDashboardAppeals files six appeals whose figures the tests know:
// received in the last 7 days 3, in work 4, overdue 3 (A, B, F).
func seedDashboardAppeals(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	day := 24 * time.Hour
	res := mustResident(t, s, "dash")
	for _, a := range []struct {
		token, category, executor string
		created, due              time.Duration // before dashNow; due may be negative (ahead)
		status                    cases.AppealStatus
		doneAgo                   time.Duration
	}{
		{"A", "no-hot-water", "teplomerezha", 2 * day, 1 * day, cases.AppealRegistered, 0},
		{"B", "no-hot-water", "teplomerezha", 3 * day, time.Hour, cases.AppealInProgress, 0},
		{"C", "pothole", "roads", 1 * day, -5 * day, cases.AppealRegistered, 0},
		{"D", "pothole", "roads", 10 * day, 8 * day, cases.AppealDone, 9 * day},            // on time
		{"E", "no-hot-water", "teplomerezha", 9 * day, 8 * day, cases.AppealDone, 7 * day}, // late
		{"F", "lighting", "roads", 20 * day, 15 * day, cases.AppealRegistered, 0},
	} {
		ap, ev := sampleAppeal(res, a.token, dashNow.Add(-a.created))
		ap.Category, ap.Executor, ap.DueAt = a.category, a.executor, dashNow.Add(-a.due)
		stored := mustCreate(t, s, ap, ev)
		if a.status == cases.AppealRegistered {
			continue
		}
		at := dashNow.Add(-a.doneAgo)
		if a.doneAgo == 0 {
			at = dashNow.Add(-a.created + time.Hour)
		}
		_, err := s.UpdateAppeal(ctx, stored.Number, func(x *cases.Appeal) (cases.AppealEvent, error) {
			from := x.Status
			x.Status, x.UpdatedAt = a.status, at
			return cases.AppealEvent{At: at, From: from, To: a.status, Actor: cases.Actor{Kind: cases.ActorExecutor, Name: a.executor}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func testDashboard(t *testing.T, open Opener) {
	ctx := context.Background()
	day := 24 * time.Hour
	all := cases.AppealScope{All: true}
	t.Run("AppealFiguresCountReceivedInWorkOverdue", func(t *testing.T) {
		s := open(t)
		seedDashboardAppeals(t, s)
		for _, tt := range []struct {
			name  string
			scope cases.AppealScope
			want  cases.AppealFigures
		}{
			{"all", all, cases.AppealFigures{Received: 3, InWork: 4, Overdue: 3}},
			{"one category", cases.AppealScope{Categories: []string{"pothole"}}, cases.AppealFigures{Received: 1, InWork: 1, Overdue: 0}},
			{"empty scope sees nothing", cases.AppealScope{}, cases.AppealFigures{}},
		} {
			got, err := s.AppealFigures(ctx, tt.scope, dashNow.Add(-7*day), dashNow)
			if err != nil || got != tt.want {
				t.Errorf("%s: AppealFigures = %+v, %v; want %+v", tt.name, got, err, tt.want)
			}
		}
	})
	t.Run("CategoryTrendsCompareWithTheWeekBefore", func(t *testing.T) {
		s := open(t)
		seedDashboardAppeals(t, s)
		got, err := s.CategoryTrends(ctx, all, dashNow.Add(-14*day), dashNow.Add(-7*day), dashNow)
		want := []cases.CategoryTrend{
			{Category: "no-hot-water", Current: 2, Previous: 1},
			{Category: "pothole", Current: 1, Previous: 1},
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("CategoryTrends = %+v, %v; want %+v", got, err, want)
		}
		got, err = s.CategoryTrends(ctx, cases.AppealScope{Categories: []string{"pothole"}}, dashNow.Add(-14*day), dashNow.Add(-7*day), dashNow)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want[1:]) {
			t.Fatalf("CategoryTrends of pothole = %+v, %v", got, err)
		}
	})
	t.Run("ExecutorsRankedByOnTimeShare", func(t *testing.T) {
		s := open(t)
		seedDashboardAppeals(t, s)
		got, err := s.ExecutorsOnTime(ctx, all, dashNow.Add(-30*day), dashNow)
		// roads: D on time, F overdue (C is neither yet); teplomerezha: E
		// late, A and B overdue.
		want := []cases.ExecutorOnTime{
			{Executor: "roads", Judged: 2, OnTime: 1, Overdue: 1},
			{Executor: "teplomerezha", Judged: 3, OnTime: 0, Overdue: 2},
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("ExecutorsOnTime = %+v, %v; want %+v", got, err, want)
		}
		if got, _ := s.ExecutorsOnTime(ctx, cases.AppealScope{}, dashNow.Add(-30*day), dashNow); len(got) != 0 {
			t.Fatalf("empty scope = %+v", got)
		}
	})
	t.Run("LocationRatingsPerLocationInScope", func(t *testing.T) {
		s := open(t)
		a, b, c := mustResident(t, s, "ra"), mustResident(t, s, "rb"), mustResident(t, s, "rc")
		mustRate(t, s, a, "cnap-a", "2026-03-19", 5)
		mustRate(t, s, b, "cnap-a", "2026-03-19", 2)
		mustRate(t, s, c, "cnap-b", "2026-03-02", 4)
		mustRate(t, s, c, "cnap-b", "2026-01-05", 1) // before the period
		got, err := s.LocationRatings(ctx, cases.LocationScope{All: true}, "2026-03-01", "2026-03-20")
		want := []cases.LocationDigest{
			{LocationID: "cnap-a", Count: 2, Sum: 7, Low: 1, Open: 1},
			{LocationID: "cnap-b", Count: 1, Sum: 4},
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("LocationRatings = %+v, %v; want %+v", got, err, want)
		}
		got, err = s.LocationRatings(ctx, cases.LocationScope{Locations: []string{"cnap-b"}}, "2026-03-01", "2026-03-20")
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want[1:]) {
			t.Fatalf("LocationRatings of cnap-b = %+v, %v", got, err)
		}
		if got, _ := s.LocationRatings(ctx, cases.LocationScope{}, "2026-03-01", "2026-03-20"); len(got) != 0 {
			t.Fatalf("empty scope = %+v", got)
		}
	})
	t.Run("LocationBookingsOfTheDay", func(t *testing.T) {
		s := open(t)
		r1, r2, r3 := resident(t, s, "v1"), resident(t, s, "v2"), resident(t, s, "v3")
		v1 := mustBook(t, s, booking(r1, "cnap-a", "svc", base.Add(time.Hour), 20, 3))
		v2 := mustBook(t, s, booking(r2, "cnap-a", "svc", base.Add(time.Hour), 20, 3))
		v3 := mustBook(t, s, booking(r3, "cnap-a", "svc", base.Add(2*time.Hour), 20, 3))
		mustBook(t, s, booking(r1, "cnap-b", "svc2", base.Add(time.Hour), 20, 3))
		mustBook(t, s, booking(r2, "cnap-b", "svc2", base.Add(30*time.Hour), 20, 3)) // tomorrow
		if _, err := s.MarkVisit(ctx, v1.ID, cases.VisitAttended, base); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MarkVisit(ctx, v2.ID, cases.VisitNoShow, base); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CancelVisit(ctx, v3.ID, cases.ByResident, "", base); err != nil {
			t.Fatal(err)
		}
		from := base.Add(-7 * time.Hour)
		got, err := s.LocationBookings(ctx, cases.LocationScope{All: true}, from, from.Add(day))
		want := []cases.LocationBookings{
			{LocationID: "cnap-a", Booked: 2, Attended: 1, NoShow: 1, Cancelled: 1},
			{LocationID: "cnap-b", Booked: 1},
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("LocationBookings = %+v, %v; want %+v", got, err, want)
		}
		got, err = s.LocationBookings(ctx, cases.LocationScope{Locations: []string{"cnap-a"}}, from, from.Add(day))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want[:1]) {
			t.Fatalf("LocationBookings of cnap-a = %+v, %v", got, err)
		}
	})
}
