package dialog

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// myBookingsFlow is "Мої записи": the resident's upcoming visits, each of
// which can be cancelled (until it starts) or moved to another time.
type myBookingsFlow struct{ v *cases.Visits }

func (f *myBookingsFlow) Name() string { return FlowMyBookings }

// cancelArg is the arg of a request to cancel a booking («хочу
// відмінити свій запис»).
const cancelArg = "cancel"

var _ intentReader = (*myBookingsFlow)(nil)

func (f *myBookingsFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if arg == cancelArg {
		return f.cancelTheOne(ctx, c)
	}
	return f.list(ctx, c)
}

// IntentArg implements intentReader: a request to cancel a booking is
// cancelArg.
func (f *myBookingsFlow) IntentArg(c *Conv, text string) string {
	if f.asksCancel(c, text) {
		return cancelArg
	}
	return ""
}

// asksCancel reports whether text asks to cancel a booking («скасуйте»,
// not «не скасовуйте»).
func (f *myBookingsFlow) asksCancel(c *Conv, text string) bool {
	low := strings.ToLower(text)
	return c.hasWord("cancel_booking", low) && !c.hasWord("negation", low)
}

// cancelTheOne asks to cancel the resident's booking when there is one;
// with several it lists them, to choose which.
func (f *myBookingsFlow) cancelTheOne(ctx context.Context, c *Conv) error {
	visits, err := f.v.Upcoming(ctx, c.Resident.ID)
	if err != nil {
		return err
	}
	if len(visits) == 1 {
		return f.askCancel(ctx, c, visits[0].ID)
	}
	return f.list(ctx, c)
}

// Handle takes "mybookings:<kind>[:<visit id>]": l lists, v shows one
// visit, c asks to cancel it, cy cancels it. Typed text about the visit
// shown acts on it (typed); other text is a question for the FAQ.
func (f *myBookingsFlow) Handle(ctx context.Context, c *Conv) error {
	c.Session.Flow = FlowMyBookings
	if c.Update.Action == "" && c.Update.Text != "" {
		if handled, err := f.typed(ctx, c); handled || err != nil {
			return err
		}
		// «як доїхати до ЦНАП?»: a question, not a choice of the list
		if handled, err := c.elsewhere(ctx); handled || err != nil {
			return err
		}
	}
	kind, val, _ := strings.Cut(c.Arg, ":")
	id, err := strconv.ParseInt(val, 10, 64)
	if err != nil && kind != "l" {
		kind = "l"
	}
	switch kind {
	case "v":
		return f.show(ctx, c, id)
	case "c":
		return f.askCancel(ctx, c, id)
	case "cy":
		return f.cancel(ctx, c, id)
	}
	return f.list(ctx, c)
}

// keyVisitShown is the session key of the visit whose card (or whose
// «cancel?» question) the resident sees.
const keyVisitShown = "visit"

// typed takes text typed about the visit shown: «скасуйте», "cancel it"
// on its card ask to cancel it, as its button does, «перенесіть» moves it; to that question
// «так» (or «скасувати» again) cancels it and «ні» keeps it. It reports
// whether text was one of these.
func (f *myBookingsFlow) typed(ctx context.Context, c *Conv) (bool, error) {
	if c.Session.Step == "list" && f.asksCancel(c, c.Update.Text) {
		return true, f.cancelTheOne(ctx, c) // «скасуйте мій запис» under a list of one
	}
	id, err := strconv.ParseInt(c.Session.Get(keyVisitShown), 10, 64)
	if err != nil {
		return false, nil
	}
	low := strings.ToLower(c.Update.Text)
	switch {
	case c.Session.Step == "show" && f.TakesCancel(c):
		return true, f.askCancel(ctx, c, id)
	case c.Session.Step == "show" && c.hasWord("move_booking", low) && !c.hasWord("negation", low):
		if b, ok := c.engine.flows[FlowBook].(*bookFlow); ok {
			return true, b.moveTo(ctx, c, id, c.Update.Text) // «перенесіть на четвер»
		}
		return true, c.Enter(ctx, FlowBook, "r"+strconv.FormatInt(id, 10)) // as «Перенести»
	case c.Session.Step != "cancel":
		return false, nil
	case c.isWord("no", low):
		return true, f.show(ctx, c, id)
	case c.isWord("yes", low) || f.TakesCancel(c):
		return true, f.cancel(ctx, c, id)
	}
	return false, nil
}

// TakesCancel reports whether typed text asks to cancel the visit shown
// («скасуйте», «відмініть запис», "cancel it" on its card, or at the
// question whether to cancel it) or one of the list: then it is this
// flow's, not the engine's «cancel whatever is going on».
func (f *myBookingsFlow) TakesCancel(c *Conv) bool {
	switch c.Session.Step {
	case "list": // «скасувати» under the list: the booking, not «nothing saved»
		return f.asksCancel(c, c.Update.Text)
	case "show", "cancel":
		return c.Session.Get(keyVisitShown) != "" && f.asksCancel(c, c.Update.Text)
	}
	return false
}

