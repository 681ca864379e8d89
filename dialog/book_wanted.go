package dialog

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// A request to book may name, besides the service, the CNAP, the day and
// the time («запишіть мене в ЦНАП на Сихові на завтра на 10», "book me at
// the Sykhiv CNAP tomorrow at 10"). The booking then starts with them and
// asks only what is missing: the day and the time wait in the session
// until the step that takes them.
const (
	wantPrefix  = "want:"
	keyWantDay  = "wday" // YYYY-MM-DD
	keyWantTime = "wtime"
	keyWantFrom = "wfrom" // minutes after midnight: the part of the day asked
	// keyWantGroup is the group of services a request named by services
	// of it alike («на паспорт»): offered once the CNAP is chosen.
	keyWantGroup = "wgroup"
	// wantGroupPrefix marks, in a want's service field, the index of the
	// group named among the city's groups of bookable services.
	wantGroupPrefix = "grp"
)

// bookWant is what a request to book names; empty fields, and clock < 0,
// name nothing.
type bookWant struct {
	svc, loc, day string
	clock         int // minutes after midnight
	// from is where the part of the day asked begins («після обіду»),
	// minutes after midnight; it goes with no clock.
	from int
}

func (w bookWant) arg() string {
	if w.loc == "" && w.day == "" && w.clock < 0 && w.from < 0 && !strings.HasPrefix(w.svc, wantGroupPrefix) {
		return w.svc
	}
	clock := ""
	switch {
	case w.clock >= 0:
		clock = strconv.Itoa(w.clock)
	case w.from >= 0:
		clock = wantFromPrefix + strconv.Itoa(w.from)
	}
	return wantPrefix + strings.Join([]string{w.svc, w.loc, w.day, clock}, ":")
}

func parseBookWant(arg string) (bookWant, bool) {
	rest, ok := strings.CutPrefix(arg, wantPrefix)
	parts := strings.Split(rest, ":")
	if !ok || len(parts) != 4 {
		return bookWant{}, false
	}
	w := bookWant{svc: parts[0], loc: parts[1], day: parts[2], clock: -1, from: -1}
	if m, err := strconv.Atoi(parts[3]); err == nil {
		w.clock = m
	}
	if m, err := strconv.Atoi(strings.TrimPrefix(parts[3], wantFromPrefix)); err == nil && strings.HasPrefix(parts[3], wantFromPrefix) {
		w.from = m
	}
	return w, true
}

// wantFromPrefix marks the part of the day in a want's clock field.
const wantFromPrefix = "p"

// partsOfDay are the word lists of the parts of the day a request may ask
// for, and where each begins: the times are listed from there.
var partsOfDay = []struct {
	words string
	from  int
}{
	{"words.part_afternoon", 13 * 60},
	{"words.part_evening", 16 * 60},
}

// partOfDayIn returns where the part of the day text asks for begins, or -1.
func partOfDayIn(c *Conv, text string) int {
	for _, p := range partsOfDay {
		if c.hasWord(strings.TrimPrefix(p.words, wordsGroup), text) {
			return p.from
		}
	}
	return -1
}

// firstWantedSlot returns the index of the first of slots at or after the
// part of the day the request asked for, 0 when it asked none.
func (f *bookFlow) firstWantedSlot(c *Conv, slots []cases.Slot) int {
	from, err := strconv.Atoi(c.Session.Get(keyWantFrom))
	if err != nil {
		return 0
	}
	for i, sl := range slots {
		local := sl.Start.In(f.v.City.Loc())
		if local.Hour()*60+local.Minute() >= from {
			return i
		}
	}
	return 0
}

// wantedIn reads what a request to book names.
func (f *bookFlow) wantedIn(c *Conv, text string) bookWant {
	w := bookWant{svc: serviceNamedIn(f.v.City, text), clock: -1, from: partOfDayIn(c, text)}
	if g := groupNamedIn(f.v.City, text); w.svc == "" && g != "" {
		w.svc = wantGroupPrefix + strconv.Itoa(slices.Index(bookServiceGroups(f.v.City.Services), g))
	}
	place := c.withoutNameSaid(text) // «запишіть онука Тараса Іваненка»: no CNAP on Taras Shevchenko Street
	if l, ok := locationIn(f.v.City, place); ok && (len(strings.Fields(place)) <= maxWantWords || l.ID == exactLocationIn(f.v.City, place)) {
		w.loc = l.ID
	} else if l, ok := locationBesideCNAP(c, f.v.City, place); ok {
		w.loc = l.ID
	}
	words := bookSentenceWords(text)
	day, at, n := bookDayIn(c, words, f.v.Calendar().Day(f.v.Clock()))
	if n > 0 {
		w.day = day.Format(cases.DateLayout)
	}
	w.clock = bookClockIn(c, slices.Delete(slices.Clone(words), at, at+n))
	return w
}

