package dialog

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// cnapShown is how many locations the directory shows at once.
const cnapShown = 3

// cnapFlow is «ЦНАП поруч»: the nearest CNAP locations to a shared point, or
// the ones whose address or district matches what the resident typed, each
// with its address, today's hours, phone and queue, and a way to book.
type cnapFlow struct{ q *cases.Queue }

func (f *cnapFlow) Name() string { return FlowCNAP }

func (f *cnapFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if arg != "" {
		return f.one(ctx, c, arg)
	}
	return f.ask(c, "cnap.ask")
}

// Handle takes a shared location, a typed district or street, "cnap:l:<id>"
// (one location) or "cnap:all" (every location's name).
func (f *cnapFlow) Handle(ctx context.Context, c *Conv) error {
	c.Session.Flow = FlowCNAP
	switch u := c.Update; {
	case strings.HasPrefix(c.Arg, "l:"):
		return f.one(ctx, c, strings.TrimPrefix(c.Arg, "l:"))
	case c.Arg == "all":
		return f.all(c)
	case strings.HasPrefix(c.Arg, "f:"):
		return f.answered(ctx, c, strings.TrimPrefix(c.Arg, "f:"))
	case u.Location != nil:
		return f.nearest(ctx, c, u.Location.Lat, u.Location.Lon)
	case u.Text != "":
		if ok, err := f.followUp(ctx, c, u.Text); ok || err != nil {
			return err
		}
		return f.search(ctx, c, u.Text)
	}
	return f.ask(c, "cnap.ask")
}

func (f *cnapFlow) ask(c *Conv, key string, args ...any) error {
	c.Session.Flow = FlowCNAP
	c.Ask(c.T(key, args...), RequestLocation, c.S("book.btn_near"),
		[]Button{c.Button("cnap.btn_all", FlowCNAP+":all"), c.Button("btn.menu", "menu:")})
	return nil
}

// nearest shows the locations nearest to a point. From a point farther from
// every location than the city is across (another city, another country)
// it says how far the nearest one is and shows only that one.
func (f *cnapFlow) nearest(ctx context.Context, c *Conv, lat, lon float64) error {
	locs := sortLocationsByDistance(f.q.City.Locations, lat, lon, true)
	distance := func(l vikno.Location) string { return " · " + visitKm(c, visitDistanceKm(lat, lon, l.Lat, l.Lon)) }
	if km, far := farFromCity(f.q.City, locs, lat, lon); far {
		return f.cards(ctx, c, c.T("cnap.far", "n", km, "hotline", c.Hotline()), locs[:1], distance)
	}
	return f.cards(ctx, c, c.T("cnap.near"), locs[:min(cnapShown, len(locs))], distance)
}

// farFromCity returns how many kilometres the nearest of locs (sorted by
// distance) is from a point, and whether that is farther than the city is
// across: the resident is in another city or country.
func farFromCity(city vikno.City, locs []vikno.Location, lat, lon float64) (int, bool) {
	if len(locs) == 0 {
		return 0, false
	}
	b := city.Bounds
	d := visitDistanceKm(lat, lon, locs[0].Lat, locs[0].Lon)
	return int(math.Round(d)), d > visitDistanceKm(b.MinLat, b.MinLon, b.MaxLat, b.MaxLon)
}

// search finds locations whose name, address or district shares a word
// with the query; words every location shares ("ЦНАП", "Львів") do not
// count.
func (f *cnapFlow) search(ctx context.Context, c *Conv, query string) error {
	found := placeMatches(f.q.City, f.q.City.Locations, query)
	if len(found) == 0 {
		// no place: «черга», «записатися на завтра» ask for another flow
		if handled, err := startIntent(ctx, c, query); handled {
			return err
		}
		if sentenceLike(query) || c.startsQuestion(query) {
			// no place: a question or a story is a new message, not a
			// misspelt district
			if handled, err := c.elsewhere(ctx); handled {
				return err
			}
		}
		return f.ask(c, "cnap.none", "query", shorten(query, 60))
	}
	return f.cards(ctx, c, c.T("cnap.found", "query", shorten(query, 60)), found[:min(cnapShown, len(found))], nil)
}

