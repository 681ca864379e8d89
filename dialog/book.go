package dialog

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowMyBookings is the flow that lists, cancels and moves a resident's
// bookings ("Мої записи").
const FlowMyBookings = "mybookings"

// RegisterBooking registers the booking flow ("book", which FAQ answers link
// as "menu:book:<service-id>") and "Мої записи" on e.
func RegisterBooking(e *Engine, v *cases.Visits) {
	e.Register(&bookFlow{v: v})
	e.Register(&myBookingsFlow{v: v})
}

// Steps of the booking flow and the session keys it keeps.
const (
	stepLoc     = "loc"
	stepGroup   = "grp"
	stepSvc     = "svc"
	stepDay     = "day"
	stepTime    = "time"
	stepKnown   = "known"
	stepName    = "name"
	stepPhone   = "phone"
	stepConfirm = "confirm"

	keyLoc      = "loc"
	keySvc      = "svc"
	keyDay      = "day"  // YYYY-MM-DD
	keyAt       = "at"   // chosen start, Unix seconds
	keyPage     = "page" // page of the time list
	keyName     = "name"
	keyPhone    = "phone"
	keyMove     = "move" // id of the visit being moved
	keyMoveCode = "mcode"
	keyLat      = "lat"
	keyLon      = "lon"
	keyKName    = "kname" // name and phone of the resident's last visit
	keyKTel     = "kphone"
	keyFamily   = "family" // booking for another person

	timesPerPage = 16
	groupAbove   = 8 // more services than this are shown by group first
)

// bookFlow books a visit: location → service → day → time → name and phone
// → confirmation → booking number and what to bring.
type bookFlow struct{ v *cases.Visits }

func (f *bookFlow) Name() string { return FlowBook }

// Start begins booking. arg is "" or a service id (from an FAQ answer),
// either after familyArg+":" for a booking for another person,
// "@<location id>" (from a CNAP card),
// "r<visit id>" to move a booking, or "w<watch id>" from a "time freed up"
// notice.
func (f *bookFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if rest, ok := strings.CutPrefix(arg, familyArg); ok && (rest == "" || rest[0] == ':') {
		c.Session.Set(keyFamily, "1") // «хочу записати онука»: for another person
		arg = strings.TrimPrefix(rest, ":")
		said := c.asked // the request the FAQ offered the booking for
		if said == "" && c.Update.Action == "" {
			said = c.Update.Text
		}
		c.keepNameSaid(said) // «…внука, він в мене Іваненко Тарас Петрович»
	}
	if id, ok := bookNumberAfter(arg, "r"); ok {
		return f.startMove(ctx, c, id)
	}
	if id, ok := bookNumberAfter(arg, "w"); ok {
		return f.startWatch(ctx, c, id)
	}
	if w, ok := parseBookWant(arg); ok { // a request that named the CNAP, the day or the time
		return f.startWanted(ctx, c, w)
	}
	if id, ok := strings.CutPrefix(arg, "@"); ok { // «Записатися» on a CNAP card
		if _, ok := f.v.City.Location(id); ok {
			c.Session.Set(keyLoc, id)
			return f.askServices(c, "")
		}
	}
	if s, ok := f.v.City.Service(arg); ok && s.Bookable {
		c.Session.Set(keySvc, s.ID)
	}
	return f.askLocation(c)
}

func bookNumberAfter(s, prefix string) (int64, bool) {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n > 0
}

func (f *bookFlow) startMove(ctx context.Context, c *Conv, id int64) error {
	visit, err := f.v.Find(ctx, c.Resident.ID, id)
	if vikno.IsNotFound(err) {
		return c.Enter(ctx, FlowMyBookings, "")
	}
	if err != nil {
		return err
	}
	if !visit.Active(f.v.Clock()) {
		c.Done(c.T("book.not_movable"))
		return nil
	}
	s := c.Session
	s.Set(keyLoc, visit.LocationID)
	s.Set(keySvc, visit.ServiceID)
	s.Set(keyMove, strconv.FormatInt(visit.ID, 10))
	s.Set(keyMoveCode, visit.Code)
	s.Set(keyName, visit.Name)
	s.Set(keyPhone, visit.Phone)
	return f.askDay(ctx, c)
}

func (f *bookFlow) startWatch(ctx context.Context, c *Conv, id int64) error {
	w, err := f.v.FindWatch(ctx, c.Resident.ID, id)
	if vikno.IsNotFound(err) {
		return f.askLocation(c)
	}
	if err != nil {
		return err
	}
	c.Session.Set(keyLoc, w.LocationID)
	c.Session.Set(keySvc, w.ServiceID)
	c.Session.Set(keyDay, w.Day)
	return f.askTime(ctx, c)
}

// Handle takes the resident's answer to the current step.
func (f *bookFlow) Handle(ctx context.Context, c *Conv) error {
	c.Session.Flow = FlowBook
	if c.Arg != "" {
		return f.action(ctx, c, c.Arg)
	}
	u := c.Update
	switch {
	case u.Location != nil:
		c.Session.Set(keyLat, strconv.FormatFloat(u.Location.Lat, 'f', 5, 64))
		c.Session.Set(keyLon, strconv.FormatFloat(u.Location.Lon, 'f', 5, 64))
		return f.askLocation(c)
	case u.Contact != nil:
		return f.takePhone(ctx, c, u.Contact.Phone, u.Contact.Own)
	case isBookBack(c, u.Text):
		return f.back(ctx, c)
	}
	return f.text(ctx, c, u.Text)
}

