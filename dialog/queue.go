package dialog

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/vikno-city/vikno/cases"
)

// RegisterQueue registers "Черга зараз" (the queue flow) and «ЦНАП поруч»
// (the CNAP directory) on e.
func RegisterQueue(e *Engine, q *cases.Queue) {
	e.Register(&queueFlow{q: q})
	e.Register(&cnapFlow{q: q})
}

// queueFlow shows how many people wait at every location and how long the
// wait is: shortest wait first, or nearest first after a shared location.
// Figures older than the queue's StaleAfter are marked stale with their age.
type queueFlow struct{ q *cases.Queue }

func (f *queueFlow) Name() string { return FlowQueue }

// Start shows the queue at every location, or at the one arg names (a
// request that named it: «скільки людей у черзі на Сихові»).
func (f *queueFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if _, ok := f.q.City.Location(arg); ok {
		c.Session.Set(keyQueueLoc, arg)
	}
	return f.report(ctx, c)
}

// keyQueueLoc is the one location whose queue the resident asked about.
const keyQueueLoc = "qloc"

var (
	_ intentReader = (*queueFlow)(nil)
	_ visitNamer   = (*queueFlow)(nil)
)

// NamesVisit implements visitNamer: a request names a CNAP, so «скока щас
// народу на сихові» asks its queue without the word «черга».
func (f *queueFlow) NamesVisit(_ *Conv, text string) bool {
	_, ok := locationIn(f.q.City, text)
	return ok
}

// IntentArg implements intentReader: the one CNAP a request for the queue
// names, if any.
func (f *queueFlow) IntentArg(_ *Conv, text string) string {
	if l, ok := locationIn(f.q.City, text); ok {
		return l.ID
	}
	return ""
}

// Handle refreshes the report ("queue:r") or sorts it by distance from a
// shared location. Typed text asks no more of the report: it is a new
// question (elsewhere).
func (f *queueFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Update.Text != "" && c.Arg == "" && c.Update.Location == nil {
		if handled, err := c.elsewhere(ctx); handled {
			return err
		}
	}
	c.Session.Flow = FlowQueue
	if loc := c.Update.Location; loc != nil {
		c.Session.Set(keyQueueLoc, "") // every location, nearest first
		c.Session.Set(keyLat, strconv.FormatFloat(loc.Lat, 'f', 5, 64))
		c.Session.Set(keyLon, strconv.FormatFloat(loc.Lon, 'f', 5, 64))
	}
	return f.report(ctx, c)
}

func (f *queueFlow) report(ctx context.Context, c *Conv) error {
	board, err := f.q.Board(ctx)
	if err != nil {
		return err
	}
	book := "menu:" + FlowBook
	if id := c.Session.Get(keyQueueLoc); id != "" {
		board = slices.DeleteFunc(board, func(st cases.QueueStatus) bool { return st.Location.ID != id })
		book += ":@" + id
		c.Session.Set(keyCNAPShown, id) // «а до котрої вони працюють?» is about it
	}
	if len(board) == 1 {
		return f.one(c, board[0], book)
	}
	lat, errLat := strconv.ParseFloat(c.Session.Get(keyLat), 64)
	lon, errLon := strconv.ParseFloat(c.Session.Get(keyLon), 64)
	located := errLat == nil && errLon == nil
	var far Text
	if located {
		if km, ok := farFromCity(f.q.City, sortLocationsByDistance(f.q.City.Locations, lat, lon, true), lat, lon); ok {
			far, located = c.T("queue.far", "n", km), false // distances from another city help no one
		}
	}
	if located {
		slices.SortStableFunc(board, func(a, b cases.QueueStatus) int {
			return cmp.Compare(visitDistanceKm(lat, lon, a.Location.Lat, a.Location.Lon),
				visitDistanceKm(lat, lon, b.Location.Lat, b.Location.Lon))
		})
	}
	text := c.T(map[bool]string{false: "queue.title", true: "queue.title_near"}[located])
	if far != nil {
		text = far.Append(Plain("\n\n"), text)
	}
	anyData := false
	for _, st := range board {
		name := visitLocName(c, st.Location)
		if located {
			name += " (" + visitKm(c, visitDistanceKm(lat, lon, st.Location.Lat, st.Location.Lon)) + ")"
		}
		text = text.Append(Plain("\n"), f.line(c, st, name))
		anyData = anyData || st.HasData
	}
	if !anyData {
		text = text.Append(Plain("\n\n"), c.T("queue.no_data"))
	}
	text = text.Append(Plain("\n\n"), c.T("queue.hint"))
	c.Ask(text, RequestLocation, c.S("book.btn_near"),
		[]Button{c.Button("queue.btn_refresh", FlowQueue+":r"), c.Button("book.btn_book", book)},
		c.MenuRow())
	return nil
}

// one shows the queue at the one location asked about.
func (f *queueFlow) one(c *Conv, st cases.QueueStatus, book string) error {
	text := c.T("queue.title_one").Append(Plain("\n"), f.line(c, st, visitLocName(c, st.Location)))
	text = text.Append(Plain("\n\n"), c.T("queue.hint"))
	c.Say(text, []Button{c.Button("queue.btn_refresh", FlowQueue+":r"), c.Button("book.btn_book", book)},
		[]Button{c.Button("queue.btn_all", "menu:"+FlowQueue), c.Button("btn.menu", "menu:")})
	return nil
}

// line describes one location: its queue and wait, how fresh that is, or
// when it opens.
func (f *queueFlow) line(c *Conv, st cases.QueueStatus, name string) Text {
	r := st.Report
	age := queueAge(c, st.Age)
	switch {
	case !st.Open && !st.Next.IsZero():
		return c.T("queue.closed", "location", name, "when", f.opens(c, st.Next))
	case !st.Open:
		return c.T("queue.closed_long", "location", name)
	case !st.HasData:
		return c.T("queue.no_figures", "location", name)
	case st.Stale:
		return c.T("queue.stale", "location", name, "age", age, "n", r.Waiting)
	case r.Waiting == 0:
		return c.T("queue.empty", "location", name, "age", age)
	case st.WaitMinutes < 0:
		return c.T("queue.no_windows", "location", name, "n", r.Waiting, "age", age)
	}
	return c.T("queue.wait", "location", name, "n", r.Waiting, "min", st.WaitMinutes, "age", age)
}

// opens says when a closed location opens: "сьогодні о 13:45", "завтра о
// 09:00" or "пн, 20.07 о 09:00".
func (f *queueFlow) opens(c *Conv, t time.Time) string {
	cal := cases.Calendar{City: f.q.City}
	t = t.In(f.q.City.Loc())
	today := cal.Day(f.q.Clock())
	switch cal.Day(t).Sub(today).Round(time.Hour) / (24 * time.Hour) {
	case 0:
		return c.S("queue.at_today", "time", t.Format("15:04"))
	case 1:
		return c.S("queue.at_tomorrow", "time", t.Format("15:04"))
	}
	return visitWhen(c, "visit.when_list", t)
}

// queueAge says how old figures are: "щойно", "3 хв тому", "2 год 5 хв
// тому".
func queueAge(c *Conv, d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 1:
		return c.S("queue.age_now")
	case m < 60:
		return c.S("queue.age_min", "m", m)
	case m%60 == 0:
		return c.S("queue.age_h", "h", m/60)
	}
	return c.S("queue.age_hmin", "h", m/60, "m", m%60)
}
