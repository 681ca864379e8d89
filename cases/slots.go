package cases

import (
	"slices"
	"time"

	"github.com/vikno-city/vikno"
)

// SlotUnit is the grain of seat bookings: a visit holds its seat for every
// SlotUnit from its start to its end, so visits of different lengths share a
// location's booking windows without overlapping.
const SlotUnit = 5 * time.Minute

// DateLayout is how days are written in watches, APIs and button actions.
const DateLayout = "2006-01-02"

// Slot is a time a service can be booked at a location, with how many of its
// seats (booking windows) are still free.
type Slot struct {
	LocationID string
	ServiceID  string
	Start, End time.Time
	Capacity   int
	Free       int
}

// VisitLength is the time a visit of s holds a seat: its visit minutes
// rounded up to whole SlotUnits.
func VisitLength(s vikno.Service) time.Duration {
	d := time.Duration(s.VisitMinutes) * time.Minute
	if r := d % SlotUnit; r != 0 {
		d += SlotUnit - r
	}
	return d
}

// Units returns the start of every SlotUnit in [start, end).
func Units(start, end time.Time) []time.Time {
	var out []time.Time
	for t := start; t.Before(end); t = t.Add(SlotUnit) {
		out = append(out, t)
	}
	return out
}

// Calendar answers when the city's locations are open and which slot times
// they have. It is computed from the configuration; nothing is stored.
type Calendar struct {
	City vikno.City
}

// Day returns midnight of t's calendar day in the city's time zone.
func (c Calendar) Day(t time.Time) time.Time {
	t = t.In(c.City.Loc())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// ParseDay parses a YYYY-MM-DD day in the city's time zone.
func (c Calendar) ParseDay(s string) (time.Time, bool) {
	t, err := time.ParseInLocation(DateLayout, s, c.City.Loc())
	return t, err == nil
}

// at returns the time minutes after midnight of day (DST-safe).
func dayAt(day time.Time, minutes int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, day.Location())
}

// OpenIntervals returns the parts of day (local) when l receives visitors:
// its hours for the weekday without its breaks, in minutes after midnight.
// It is empty on holidays, closures and days off.
func (c Calendar) OpenIntervals(l vikno.Location, day time.Time) []vikno.TimeRange {
	day = c.Day(day)
	if c.City.ClosedOn(l, day) {
		return nil
	}
	open, closes, ok := l.OpenHours(day.Weekday())
	if !ok {
		return nil
	}
	parts := []vikno.TimeRange{{Start: open, End: closes}}
	breaks := l.BreakTimes()
	slices.SortFunc(breaks, func(a, b vikno.TimeRange) int { return a.Start - b.Start })
	for _, b := range breaks {
		parts = cutRange(parts, b)
	}
	return parts
}

// cut removes b from each range of parts.
func cutRange(parts []vikno.TimeRange, b vikno.TimeRange) []vikno.TimeRange {
	var out []vikno.TimeRange
	for _, p := range parts {
		if b.End <= p.Start || b.Start >= p.End {
			out = append(out, p)
			continue
		}
		if b.Start > p.Start {
			out = append(out, vikno.TimeRange{Start: p.Start, End: b.Start})
		}
		if b.End < p.End {
			out = append(out, vikno.TimeRange{Start: b.End, End: p.End})
		}
	}
	return out
}

// Starts returns the times a visit of s can start at l on day, ignoring who
// booked what: every visit length from each open interval's start, as long
// as the whole visit fits before a break or closing time.
func (c Calendar) Starts(l vikno.Location, s vikno.Service, day time.Time) []time.Time {
	length := int(VisitLength(s) / time.Minute)
	if length <= 0 {
		return nil
	}
	day = c.Day(day)
	var out []time.Time
	for _, p := range c.OpenIntervals(l, day) {
		for m := p.Start; m+length <= p.End; m += length {
			out = append(out, dayAt(day, m))
		}
	}
	return out
}

// WorkingDays returns the next n days, from's day first, on which l is open.
// It looks at most a year ahead.
func (c Calendar) WorkingDays(l vikno.Location, from time.Time, n int) []time.Time {
	var out []time.Time
	day := c.Day(from)
	for i := 0; i < 366 && len(out) < n; i++ {
		d := day.AddDate(0, 0, i)
		if len(c.OpenIntervals(l, d)) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// OpenAt reports whether l receives visitors at t. When it does not, next is
// when it opens again (zero when not within two weeks); when it does, next
// is when the current open interval ends.
func (c Calendar) OpenAt(l vikno.Location, t time.Time) (open bool, next time.Time) {
	day := c.Day(t)
	for i := 0; i < 15; i++ {
		d := day.AddDate(0, 0, i)
		for _, p := range c.OpenIntervals(l, d) {
			start, end := dayAt(d, p.Start), dayAt(d, p.End)
			if !t.Before(start) && t.Before(end) {
				return true, end
			}
			if start.After(t) {
				return false, start
			}
		}
	}
	return false, time.Time{}
}

// FreeSlots turns candidate starts into slots with their free seats, given
// the location's occupied units. Slots that do not start after now or have
// no free seat are left out unless keepFull is set (then only past ones
// are).
func FreeSlots(loc vikno.Location, svc vikno.Service, starts []time.Time, uses []SeatUse, now time.Time, keepFull bool) []Slot {
	busy := occupancy(uses)
	length := VisitLength(svc)
	var out []Slot
	for _, start := range starts {
		if !start.After(now) {
			continue
		}
		end := start.Add(length)
		s := Slot{LocationID: loc.ID, ServiceID: svc.ID, Start: start, End: end, Capacity: loc.BookingWindows}
		s.Free = freeSeats(busy, Units(start, end), loc.BookingWindows)
		if s.Free > 0 || keepFull {
			out = append(out, s)
		}
	}
	return out
}

// countFree is len(FreeSlots(loc, svc, starts, uses, now, false)) for the
// occupancy busy of those uses, indexed once by the caller for many days.
func countFree(loc vikno.Location, svc vikno.Service, starts []time.Time, busy map[int64]map[int]bool, now time.Time) int {
	length := VisitLength(svc)
	n := 0
	for _, start := range starts {
		if start.After(now) && freeSeats(busy, Units(start, start.Add(length)), loc.BookingWindows) > 0 {
			n++
		}
	}
	return n
}

// occupancy indexes seat uses by unit (Unix seconds) and seat.
func occupancy(uses []SeatUse) map[int64]map[int]bool {
	busy := make(map[int64]map[int]bool)
	for _, u := range uses {
		k := u.Unit.Unix()
		if busy[k] == nil {
			busy[k] = map[int]bool{}
		}
		busy[k][u.Seat] = true
	}
	return busy
}

// freeSeats counts the seats 1..capacity free in every unit.
func freeSeats(busy map[int64]map[int]bool, units []time.Time, capacity int) int {
	free := 0
	for seat := 1; seat <= capacity; seat++ {
		if seatFree(busy, units, seat) {
			free++
		}
	}
	return free
}

func seatFree(busy map[int64]map[int]bool, units []time.Time, seat int) bool {
	for _, u := range units {
		if busy[u.Unix()][seat] {
			return false
		}
	}
	return true
}

// PickSeat returns the lowest seat 1..capacity free in all units of
// [start, end), or 0 when there is none. Stores call it inside the
// transaction that books the seat.
func PickSeat(uses []SeatUse, start, end time.Time, capacity int) int {
	busy := occupancy(uses)
	units := Units(start, end)
	for seat := 1; seat <= capacity; seat++ {
		if seatFree(busy, units, seat) {
			return seat
		}
	}
	return 0
}
