package handoff_test

import (
	"testing"
	"time"

	"github.com/vikno-city/vikno/handoff"
)

func TestHoursOpenWithinTheirDaysAndTimes(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	h, err := handoff.ParseHours("Mon-Fri 08:00-20:00; Sat 09:00-14:00", kyiv)
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, kyiv)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		when string
		open bool
	}{
		{"2026-12-07 08:00", true},  // Monday, opening minute
		{"2026-12-07 07:59", false}, // before opening
		{"2026-12-07 19:59", true},
		{"2026-12-07 20:00", false}, // closing minute is closed
		{"2026-12-12 10:00", true},  // Saturday
		{"2026-12-12 14:30", false},
		{"2026-12-13 10:00", false}, // Sunday
	} {
		if got := h.IsOpen(at(tc.when)); got != tc.open {
			t.Errorf("IsOpen(%s) = %v, want %v", tc.when, got, tc.open)
		}
	}
	// The same instant in UTC is judged in the hours' own zone.
	if !h.IsOpen(at("2026-12-07 08:30").UTC()) {
		t.Error("an instant given in UTC must be judged in Kyiv time")
	}
}

func TestHoursWrapAroundTheWeekAndAllDay(t *testing.T) {
	h, err := handoff.ParseHours("Sat-Mon 00:00-24:00", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	sun := time.Date(2026, 12, 13, 23, 59, 0, 0, time.UTC)
	tue := time.Date(2026, 12, 15, 12, 0, 0, 0, time.UTC)
	if !h.IsOpen(sun) || h.IsOpen(tue) {
		t.Fatalf("Sat-Mon: Sunday open = %v, Tuesday open = %v", h.IsOpen(sun), h.IsOpen(tue))
	}
}

func TestHoursRejectMalformed(t *testing.T) {
	for _, s := range []string{"", "Mon-Fri", "Mon-Fri 8-20", "Xyz 08:00-20:00", "Mon 20:00-08:00", "Mon 08:00-25:00", "Mon 08:00-20:00 extra"} {
		if _, err := handoff.ParseHours(s, time.UTC); err == nil {
			t.Errorf("ParseHours(%q) accepted", s)
		}
	}
}

func TestZeroHoursAreNeverOpen(t *testing.T) {
	if (handoff.Hours{}).IsOpen(time.Now()) {
		t.Fatal("zero hours are open")
	}
}
