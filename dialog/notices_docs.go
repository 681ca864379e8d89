package dialog

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowTrack is «Відстежити мою справу»: the resident links the reference of
// a CNAP case (from the receipt) to get the documents-ready notice here.
const FlowTrack = "track"

// CaseTracker is what the track flow needs: notify.Notices implements it.
type CaseTracker interface {
	// TrackCase links a reference to the resident and returns the
	// documents-ready notices already waiting for it.
	TrackCase(ctx context.Context, residentID int64, reference string) (cases.TrackedCase, []cases.DocumentsReady, error)
	TrackedCases(ctx context.Context, residentID int64) ([]cases.TrackedCase, error)
	UntrackCase(ctx context.Context, residentID, id int64) error
}

// trackFlow lists the resident's case references, adds and removes them.
type trackFlow struct {
	t    CaseTracker
	city vikno.City
}

// RegisterTracking adds the track flow and the deep link "case_<reference>"
// (a QR code on a CNAP receipt) that starts it.
func RegisterTracking(e *Engine, t CaseTracker, city vikno.City) {
	e.Register(trackFlow{t: t, city: city})
	e.RoutePayload("case_", FlowTrack)
}

func (trackFlow) Name() string { return FlowTrack }

// startTrackRef tracks a case whose reference is the whole message
// («ЦН-2026-01234» copied from the receipt): letters and digits, nothing
// else said. A bare number is no reference (an appeal's number is taken
// by startStatusCheck before).
func startTrackRef(ctx context.Context, c *Conv, text string) (bool, error) {
	if _, ok := c.engine.flows[FlowTrack]; !ok || len(strings.Fields(text)) > 3 {
		return false, nil
	}
	ref, ok := cases.ReferenceIn(text)
	if !ok || !strings.ContainsFunc(ref, unicode.IsLetter) || strings.ContainsFunc(text, func(r rune) bool {
		return unicode.IsLetter(r) && !strings.ContainsRune(strings.ToUpper(ref), unicode.ToUpper(r))
	}) {
		return false, nil
	}
	return true, c.Enter(ctx, FlowTrack, ref)
}

var _ intentReader = trackFlow{}

// IntentArg implements intentReader: the case reference a question whether
// the documents are ready holds («чи готовий паспорт, справа ЦН-2026-01234?»).
func (trackFlow) IntentArg(_ *Conv, text string) string {
	ref, _ := cases.ReferenceIn(text)
	return ref
}

func (f trackFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if arg != "" {
		return f.track(ctx, c, arg)
	}
	return f.list(ctx, c)
}

func (f trackFlow) Handle(ctx context.Context, c *Conv) error {
	kind, id, _ := strings.Cut(c.Arg, ":")
	switch {
	case kind == "x":
		return f.untrack(ctx, c, id)
	case kind == "add":
		c.Session.Step = "ref"
		c.Say(c.T("track.ask"), c.MenuRow())
		return nil
	case c.Update.Text != "" && c.Update.Action == "":
		ref, ok := cases.ReferenceIn(c.Update.Text)
		if !ok {
			c.Session.Step = "ref"
			c.Say(c.T("track.bad"), c.MenuRow())
			return nil
		}
		return f.track(ctx, c, ref)
	}
	return f.list(ctx, c)
}

// list shows the tracked references, each with a button to stop tracking.
func (f trackFlow) list(ctx context.Context, c *Conv) error {
	tracked, err := f.t.TrackedCases(ctx, c.Resident.ID)
	if err != nil {
		return err
	}
	c.Session.Step = "ref"
	if len(tracked) == 0 {
		c.Say(c.T("track.ask"), c.MenuRow())
		return nil
	}
	var refs []string
	var rows [][]Button
	for _, t := range tracked {
		refs = append(refs, "• "+t.Reference)
		rows = append(rows, []Button{{Label: c.S("track.btn_stop", "ref", t.Reference), Action: FlowTrack + ":x:" + strconv.FormatInt(t.ID, 10)}})
	}
	c.Say(c.T("track.list", "n", len(tracked), "list", strings.Join(refs, "\n")), append(rows, c.MenuRow())...)
	return nil
}

func (f trackFlow) track(ctx context.Context, c *Conv, text string) error {
	ref, err := cases.NormalizeReference(text)
	if err != nil {
		c.Say(c.T("track.bad"), c.MenuRow())
		return nil
	}
	t, waiting, err := f.t.TrackCase(ctx, c.Resident.ID, ref)
	if err != nil {
		return err
	}
	c.Session.Reset()
	if len(waiting) == 0 {
		c.Say(c.T("track.done", "ref", t.Reference), []Button{c.Button("track.btn_list", "menu:"+FlowTrack)}, c.MenuRow())
		return nil
	}
	c.Say(c.T("track.done_ready", "ref", t.Reference))
	for _, d := range waiting {
		if l, ok := f.city.Location(d.LocationID); ok {
			DocumentsReadyNotice(c, d, l)
		}
	}
	return nil
}

func (f trackFlow) untrack(ctx context.Context, c *Conv, arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err == nil {
		err = f.t.UntrackCase(ctx, c.Resident.ID, id)
	}
	if err != nil && !vikno.IsNotFound(err) && vikno.ErrorCode(err) != vikno.EINVALID {
		return err
	}
	c.Say(c.T("track.stopped"))
	return f.list(ctx, c)
}

// DocumentsReadyNotice adds the documents-ready notice: where and when to
// collect them, and a button to book a visit there.
func DocumentsReadyNotice(c *Conv, d cases.DocumentsReady, l vikno.Location) {
	text := c.T("docs.ready", "ref", d.Reference, "location", visitLocName(c, l), "address", l.AddressIn(c.Locale),
		"hours", weekHours(c, l))
	if d.Details != "" {
		text = text.Append(Plain("\n"), Plain(d.Details))
	}
	if day, err := time.Parse(time.DateOnly, d.Until); err == nil {
		text = text.Append(Plain("\n"), c.T("docs.until", "date", visitWhen(c, "docs.date", day)))
	}
	c.Say(text, []Button{c.Button("docs.btn_book", "menu:"+FlowBook+":@"+l.ID)}, c.MenuRow())
}

// weekHours writes a location's opening hours by runs of equal days:
// «пн–пт 09:00–18:00 · сб 09:00–16:00».
func weekHours(c *Conv, l vikno.Location) string {
	var parts []string
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	for i := 0; i < len(days); {
		open, closes, ok := l.OpenHours(days[i])
		j := i + 1
		for j < len(days) {
			o, cl, ok2 := l.OpenHours(days[j])
			if ok2 != ok || o != open || cl != closes {
				break
			}
			j++
		}
		if ok {
			name := c.S("wds." + strconv.Itoa(int(days[i])))
			if j-i > 1 {
				name += "–" + c.S("wds."+strconv.Itoa(int(days[j-1])))
			}
			parts = append(parts, name+" "+cnapClock(open)+"–"+cnapClock(closes))
		}
		i = j
	}
	return strings.Join(parts, " · ")
}

// noticeSettings are the settings rows of the notices a resident can
// subscribe to (those whose flows are registered), then the menu row.
func noticeSettings(c *Conv) [][]Button {
	var row []Button
	if _, ok := c.engine.flows[FlowOutages]; ok {
		row = append(row, c.Button("outages.btn_settings", "menu:"+FlowOutages))
	}
	if _, ok := c.engine.flows[FlowTrack]; ok {
		row = append(row, c.Button("track.btn_settings", "menu:"+FlowTrack))
	}
	if len(row) == 0 {
		return [][]Button{c.MenuRow()}
	}
	return [][]Button{row, c.MenuRow()}
}
