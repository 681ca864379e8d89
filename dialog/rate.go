package dialog

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// RatingService is what the rating flow needs: cases.Feedback implements it.
type RatingService interface {
	// RatingPoint returns the point of a QR code's token; ENOTFOUND for a
	// token that is malformed, unknown or of a closed location.
	RatingPoint(ctx context.Context, token string) (cases.RatingPoint, error)
	// TodaysRating returns the resident's rating of the location left
	// today, or ENOTFOUND.
	TodaysRating(ctx context.Context, residentID int64, locationID string) (cases.Rating, error)
	// SubmitRating saves the resident's rating of today and alerts the
	// managers; EINVALID for bad input.
	SubmitRating(ctx context.Context, r cases.Rating) (cases.Rating, error)
}

// RatedVisits finds a resident's visit to rate; cases.Visits implements it.
type RatedVisits interface {
	// Find returns the resident's visit; another resident's is ENOTFOUND.
	Find(ctx context.Context, residentID, visitID int64) (cases.Visit, error)
	// RecentAttended returns the resident's recently attended visits.
	RecentAttended(ctx context.Context, residentID int64) ([]cases.Visit, error)
}

// RateVisitAction is the action of a score button under the request to
// rate an attended visit: it opens the rating flow with the score chosen.
func RateVisitAction(visitID int64, score int) string {
	return "menu:" + FlowRate + ":v" + strconv.FormatInt(visitID, 10) + ":" + strconv.Itoa(score)
}

// RegisterRatings registers the rating flow: a deep link "/start r_<token>"
// (the QR code in a CNAP hall) asks for a score from 1 to 5, for low scores
// what went wrong, then an optional comment. The menu's "Rate a visit"
// explains how to scan the code. visits (may be nil) lets the request to
// rate an attended visit open the flow with a score already chosen.
func RegisterRatings(e *Engine, svc RatingService, city vikno.City, visits RatedVisits) {
	e.Register(rateFlow{svc: svc, city: city, visits: visits})
	e.RoutePayload(cases.RatePayloadPrefix, FlowRate)
}

// Steps of the rating flow and the session keys it keeps.
const (
	rateStepReplace = "replace"
	rateStepScore   = "score"
	rateStepAspects = "aspects"
	rateStepComment = "comment"

	rateKeyLoc     = "loc"
	rateKeyPoint   = "pt"
	rateKeyScore   = "score"
	rateKeyAspects = "asp"
)

// rateFlow collects one rating. Button actions: "rate:s:N" (score),
// "rate:a:<aspect>" (toggle what went wrong), "rate:next" and "rate:skip".
type rateFlow struct {
	svc    RatingService
	city   vikno.City
	visits RatedVisits
}

func (rateFlow) Name() string { return FlowRate }

func (f rateFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if arg == "" {
		return f.recent(ctx, c)
	}
	if id, score, ok := parseRateVisit(arg); ok {
		return f.startVisit(ctx, c, id, score)
	}
	p, err := f.svc.RatingPoint(ctx, arg)
	if vikno.IsNotFound(err) {
		c.Done(c.T("rate.bad_link"))
		return nil
	}
	if err != nil {
		return err
	}
	asked, err := f.begin(ctx, c, p.LocationID, p.Point)
	if err != nil || asked {
		return err
	}
	f.askScore(c, "rate.ask")
	return nil
}

// begin starts rating a location (from a QR point, or "" from a visit). A
// rating of the same location today is there already: it asks whether to
// replace it and reports asked.
func (f rateFlow) begin(ctx context.Context, c *Conv, locationID, point string) (asked bool, err error) {
	c.Session.Flow, c.Session.Step = FlowRate, rateStepScore
	c.Session.Set(rateKeyLoc, locationID)
	c.Session.Set(rateKeyPoint, point)
	prev, err := f.svc.TodaysRating(ctx, c.Resident.ID, locationID)
	switch {
	case err == nil:
		c.Session.Step = rateStepReplace
		f.askReplace(c, prev)
		return true, nil
	case !vikno.IsNotFound(err):
		return false, err
	}
	return false, nil
}