// text handles typed answers at the steps that take them.
func (f *bookFlow) text(ctx context.Context, c *Conv, text string) error {
	if ok, err := f.answerServiceQuestion(ctx, c, text); ok || err != nil {
		return err // «а скільки коштує?»: answered from the service's card
	}
	if c.Session.Step == stepDay || c.Session.Step == stepTime {
		if ok, err := f.hoursAsked(ctx, c, text); ok || err != nil {
			return err // «а в суботу працюєте?»: a question, not Saturday chosen
		}
	}
	if l, ok := locationNamed(f.v.City.Locations, text); ok && (c.Session.Step == stepDay || c.Session.Step == stepTime) {
		return f.pickLocation(ctx, c, l.ID) // another CNAP, named as its button is
	}
	switch c.Session.Step {
	case stepDay:
		if day, ok := bookParseDayIn(c, text, f.v.Calendar().Day(f.v.Clock())); ok {
			return f.typedDay(ctx, c, day)
		}
		if day, ok := f.dayAndTimeIn(c, text); ok { // «в середу зранку», «14 грудня о 10»
			return f.typedDay(ctx, c, day)
		}
		if bookNextWeek(c, text) { // «на наступному тижні»: which days of it
			return f.typedWeek(ctx, c)
		}
		if l, ok := f.otherLocationIn(c, text); ok {
			return f.pickLocation(ctx, c, l.ID)
		}
		c.Say(c.T("book.day_bad"))
	case stepTime:
		m, isClock := bookParseClock(bookDropTimePreposition(c, text))
		if !isClock { // «о 10», «давайте на 9:40»
			m = bookClockIn(c, bookSentenceWords(text))
			isClock = m >= 0
		}
		day, isDay := bookParseDayIn(c, text, f.v.Calendar().Day(f.v.Clock()))
		switch {
		case isClock && (!isDay || f.startsAt(c, m)):
			return f.typedClock(ctx, c, m)
		case isDay: // "18.07" is another day, not 18:07
			return f.typedDay(ctx, c, day)
		}
		if l, ok := f.otherLocationIn(c, text); ok {
			return f.pickLocation(ctx, c, l.ID)
		}
		c.Say(c.T("book.time_bad"))
	case stepLoc:
		// an office typed by its name or street (Ратуша, на Сихові)
		svc, _ := f.service(c)
		if found := placeMatches(f.v.City, f.v.Locations(svc.ID), text); len(found) == 1 {
			return f.pickLocation(ctx, c, found[0].ID)
		}
		if c.asksQueueAlone(text) { // «черга»: where waiting is shortest, to choose
			return c.Enter(ctx, FlowQueue, "")
		}
		if started, err := startIntentBut(ctx, c, text, FlowBook); started || err != nil {
			return err // «ой, передумала, яка зараз черга?»
		}
		c.Say(c.T("book.say_pick"))
	case stepGroup, stepSvc:
		// a service typed by its name, its group's list not open yet
		if id := serviceNamedIn(f.v.City, text); id != "" {
			if l, ok := f.location(c); ok && l.Offers(id) {
				return f.pickService(ctx, c, id)
			}
		}
		if started, err := startIntentBut(ctx, c, text, FlowBook); started || err != nil {
			return err
		}
		c.Say(c.T("book.say_pick"))
	case stepName:
		if c.Session.Get(keyNameSaid) != "" && c.isWord("yes", strings.ToLower(text)) {
			return f.takeNameSaid(ctx, c) // «так»: the name offered
		}
		if strings.ContainsRune(text, '?') || sentenceLike(text) {
			if ok, err := f.changeWhen(ctx, c, text); ok || err != nil {
				return err // «ой, а можна краще на четвер?»: another day, not a name
			}
		}
		return f.takeName(ctx, c, text)
	case stepPhone:
		return f.takePhone(ctx, c, text, true)
	case stepKnown:
		if c.isWord("no", strings.ToLower(text)) {
			return f.askName(c)
		}
		if !c.isWord("yes", strings.ToLower(text)) {
			return f.takeName(ctx, c, text) // «ні, онука Іваненко Тарас»: other details
		}
		return f.action(ctx, c, "me")
	case stepConfirm:
		if c.isWord("yes", strings.ToLower(text)) {
			return f.action(ctx, c, map[string]string{stepConfirm: "ok", stepKnown: "me"}[c.Session.Step])
		}
		if ok, err := f.changeWhen(ctx, c, text); ok || err != nil {
			return err // «ні, давайте краще о 11:00», «а можна на четвер?»
		}
		if _, family := c.familyName(text); family && c.Session.Get(keyMoveCode) == "" {
			return f.takeName(ctx, c, text) // «ой, це не для мене, запишіть онука Іваненко Тараса»
		}
		c.Say(c.T("book.say_pick"))
	default:
		c.Say(c.T("book.say_pick"))
	}
	return f.show(ctx, c)
}

