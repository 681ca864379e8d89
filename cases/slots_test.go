package cases_test

import (
	"slices"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
)

func visitCity(t testing.TB) vikno.City {
	t.Helper()
	c, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// kyiv returns a time on the given July 2026 day in Kyiv.
func kyivJuly(t testing.TB, day, hour, minute int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 7, day, hour, minute, 0, 0, loc)
}

func visitClocks(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Format("15:04")
	}
	return out
}

func visitLocSvc(t *testing.T, c vikno.City, loc, svc string) (vikno.Location, vikno.Service) {
	t.Helper()
	l, ok := c.Location(loc)
	s, ok2 := c.Service(svc)
	if !ok || !ok2 {
		t.Fatalf("no %s / %s in the demo city", loc, svc)
	}
	return l, s
}

func TestStartsSkipTheBreakAndFitBeforeIt(t *testing.T) {
	c := visitCity(t)
	l, s := visitLocSvc(t, c, "cnap-vyhovskoho", "id-card") // Tue 09:00-20:00, break 13:00-13:45, 20 min
	got := visitClocks(cases.Calendar{City: c}.Starts(l, s, kyivJuly(t, 14, 0, 0)))
	for _, want := range []string{"09:00", "12:40", "13:45", "14:05", "19:25"} {
		if !slices.Contains(got, want) {
			t.Errorf("starts lack %s: %v", want, got)
		}
	}
	for _, bad := range []string{"13:00", "13:20", "13:40", "19:40", "19:45"} {
		if slices.Contains(got, bad) {
			t.Errorf("starts include %s (break or after closing): %v", bad, got)
		}
	}
	if len(got) != 12+18 {
		t.Errorf("%d starts, want 12 before the break and 18 after: %v", len(got), got)
	}
}

func TestStartsOnLateAndShortDays(t *testing.T) {
	c := visitCity(t)
	l, s := visitLocSvc(t, c, "cnap-center", "passport-abroad")
	cal := cases.Calendar{City: c}
	tests := []struct {
		name      string
		day       int
		last      string
		wantCount int
	}{
		{"TuesdayIsLateUntil20", 14, "19:40", 33},
		{"WednesdayEndsAt18", 15, "17:40", 27},
		{"FridayEndsAt1645", 17, "16:20", 23},
		{"SaturdayHalfDay", 18, "15:40", 21},
		{"SundayClosed", 19, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := visitClocks(cal.Starts(l, s, kyivJuly(t, tt.day, 12, 0)))
			if len(got) != tt.wantCount || (tt.last != "" && got[len(got)-1] != tt.last) {
				t.Fatalf("starts = %v (%d), want %d ending %s", got, len(got), tt.wantCount, tt.last)
			}
		})
	}
}

func TestNoStartsOnHolidaysAndClosures(t *testing.T) {
	c := visitCity(t)
	cal := cases.Calendar{City: c}
	l, s := visitLocSvc(t, c, "cnap-center", "id-card")
	independence := time.Date(2026, 8, 24, 12, 0, 0, 0, c.Loc()) // a Monday, city holiday
	if got := cal.Starts(l, s, independence); len(got) != 0 {
		t.Errorf("holiday starts: %v", visitClocks(got))
	}
	ly, lys := visitLocSvc(t, c, "cnap-lysynychi", "residence-extract") // Tue and Thu; closed 2026-07-16
	if got := cal.Starts(ly, lys, kyivJuly(t, 16, 12, 0)); len(got) != 0 {
		t.Errorf("closure starts: %v", visitClocks(got))
	}
	if got := cal.Starts(ly, lys, kyivJuly(t, 14, 12, 0)); len(got) == 0 {
		t.Error("no starts on an ordinary Tuesday")
	}
	days := cal.WorkingDays(ly, kyivJuly(t, 14, 10, 0), 3)
	want := []string{"2026-07-14", "2026-07-21", "2026-07-23"}
	for i, d := range days {
		if d.Format(cases.DateLayout) != want[i] {
			t.Fatalf("working days %v, want %v (Tue/Thu without the closure)", days, want)
		}
	}
}