// maxWantWords is how many words a request to book may have for a place it
// mentions to be taken as the CNAP: in a longer story («живу у Винниках, а
// працюю в центрі») only a CNAP's own name is.
const maxWantWords = 12

// cnapWordAround is how many words before and after the word «ЦНАП» may
// name which one: "at the Sykhiv CNAP", «у ЦНАП, що на Сихові».
const cnapWordAround = 3

// locationBesideCNAP returns the one CNAP the words beside the word «ЦНАП»
// (or "CNAP") name in a long sentence, where a place mentioned elsewhere
// («живу у Винниках») is no CNAP chosen. Numbers are left out: they are a
// day or a time, not a house.
func locationBesideCNAP(c *Conv, city vikno.City, text string) (vikno.Location, bool) {
	var words []string
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 && strings.IndexFunc(w, unicode.IsDigit) < 0 {
			words = append(words, w)
		}
	}
	for i, w := range words {
		if !c.engine.wordParts[strings.TrimPrefix("words.cnap_word", wordsGroup)][labelKey(w)] {
			continue
		}
		near := words[max(0, i-cnapWordAround):min(len(words), i+cnapWordAround+1)]
		if l, ok := locationIn(city, strings.Join(near, " ")); ok {
			return l, true
		}
	}
	return vikno.Location{}, false
}

// exactLocationIn returns the id of the CNAP whose name, in either
// language, a sentence holds, or "".
func exactLocationIn(city vikno.City, text string) string {
	key := " " + labelKey(text) + " "
	for _, l := range city.Locations {
		for _, name := range []string{l.Name, l.NameEN} {
			if n := configKey(name); n != "" && strings.Contains(key, " "+n+" ") {
				return l.ID
			}
		}
	}
	return ""
}

// locationIn returns the one CNAP a sentence names: its name in either
// language, or the one whose name, address or district holds more of the
// sentence's words than any other (by its name when addresses tie).
func locationIn(city vikno.City, text string) (vikno.Location, bool) {
	if l, ok := city.Location(exactLocationIn(city, text)); ok {
		return l, true
	}
	best := topScored(locationScores(city, city.Locations, text), nil)
	if len(best) > 1 {
		names := make([]string, len(city.Locations))
		for i, l := range city.Locations {
			names[i] = configKey(l.Name + " " + l.NameEN)
		}
		best = topScored(placeScores(text, names), best)
	}
	if len(best) != 1 {
		return vikno.Location{}, false
	}
	return city.Locations[best[0]], true
}

// topScored returns the indexes (among among, or all when nil) of the
// highest score above zero.
func topScored(score []int, among []int) []int {
	var top []int
	most := 0
	for i, s := range score {
		if s == 0 || s < most || among != nil && !slices.Contains(among, i) {
			continue
		}
		if s > most {
			top, most = nil, s
		}
		top = append(top, i)
	}
	return top
}

// bookSentenceWords splits a sentence into words without the punctuation
// around them («10,», «завтра!»), keeping that inside («25.12», «9:20»).
func bookSentenceWords(text string) []string {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = strings.Trim(w, ",.!?;«»\"()")
	}
	return words
}

// bookClockIn finds a time in a sentence: «9:20» anywhere, or an hour after
// a time preposition («о 10», «на 10», "at 10"); «о 10.20» too; English
// "10am", "2:30 pm" anywhere. It returns
// the minutes after midnight, or -1.
func bookClockIn(c *Conv, words []string) int {
	for i, w := range words {
		prep := i > 0 && c.engine.words["time_prep"][strings.ToLower(words[i-1])]
		if m, ok := bookParseMeridiem(w); ok { // "10am"
			return m
		}
		if i+1 < len(words) { // "10 am", "at 2 pm"
			if m, ok := bookParseMeridiem(w + words[i+1]); ok {
				return m
			}
		}
		if m, ok := bookParseClock(w); ok && (strings.Contains(w, ":") || bookTimeOnlyPrep(c, words, i)) {
			return m
		}
		if h, err := strconv.Atoi(w); err == nil && prep && h >= 0 && h <= 23 && len(w) <= 2 {
			return h * 60
		}
		if h, ok := hourInWords(c, w); ok && (bookTimeOnlyPrep(c, words, i) || prep && !isASCII(w)) {
			// «о десятій», «на десяту» (Ukrainian hours are ordinals),
			// "at two" but not "for two"
			return h * 60
		}
	}
	return -1
}

// hourInWords reads an hour written in words after a time preposition
// («о десятій», «на дев’яту», "at eleven"): the lists words.hour_8 to
// words.hour_18, one to six being in the afternoon when CNAPs work.
func hourInWords(c *Conv, w string) (int, bool) {
	k := labelKey(w)
	for h := 8; h <= 18; h++ {
		if c.engine.wordParts["hour_"+strconv.Itoa(h)][k] {
			return h, true
		}
	}
	return 0, false
}