// recent offers the resident's recently attended visits to rate, and
// explains the QR code in the hall.
func (f rateFlow) recent(ctx context.Context, c *Conv) error {
	var visits []cases.Visit
	if f.visits != nil {
		var err error
		if visits, err = f.visits.RecentAttended(ctx, c.Resident.ID); err != nil {
			return err
		}
	}
	if len(visits) == 0 {
		c.Done(c.T("rate.how"))
		return nil
	}
	var rows [][]Button
	for _, v := range visits {
		l, _ := f.city.Location(v.LocationID)
		label := c.S("rate.btn_visit", "location", visitLocName(c, l),
			"day", visitWhen(c, "visit.day_btn", v.Start.In(f.city.Loc())))
		rows = append(rows, []Button{{Label: label, Action: "menu:" + FlowRate + ":v" + strconv.FormatInt(v.ID, 10)}})
	}
	c.Say(c.T("rate.recent").Append(Plain("\n"), c.T("rate.how")), append(rows, c.MenuRow())...)
	return nil
}

// parseRateVisit reads "v17:4" (see RateVisitAction) or "v17" (no score
// yet: 0).
func parseRateVisit(arg string) (visitID int64, score int, ok bool) {
	rest, found := strings.CutPrefix(arg, "v")
	id, sc, _ := strings.Cut(rest, ":")
	visitID, err := strconv.ParseInt(id, 10, 64)
	if !found || err != nil {
		return 0, 0, false
	}
	score, _ = strconv.Atoi(sc)
	return visitID, score, true
}

// startVisit rates the resident's attended visit with the score pressed
// under the request to rate it.
func (f rateFlow) startVisit(ctx context.Context, c *Conv, visitID int64, score int) error {
	if f.visits == nil {
		c.Done(c.T("rate.how"))
		return nil
	}
	v, err := f.visits.Find(ctx, c.Resident.ID, visitID)
	if vikno.IsNotFound(err) || (err == nil && v.Status != cases.VisitAttended) {
		c.Done(c.T("rate.stale"))
		return nil
	}
	if err != nil {
		return err
	}
	asked, err := f.begin(ctx, c, v.LocationID, "")
	if err != nil || asked {
		return err
	}
	if score == 0 {
		f.askScore(c, "rate.ask")
		return nil
	}
	return f.score(ctx, c, "s", strconv.Itoa(score))
}

// askReplace asks before a second rating of the same location on the same
// day replaces the first.
func (f rateFlow) askReplace(c *Conv, prev cases.Rating) {
	c.Say(c.T("rate.replace_ask", "place", placeName(c, f.city, prev.LocationID, prev.Point), "score", prev.Score),
		[]Button{c.Button("rate.btn_replace", "rate:replace"), c.Button("rate.btn_keep", "rate:keep")}, c.MenuRow())
}

// replace takes the answer to askReplace.
func (f rateFlow) replace(ctx context.Context, c *Conv, kind string) error {
	switch {
	case kind == "replace" || (c.Update.Action == "" && c.isWord("yes", strings.ToLower(strings.TrimSpace(c.Update.Text)))):
		c.Session.Step = rateStepScore
		f.askScore(c, "rate.ask")
		return nil
	case kind == "keep":
		c.Done(c.T("rate.kept"))
		return nil
	}
	prev, err := f.svc.TodaysRating(ctx, c.Resident.ID, c.Session.Get(rateKeyLoc))
	if err != nil {
		return err
	}
	f.askReplace(c, prev)
	return nil
}

func (f rateFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Session.Flow != FlowRate || c.Session.Get(rateKeyLoc) == "" {
		c.Done(c.T("rate.stale"))
		return nil
	}
	kind, val, _ := strings.Cut(c.Arg, ":")
	switch c.Session.Step {
	case rateStepReplace:
		return f.replace(ctx, c, kind)
	case rateStepScore:
		return f.score(ctx, c, kind, val)
	case rateStepAspects:
		return f.aspects(ctx, c, kind, val)
	case rateStepComment:
		return f.comment(ctx, c, kind)
	}
	c.Done(c.T("rate.stale"))
	return nil
}

