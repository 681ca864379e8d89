package admin

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno/cases"
)

// levelView is one level of the satisfaction scale in a summary, with its
// part of the stacked bar (X and W in percent of the bar's width).
type levelView struct {
	Key     string
	Label   string
	N       int
	Percent string
	X, W    string
}

// summaryView is a score summary as the pages show it: the count, the 1–5
// average and the four-level scale.
type summaryView struct {
	Count   int
	Text    string
	Average string
	Levels  []levelView
}

func (h *Handler) summaryView(l string, s cases.ScoreSummary) summaryView {
	v := summaryView{Count: s.Count, Text: plural(l, "fb_ratings_n", s.Count), Average: decimal(l, s.Average(), 1)}
	x := 0.0
	for _, lv := range cases.SatisfactionLevels() {
		share := s.Share(lv)
		v.Levels = append(v.Levels, levelView{Key: string(lv), Label: tr(l, "sat_"+string(lv)), N: s.Level(lv),
			Percent: decimal(l, share*100, 0) + "%", X: decimal("en", x*100, 2), W: decimal("en", share*100, 2)})
		x += share
	}
	return v
}

// decimal formats f with digits decimals, with a comma in Ukrainian.
func decimal(l string, f float64, digits int) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if l == "uk" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Geometry of a location's chart, in SVG user units.
const (
	chartW, chartH     = 300, 112
	plotLeft, plotRght = 26.0, 292.0
	plotTop, plotBot   = 8.0, 88.0
)

// chartView is one location's weekly average scores as an inline SVG line
// chart (no scripts, no outside resources).
type chartView struct {
	Place    string
	Summary  summaryView
	Label    string
	Grid     []gridLine
	Lines    []string // polyline points, one per run of weeks with ratings
	Dots     []chartDot
	From, To string
	W, H     int
}

type gridLine struct {
	Y     string
	Label int
}

type chartDot struct {
	X, Y  string
	Title string
}

// maxCharts bounds the charts of one page; a country-wide scope lists the
// locations with the most ratings first.
const maxCharts = 24

func (h *Handler) charts(l string, s cases.InboxSummary) []chartView {
	locs := s.ByLocation
	if len(locs) > maxCharts {
		locs = append([]cases.LocationSummary(nil), locs...)
		slices.SortStableFunc(locs, func(a, b cases.LocationSummary) int { return cmp.Compare(b.Count, a.Count) })
		locs = locs[:maxCharts]
	}
	out := make([]chartView, 0, len(locs))
	for _, loc := range locs {
		out = append(out, h.chart(l, loc))
	}
	return out
}

func (h *Handler) chart(l string, loc cases.LocationSummary) chartView {
	c := chartView{Place: h.placeName(l, loc.LocationID), Summary: h.summaryView(l, loc.ScoreSummary), W: chartW, H: chartH}
	for score := cases.MaxScore; score >= cases.MinScore; score-- {
		c.Grid = append(c.Grid, gridLine{Y: num(scoreY(float64(score))), Label: score})
	}
	n := len(loc.Weeks)
	if n == 0 {
		return c
	}
	c.From, c.To = dayDate(loc.Weeks[0].Monday)[:5], dayDate(loc.Weeks[n-1].Monday)[:5]
	var run []string
	for i, w := range loc.Weeks {
		if w.Count == 0 {
			if len(run) > 1 {
				c.Lines = append(c.Lines, strings.Join(run, " "))
			}
			run = nil
			continue
		}
		x := plotLeft + (plotRght-plotLeft)/2
		if n > 1 {
			x = plotLeft + float64(i)*(plotRght-plotLeft)/float64(n-1)
		}
		y := scoreY(w.Average())
		run = append(run, num(x)+","+num(y))
		c.Dots = append(c.Dots, chartDot{X: num(x), Y: num(y), Title: trf(l, "fb_week", dayDate(w.Monday),
			decimal(l, w.Average(), 1), plural(l, "fb_ratings_n", w.Count))})
	}
	if len(run) > 1 {
		c.Lines = append(c.Lines, strings.Join(run, " "))
	}
	c.Label = fmt.Sprintf("%s: %s %s, %s", c.Place, tr(l, "fb_average"), c.Summary.Average, c.Summary.Text)
	return c
}

func scoreY(score float64) float64 {
	return plotBot - (score-cases.MinScore)*(plotBot-plotTop)/(cases.MaxScore-cases.MinScore)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