// bookTimeOnlyPrep reports whether the word before words[i] is a time
// preposition that never stands before a day: «о», «об», "at".
func bookTimeOnlyPrep(c *Conv, words []string, i int) bool {
	if i == 0 {
		return false
	}
	w := strings.ToLower(words[i-1])
	return c.engine.words["time_prep"][w] && !c.engine.words["day_prep"][w]
}

// bookDayIn finds a day in a sentence: the fewest words (up to three)
// bookParseDay reads, not a time after «о» («о 10.20»). It returns the day and where its
// words are (n = 0: none); a day after a negation («тільки не в п’ятницю»)
// is none.
func bookDayIn(c *Conv, words []string, today time.Time) (day time.Time, at, n int) {
	for i := range words {
		for n := 1; n <= min(maxDayTailWords, len(words)-i); n++ {
			day, ok := bookParseDay(c, strings.Join(words[i:i+n], " "), today)
			if !ok || n == 1 && bookTimeOnlyPrep(c, words, i) {
				continue
			}
			if i > 0 && c.isWord("negation", strings.ToLower(words[i-1])) {
				return time.Time{}, 0, 0
			}
			for more := 3; more >= 2; more-- { // «у вівторок наступного тижня»
				if i+n+more <= len(words) {
					if later, ok := bookParseDay(c, strings.Join(words[i:i+n+more], " "), today); ok {
						return later, i, n + more
					}
				}
			}
			return day, i, n
		}
	}
	return time.Time{}, 0, 0
}

// startWanted starts a booking with what the request named.
func (f *bookFlow) startWanted(ctx context.Context, c *Conv, w bookWant) error {
	s := c.Session
	if svc, ok := f.v.City.Service(w.svc); ok && svc.Bookable {
		s.Set(keySvc, svc.ID)
	} else if g, ok := f.groupOfWant(w.svc); ok {
		s.Set(keyWantGroup, g)
	}
	s.Set(keyWantDay, w.day)
	if w.clock >= 0 {
		s.Set(keyWantTime, strconv.Itoa(w.clock))
	}
	if w.from >= 0 {
		s.Set(keyWantFrom, strconv.Itoa(w.from))
	}
	if _, ok := f.v.City.Location(w.loc); ok && slices.ContainsFunc(f.v.Locations(s.Get(keySvc)), func(l vikno.Location) bool { return l.ID == w.loc }) {
		return f.pickLocation(ctx, c, w.loc)
	}
	return f.askLocation(c)
}

// moveTo starts moving visit id, as «Перенести» does, to the day and the
// time text names («перенесіть на четвер», «на завтра о 10»), if any.
func (f *bookFlow) moveTo(ctx context.Context, c *Conv, id int64, text string) error {
	w := f.wantedIn(c, text)
	c.Session.Reset()
	c.Session.Flow = FlowBook
	c.Session.Set(keyWantDay, w.day)
	if w.clock >= 0 {
		c.Session.Set(keyWantTime, strconv.Itoa(w.clock))
	}
	if w.from >= 0 {
		c.Session.Set(keyWantFrom, strconv.Itoa(w.from))
	}
	return f.startMove(ctx, c, id)
}

// groupOfWant returns the group a want's service field names by index
// (wantGroupPrefix).
func (f *bookFlow) groupOfWant(svc string) (string, bool) {
	i, err := strconv.Atoi(strings.TrimPrefix(svc, wantGroupPrefix))
	groups := bookServiceGroups(f.v.City.Services)
	if !strings.HasPrefix(svc, wantGroupPrefix) || err != nil || i < 0 || i >= len(groups) {
		return "", false
	}
	return groups[i], true
}

// wantedGroup offers, once, the services of the group the request named
// at location l; it reports false when there is none, or l has no such
// group.
func (f *bookFlow) wantedGroup(c *Conv, l vikno.Location) (bool, error) {
	g := c.Session.Get(keyWantGroup)
	if g == "" {
		return false, nil
	}
	c.Session.Set(keyWantGroup, "")
	i := slices.Index(bookServiceGroups(f.v.Services(l.ID)), g)
	if i < 0 {
		return false, nil
	}
	return true, f.askServices(c, strconv.Itoa(i))
}

// wantedDay takes the day the request named, once: it reports false when
// there is none.
func (f *bookFlow) wantedDay(ctx context.Context, c *Conv) (bool, error) {
	day, ok := f.v.Calendar().ParseDay(c.Session.Get(keyWantDay))
	if !ok {
		return false, nil
	}
	c.Session.Set(keyWantDay, "")
	return true, f.typedDay(ctx, c, day)
}