// Repeat implements Stepper: it asks the current step's question again.
func (f rateFlow) Repeat(ctx context.Context, c *Conv) error {
	switch c.Session.Step {
	case rateStepReplace:
		prev, err := f.svc.TodaysRating(ctx, c.Resident.ID, c.Session.Get(rateKeyLoc))
		if err != nil {
			return err
		}
		f.askReplace(c, prev)
	case rateStepAspects:
		c.Say(c.T("rate.aspects"), f.aspectRows(c)...)
	case rateStepComment:
		askComment(c, c.T("rate.comment_wait"))
	default:
		f.askScore(c, "rate.ask")
	}
	return nil
}

// askComment asks for a comment with text t, offering to skip it.
func askComment(c *Conv, t Text) {
	c.Say(t, []Button{c.Button("rate.btn_skip", "rate:skip")}, c.MenuRow())
}

func (f rateFlow) askScore(c *Conv, key string) {
	row := make([]Button, 0, cases.MaxScore)
	for n := cases.MinScore; n <= cases.MaxScore; n++ {
		row = append(row, Button{Label: strconv.Itoa(n), Action: "rate:s:" + strconv.Itoa(n)})
	}
	c.Say(c.T(key, "place", placeName(c, f.city, c.Session.Get(rateKeyLoc), c.Session.Get(rateKeyPoint))),
		row, c.MenuRow())
}

func (f rateFlow) score(ctx context.Context, c *Conv, kind, val string) error {
	if kind != "s" {
		val = c.Update.Text
	}
	n, ok := typedScore(c, val)
	if !ok {
		f.askScore(c, "rate.ask_again")
		return nil
	}
	c.Session.Set(rateKeyScore, strconv.Itoa(n))
	if n <= cases.LowScore {
		c.Session.Step = rateStepAspects
		c.Say(c.T("rate.aspects"), f.aspectRows(c)...)
		return nil
	}
	c.Session.Step = rateStepComment
	askComment(c, c.T("rate.comment_high"))
	return nil
}

// typedScore reads a score as residents type it: «4», «ставлю 4», «5 з 5,
// дякую», «п’ять», "five", «⭐⭐⭐⭐». The first number in the message is
// the score; without digits, the first number word (words.score_N) of a short message, else
// the count of stars.
func typedScore(c *Conv, text string) (int, bool) {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r < '0' || r > '9' }) {
		n, err := strconv.Atoi(f)
		return n, err == nil && n >= cases.MinScore && n <= cases.MaxScore
	}
	words := strings.Fields(labelKey(text))
	if len(words) > maxScoreWords {
		words = nil // «чекала дві години»: a story, not a score
	}
	for _, w := range words {
		for n := cases.MinScore; n <= cases.MaxScore; n++ {
			if c.engine.wordParts["score_"+strconv.Itoa(n)][w] {
				return n, true
			}
		}
	}
	stars := strings.Count(text, "⭐") + strings.Count(text, "★") + strings.Count(text, "🌟")
	return stars, stars >= cases.MinScore && stars <= cases.MaxScore
}

// maxScoreWords is how many words a score typed in words has at most: "I
// give it a five".
const maxScoreWords = 5

// aspectRows offers every aspect (chosen ones ticked), then "Next".
func (f rateFlow) aspectRows(c *Conv) [][]Button {
	chosen := sessionAspects(c.Session)
	var rows [][]Button
	for _, a := range cases.AllAspects() {
		label := c.S("rate.aspect." + string(a))
		if slices.Contains(chosen, a) {
			label = "✅ " + label
		}
		rows = append(rows, []Button{{Label: label, Action: "rate:a:" + string(a)}})
	}
	return append(rows, []Button{c.Button("rate.btn_next", "rate:next")}, c.MenuRow())
}

func sessionAspects(s *Session) []cases.Aspect { return cases.SplitAspects(s.Get(rateKeyAspects)) }

