package dialog

import (
	"fmt"
	"github.com/vikno-city/vikno"
	"math"
	"strconv"
	"strings"
	"time"
)

// dateArgs are the placeholders of a date: weekday, weekday_on (the form
// after «на»: «на п’ятницю»), wd, date, dd, month, mm, time.
func visitDateArgs(c *Conv, t time.Time) []any {
	wd := strconv.Itoa(int(t.Weekday()))
	return []any{
		"weekday", c.S("wd." + wd), "weekday_on", c.S("wda." + wd), "wd", c.S("wds." + wd), "date", t.Day(), "dd", fmt.Sprintf("%02d", t.Day()),
		"month", c.S("mon." + strconv.Itoa(int(t.Month()))), "mm", fmt.Sprintf("%02d", int(t.Month())),
		"time", t.Format("15:04"),
	}
}

// visitWhen formats a time of a visit in the resident's language, "вівторок, 14
// липня, 10:20"; key picks the form (visit.when, visit.day, visit.day_btn,
// visit.when_short, visit.when_list).
func visitWhen(c *Conv, key string, t time.Time) string { return c.S(key, visitDateArgs(c, t)...) }

// visitLocName returns a location's name in the resident's language.
func visitLocName(c *Conv, l vikno.Location) string {
	if c.Locale == EN && l.NameEN != "" {
		return l.NameEN
	}
	return l.Name
}

// visitSvcName returns a service's name in the resident's language.
func visitSvcName(c *Conv, s vikno.Service) string {
	if c.Locale == EN && s.NameEN != "" {
		return s.NameEN
	}
	return s.Name
}

// visitDistanceKm is the great-circle distance between two points.
func visitDistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// visitKm formats a distance: "1,2 км" in Ukrainian, "1.2 km" in English.
func visitKm(c *Conv, d float64) string {
	s := strconv.FormatFloat(d, 'f', 1, 64)
	if c.Locale == UK {
		s = strings.Replace(s, ".", ",", 1)
	}
	return c.S("visit.km", "km", s)
}
