package dialog

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowOutages is «Відключення»: the resident's subscriptions to outage
// notices by district and street.
const FlowOutages = "outages"

// OutageNotices is what the outages flow needs: notify.Outages implements it.
type OutageNotices interface {
	ActiveOutages(ctx context.Context) ([]cases.Outage, error)
	Subscribe(ctx context.Context, s cases.Subscription) (cases.Subscription, error)
	Subscriptions(ctx context.Context, residentID int64) ([]cases.Subscription, error)
	Unsubscribe(ctx context.Context, residentID, id int64) error
}

// outagesFlow lists, adds and cancels a resident's subscriptions, and
// answers «коли дадуть воду на <вулиця>» from the active notices.
type outagesFlow struct {
	n    OutageNotices
	city vikno.City
}

// RegisterOutages adds the outages flow.
func RegisterOutages(e *Engine, n OutageNotices, city vikno.City) {
	e.Register(&outagesFlow{n: n, city: city})
}

// Streets compares street names with the street-type words of the
// catalogue («вул.», «просп.»...).
func (e *Engine) Streets() cases.Streets {
	types := map[string]bool{}
	for w := range e.wordList("words.street_types") {
		types[labelKey(w)] = true
	}
	return cases.Streets{Types: types}
}

func (*outagesFlow) Name() string { return FlowOutages }

func (f *outagesFlow) Start(ctx context.Context, c *Conv, _ string) error { return f.list(ctx, c) }

func (f *outagesFlow) Handle(ctx context.Context, c *Conv) error {
	kind, arg, _ := strings.Cut(c.Arg, ":")
	switch {
	case kind == "x":
		return f.cancel(ctx, c, arg)
	case kind == "add":
		return f.askDistrict(c, "outages.pick")
	case kind == "d":
		return f.askStreet(c, arg)
	case kind == "all":
		return f.subscribe(ctx, c, "")
	case c.Update.Text != "" && c.Update.Action == "" && c.Session.Step == "street":
		return f.subscribe(ctx, c, c.Update.Text)
	case c.Update.Text != "" && c.Update.Action == "" && c.Session.Step == "district":
		if id, ok := f.districtTyped(c.Update.Text); ok {
			return f.askStreet(c, id)
		}
		if sentenceLike(c.Update.Text) { // a question, not a misspelt district
			if handled, err := c.elsewhere(ctx); handled {
				return err
			}
		}
		return f.askDistrict(c, "outages.pick_again")
	}
	return f.list(ctx, c)
}

// list shows every subscription with a button to cancel it.
func (f *outagesFlow) list(ctx context.Context, c *Conv) error {
	subs, err := f.n.Subscriptions(ctx, c.Resident.ID)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		return f.askDistrict(c, "outages.none")
	}
	var lines []string
	var rows [][]Button
	for _, s := range subs {
		place := f.place(c, s)
		lines = append(lines, "• "+place)
		rows = append(rows, []Button{{Label: c.S("outages.btn_cancel", "place", shorten(place, 40)), Action: FlowOutages + ":x:" + strconv.FormatInt(s.ID, 10)}})
	}
	rows = append(rows, []Button{c.Button("outages.btn_add", FlowOutages+":add")}, c.MenuRow())
	c.Say(c.T("outages.list", "n", len(subs), "list", strings.Join(lines, "\n")), rows...)
	return nil
}

func (f *outagesFlow) place(c *Conv, s cases.Subscription) string {
	name := f.districtName(c, s.District)
	if s.Street != "" {
		return name + ", " + s.Street
	}
	return name
}

func (f *outagesFlow) districtName(c *Conv, id string) string {
	d, ok := f.city.District(id)
	switch {
	case !ok:
		return id
	case c.Locale == EN && d.NameEN != "":
		return d.NameEN
	}
	return d.Name
}