func TestFreeSlotsDropPastTimesAndFullSeats(t *testing.T) {
	c := visitCity(t)
	l, s := visitLocSvc(t, c, "cnap-vyhovskoho", "id-card") // 3 booking windows
	starts := cases.Calendar{City: c}.Starts(l, s, kyivJuly(t, 14, 0, 0))
	now := kyivJuly(t, 14, 10, 0)
	at := func(h, m int) time.Time { return kyivJuly(t, 14, h, m) }
	var uses []cases.SeatUse
	for seat := 1; seat <= 3; seat++ { // 10:20 full
		for _, u := range cases.Units(at(10, 20), at(10, 40)) {
			uses = append(uses, cases.SeatUse{Unit: u, Seat: seat})
		}
	}
	// A 30-minute visit on seat 1 from 11:00 also covers the 11:20 slot.
	for _, u := range cases.Units(at(11, 0), at(11, 30)) {
		uses = append(uses, cases.SeatUse{Unit: u, Seat: 1})
	}
	free := cases.FreeSlots(l, s, starts, uses, now, false)
	if len(free) == 0 || free[0].Start.Format("15:04") != "10:40" {
		t.Fatalf("first free slot %v, want 10:40 (10:00 is now, 10:20 is full)", free[0].Start)
	}
	for _, sl := range free {
		switch sl.Start.Format("15:04") {
		case "11:00", "11:20":
			if sl.Free != 2 || sl.Capacity != 3 {
				t.Errorf("%s: %d of %d free, want 2 of 3", sl.Start.Format("15:04"), sl.Free, sl.Capacity)
			}
		case "10:40", "11:40":
			if sl.Free != 3 {
				t.Errorf("%s: %d free, want 3", sl.Start.Format("15:04"), sl.Free)
			}
		}
	}
	all := cases.FreeSlots(l, s, starts, uses, now, true)
	if len(all) != len(free)+1 {
		t.Errorf("with full slots: %d, want %d", len(all), len(free)+1)
	}
}

func TestPickSeatTakesTheLowestSeatFreeForTheWholeVisit(t *testing.T) {
	start := time.Date(2026, 7, 14, 7, 0, 0, 0, time.UTC)
	uses := []cases.SeatUse{{Unit: start.Add(15 * time.Minute), Seat: 1}, {Unit: start, Seat: 2}}
	if got := cases.PickSeat(uses, start, start.Add(20*time.Minute), 3); got != 3 {
		t.Fatalf("PickSeat = %d, want 3", got)
	}
	if got := cases.PickSeat(uses, start, start.Add(20*time.Minute), 2); got != 0 {
		t.Fatalf("PickSeat with no free seat = %d, want 0", got)
	}
}

func TestVisitLengthRoundsUpToWholeUnits(t *testing.T) {
	for minutes, want := range map[int]time.Duration{10: 10 * time.Minute, 12: 15 * time.Minute, 20: 20 * time.Minute, 0: 0} {
		if got := cases.VisitLength(vikno.Service{VisitMinutes: minutes}); got != want {
			t.Errorf("VisitLength(%d) = %v, want %v", minutes, got, want)
		}
	}
}

func TestOpenAtTellsWhenALocationOpens(t *testing.T) {
	c := visitCity(t)
	cal := cases.Calendar{City: c}
	l, _ := c.Location("cnap-vyhovskoho")
	tests := []struct {
		name     string
		at       time.Time
		open     bool
		nextWant time.Time
	}{
		{"OpenUntilTheBreak", kyivJuly(t, 14, 10, 0), true, kyivJuly(t, 14, 13, 0)},
		{"InTheBreak", kyivJuly(t, 14, 13, 10), false, kyivJuly(t, 14, 13, 45)},
		{"AfterClosing", kyivJuly(t, 14, 20, 30), false, kyivJuly(t, 15, 9, 0)},
		{"Weekend", kyivJuly(t, 18, 12, 0), false, kyivJuly(t, 20, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open, next := cal.OpenAt(l, tt.at)
			if open != tt.open || !next.Equal(tt.nextWant) {
				t.Fatalf("OpenAt = %v, %v; want %v, %v", open, next, tt.open, tt.nextWant)
			}
		})
	}
}
