package dialog

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
)

// hoursAsked answers a question about the chosen CNAP's opening hours typed
// at the day or time step («а в суботу працюєте?», "are you open on
// Saturday?"): the hours of each weekday it names, or of the whole week
// when it names none, and the step is asked again. A weekday in such a
// question is not the day chosen. It reports false when text asks no such
// question.
func (f *bookFlow) hoursAsked(ctx context.Context, c *Conv, text string) (bool, error) {
	l, ok := f.location(c)
	if !ok || !c.hasWord("cnap_hours", text) {
		return false, nil
	}
	name := visitLocName(c, l)
	var answer Text
	for _, wd := range weekdaysIn(c, text) {
		if answer != nil {
			answer = answer.Append(Plain("\n"))
		}
		answer = answer.Append(c.T("book.answer_day_hours", "location", name, "day", c.S("wd."+strconv.Itoa(int(wd))),
			"hours", dayHours(c, l, wd)))
	}
	if answer == nil {
		answer = c.T("book.answer_week_hours", "location", name, "week", weekLines(c, l))
	}
	c.Say(answer)
	return true, f.show(ctx, c)
}

// weekdaysIn returns the weekdays text names, in the order written, once
// each.
func weekdaysIn(c *Conv, text string) []time.Weekday {
	var out []time.Weekday
	for _, w := range strings.Fields(text) {
		if wd, ok := bookWeekday(c, w); ok && !slices.Contains(out, wd) {
			out = append(out, wd)
		}
	}
	return out
}

// dayHours writes the hours l works on wd («09:00–16:00»), or that it is a
// day off.
func dayHours(c *Conv, l vikno.Location, wd time.Weekday) string {
	if open, closes, ok := l.OpenHours(wd); ok {
		return cnapClock(open) + "–" + cnapClock(closes)
	}
	return c.S("cnap.day_off")
}

// weekLines writes the location's opening hours, a line a weekday from
// Monday, and its breaks.
func weekLines(c *Conv, l vikno.Location) string {
	var lines []string
	for i := range 7 {
		wd := time.Weekday((i + 1) % 7)
		lines = append(lines, c.S("wds."+strconv.Itoa(int(wd)))+" "+dayHours(c, l, wd))
	}
	var breaks []string
	for _, b := range l.BreakTimes() {
		breaks = append(breaks, cnapClock(b.Start)+"–"+cnapClock(b.End))
	}
	if len(breaks) > 0 {
		lines = append(lines, c.S("cnap.breaks", "breaks", strings.Join(breaks, ", ")))
	}
	return strings.Join(lines, "\n")
}

// howToBookOnDay answers a question how to book that names one CNAP and a
// weekday («чи можна записатися на суботу до ЦНАП на Сихові?»): the CNAP's
// hours that day, how booking works, and the button to book there. It
// reports false when the question names no CNAP or no weekday.
func howToBookOnDay(c *Conv, text string) bool {
	b, ok := c.engine.flows[FlowBook].(*bookFlow)
	days := weekdaysIn(c, text)
	if !ok || len(days) == 0 {
		return false
	}
	l, ok := b.v.City.Location(exactLocationIn(b.v.City, text))
	if !ok {
		if l, ok = locationBesideCNAP(c, b.v.City, text); !ok {
			return false
		}
	}
	name := visitLocName(c, l)
	var answer Text
	for _, wd := range days {
		answer = answer.Append(c.T("book.answer_day_hours", "location", name, "day", c.S("wd."+strconv.Itoa(int(wd))),
			"hours", dayHours(c, l, wd)), Plain("\n"))
	}
	c.Say(answer.Append(c.T("intent.book_howto", "hotline", c.Hotline())),
		[]Button{{Label: c.S("cnap.btn_book", "location", name), Action: "menu:" + FlowBook + ":@" + l.ID}}, c.MenuRow())
	return true
}