// Back is «назад» typed at any step.
func (f *bookFlow) Back(ctx context.Context, c *Conv) error {
	c.Session.Flow = FlowBook
	return f.back(ctx, c)
}

func isBookBack(c *Conv, text string) bool {
	return c.isWord("back", strings.ToLower(strings.TrimSpace(text)), "/back")
}

// action handles a pressed button "book:<kind>[:<value>]".
func (f *bookFlow) action(ctx context.Context, c *Conv, arg string) error {
	kind, val, _ := strings.Cut(arg, ":")
	switch kind {
	case "l":
		return f.pickLocation(ctx, c, val)
	case "g":
		return f.askServices(c, val)
	case "s":
		return f.pickService(ctx, c, val)
	case "d", "w":
		day, ok := f.v.Calendar().ParseDay(bookCompactDate(val))
		if !ok {
			break
		}
		if kind == "w" {
			return f.watch(ctx, c, day)
		}
		return f.pickDay(ctx, c, day)
	case "t":
		if m, ok := bookParseClock(val); ok {
			return f.pickClock(ctx, c, m)
		}
	case "n":
		if t, ok := f.parseStamp(val); ok {
			c.Session.Set(keyDay, t.Format(cases.DateLayout))
			return f.pickTime(ctx, c, t)
		}
	case "p":
		c.Session.Set(keyPage, val)
		return f.askTime(ctx, c)
	case "me":
		c.Session.Set(keyName, c.Session.Get(keyKName))
		c.Session.Set(keyPhone, c.Session.Get(keyKTel))
		return f.askConfirm(c)
	case "other":
		return f.askName(c)
	case "ns": // the name the request gave
		return f.takeNameSaid(ctx, c)
	case "fam": // book another person: their own name and phone
		c.Session.Set(keyFamily, "1")
		c.Session.Set(keyName, "")
		c.Session.Set(keyPhone, "")
		if c.Session.Get(keyAt) != "" {
			return f.askName(c)
		}
		return f.askDay(ctx, c)
	case "ok":
		return f.confirm(ctx, c)
	case "back":
		return f.back(ctx, c)
	case "loc":
		return f.askLocation(c)
	}
	return f.show(ctx, c)
}

