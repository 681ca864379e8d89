package dialog

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// nearestDays is how many bookable days a typed closed day offers instead.
const nearestDays = 3

// typedDay takes a day the resident typed: a bookable day goes on to its
// times; a closed, past or too distant one is explained, with the nearest
// bookable days as buttons, and the flow stays at the day step so that the
// next typed date is read as a date again.
func (f *bookFlow) typedDay(ctx context.Context, c *Conv, day time.Time) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	if !okL || !okS {
		return f.askLocation(c)
	}
	days, err := f.v.Days(ctx, l.ID, s.ID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(days, func(d cases.DayFree) bool { return d.Day.Equal(day) }) {
		return f.pickDay(ctx, c, day)
	}
	c.Session.Step = stepDay
	text := c.T(f.unbookableKey(l, day), "day", visitWhen(c, "visit.day_on", day),
		"location", visitLocName(c, l), "n", f.v.Rules.Days)
	near := nearestFree(days, day, nearestDays)
	if len(near) == 0 {
		c.Say(text.Append(Plain("\n"), c.T("book.day_none", "n", f.v.Rules.Days)), bookBackRow(c))
		return nil
	}
	var bs []Button
	for _, d := range near {
		bs = append(bs, Button{Label: visitWhen(c, "visit.day_btn", d), Action: FlowBook + ":d:" + d.Format("20060102")})
	}
	c.Say(text.Append(Plain("\n"), c.T("book.day_nearest")), bs, bookBackRow(c))
	return nil
}

// bookNextWeek reports whether text names the next week and no day of it
// («на наступному тижні», «наступного тижня», "next week").
func bookNextWeek(c *Conv, text string) bool {
	s := strings.Trim(cases.NormalizeText(text), " .,!?")
	return c.engine.words["week_next"][s] || c.engine.words["week_next"][bookDropPreposition(c, s)]
}

// typedWeek answers «на наступному тижні» at the day step: the days of the
// next week (Monday to Sunday) with free times, as buttons; when it has
// none, why its Monday cannot be booked and the nearest bookable days.
func (f *bookFlow) typedWeek(ctx context.Context, c *Conv) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	if !okL || !okS {
		return f.askLocation(c)
	}
	today := f.v.Calendar().Day(f.v.Clock())
	monday := today.AddDate(0, 0, weekdayAhead(today.Weekday(), time.Monday, weekdayNext))
	days, err := f.v.Days(ctx, l.ID, s.ID)
	if err != nil {
		return err
	}
	var bs []Button
	for _, d := range days {
		if d.Free > 0 && !d.Day.Before(monday) && d.Day.Before(monday.AddDate(0, 0, 7)) {
			bs = append(bs, Button{Label: visitWhen(c, "visit.day_btn", d.Day), Action: FlowBook + ":d:" + d.Day.Format("20060102")})
		}
	}
	if len(bs) == 0 {
		return f.typedDay(ctx, c, monday)
	}
	c.Session.Step = stepDay
	c.Say(c.T("book.week_days"), bs, bookBackRow(c))
	return nil
}

// unbookableKey names why day cannot be booked at l.
func (f *bookFlow) unbookableKey(l vikno.Location, day time.Time) string {
	date := day.Format(cases.DateLayout)
	switch {
	case day.Before(f.v.Calendar().Day(f.v.Clock())):
		return "book.day_past"
	case slices.Contains(f.v.City.Holidays, date):
		return "book.closed_holiday"
	case slices.Contains(l.Closures, date):
		return "book.closed_closure"
	}
	if _, _, open := l.OpenHours(day.Weekday()); !open {
		return "book.closed_day_off"
	}
	if f.v.Calendar().Day(f.v.Clock()).Equal(day) {
		return "book.day_over"
	}
	return "book.day_far"
}

// nearestFree returns up to n days with free times closest to day, in
// calendar order.
func nearestFree(days []cases.DayFree, day time.Time, n int) []time.Time {
	var free []time.Time
	for _, d := range days {
		if d.Free > 0 {
			free = append(free, d.Day)
		}
	}
	dist := func(t time.Time) time.Duration { return max(t.Sub(day), day.Sub(t)) }
	slices.SortStableFunc(free, func(a, b time.Time) int { return int(dist(a) - dist(b)) })
	free = free[:min(n, len(free))]
	slices.SortFunc(free, func(a, b time.Time) int { return a.Compare(b) })
	return free
}

// startsAt reports whether a visit can start at minutes after midnight of
// the chosen day (taken or not): text like "10.20" is then a time, not a
// date.
func (f *bookFlow) startsAt(c *Conv, minutes int) bool {
	l, okL := f.location(c)
	s, okS := f.service(c)
	day, okD := f.day(c)
	if !okL || !okS || !okD {
		return false
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, day.Location())
	return slices.ContainsFunc(f.v.Calendar().Starts(l, s, day), at.Equal)
}