func (f rateFlow) aspects(ctx context.Context, c *Conv, kind, val string) error {
	switch {
	case kind == "a" && cases.Aspect(val).Valid():
		chosen := sessionAspects(c.Session)
		if i := slices.Index(chosen, cases.Aspect(val)); i >= 0 {
			chosen = slices.Delete(chosen, i, i+1)
		} else {
			chosen = append(chosen, cases.Aspect(val))
		}
		c.Session.Set(rateKeyAspects, cases.JoinAspects(chosen))
		key := "rate.aspects_marked"
		if len(chosen) == 0 {
			key = "rate.aspects"
		}
		c.Say(c.T(key, "list", aspectList(c, chosen)), f.aspectRows(c)...)
		return nil
	case kind == "next":
		c.Session.Step = rateStepComment
		askComment(c, c.T("rate.comment_low"))
		return nil
	case c.Update.Action == "" && c.Update.Text != "":
		if a, ok := aspectNumbered(c.Update.Text); ok {
			return f.aspects(ctx, c, "a", string(a)) // «1»: the first in the list
		}
		if strings.IndexFunc(c.Update.Text, unicode.IsLetter) >= 0 {
			return f.withComment(ctx, c, c.Update.Text) // typed straight away: that is the comment
		}
	}
	c.Say(c.T("rate.aspects"), f.aspectRows(c)...)
	return nil
}

// aspectNumbered returns the aspect a number typed alone names by its
// place in the list (1 is the first button), as keyboards without buttons
// number them.
func aspectNumbered(text string) (cases.Aspect, bool) {
	n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(text), ".)"))
	all := cases.AllAspects()
	if err != nil || n < 1 || n > len(all) {
		return "", false
	}
	return all[n-1], true
}

// aspectList names aspects in running text: "час очікування, ввічливість".
func aspectList(c *Conv, as []cases.Aspect) string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = c.S("rate.aspect_name." + string(a))
	}
	return strings.Join(names, ", ")
}

func (f rateFlow) comment(ctx context.Context, c *Conv, kind string) error {
	switch {
	case kind == "skip":
		return f.submit(ctx, c, "")
	case c.Update.Action == "" && c.Update.Text != "":
		return f.withComment(ctx, c, c.Update.Text)
	}
	askComment(c, c.T("rate.comment_wait"))
	return nil
}

func (f rateFlow) withComment(ctx context.Context, c *Conv, text string) error {
	if utf8.RuneCountInString(text) > cases.MaxCommentLen {
		c.Session.Step = rateStepComment
		askComment(c, c.T("rate.comment_too_long", "max", cases.MaxCommentLen))
		return nil
	}
	return f.submit(ctx, c, text)
}

func (f rateFlow) submit(ctx context.Context, c *Conv, comment string) error {
	score, _ := strconv.Atoi(c.Session.Get(rateKeyScore))
	r := cases.Rating{
		ResidentID: c.Resident.ID, LocationID: c.Session.Get(rateKeyLoc), Point: c.Session.Get(rateKeyPoint),
		Score: score, Comment: comment,
	}
	if score <= cases.LowScore {
		r.Aspects = sessionAspects(c.Session)
	}
	saved, err := f.svc.SubmitRating(ctx, r)
	if vikno.ErrorCode(err) == vikno.EINVALID {
		c.Done(c.T("rate.bad_link"))
		return nil
	}
	if err != nil {
		return err
	}
	key := "rate.thanks_high"
	switch {
	case saved.Low() && saved.Managers > 0:
		key = "rate.thanks_low"
	case saved.Low():
		key = "rate.thanks_low_recorded"
	case saved.Comment != "" && saved.Managers > 0:
		// a good score may still come with a complaint («чекала
		// годину»): thanks for the feedback, not «раді, що все вдалося»
		key = "rate.thanks_comment"
	case saved.Comment != "":
		key = "rate.thanks_comment_recorded"
	}
	t := c.T(key)
	if saved.Revision > 1 {
		t = c.T("rate.updated").Append(Plain("\n"), t)
	}
	c.Done(t)
	return nil
}

// placeName names a location, and the window of a point, in the resident's
// language.
func placeName(c *Conv, city vikno.City, locationID, point string) string {
	l, ok := city.Location(locationID)
	if !ok {
		return locationID
	}
	name := l.Name
	if c.Locale == EN && l.NameEN != "" {
		name = l.NameEN
	}
	if w := cases.PointWindow(point); w > 0 {
		return c.S("rate.place_window", "place", name, "n", w)
	}
	return name
}