// bookCompactDate turns "20260714" into "2026-07-14".
func bookCompactDate(s string) string {
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

// parseStamp parses "YYYYMMDDHHMM" in the city's time zone.
func (f *bookFlow) parseStamp(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("200601021504", s, f.v.City.Loc())
	return t, err == nil
}

// Repeat implements Stepper: it asks the current step's question again.
func (f *bookFlow) Repeat(ctx context.Context, c *Conv) error { return f.show(ctx, c) }

// show asks the question of the current step again.
func (f *bookFlow) show(ctx context.Context, c *Conv) error {
	switch c.Session.Step {
	case stepGroup:
		return f.askServices(c, "")
	case stepSvc:
		return f.askServices(c, c.Session.Get("grp"))
	case stepDay:
		return f.askDay(ctx, c)
	case stepTime:
		return f.askTime(ctx, c)
	case stepKnown, stepName:
		return f.askName(c)
	case stepPhone:
		return f.askPhone(c)
	case stepConfirm:
		return f.askConfirm(c)
	}
	return f.askLocation(c)
}

// back returns to the previous step.
func (f *bookFlow) back(ctx context.Context, c *Conv) error {
	switch c.Session.Step {
	case stepSvc, stepGroup:
		if c.Session.Step == stepSvc && c.Session.Get("grp") != "" {
			return f.askServices(c, "")
		}
		return f.askLocation(c)
	case stepDay:
		if c.Session.Get(keyMove) != "" {
			return c.Enter(ctx, FlowMyBookings, "")
		}
		return f.askServices(c, "")
	case stepTime:
		return f.askDay(ctx, c)
	case stepKnown, stepName, stepPhone, stepConfirm:
		return f.askTime(ctx, c)
	}
	return f.askLocation(c)
}

func bookBackRow(c *Conv) []Button {
	return []Button{c.Button("btn.back", FlowBook+":back"), c.Button("btn.menu", "menu:")}
}

func (f *bookFlow) location(c *Conv) (vikno.Location, bool) {
	return f.v.City.Location(c.Session.Get(keyLoc))
}

func (f *bookFlow) service(c *Conv) (vikno.Service, bool) {
	return f.v.City.Service(c.Session.Get(keySvc))
}

// askLocation lists the locations (nearest first after a shared location).
func (f *bookFlow) askLocation(c *Conv) error {
	c.Session.Step = stepLoc
	svc, hasSvc := f.service(c)
	locs := f.v.Locations(svc.ID)
	if len(locs) == 0 {
		c.Done(c.T("book.loc_none", "hotline", c.Hotline()))
		return nil
	}
	lat, errLat := strconv.ParseFloat(c.Session.Get(keyLat), 64)
	lon, errLon := strconv.ParseFloat(c.Session.Get(keyLon), 64)
	located := errLat == nil && errLon == nil
	var far Text
	if km, ok := farFromCity(f.v.City, sortLocationsByDistance(locs, lat, lon, located), lat, lon); located && ok {
		far, located = c.T("book.loc_far", "n", km), false // distances from another city help no one
	}
	var rows [][]Button
	for _, l := range sortLocationsByDistance(locs, lat, lon, located) {
		label := visitLocName(c, l)
		if located {
			label += " · " + visitKm(c, visitDistanceKm(lat, lon, l.Lat, l.Lon))
		}
		rows = append(rows, []Button{{Label: label, Action: FlowBook + ":l:" + l.ID}})
	}
	rows = append(rows, []Button{c.Button("book.btn_mine", "menu:"+FlowMyBookings), c.Button("btn.menu", "menu:")})
	text := c.T("book.loc")
	if hasSvc {
		text = c.T("book.loc_for", "service", visitSvcName(c, svc))
	}
	switch {
	case located:
		text = text.Append(Plain("\n"), c.T("book.loc_near"))
	case far != nil:
		text = text.Append(Plain("\n"), far)
	}
	c.Ask(text, RequestLocation, c.S("book.btn_near"), rows...)
	return nil
}

func sortLocationsByDistance(locs []vikno.Location, lat, lon float64, located bool) []vikno.Location {
	if !located {
		return locs
	}
	out := slices.Clone(locs)
	slices.SortStableFunc(out, func(a, b vikno.Location) int {
		return cmp.Compare(visitDistanceKm(lat, lon, a.Lat, a.Lon), visitDistanceKm(lat, lon, b.Lat, b.Lon))
	})
	return out
}

func (f *bookFlow) pickLocation(ctx context.Context, c *Conv, id string) error {
	if _, ok := f.v.City.Location(id); !ok {
		return f.askLocation(c)
	}
	c.Session.Set(keyLoc, id)
	if svc, ok := f.service(c); ok {
		return f.pickService(ctx, c, svc.ID)
	}
	if l, ok := f.location(c); ok {
		if offered, err := f.wantedGroup(c, l); offered || err != nil {
			return err
		}
	}
	return f.askServices(c, "")
}

// bookServiceGroups returns the groups of services in order of appearance.
func bookServiceGroups(svcs []vikno.Service) []string {
	var out []string
	for _, s := range svcs {
		if !slices.Contains(out, s.Group) {
			out = append(out, s.Group)
		}
	}
	return out
}

// bookGroupLabel names a group of services in the resident's language.
func bookGroupLabel(c *Conv, svcs []vikno.Service, group string) string {
	for _, s := range svcs {
		if s.Group == group {
			return s.In(c.Locale).Group
		}
	}
	return group
}

// askServices lists the bookable services of the chosen location; a long
// list is split into groups first. group is the index of a chosen group.
func (f *bookFlow) askServices(c *Conv, group string) error {
	l, ok := f.location(c)
	if !ok {
		return f.askLocation(c)
	}
	svcs := f.v.Services(l.ID)
	if len(svcs) == 0 {
		c.Say(c.T("book.svc_none"), []Button{c.Button("book.btn_near", FlowBook+":loc")}, c.MenuRow())
		return nil
	}
	groups := bookServiceGroups(svcs)
	gi, err := strconv.Atoi(group)
	if len(svcs) > groupAbove && len(groups) > 1 && (err != nil || gi < 0 || gi >= len(groups)) {
		c.Session.Step = stepGroup
		c.Session.Set("grp", "")
		var rows [][]Button
		for i, g := range groups {
			rows = append(rows, []Button{{Label: bookGroupLabel(c, svcs, g), Action: FlowBook + ":g:" + strconv.Itoa(i)}})
		}
		c.Say(c.T("book.group", "location", visitLocName(c, l)), append(rows, bookBackRow(c))...)
		return nil
	}
	c.Session.Step = stepSvc
	c.Session.Set("grp", group)
	var rows [][]Button
	for _, s := range svcs {
		if len(svcs) > groupAbove && len(groups) > 1 && s.Group != groups[gi] {
			continue
		}
		rows = append(rows, []Button{{Label: visitSvcName(c, s), Action: FlowBook + ":s:" + s.ID}})
	}
	c.Say(c.T("book.svc", "location", visitLocName(c, l)), append(rows, bookBackRow(c))...)
	return nil
}

func (f *bookFlow) pickService(ctx context.Context, c *Conv, id string) error {
	l, ok := f.location(c)
	if !ok {
		return f.askLocation(c)
	}
	if !slices.ContainsFunc(f.v.Services(l.ID), func(s vikno.Service) bool { return s.ID == id }) {
		return f.askServices(c, "")
	}
	c.Session.Set(keySvc, id)
	if c.Session.Get(keyMove) == "" && c.Session.Get(keyFamily) == "" {
		if held, ok, err := f.held(ctx, c, id); err != nil || ok {
			if err == nil {
				f.alreadyHeld(c, held)
			}
			return err
		}
	}
	return f.askDay(ctx, c)
}

// held finds the resident's upcoming booking of the service, if any.
func (f *bookFlow) held(ctx context.Context, c *Conv, serviceID string) (cases.Visit, bool, error) {
	visits, err := f.v.Upcoming(ctx, c.Resident.ID)
	if err != nil {
		return cases.Visit{}, false, err
	}
	for _, v := range visits {
		if v.ServiceID == serviceID {
			return v, true, nil
		}
	}
	return cases.Visit{}, false, nil
}

// alreadyHeld says at once, when the service is chosen, that the resident
// holds a booking of it, and offers to book another person instead.
func (f *bookFlow) alreadyHeld(c *Conv, v cases.Visit) {
	c.Session.Step = stepSvc
	c.Say(c.T("book.already_held", "when", visitWhen(c, "visit.when", v.Start.In(f.v.City.Loc())), "name", v.Name),
		[]Button{c.Button("book.btn_family", FlowBook+":fam")},
		[]Button{c.Button("book.btn_mine", "menu:"+FlowMyBookings), c.Button("btn.menu", "menu:")})
}

// askDay offers the bookable days with free times; full days can be
// watched.
func (f *bookFlow) askDay(ctx context.Context, c *Conv) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	if !okL || !okS {
		return f.askLocation(c)
	}
	if ok, err := f.wantedDay(ctx, c); ok || err != nil {
		return err
	}
	c.Session.Step = stepDay
	c.Session.Set(keyPage, "")
	days, err := f.v.Days(ctx, l.ID, s.ID)
	if err != nil {
		return err
	}
	var free, full []Button
	var fullNames []string
	for _, d := range days {
		label := visitWhen(c, "visit.day_btn", d.Day)
		stamp := d.Day.Format("20060102")
		if d.Free > 0 {
			free = append(free, Button{Label: label, Action: FlowBook + ":d:" + stamp})
			continue
		}
		fullNames = append(fullNames, label)
		full = append(full, Button{Label: c.S("book.day_watch", "day", label), Action: FlowBook + ":w:" + stamp})
	}
	text := c.T("book.day", "service", visitSvcName(c, s), "location", visitLocName(c, l))
	if len(free) == 0 {
		text = text.Append(Plain("\n"), c.T("book.day_none", "n", f.v.Rules.Days))
	}
	if len(full) > 0 {
		text = text.Append(Plain("\n"), c.T("book.day_full", "days", strings.Join(fullNames, ", ")))
	}
	rows := append(bookRows(free, 3), bookRows(full, 3)...)
	c.Say(text, append(rows, bookBackRow(c))...)
	return nil
}