func (f *outagesFlow) askDistrict(c *Conv, key string) error {
	c.Session.Step = "district"
	var rows [][]Button
	for i, d := range f.city.Districts {
		b := Button{Label: f.districtName(c, d.ID), Action: FlowOutages + ":d:" + d.ID}
		if i%2 == 0 {
			rows = append(rows, []Button{b})
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	if len(rows) == 0 {
		c.Done(c.T("outages.no_districts", "hotline", c.Hotline()))
		return nil
	}
	c.Say(c.T(key), append(rows, c.MenuRow())...)
	return nil
}

// districtTyped finds the one district a typed name holds in any form
// («Сихівський», «на Сихові», "Sykhiv"; placeScores).
func (f *outagesFlow) districtTyped(text string) (string, bool) {
	hay := make([]string, len(f.city.Districts))
	for i, d := range f.city.Districts {
		hay[i] = labelKey(d.Name + " " + d.NameEN)
	}
	found := ""
	for i, n := range placeScores(text, hay) {
		if n == 0 {
			continue
		}
		if found != "" {
			return "", false // several districts
		}
		found = f.city.Districts[i].ID
	}
	return found, found != ""
}

func (f *outagesFlow) askStreet(c *Conv, district string) error {
	if _, ok := f.city.District(district); !ok {
		return f.askDistrict(c, "outages.pick")
	}
	c.Session.Step = "street"
	c.Session.Set("district", district)
	c.Say(c.T("outages.street", "district", f.districtName(c, district)),
		[]Button{c.Button("outages.btn_all", FlowOutages+":all")}, c.MenuRow())
	return nil
}

func (f *outagesFlow) subscribe(ctx context.Context, c *Conv, street string) error {
	district := c.Session.Get("district")
	if _, ok := f.city.District(district); !ok {
		return f.askDistrict(c, "outages.pick")
	}
	sub := cases.Subscription{ResidentID: c.Resident.ID, District: district}
	if street != "" {
		s, err := cases.CleanStreet(street)
		if err != nil || c.engine.Streets().Key(s) == "" {
			c.Say(c.T("outages.bad_street", "max", cases.MaxStreetLen),
				[]Button{c.Button("outages.btn_all", FlowOutages+":all")}, c.MenuRow())
			return nil
		}
		sub.Street, sub.StreetKey = s, c.engine.Streets().Key(s)
	}
	saved, err := f.n.Subscribe(ctx, sub)
	if err != nil {
		return err
	}
	c.Session.Reset()
	c.Say(c.T("outages.done", "place", f.place(c, saved)),
		[]Button{c.Button("outages.btn_mine", "menu:"+FlowOutages)}, c.MenuRow())
	return nil
}

func (f *outagesFlow) cancel(ctx context.Context, c *Conv, arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err == nil {
		err = f.n.Unsubscribe(ctx, c.Resident.ID, id)
	}
	if err != nil && !vikno.IsNotFound(err) {
		return err
	}
	c.Say(c.T("outages.cancelled"))
	return f.list(ctx, c)
}

// OutageNotice adds an outage notice as residents read it: what, where,
// when, the dispatcher's text, and a way to the subscriptions. The end of
// an outage is news, not a warning; a planned outage ended before it began
// was called off, and the notice says so with the time it was planned for.
func OutageNotice(c *Conv, o cases.Outage, city vikno.City) {
	keys := outageTitles[o.Kind]
	place := outagePlaces(c, o, city)
	var text Text
	switch {
	case calledOff(o):
		text = c.T("outages.notice_end", "title", c.S(keys[2]), "place", place)
		if when := outageWhen(c, o, city); when != "" {
			text = text.Append(Plain("\n🕒 "), c.T("outages.was_planned", "when", when))
		}
	case o.Status == cases.OutageRestored:
		text = c.T("outages.notice_end", "title", c.S(keys[1]), "place", place)
	default:
		head := c.S(keys[0])
		if o.Emergency {
			head += " " + c.S("outages.emergency")
		}
		text = c.T("outages.notice", "title", head, "place", place)
		if o.Version > 1 {
			text = c.T("outages.update").Append(Plain("\n"), text)
		}
		if when := outageWhen(c, o, city); when != "" {
			text = text.Append(Plain("\n🕒 "), Plain(when))
		}
	}
	if o.Text != "" {
		text = text.Append(Plain("\n"), Plain(o.Text))
	}
	c.Say(text, []Button{c.Button("outages.btn_mine", "menu:"+FlowOutages)}, c.MenuRow())
}

// calledOff reports whether o was marked restored before its planned start.
func calledOff(o cases.Outage) bool {
	return o.Status == cases.OutageRestored && !o.From.IsZero() && !o.UpdatedAt.IsZero() && o.UpdatedAt.Before(o.From)
}

// outageTitles are the catalogue keys of each kind's headline: the
// outage, the end of it, and the outage called off.
var outageTitles = map[cases.OutageKind][3]string{
	cases.OutageHotWater:    {"outages.title.hot_water", "outages.restored.hot_water", "outages.called_off.hot_water"},
	cases.OutageColdWater:   {"outages.title.cold_water", "outages.restored.cold_water", "outages.called_off.cold_water"},
	cases.OutageHeating:     {"outages.title.heating", "outages.restored.heating", "outages.called_off.heating"},
	cases.OutageElectricity: {"outages.title.electricity", "outages.restored.electricity", "outages.called_off.electricity"},
	cases.OutageRoads:       {"outages.title.roads", "outages.restored.roads", "outages.called_off.roads"},
	cases.OutageCNAP:        {"outages.title.cnap", "outages.restored.cnap", "outages.called_off.cnap"},
}

// wordList returns the set of words the catalogue lists under key
// ("words.<name>").
func (e *Engine) wordList(key string) map[string]bool {
	return e.words[strings.TrimPrefix(key, wordsGroup)]
}

func outagePlaces(c *Conv, o cases.Outage, city vikno.City) string {
	f := &outagesFlow{city: city}
	var parts []string
	for _, d := range o.Districts {
		parts = append(parts, f.districtName(c, d))
	}
	return strings.Join(append(parts, o.Streets...), "; ")
}

func outageWhen(c *Conv, o cases.Outage, city vikno.City) string {
	from, to := o.From.In(city.Loc()), o.To.In(city.Loc())
	at := func(t time.Time) string { return visitWhen(c, "outages.at", t) }
	switch {
	case !o.From.IsZero() && !o.To.IsZero() && sameDay(from, to):
		return c.S("outages.day_from_to", "day", visitWhen(c, "outages.day", from),
			"from", from.Format("15:04"), "to", to.Format("15:04"))
	case !o.From.IsZero() && !o.To.IsZero():
		return c.S("outages.from_to", "from", at(from), "to", at(to))
	case !o.From.IsZero():
		return c.S("outages.from", "from", at(from))
	case !o.To.IsZero():
		return c.S("outages.to", "to", at(to))
	}
	return ""
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// outageKinds are the kinds a question is about, by the catalogue's words.
func outageKinds(c *Conv, text string) []cases.OutageKind {
	var kinds []cases.OutageKind
	switch {
	case c.hasWord("outage_hot_water", text):
		kinds = append(kinds, cases.OutageHotWater)
	case c.hasWord("outage_water", text):
		kinds = append(kinds, cases.OutageHotWater, cases.OutageColdWater)
	}
	if c.hasWord("outage_electricity", text) {
		kinds = append(kinds, cases.OutageElectricity)
	}
	if c.hasWord("outage_heating", text) {
		kinds = append(kinds, cases.OutageHeating)
	}
	return kinds
}

// answerOutage answers a question about an outage on a street or in a
// district from the active notices, also when written in Latin letters; it
// reports false when the question is not one.
func answerOutage(ctx context.Context, c *Conv, q string) (bool, error) {
	f, ok := c.engine.flows[FlowOutages].(*outagesFlow)
	said := q
	q = fromLatin(q) // «nemaie vody na Sykhovi»
	if !ok || !c.hasWord("outage_when", q) {
		return false, nil
	}
	kinds := outageKinds(c, q)
	place := questionPlace(c, f.city, q)
	if len(kinds) == 0 || len(place.street) == 0 && len(place.districts) == 0 {
		return false, nil
	}
	active, err := f.n.ActiveOutages(ctx)
	if err != nil {
		return true, err
	}
	found, shown := f.matchPlace(c, active, kinds, place)
	rows := [][]Button{{c.Button("outages.btn_subscribe", "menu:"+FlowOutages)}}
	if len(found) == 0 {
		// the appeal offered reads this message, as one the FAQ offered it for
		c.Session.Set(keyQuestion, said)
		rows = append(rows, []Button{c.Button("faq.act_appeal", "menu:"+FlowAppeal+":"+appealArgAsked)}, c.MenuRow())
		c.Say(c.T("outages.answer_none", "place", shown, "hotline", c.Hotline()), rows...)
		return true, nil
	}
	c.Say(c.T("outages.answer", "place", shown, "n", len(found)))
	for _, o := range found {
		OutageNotice(c, o, f.city)
	}
	return true, nil
}

// matchPlace returns the active notices of the kinds for the place — those
// naming its street and those for its districts — and how the reply names
// the place: the street as the dispatcher wrote it when a notice names it,
// else the district, else the street as the resident wrote it.
func (f *outagesFlow) matchPlace(c *Conv, active []cases.Outage, kinds []cases.OutageKind, place outagePlace) ([]cases.Outage, string) {
	streets := c.engine.Streets()
	var found []cases.Outage
	shown := ""
	for _, o := range active {
		if !slices.Contains(kinds, o.Kind) {
			continue
		}
		if name, ok := namedStreet(streets, o, place); ok {
			found = append(found, o)
			shown = cmp.Or(shown, name)
			continue
		}
		if slices.ContainsFunc(place.districts, func(d string) bool { return slices.Contains(o.Districts, d) }) {
			found = append(found, o)
		}
	}
	if shown == "" && len(place.districts) > 0 && (len(place.street) == 0 || len(found) > 0) {
		var names []string
		for _, d := range place.districts {
			names = append(names, f.districtName(c, d))
		}
		shown = strings.Join(names, ", ")
	}
	return found, cmp.Or(shown, place.shownStreet())
}

// namedStreet returns the street of the notice that the place names, as
// the dispatcher wrote it.
func namedStreet(streets cases.Streets, o cases.Outage, place outagePlace) (string, bool) {
	for _, name := range place.streetNames() {
		for _, s := range o.Streets {
			if streets.Same(s, name) {
				return s, true
			}
		}
	}
	return "", false
}

// ComposeTo renders a message for a resident already loaded (a broadcast
// to many), in the resident's language.
func (e *Engine) ComposeTo(res vikno.Resident, build func(c *Conv)) []Reply {
	c := &Conv{engine: e, Session: &Session{}, Resident: res,
		Update: Update{Channel: res.Channel, UserID: res.ExternalID}}
	c.Locale = c.pickLocale()
	build(c)
	return c.replies
}
