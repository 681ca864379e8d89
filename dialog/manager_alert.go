package dialog

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// Render composes a message for res outside a conversation turn, in res's
// language, without touching any store: for messages rendered inside a
// store's transaction (rating alerts). Compose loads the resident instead.
func (e *Engine) Render(res vikno.Resident, build func(c *Conv)) []Reply {
	c := &Conv{engine: e, Session: &Session{}, Resident: res,
		Update: Update{Channel: res.Channel, UserID: res.ExternalID}}
	c.Locale = c.pickLocale()
	build(c)
	return c.replies
}

// RatingAlert adds a manager's alert about a rating: the score (low scores
// marked), the place, what went wrong, the comment, and the buttons
// "Відповісти" (mgr:a:<id>) and "Опрацьовано" (mgr:d:<id>).
func RatingAlert(c *Conv, r cases.Rating, city vikno.City) {
	key := "alert.high"
	if r.Low() {
		key = "alert.low"
	}
	t := c.T(key, "score", r.Score, "max", cases.MaxScore)
	if r.Revision > 1 {
		t = t.Append(Plain(" "), c.T("alert.changed"))
	}
	lines := []Text{t, Plain("📍 " + placeName(c, city, r.LocationID, r.Point))}
	if len(r.Aspects) > 0 {
		lines = append(lines, c.T("alert.aspects", "list", aspectList(c, r.Aspects)))
	}
	if r.Comment != "" {
		lines = append(lines, c.T("alert.comment", "comment", r.Comment))
	} else {
		lines = append(lines, c.T("alert.no_comment"))
	}
	lines = append(lines, c.T("alert.footer", "id", r.ID, "time", localTime(city, r.UpdatedAt).Format("02.01 15:04")))
	id := strconv.FormatInt(r.ID, 10)
	c.Say(joinLines(lines), []Button{c.Button("mgr.btn_answer", "mgr:a:"+id), c.Button("mgr.btn_done", "mgr:d:"+id)})
}

// RatingAnswer adds the message that brings a manager's answer to the
// resident who left the rating, with «✍️ Відповісти» for the resident's
// reply to that manager.
func RatingAnswer(c *Conv, r cases.Rating, answer string, city vikno.City) {
	head := c.T("answer.head", "place", placeName(c, city, r.LocationID, ""), "date", dayDate(c, r.Day))
	var rows [][]Button
	if b := replyButton(c, r.ID); b != nil {
		rows = append(rows, b)
	}
	c.Say(head.Append(Plain("\n\n"+answer)), append(rows, c.MenuRow())...)
}

// RatingDigest adds a manager's daily digest: the number of ratings, the
// average, the low ones and, for a scope of several locations, the worst
// locations first.
func RatingDigest(c *Conv, d cases.Digest, m cases.Manager, city vikno.City) {
	total := d.Total()
	lines := []Text{
		c.T("digest.head", "date", dayDate(c, d.Day), "scope", ScopeName(c, city, m.Level, m.Scope)),
		c.T("digest.total", "n", total.Count, "avg", average(c.Locale, total), "low", total.Low, "open", total.Open),
	}
	if m.Level != cases.LevelLocation && len(d.ByLocation) > 1 {
		locs := slices.Clone(d.ByLocation)
		slices.SortStableFunc(locs, func(a, b cases.LocationDigest) int { return cmp.Compare(a.Average(), b.Average()) })
		for i, l := range locs {
			if i == digestLocations {
				lines = append(lines, c.T("digest.more", "n", len(locs)-i))
				break
			}
			lines = append(lines, c.T("digest.location", "place", placeName(c, city, l.LocationID, ""),
				"n", l.Count, "avg", average(c.Locale, l), "low", l.Low))
		}
	}
	var rows [][]Button
	if total.Open > 0 {
		rows = append(rows, []Button{c.Button("mgr.btn_open", "mgr:l")})
	}
	c.Say(joinLines(lines), rows...)
}

// digestLocations is how many locations a digest lists.
const digestLocations = 10

func average(locale string, d cases.LocationDigest) string {
	s := strconv.FormatFloat(d.Average(), 'f', 1, 64)
	if locale == UK {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func joinLines(lines []Text) Text {
	var out Text
	for i, l := range lines {
		if i > 0 {
			out = out.Append(Plain("\n"))
		}
		out = out.Append(l)
	}
	return out
}

func localTime(city vikno.City, t time.Time) time.Time { return t.In(city.Loc()) }

// dayDate writes a day "2026-05-14" as the resident reads it: «14.05.2026»,
// "14 May 2026" (the catalogue's layout, answer.date).
func dayDate(c *Conv, day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.Format(c.S("answer.date"))
}