// bookRows splits buttons into rows of n.
func bookRows(bs []Button, n int) [][]Button {
	var rows [][]Button
	for len(bs) > 0 {
		k := min(n, len(bs))
		rows = append(rows, bs[:k])
		bs = bs[k:]
	}
	return rows
}

func (f *bookFlow) pickDay(ctx context.Context, c *Conv, day time.Time) error {
	c.Session.Set(keyDay, day.Format(cases.DateLayout))
	c.Session.Set(keyPage, "")
	return f.askTime(ctx, c)
}

func (f *bookFlow) day(c *Conv) (time.Time, bool) {
	return f.v.Calendar().ParseDay(c.Session.Get(keyDay))
}

// askTime offers the free times of the chosen day, a page at a time.
func (f *bookFlow) askTime(ctx context.Context, c *Conv) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	day, okD := f.day(c)
	if !okL || !okS || !okD {
		return f.askDay(ctx, c)
	}
	if ok, err := f.wantedTime(ctx, c); ok || err != nil {
		return err
	}
	c.Session.Step = stepTime
	slots, err := f.v.Slots(ctx, l.ID, s.ID, day)
	if err != nil {
		return err
	}
	dayText := visitWhen(c, "visit.day", day)
	if len(slots) == 0 {
		watch := Button{Label: c.S("book.day_watch", "day", visitWhen(c, "visit.day_btn", day)), Action: FlowBook + ":w:" + day.Format("20060102")}
		c.Say(c.T("book.time_none", "day", visitWhen(c, "visit.day_on", day)), []Button{watch}, bookBackRow(c))
		return nil
	}
	// Pages count from the first time of the part of the day asked
	// («після обіду»), back (negative) and forth.
	first := f.firstWantedSlot(c, slots)
	page, _ := strconv.Atoi(c.Session.Get(keyPage))
	start := max(0, min(first+page*timesPerPage, len(slots)-1))
	var bs []Button
	for _, sl := range slots[start:min(len(slots), start+timesPerPage)] {
		local := sl.Start.In(f.v.City.Loc())
		bs = append(bs, Button{Label: local.Format("15:04"), Action: FlowBook + ":t:" + local.Format("1504")})
	}
	rows := bookRows(bs, 4)
	var pager []Button
	if start > 0 {
		pager = append(pager, c.Button("book.earlier", FlowBook+":p:"+strconv.Itoa(page-1)))
	}
	if start+timesPerPage < len(slots) {
		pager = append(pager, c.Button("book.later", FlowBook+":p:"+strconv.Itoa(page+1)))
	}
	if len(pager) > 0 {
		rows = append(rows, pager)
	}
	c.Say(c.T("book.time", "day", dayText, "location", visitLocName(c, l)), append(rows, bookBackRow(c))...)
	return nil
}

// pickClock picks a time (minutes after midnight) on the chosen day.
func (f *bookFlow) pickClock(ctx context.Context, c *Conv, minutes int) error {
	day, ok := f.day(c)
	if !ok {
		return f.askDay(ctx, c)
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, day.Location())
	return f.pickTime(ctx, c, t)
}

