package admin

import (
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/vikno-city/vikno/dialog"
)

// catalogue gives the month names the residents' texts use, so that the
// admin web writes dates in the same words.
var catalogue = sync.OnceValue(dialog.DefaultCatalog)

// readableDay is t's day as people read it in lang: «7 грудня 2026»,
// «7 December 2026».
func readableDay(l string, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + catalogue().String(l, "mon."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// readableTime is t as people read it in lang, «7 грудня 2026, 14:05»;
// "" for the zero time.
func readableTime(l string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return readableDay(l, t) + ", " + t.Format("15:04")
}

// timeTag is t readable in lang inside a <time> element whose datetime
// attribute keeps the machine form; "" for the zero time.
func timeTag(l string, t time.Time) template.HTML {
	if t.IsZero() {
		return ""
	}
	return template.HTML(`<time datetime="` + t.Format(time.RFC3339) + `">` + template.HTMLEscapeString(readableTime(l, t)) + `</time>`)
}

// when is t in the city's time zone as timeTag shows it.
func (h *Handler) when(l string, t time.Time) template.HTML {
	return timeTag(l, t.In(h.cfg.City.Loc()))
}

// whenText is t in the city's time zone as plain readable text, for
// messages.
func (h *Handler) whenText(l string, t time.Time) string {
	return readableTime(l, t.In(h.cfg.City.Loc()))
}

// dayText turns a day "2026-05-14" into «14 травня 2026»; anything else is
// shown as it is.
func dayText(l, day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return readableDay(l, t)
}