// placeMatches returns the locations whose name, address or region hold the
// words of query (placeScores), most words first.
func placeMatches(city vikno.City, locs []vikno.Location, query string) []vikno.Location {
	score := locationScores(city, locs, query)
	var held []int
	for i := range locs {
		if score[i] > 0 {
			held = append(held, i)
		}
	}
	slices.SortStableFunc(held, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	found := make([]vikno.Location, len(held))
	for j, i := range held {
		found[j] = locs[i]
	}
	return found
}

// locationScores is placeScores of query over the haystacks of locs: the
// words of query each one's name, address or region holds.
func locationScores(city vikno.City, locs []vikno.Location, query string) []int {
	hay := make([]string, len(locs))
	for i, l := range locs {
		hay[i] = haystack(city, l)
	}
	return placeScores(query, hay)
}

// placeScores counts, for each place (its text as labelKey gives it), the
// words of query it holds: a word's first five letters, the alternating
// vowels of place names as one (placeVowels). A word every place holds
// (ЦНАП, район) tells none apart and is skipped.
func placeScores(query string, haystacks []string) []int {
	hay := make([]string, len(haystacks))
	for i, h := range haystacks {
		hay[i] = placeHaystack(h)
	}
	score := make([]int, len(hay))
	var hits []int
	for _, w := range strings.Fields(labelKey(query)) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		stem := placeVowels(string([]rune(w)[:min(5, utf8.RuneCountInString(w))]))
		hits = hits[:0]
		for i, h := range hay {
			if strings.Contains(h, stem) {
				hits = append(hits, i)
			}
		}
		if len(hits) == len(hay) {
			continue
		}
		for _, i := range hits {
			score[i]++
		}
	}
	return score
}

// placeVowels writes the vowels that alternate in Ukrainian place names as
// one letter: Сихів, Сихова, на Сихові, Сихівський; Київ, Києва; Львів,
// у Львові. A place typed in any case of its name then finds the office.
func placeVowels(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'і', 'ї', 'е', 'є':
			return 'о'
		}
		return r
	}, s)
}

func haystack(city vikno.City, l vikno.Location) string {
	s := l.Name + " " + l.NameEN + " " + l.Address + " " + l.AddressEN
	if r, ok := city.Region(l.Region); ok {
		s += " " + r.Name + " " + r.NameEN
	}
	return configKey(s)
}

// Places' texts come from the city's configuration (a bounded set) and are
// matched against many messages, so their keys are made once.
var (
	configKey     = memo(labelKey)
	placeHaystack = memo(placeVowels)
)

func (f *cnapFlow) one(ctx context.Context, c *Conv, id string) error {
	l, ok := f.q.City.Location(id)
	if !ok {
		return f.ask(c, "cnap.ask")
	}
	return f.cards(ctx, c, nil, []vikno.Location{l}, nil)
}

// all lists every location by name.
func (f *cnapFlow) all(c *Conv) error {
	var rows [][]Button
	for _, l := range f.q.City.Locations {
		rows = append(rows, []Button{{Label: visitLocName(c, l), Action: FlowCNAP + ":l:" + l.ID}})
	}
	c.Say(c.T("cnap.pick"), append(rows, c.MenuRow())...)
	return nil
}

// cards sends a card per location, each with its own «Записатися» button.
func (f *cnapFlow) cards(ctx context.Context, c *Conv, head Text, locs []vikno.Location, distance func(vikno.Location) string) error {
	if head != nil {
		c.Say(head)
	}
	ids := make([]string, len(locs))
	for i, l := range locs {
		ids[i] = l.ID
	}
	c.Session.Set(keyCNAPShown, strings.Join(ids, ",")) // a follow-up question is about them
	c.Session.Set(keyCNAPAsked, "")                     // a place typed next is a search again
	for _, l := range locs {
		st, err := f.q.Status(ctx, l)
		if err != nil {
			return err
		}
		dist := ""
		if distance != nil {
			dist = distance(l)
		}
		c.Say(c.T("cnap.card", "location", visitLocName(c, l), "distance", dist, "address", l.AddressIn(c.Locale),
			"hours", f.hours(c, l, st), "phone", l.Phone, "queue", f.queue(c, st)),
			[]Button{{Label: c.S("cnap.btn_book", "location", visitLocName(c, l)), Action: "menu:" + FlowBook + ":@" + l.ID}})
	}
	c.Ask(c.T("cnap.more"), RequestLocation, c.S("book.btn_near"),
		[]Button{c.Button("cnap.btn_all", FlowCNAP+":all"), c.Button("btn.menu", "menu:")})
	return nil
}