// pickTime takes a start time if it is still free, then asks for the
// resident's details (or goes straight to the confirmation when known).
func (f *bookFlow) pickTime(ctx context.Context, c *Conv, t time.Time) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	if !okL || !okS {
		return f.askLocation(c)
	}
	slots, err := f.v.Slots(ctx, l.ID, s.ID, t)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(slots, func(sl cases.Slot) bool { return sl.Start.Equal(t) }) {
		day, ok := f.day(c)
		if ok && !slices.ContainsFunc(f.v.Calendar().Starts(l, s, day), t.Equal) {
			// «10:30» when visits start every 20 minutes: not taken, just
			// not a start time.
			return f.offerNearest(ctx, c, l, s, t, "book.not_start", "book.not_start_none")
		}
		c.Say(c.T("book.gone"))
		return f.askTime(ctx, c)
	}
	c.Session.Set(keyAt, strconv.FormatInt(t.Unix(), 10))
	if c.Session.Get(keyName) != "" && c.Session.Get(keyPhone) != "" {
		return f.askConfirm(c)
	}
	if c.Session.Get(keyFamily) != "" {
		return f.askName(c)
	}
	last, err := f.v.Latest(ctx, c.Resident.ID)
	if err == nil {
		c.Session.Step = stepKnown
		c.Session.Set(keyKName, last.Name)
		c.Session.Set(keyKTel, last.Phone)
		c.Say(c.T("book.known", "name", last.Name, "phone", last.Phone),
			[]Button{c.Button("book.btn_me", FlowBook+":me"), c.Button("book.btn_other", FlowBook+":other")}, bookBackRow(c))
		return nil
	}
	if !vikno.IsNotFound(err) {
		return err
	}
	return f.askName(c)
}

func (f *bookFlow) askName(c *Conv) error {
	c.Session.Step = stepName
	if said := c.Session.Get(keyNameSaid); said != "" && c.Session.Get(keyFamily) != "" {
		c.Say(c.T("book.name_said", "name", said), []Button{c.Button("book.btn_name_said", FlowBook+":ns")}, bookBackRow(c))
		return nil
	}
	if c.Session.Get(keyFamily) != "" {
		c.Say(c.T("book.name_family"), bookBackRow(c))
		return nil
	}
	c.Say(c.T("book.name"), []Button{c.Button("book.btn_family", FlowBook+":fam")}, bookBackRow(c))
	return nil
}

// maxPersonNameWords is how many words a name typed for a booking has at
// most: surname, name and patronymic.
const maxPersonNameWords = 3

func (f *bookFlow) takeName(_ context.Context, c *Conv, text string) error {
	original := text
	if rest, family := c.familyName(text); family {
		// «Записую онука, Іваненко Тарас»: someone else is booked, under
		// their name and with the phone the CNAP may call about them.
		c.Session.Set(keyFamily, "1")
		text = rest
	}
	text = c.nameIntroduced(text) // «Добрий день, мене звати Ганна Коваль»
	name, ok := cases.CleanPersonName(text)
	if i := strings.LastIndexAny(text, ",:;—"); !ok && i >= 0 {
		// «Записую онука, Іваненко Тарас»: the name comes after the words.
		name, ok = cases.CleanPersonName(strings.TrimLeft(text[i:], ",:;—"))
	}
	if strings.ContainsRune(text, '?') || ok && len(strings.Fields(name)) > maxPersonNameWords {
		c.Say(c.T("book.name_sentence"), bookBackRow(c)) // «а скільки це коштує»: no name
		return nil
	}
	if !ok || strings.IndexFunc(c.withoutFiller(name), unicode.IsLetter) < 0 { // «не знаю», «хз»
		key := "book.name_bad"
		if c.Session.Get(keyFamily) != "" {
			key = "book.name_bad_family" // whose name: the person booked
		}
		c.Say(c.T(key), bookBackRow(c))
		return nil
	}
	if c.Session.Get(keyFamily) != "" {
		name = c.nominativeName(original, name) // «онука Тараса Іваненка»: Тарас Іваненко
	}
	c.Session.Set(keyName, name)
	return f.askPhone(c)
}

// takeNameSaid books the relative under the name the request gave.
func (f *bookFlow) takeNameSaid(ctx context.Context, c *Conv) error {
	said := c.Session.Get(keyNameSaid)
	if c.Session.Step != stepName || said == "" {
		return f.show(ctx, c)
	}
	c.Session.Set(keyName, said)
	return f.askPhone(c)
}

func (f *bookFlow) askPhone(c *Conv) error {
	c.Session.Step = stepPhone
	if c.Session.Get(keyFamily) != "" { // someone else's number: typed, not shared
		c.Say(c.T("book.phone_family", "name", c.Session.Get(keyName)), bookBackRow(c))
		return nil
	}
	c.Ask(c.T("book.phone"), RequestContact, c.S("book.btn_contact"), bookBackRow(c))
	return nil
}