// wantedTime takes the time the request named on the chosen day, once: a
// free time goes on to the resident's details; a taken one, or one at which
// no visit starts, is said so, with the nearest free times. It reports
// false when there is none.
func (f *bookFlow) wantedTime(ctx context.Context, c *Conv) (bool, error) {
	m, err := strconv.Atoi(c.Session.Get(keyWantTime))
	if err != nil {
		return false, nil
	}
	c.Session.Set(keyWantTime, "")
	if l, okL := f.location(c); okL { // what was understood, before its first question
		if s, okS := f.service(c); okS {
			if day, okD := f.day(c); okD {
				c.Say(c.T("book.wanted", "service", visitSvcName(c, s), "location", visitLocName(c, l), "day", visitWhen(c, "visit.day", day)))
			}
		}
	}
	return true, f.typedClock(ctx, c, m)
}

// typedClock takes a time the resident typed or named: a taken one is said
// so, with the nearest free times, instead of the whole day's list.
func (f *bookFlow) typedClock(ctx context.Context, c *Conv, m int) error {
	l, okL := f.location(c)
	s, okS := f.service(c)
	day, okD := f.day(c)
	if !okL || !okS || !okD {
		return f.askDay(ctx, c)
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, day.Location())
	slots, err := f.v.Slots(ctx, l.ID, s.ID, day)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(slots, func(sl cases.Slot) bool { return sl.Start.Equal(t) }) &&
		slices.ContainsFunc(f.v.Calendar().Starts(l, s, day), t.Equal) {
		return f.offerNearest(ctx, c, l, s, t, "book.busy", "book.busy_none")
	}
	return f.pickTime(ctx, c, t)
}

// otherLocationIn returns another CNAP that offers the chosen service and
// that a sentence typed at the day or time step names: «ой ні, краще на
// Шевченка».
func (f *bookFlow) otherLocationIn(c *Conv, text string) (vikno.Location, bool) {
	l, ok := locationIn(f.v.City, text)
	if !ok || l.ID == c.Session.Get(keyLoc) || !l.Offers(c.Session.Get(keySvc)) {
		return vikno.Location{}, false
	}
	return l, true
}

// dayAndTimeIn reads a day anywhere in a sentence typed at the day step
// («в середу зранку»), and the time it names too («14 грудня о 10») or the
// part of the day («у середу після обіду»), which then waits for the time
// step.
func (f *bookFlow) dayAndTimeIn(c *Conv, text string) (time.Time, bool) {
	words := bookSentenceWords(text)
	day, at, n := bookDayIn(c, words, f.v.Calendar().Day(f.v.Clock()))
	if n == 0 {
		return time.Time{}, false
	}
	if m := bookClockIn(c, slices.Delete(slices.Clone(words), at, at+n)); m >= 0 {
		c.Session.Set(keyWantTime, strconv.Itoa(m))
	} else if from := partOfDayIn(c, text); from >= 0 { // «у середу після обіду»
		c.Session.Set(keyWantFrom, strconv.Itoa(from))
	}
	return day, true
}

// changeWhen takes another day or time typed at the confirmation («ні,
// давайте краще о 11:00», «а можна на четвер о 10?»), or another CNAP
// («а можна змінити ЦНАП на Сихів?»: the same day and time there): the
// name and phone are kept, so a free time leads back to the confirmation.
// It reports false when text names none of them.
func (f *bookFlow) changeWhen(ctx context.Context, c *Conv, text string) (bool, error) {
	if _, family := c.familyName(text); family {
		return false, nil // «запишіть онука Іваненко Тараса»: whom, not where (takeName)
	}
	// a CNAP by its word or name: «Тараса» alone names a person, not the
	// one on Tarasa Shevchenka St
	if l, ok := f.otherLocationIn(c, text); ok && (c.hasWord("cnap_word", text) || exactLocationIn(f.v.City, text) != "") {
		if _, _, at, ok := f.chosen(c); ok {
			c.Session.Set(keyWantDay, at.Format(cases.DateLayout))
			c.Session.Set(keyWantTime, strconv.Itoa(at.Hour()*60+at.Minute()))
		}
		if w := f.wantedIn(c, text); w.day != "" { // «…на Сихові на четвер»
			c.Session.Set(keyWantDay, w.day)
			c.Session.Set(keyWantTime, "")
			if w.clock >= 0 {
				c.Session.Set(keyWantTime, strconv.Itoa(w.clock))
			}
		} else if w.clock >= 0 {
			c.Session.Set(keyWantTime, strconv.Itoa(w.clock))
		}
		return true, f.pickLocation(ctx, c, l.ID)
	}
	if day, ok := f.dayAndTimeIn(c, text); ok {
		return true, f.typedDay(ctx, c, day)
	}
	if m := bookClockIn(c, bookSentenceWords(text)); m >= 0 {
		return true, f.typedClock(ctx, c, m)
	}
	return false, nil
}
