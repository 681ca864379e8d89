package dialog

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vikno-city/vikno/cases"
)

// bookParseDay reads a day the way residents write it: "25.07", "25.07.2026",
// "25/07", "25 липня", "сьогодні", "завтра", "післязавтра", a weekday
// («у п’ятницю», «наступного вівторка», "this Friday": see weekdayAhead),
// and English "today", "tomorrow". A day without a year is the next such day
// from today.
func bookParseDay(c *Conv, text string, today time.Time) (time.Time, bool) {
	s := strings.ToLower(strings.TrimSpace(text))
	keys := c.commandKeys(s)
	switch {
	case c.isWordKeyed("today", s, keys):
		return today, true
	case c.isWordKeyed("tomorrow", s, keys):
		return today.AddDate(0, 0, 1), true
	case c.isWordKeyed("after_tomorrow", s, keys):
		return today.AddDate(0, 0, 2), true
	}
	s = bookDropPreposition(c, s)
	week, named := bookWeekWord(c, s)
	if wd, ok := bookWeekday(c, named); ok {
		return today.AddDate(0, 0, weekdayAhead(today.Weekday(), wd, week)), true
	}
	if d, ok := bookDayOfMonth(c, s); ok { // «10-го», «на 15 число»
		for m := 0; m < 2; m++ {
			t := time.Date(today.Year(), today.Month()+time.Month(m), d, 0, 0, 0, 0, today.Location())
			if t.Day() == d && !t.Before(today) {
				return t, true
			}
		}
		return time.Time{}, false
	}
	day, month, year, ok := bookSplitDate(c, s)
	if !ok {
		return time.Time{}, false
	}
	if year == 0 {
		year = today.Year()
		if time.Date(year, time.Month(month), day, 0, 0, 0, 0, today.Location()).Before(today) {
			year++
		}
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, today.Location())
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false // 31.02
	}
	return t, true
}

// maxDayTailWords is how many last words of a sentence may hold a day:
// «ні, краще на 25 грудня».
const maxDayTailWords = 3

// bookParseDayIn reads a day as bookParseDay does, or from the end of a
// sentence that changes the day («ні, краще в п’ятницю», "no, tomorrow
// please" is not read), unless a negation (words.negation) stands just
// before it: «тільки не в п’ятницю» names no day.
func bookParseDayIn(c *Conv, text string, today time.Time) (time.Time, bool) {
	if day, ok := bookParseDay(c, text, today); ok {
		return day, true
	}
	words := strings.Fields(strings.TrimRight(text, " .!"))
	for n := min(maxDayTailWords, len(words)-1); n >= 1; n-- {
		if day, ok := bookParseDay(c, strings.Join(words[len(words)-n:], " "), today); ok {
			return day, !c.isWord("negation", strings.ToLower(strings.Trim(words[len(words)-n-1], ",;:")))
		}
	}
	return time.Time{}, false
}

// bookDropPreposition drops the «на», «у», «в» (English "on") people put
// before a day (words.day_prep): «на 25.12», «у п’ятницю», "on Friday".
func bookDropPreposition(c *Conv, s string) string {
	return bookDropWord(c, "day_prep", s)
}

// bookDropTimePreposition drops the «о», «на», «в» (English "at") people
// put before a time (words.time_prep): «о 10:40», «на 10:20», "at 9:00".
func bookDropTimePreposition(c *Conv, s string) string {
	return bookDropWord(c, "time_prep", strings.ToLower(strings.TrimSpace(s)))
}