// takePhone accepts the resident's own shared contact or a typed number.
func (f *bookFlow) takePhone(ctx context.Context, c *Conv, phone string, own bool) error {
	if c.Session.Step != stepPhone {
		return f.show(ctx, c)
	}
	if !own && c.Session.Get(keyFamily) == "" {
		c.Ask(c.T("book.phone_not_own"), RequestContact, c.S("book.btn_contact"), bookBackRow(c))
		return nil
	}
	p, ok := typedPhone(phone)
	if name, isName := cases.CleanPersonName(phone); !ok && isName && c.Update.Contact == nil && len(strings.Fields(name)) >= 2 &&
		len(strings.Fields(name)) <= maxPersonNameWords && !c.saysNoName(name) {
		// «Іваненко Тарас»: the name again, in full or corrected
		c.Session.Set(keyName, name)
		c.Say(c.T("book.name_changed", "name", name))
		return f.askPhone(c)
	}
	if !ok && sentenceLike(phone) && strings.IndexFunc(phone, unicode.IsLetter) >= 0 { // words, not a mistyped number
		c.Ask(c.T("book.phone_sentence"), RequestContact, c.S("book.btn_contact"), bookBackRow(c))
		return nil
	}
	if !ok {
		c.Ask(c.T("book.phone_bad"), RequestContact, c.S("book.btn_contact"), bookBackRow(c))
		return nil
	}
	c.Session.Set(keyPhone, p)
	return f.askConfirm(c)
}

// chosen returns what the resident picked so far.
func (f *bookFlow) chosen(c *Conv) (vikno.Location, vikno.Service, time.Time, bool) {
	l, okL := f.location(c)
	s, okS := f.service(c)
	sec, err := strconv.ParseInt(c.Session.Get(keyAt), 10, 64)
	return l, s, time.Unix(sec, 0).In(f.v.City.Loc()), okL && okS && err == nil
}

func (f *bookFlow) askConfirm(c *Conv) error {
	l, s, at, ok := f.chosen(c)
	if !ok {
		return f.askLocation(c)
	}
	c.Session.Step = stepConfirm
	args := []any{"location", visitLocName(c, l), "address", l.AddressIn(c.Locale), "service", visitSvcName(c, s),
		"when", visitWhen(c, "visit.when", at), "name", c.Session.Get(keyName), "phone", c.Session.Get(keyPhone)}
	key := "book.confirm"
	if c.Session.Get(keyFamily) != "" {
		key = "book.confirm_family" // say whom the booking is for
	}
	if code := c.Session.Get(keyMoveCode); code != "" {
		key, args = "book.confirm_move", append(args, "code", code)
	}
	c.Say(c.T(key, args...), []Button{c.Button("book.btn_ok", FlowBook+":ok"), c.Button("btn.cancel", "menu:")}, bookBackRow(c))
	return nil
}

// confirm books (or moves) the visit and answers with the booking number
// and what to bring; when the time was just taken, it offers the nearest
// free times.
func (f *bookFlow) confirm(ctx context.Context, c *Conv) error {
	l, s, at, ok := f.chosen(c)
	if !ok || c.Session.Step != stepConfirm {
		return f.show(ctx, c)
	}
	req := cases.BookRequest{ResidentID: c.Resident.ID, LocationID: l.ID, ServiceID: s.ID, Start: at,
		Name: c.Session.Get(keyName), Phone: c.Session.Get(keyPhone)}
	var visit cases.Visit
	var err error
	moveID, moveErr := strconv.ParseInt(c.Session.Get(keyMove), 10, 64)
	if moveErr == nil {
		visit, err = f.v.Reschedule(ctx, moveID, req)
	} else {
		visit, err = f.v.Book(ctx, req)
	}
	switch {
	case err == nil:
		f.booked(c, visit, l, s, moveErr == nil)
		return nil
	case errors.Is(err, cases.ErrSlotTaken):
		return f.taken(ctx, c, l, s, at)
	case errors.Is(err, cases.ErrNoSuchSlot):
		c.Say(c.T("book.gone"))
		return f.askTime(ctx, c)
	case errors.Is(err, cases.ErrAlreadyBooked):
		if same, ok := f.sameBooking(ctx, c, req); ok {
			// This very step booked it before the process died and the
			// resident was answered (the session still waits at confirm).
			f.booked(c, same, l, s, false)
			return nil
		}
		c.Session.Step = stepName
		c.Say(c.T("book.already", "name", req.Name, "phone", req.Phone),
			[]Button{c.Button("book.btn_family", FlowBook+":fam")},
			[]Button{c.Button("book.btn_mine", "menu:"+FlowMyBookings), c.Button("btn.menu", "menu:")})
		return nil
	case errors.Is(err, cases.ErrNotCancellable), errors.Is(err, cases.ErrStarted), vikno.IsNotFound(err):
		c.Done(c.T("book.not_movable"))
		return nil
	case vikno.ErrorCode(err) == vikno.EINVALID:
		return f.askName(c)
	}
	return err
}

// samePhone reports whether a and b are one number, however written.
func samePhone(a, b string) bool {
	na, okA := cases.Phone(a)
	nb, okB := cases.Phone(b)
	return okA && okB && na == nb || a == b
}

// sameBooking returns the resident's upcoming booking that is exactly req:
// the same place, service, time, name and phone.
func (f *bookFlow) sameBooking(ctx context.Context, c *Conv, req cases.BookRequest) (cases.Visit, bool) {
	visits, err := f.v.Upcoming(ctx, c.Resident.ID)
	if err != nil {
		return cases.Visit{}, false
	}
	for _, v := range visits {
		if v.LocationID == req.LocationID && v.ServiceID == req.ServiceID && v.Start.Equal(req.Start) &&
			v.Name == req.Name && samePhone(v.Phone, req.Phone) {
			return v, true
		}
	}
	return cases.Visit{}, false
}

