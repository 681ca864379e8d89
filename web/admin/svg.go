package admin

// barChart is a horizontal bar chart drawn as inline SVG by the template
// (no script, no outside resources): one row per item, a label above its
// bar, an optional second, lighter bar for a comparison (last week).
type barChart struct {
	Series, Series2 string // legend of the bars; Series2 empty for one series
	Rows            []barRow
	Width, Height   int
}

type barRow struct {
	Label, Value string
	Y, TextY     int // top of the bar, baseline of the label
	W, W2        int // lengths of the bars; W2 < 0 when there is none
	Y2           int
}

// Geometry of a chart, in SVG user units.
const (
	chartWidth = 600
	barMax     = 520 // the longest bar; the value is written after it
	barHeight  = 12
)

func newBarChart(series, series2 string) *barChart {
	return &barChart{Series: series, Series2: series2, Width: chartWidth}
}

// add appends a row; share and share2 are bar lengths as a share of the
// longest (0..1), share2 < 0 for no comparison bar.
func (c *barChart) add(label, value string, share, share2 float64) {
	y := c.Height
	r := barRow{Label: label, Value: value, TextY: y + 14, Y: y + 20, W: barLen(share), W2: -1}
	c.Height = r.Y + barHeight + 10
	if share2 >= 0 && c.Series2 != "" {
		r.W2, r.Y2 = barLen(share2), r.Y+barHeight+2
		c.Height = r.Y2 + barHeight + 10
	}
	c.Rows = append(c.Rows, r)
}

func barLen(share float64) int {
	share = min(max(share, 0), 1)
	n := int(share*barMax + 0.5)
	if share > 0 && n < 2 {
		n = 2 // a non-zero figure stays visible
	}
	return n
}