// bookDropWord drops a word of the list words.<name> that begins s.
func bookDropWord(c *Conv, name, s string) string {
	for p := range c.engine.words[name] {
		if rest, ok := strings.CutPrefix(s, p+" "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// weekdayWeek is the week a named weekday is in.
type weekdayWeek int

const (
	weekdayPlain weekdayWeek = iota // «у вівторок»: the next one
	weekdayThis                     // «цього вівторка» (words.day_this): this week's
	weekdayNext                     // «наступного вівторка» (words.day_next): the next week's
)

// weekdayAhead is how many days after today the weekday wd named in week
// is. A plain weekday is one to seven days ahead («у п’ятницю» on a Friday
// is the next one); this week's is from today on (zero to six days); the
// next week's is wd of the week, Monday to Sunday, after today's: said on a
// Monday, «наступний вівторок» is eight days ahead, not tomorrow.
func weekdayAhead(today, wd time.Weekday, week weekdayWeek) int {
	switch week {
	case weekdayThis:
		return (int(wd) - int(today) + 7) % 7
	case weekdayNext:
		mondayFirst := func(d time.Weekday) int { return (int(d) + 6) % 7 }
		return 7 - mondayFirst(today) + mondayFirst(wd)
	}
	return (int(wd)-int(today)+6)%7 + 1
}

// bookWeekWord drops the «наступний», «цей» (words.day_next, day_this) that
// may begin s, or the «наступного тижня» (words.week_next) before or after
// the weekday, and says which week it names.
func bookWeekWord(c *Conv, s string) (weekdayWeek, string) {
	for p := range c.engine.words["week_next"] {
		if rest, ok := strings.CutPrefix(s, p+" "); ok { // «наступного тижня у вівторок»
			return weekdayNext, bookDropPreposition(c, strings.TrimSpace(rest))
		}
		if rest, ok := strings.CutSuffix(s, " "+p); ok { // «вівторок на наступному тижні»
			return weekdayNext, strings.TrimSpace(rest)
		}
	}
	if rest := bookDropWord(c, "day_next", s); rest != s {
		return weekdayNext, rest
	}
	if rest := bookDropWord(c, "day_this", s); rest != s {
		return weekdayThis, rest
	}
	return weekdayPlain, s
}

// bookWeekday finds a weekday by the name the catalogue gives it in any
// language and form («п’ятниця», «п'ятницю», "Friday", «пт»), written with
// any apostrophe.
func bookWeekday(c *Conv, s string) (time.Weekday, bool) {
	s = strings.Trim(cases.NormalizeText(s), " .,!?")
	if s == "" {
		return 0, false
	}
	if wd, ok := c.engine.weekdays[s]; ok {
		return wd, true
	}
	keys := c.commandKeys(s)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if c.isWordKeyed(strings.TrimPrefix(weekdayWords[wd], wordsGroup), s, keys) {
			return wd, true
		}
	}
	return 0, false
}

// weekdayNames maps the catalogue's names of the weekdays in both languages
// (wd.N, wda.N, wds.N), normalised, to the weekday; the first weekday keeps
// a name two of them share.
func weekdayNames(cat *Catalog) map[string]time.Weekday {
	out := map[string]time.Weekday{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		for _, loc := range []string{UK, EN} {
			for _, group := range []string{"wd.", "wda.", "wds."} {
				name := cases.NormalizeText(cat.String(loc, group+strconv.Itoa(int(wd))))
				if _, taken := out[name]; !taken {
					out[name] = wd
				}
			}
		}
	}
	return out
}

// weekdayWords are the lists of other ways residents write each weekday,
// Sunday first: in Russian («пятницу»), without the apostrophe
// («пятницю»).
var weekdayWords = [7]string{"words.weekday_sun", "words.weekday_mon", "words.weekday_tue", "words.weekday_wed",
	"words.weekday_thu", "words.weekday_fri", "words.weekday_sat"}

// bookSplitDate splits "25.07[.2026]", "25/07" or "25 липня [2026]".
func bookSplitDate(c *Conv, s string) (day, month, year int, ok bool) {
	if !strings.ContainsAny(s, "0123456789") {
		return 0, 0, 0, false // no day number: no date (and no month names to look up)
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' || r == ' ' || r == '-' })
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	if _, err := strconv.Atoi(parts[0]); err != nil && bookMonthByName(c, parts[0]) > 0 {
		// "December 10", "Dec 10th": the month first, as English has it
		parts[0], parts[1] = strings.TrimRightFunc(parts[1], unicode.IsLetter), parts[0]
	}
	day, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0, 0, 0, false
	}
	month, err = strconv.Atoi(parts[1])
	if err != nil {
		month = bookMonthByName(c, parts[1])
	}
	if len(parts) == 3 {
		if year, err = strconv.Atoi(parts[2]); err != nil || year < 2000 || year > 2100 {
			return 0, 0, 0, false
		}
	}
	return day, month, year, day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// bookMonthByName finds a month by its name in the catalogue ("липня",
// "July") or in the month's other names (words.month_*: «декабря»), 0 when
// none matches.
func bookMonthByName(c *Conv, name string) int {
	for m := 1; m <= 12; m++ {
		for _, loc := range []string{UK, EN} {
			full := strings.ToLower(c.engine.cfg.Catalog.String(loc, "mon."+strconv.Itoa(m)))
			if name == full || len(name) >= 3 && strings.HasPrefix(full, name) {
				return m
			}
		}
		if c.isWord(strings.TrimPrefix(monthWords[m-1], wordsGroup), name) {
			return m
		}
	}
	return 0
}

// monthWords are the lists of other names residents give each month,
// January first: in Russian («декабря»).
var monthWords = [12]string{"words.month_1", "words.month_2", "words.month_3", "words.month_4", "words.month_5",
	"words.month_6", "words.month_7", "words.month_8", "words.month_9", "words.month_10", "words.month_11", "words.month_12"}

// bookDayOfMonth reads a day of the month alone: «10-го», «10го», «15
// число», «15 числа» (words.day_of_month after the number).
func bookDayOfMonth(c *Conv, s string) (int, bool) {
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	i := len(num)
	for i > 0 && num[i-1] >= '0' && num[i-1] <= '9' {
		i--
	}
	if i != 0 || num == "" || len(num) > 2 {
		return 0, false
	}
	rest := strings.TrimSpace(strings.TrimPrefix(s[len(num):], "-"))
	d, err := strconv.Atoi(num)
	if err != nil || d < 1 || d > 31 || rest == "" || !c.isWord(strings.TrimPrefix("words.day_of_month", wordsGroup), rest) {
		return 0, false
	}
	return d, true
}

// bookParseClock reads "10:20", "10.20", "10 20" or "1020" as minutes after
// midnight, and English "10am", "2:30 pm".
func bookParseClock(text string) (int, bool) {
	if m, ok := bookParseMeridiem(text); ok {
		return m, true
	}
	s := strings.TrimSpace(text)
	s = strings.NewReplacer(".", ":", " ", ":", "-", ":").Replace(s)
	if !strings.Contains(s, ":") && len(s) == 4 {
		s = s[:2] + ":" + s[2:]
	}
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, false
	}
	return hh*60 + mm, true
}

// bookParseMeridiem reads an English 12-hour time: "10am", "10 a.m.",
// "2:30pm", "12 pm" (noon). It returns the minutes after midnight.
func bookParseMeridiem(text string) (int, bool) {
	s := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(text)), ".", "")
	pm := strings.HasSuffix(s, "pm")
	if !pm && !strings.HasSuffix(s, "am") {
		return 0, false
	}
	h, m, _ := strings.Cut(strings.TrimSpace(s[:len(s)-2]), ":")
	hh, err := strconv.Atoi(h)
	mm := 0
	if m != "" {
		if len(m) != 2 {
			return 0, false
		}
		mm, err = strconv.Atoi(m)
	}
	if err != nil || hh < 1 || hh > 12 || mm < 0 || mm > 59 {
		return 0, false
	}
	hh %= 12
	if pm {
		hh += 12
	}
	return hh*60 + mm, true
}