// Back is «назад»: from a visit to the list, from the list to the menu.
func (f *myBookingsFlow) Back(ctx context.Context, c *Conv) error {
	if c.Session.Step == "list" || c.Session.Step == "" {
		c.Done(c.T("menu.prompt"))
		return nil
	}
	return f.list(ctx, c)
}

func (f *myBookingsFlow) names(c *Conv, v cases.Visit) (vikno.Location, string, string) {
	l, _ := f.v.City.Location(v.LocationID)
	s, _ := f.v.City.Service(v.ServiceID)
	return l, visitLocName(c, l), visitSvcName(c, s)
}

func (f *myBookingsFlow) list(ctx context.Context, c *Conv) error {
	visits, err := f.v.Upcoming(ctx, c.Resident.ID)
	if err != nil {
		return err
	}
	again := []Button{c.Button("book.btn_book", "menu:"+FlowBook), c.Button("btn.menu", "menu:")}
	if len(visits) == 0 {
		c.Session.Reset()
		c.Say(c.T("mybk.none"), again)
		return nil
	}
	text := c.T("mybk.title")
	var rows [][]Button
	for i, v := range visits {
		_, loc, svc := f.names(c, v)
		start := v.Start.In(f.v.City.Loc())
		n := strconv.Itoa(i + 1)
		text = text.Append(Plain("\n"), c.T("mybk.line", "n", n, "when", visitWhen(c, "visit.when_list", start),
			"service", svc, "location", loc, "code", v.Code))
		label := c.S("mybk.btn", "n", n, "when", visitWhen(c, "visit.when_short", start))
		rows = append(rows, []Button{{Label: label, Action: FlowMyBookings + ":v:" + strconv.FormatInt(v.ID, 10)}})
	}
	c.Session.Step = "list"
	c.Say(text, append(rows, again)...)
	return nil
}

// find returns one of the resident's visits, or lists them again when it is
// not theirs or gone.
func (f *myBookingsFlow) find(ctx context.Context, c *Conv, id int64) (cases.Visit, bool, error) {
	v, err := f.v.Find(ctx, c.Resident.ID, id)
	if vikno.IsNotFound(err) {
		c.Say(c.T("book.not_found"))
		return v, false, f.list(ctx, c)
	}
	return v, err == nil, err
}

func (f *myBookingsFlow) show(ctx context.Context, c *Conv, id int64) error {
	v, ok, err := f.find(ctx, c, id)
	if !ok {
		return err
	}
	if !v.Active(f.v.Clock()) {
		c.Say(c.T(map[bool]string{true: "mybk.gone", false: "mybk.started"}[v.Status == cases.VisitCancelled]))
		return f.list(ctx, c)
	}
	l, loc, svc := f.names(c, v)
	sid := strconv.FormatInt(v.ID, 10)
	c.Session.Step = "show"
	c.Session.Set(keyVisitShown, sid)
	c.Say(c.T("mybk.details", "code", v.Code, "location", loc, "address", l.AddressIn(c.Locale), "service", svc,
		"when", visitWhen(c, "visit.when", v.Start.In(f.v.City.Loc())), "name", v.Name, "phone", v.Phone),
		[]Button{c.Button("mybk.btn_cancel", FlowMyBookings+":c:"+sid), c.Button("mybk.btn_move", "menu:"+FlowBook+":r"+sid)},
		[]Button{c.Button("btn.back", FlowMyBookings+":l"), c.Button("btn.menu", "menu:")})
	return nil
}

func (f *myBookingsFlow) askCancel(ctx context.Context, c *Conv, id int64) error {
	v, ok, err := f.find(ctx, c, id)
	if !ok {
		return err
	}
	_, loc, _ := f.names(c, v)
	sid := strconv.FormatInt(v.ID, 10)
	c.Session.Step = "cancel"
	c.Session.Set(keyVisitShown, sid)
	c.Say(c.T("mybk.ask_cancel", "when", visitWhen(c, "visit.when", v.Start.In(f.v.City.Loc())), "location", loc),
		[]Button{c.Button("mybk.btn_yes", FlowMyBookings+":cy:"+sid), c.Button("mybk.btn_keep", FlowMyBookings+":v:"+sid)})
	return nil
}

func (f *myBookingsFlow) cancel(ctx context.Context, c *Conv, id int64) error {
	v, err := f.v.Cancel(ctx, c.Resident.ID, id)
	switch {
	case vikno.IsNotFound(err):
		c.Say(c.T("book.not_found"))
		return f.list(ctx, c)
	case errors.Is(err, cases.ErrNotCancellable):
		c.Say(c.T("mybk.gone"))
		return f.list(ctx, c)
	case errors.Is(err, cases.ErrStarted):
		c.Say(c.T("mybk.started"))
		return f.list(ctx, c)
	case err != nil:
		return err
	}
	c.Session.Reset()
	c.Say(c.T("mybk.cancelled", "code", v.Code),
		[]Button{c.Button("mybk.btn_again", "menu:"+FlowBook+":"+v.ServiceID), c.Button("book.btn_mine", "menu:"+FlowMyBookings)},
		c.MenuRow())
	return nil
}