// hours says today's hours and whether the location is open now.
func (f *cnapFlow) hours(c *Conv, l vikno.Location, st cases.QueueStatus) string {
	now := f.q.Clock().In(f.q.City.Loc())
	today := ""
	if open, closes, ok := l.OpenHours(now.Weekday()); ok && !f.q.City.ClosedOn(l, now) {
		today = c.S("cnap.today", "hours", cnapClock(open)+"–"+cnapClock(closes))
	}
	switch {
	case st.Open:
		return c.S("cnap.open", "today", today, "until", st.Next.In(f.q.City.Loc()).Format("15:04"))
	case st.Next.IsZero():
		return c.S("cnap.closed_long")
	}
	return c.S("cnap.closed", "today", today, "when", (&queueFlow{q: f.q}).opens(c, st.Next))
}

// cnapClock writes minutes after midnight as "09:00".
func cnapClock(minutes int) string {
	return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
}

// queue says how many people wait, how long and how fresh that is.
func (f *cnapFlow) queue(c *Conv, st cases.QueueStatus) string {
	age := queueAge(c, st.Age)
	switch r := st.Report; {
	case !st.HasData || !st.Open:
		return c.S("cnap.queue_none")
	case st.Stale:
		return c.S("cnap.queue_stale", "age", age)
	case r.Waiting == 0:
		return c.S("cnap.queue_empty", "age", age)
	case st.WaitMinutes < 0:
		return c.S("cnap.queue_people", "n", r.Waiting, "age", age)
	default:
		return c.S("cnap.queue_wait", "n", r.Waiting, "min", st.WaitMinutes, "age", age)
	}
}

// startLocationNamed opens the card of the one CNAP a short message names
// («ЦНАП на Сихові», «цнап Сихів») as the directory's button does, and
// reports whether it did. The message begins with the word every
// location's name begins with, so a district alone stays a question.
func startLocationNamed(ctx context.Context, c *Conv, text string) (bool, error) {
	f, ok := c.engine.flows[FlowCNAP].(*cnapFlow)
	words := strings.Fields(labelKey(text))
	if !ok || len(words) < 2 || sentenceLike(text) {
		return false, nil
	}
	if l, ok := locationNamed(f.q.City.Locations, text); ok {
		return true, c.Enter(ctx, FlowCNAP, l.ID)
	}
	for _, l := range f.q.City.Locations {
		if !nameBeginsWith(l.Name, words[0]) && !nameBeginsWith(l.NameEN, words[0]) {
			return false, nil // the first word is no word every name begins with
		}
	}
	found := placeMatches(f.q.City, f.q.City.Locations, text)
	if len(found) != 1 {
		return false, nil
	}
	return true, c.Enter(ctx, FlowCNAP, found[0].ID)
}

// nameBeginsWith reports whether name's first word (as labelKey gives it)
// is word.
func nameBeginsWith(name, word string) bool {
	first, _, _ := strings.Cut(labelKey(name), " ")
	return first == word
}

// locationNamed returns the location whose name, in either language, text
// is, ignoring case and punctuation.
func locationNamed(locs []vikno.Location, text string) (vikno.Location, bool) {
	key := labelKey(text)
	for _, l := range locs {
		if key != "" && (key == labelKey(l.Name) || key == labelKey(l.NameEN)) {
			return l, true
		}
	}
	return vikno.Location{}, false
}