// booked tells the resident the booking number and what to bring.
func (f *bookFlow) booked(c *Conv, v cases.Visit, l vikno.Location, s vikno.Service, moved bool) {
	key := "book.done"
	switch {
	case moved:
		key = "book.moved"
	case c.Session.Get(keyFamily) != "":
		key = "book.done_family" // someone else is booked: say who
	}
	text := c.T(key, "code", v.Code, "name", v.Name, "location", visitLocName(c, l), "address", l.AddressIn(c.Locale),
		"when", visitWhen(c, "visit.when", v.Start.In(f.v.City.Loc())))
	if old := c.Session.Get(keyMoveCode); moved && old != "" && old != v.Code {
		text = text.Append(Plain("\n"), c.T("book.moved_void", "old", old))
	}
	s = s.In(c.Locale)
	if len(s.Documents) > 0 {
		bring := c.T("book.bring", "documents", "• "+strings.Join(s.Documents, "\n• "))
		if key == "book.done_family" { // the person booked brings them
			bring = c.T("book.bring_family", "name", v.Name, "documents", "• "+strings.Join(s.Documents, "\n• "))
		}
		text = text.Append(Plain("\n\n"), bring)
	}
	if s.Fee != "" {
		text = text.Append(Plain("\n"), c.T("book.fee", "fee", s.Fee))
	}
	text = text.Append(Plain("\n\n"), c.T(remindKey(v), "time", v.RemindHourAt.In(f.v.City.Loc()).Format("15:04")),
		Plain(" "), c.T("book.wait"))
	c.Session.Reset()
	// «скасуйте», «перенесіть» typed next are about this visit, as on its
	// card in «Мої записи»
	c.Session.Flow, c.Session.Step = FlowMyBookings, "show"
	c.Session.Set(keyVisitShown, strconv.FormatInt(v.ID, 10))
	c.Say(text, []Button{c.Button("book.btn_mine", "menu:"+FlowMyBookings), c.Button("btn.menu", "menu:")})
}

// remindKey says which reminders of v are still ahead.
func remindKey(v cases.Visit) string {
	switch day, hour := !v.RemindDayAt.IsZero(), !v.RemindHourAt.IsZero(); {
	case day && hour:
		return "book.remind"
	case hour:
		return "book.remind_hour"
	case day:
		return "book.remind_day"
	}
	return "book.remind_none"
}

// taken answers a resident who lost the race for a time: politely, with the
// nearest free times as buttons. Name and phone are kept, so one tap on a
// time leads to the confirmation.
func (f *bookFlow) taken(ctx context.Context, c *Conv, l vikno.Location, s vikno.Service, at time.Time) error {
	return f.offerNearest(ctx, c, l, s, at, "book.taken", "book.taken_none")
}

// offerNearest says why at cannot be booked (the catalogue key, or noneKey
// when nothing is free nearby) and offers the nearest free times.
func (f *bookFlow) offerNearest(ctx context.Context, c *Conv, l vikno.Location, s vikno.Service, at time.Time, key, noneKey string) error {
	c.Session.Step = stepTime
	clock := at.In(f.v.City.Loc()).Format("15:04")
	near, err := f.v.Nearest(ctx, l.ID, s.ID, at, 4)
	if err != nil {
		return err
	}
	if len(near) == 0 {
		day := f.v.Calendar().Day(at)
		watch := Button{Label: c.S("book.day_watch", "day", visitWhen(c, "visit.day_btn", day)), Action: FlowBook + ":w:" + day.Format("20060102")}
		c.Say(c.T(noneKey, "time", clock), []Button{watch}, bookBackRow(c))
		return nil
	}
	var bs []Button
	for _, sl := range near {
		local := sl.Start.In(f.v.City.Loc())
		label := local.Format("15:04")
		if !f.v.Calendar().Day(local).Equal(f.v.Calendar().Day(at)) {
			label = c.S("book.time_btn_nearby", visitDateArgs(c, local)...)
		}
		bs = append(bs, Button{Label: label, Action: FlowBook + ":n:" + local.Format("200601021504")})
	}
	c.Say(c.T(key, "time", clock), append(bookRows(bs, 2), bookBackRow(c))...)
	return nil
}

// watch remembers that the resident wants a time on a full day.
func (f *bookFlow) watch(ctx context.Context, c *Conv, day time.Time) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	if !okL || !okS {
		return f.askLocation(c)
	}
	if _, err := f.v.Watch(ctx, c.Resident.ID, l.ID, s.ID, day.Format(cases.DateLayout)); err != nil {
		return err
	}
	c.Done(c.T("book.watch_ok", "day", visitWhen(c, "visit.day_on", day), "location", visitLocName(c, l)))
	return nil
}

// saysNoName reports whether words typed where a name could be say
// something else: «не пам’ятаю номер», «немає телефону», «ну там».
func (c *Conv) saysNoName(text string) bool {
	for _, list := range []string{"words.dont_know", "words.filler", "words.forgot", "words.cnap_phone", "words.negation"} {
		if c.hasWord(strings.TrimPrefix(list, wordsGroup), text) {
			return true
		}
	}
	return false
}
