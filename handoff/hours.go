package handoff

import (
	"fmt"
	"strings"
	"time"
)

// Hours are the operators' working hours: "Mon-Fri 08:00-20:00", several
// parts separated by ";" or "," ("Mon-Fri 08:00-20:00; Sat 09:00-14:00"),
// in a time zone. The zero Hours are never open.
type Hours struct {
	text string
	loc  *time.Location
	// spans are minutes of the day [from, to) per weekday (time.Weekday).
	spans [7][][2]int
}

var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseHours parses working hours in loc (UTC when nil). Errors say what
// part is wrong.
func ParseHours(s string, loc *time.Location) (Hours, error) {
	if loc == nil {
		loc = time.UTC
	}
	h := Hours{text: strings.TrimSpace(s), loc: loc}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' })
	if len(parts) == 0 {
		return Hours{}, fmt.Errorf("want hours like \"Mon-Fri 08:00-20:00\"")
	}
	for _, p := range parts {
		if err := h.addPart(strings.Fields(p)); err != nil {
			return Hours{}, fmt.Errorf("%q: %w", strings.TrimSpace(p), err)
		}
	}
	return h, nil
}

func (h *Hours) addPart(f []string) error {
	if len(f) != 2 {
		return fmt.Errorf("want days and a time range, like \"Mon-Fri 08:00-20:00\"")
	}
	days, err := parseDays(f[0])
	if err != nil {
		return err
	}
	from, to, ok := strings.Cut(f[1], "-")
	a, errA := parseClock(from)
	b, errB := parseClock(to)
	if !ok || errA != nil || errB != nil || a >= b {
		return fmt.Errorf("want a time range like 08:00-20:00")
	}
	for _, d := range days {
		h.spans[d] = append(h.spans[d], [2]int{a, b})
	}
	return nil
}

func parseDays(s string) ([]int, error) {
	from, to, isRange := strings.Cut(strings.ToLower(s), "-")
	a, b := dayIndex(from), dayIndex(to)
	if !isRange {
		b = a
	}
	if a < 0 || b < 0 {
		return nil, fmt.Errorf("want days like Mon, Mon-Fri or Sat-Sun")
	}
	var out []int
	for d := a; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == b {
			return out, nil
		}
	}
}

func dayIndex(s string) int {
	for i, d := range weekdays {
		if s == d {
			return i
		}
	}
	return -1
}

// parseClock parses "08:00" into minutes of the day; "24:00" is the end of
// the day.
func parseClock(s string) (int, error) {
	var hh, mm int
	if _, err := fmt.Sscanf(s, "%d:%d", &hh, &mm); err != nil || len(s) != 5 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	if hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

// IsOpen reports whether t falls within the working hours.
func (h Hours) IsOpen(t time.Time) bool {
	if h.loc == nil {
		return false
	}
	t = t.In(h.loc)
	m := t.Hour()*60 + t.Minute()
	for _, s := range h.spans[t.Weekday()] {
		if m >= s[0] && m < s[1] {
			return true
		}
	}
	return false
}

// Set reports whether any hours were configured.
func (h Hours) Set() bool { return h.loc != nil }

// String returns the hours as configured, for the resident ("Mon-Fri
// 08:00-20:00").
func (h Hours) String() string { return h.text }
