package dialog

import (
	"context"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowManager is the flow of CNAP managers: accepting an invite and acting
// on rating alerts.
const FlowManager = "mgr"

// ManagerService is what the manager flow needs: cases.Feedback implements
// it. Every call on a rating takes the resident id of the person acting, and
// the service checks in the store that this resident is an active manager
// whose scope covers the rating (ENOTFOUND otherwise): button data can be
// forged, the scope cannot.
type ManagerService interface {
	JoinManagers(ctx context.Context, token string, residentID int64) (cases.Manager, error)
	ManagedRating(ctx context.Context, residentID, id int64) (cases.Rating, error)
	ManagedRatings(ctx context.Context, residentID int64, f cases.RatingFilter) ([]cases.Rating, error)
	MarkRatingSeen(ctx context.Context, residentID, id int64) (cases.Rating, error)
	AnswerRating(ctx context.Context, residentID, id int64, answer, ref string) (cases.Rating, error)
}

// RegisterManagers registers the manager flow: "/start m_<token>" accepts an
// invite; the buttons of rating alerts and digests ("mgr:a:<id>" answer,
// "mgr:d:<id>" processed, "mgr:l" open ratings) lead here.
func RegisterManagers(e *Engine, svc ManagerService, city vikno.City) {
	e.Register(managerFlow{svc: svc, city: city})
	e.RoutePayload(cases.InvitePayloadPrefix, FlowManager)
}

const (
	mgrStepAnswer = "answer"
	mgrKeyRating  = "id"
	// mgrKeySeen is the rating's thread as the manager last saw it (see
	// threadMark); mgrKeyDraft and mgrKeyRef hold an answer held back
	// because the thread moved on meanwhile.
	mgrKeySeen  = "seen"
	mgrKeyDraft = "draft"
	mgrKeyRef   = "ref"
	// mgrListSize is how many open ratings "mgr:l" shows.
	mgrListSize = 5
)

type managerFlow struct {
	svc  ManagerService
	city vikno.City
}

func (managerFlow) Name() string { return FlowManager }

// Start accepts an invite (arg is its token).
func (f managerFlow) Start(ctx context.Context, c *Conv, arg string) error {
	m, err := f.svc.JoinManagers(ctx, arg, c.Resident.ID)
	switch vikno.ErrorCode(err) {
	case "":
		c.Done(c.T("mgr.joined", "scope", ScopeName(c, f.city, m.Level, m.Scope)))
	case vikno.ENOTFOUND:
		c.Done(c.T("mgr.invite_bad"))
	case vikno.ECONFLICT:
		c.Done(c.T("mgr.invite_used"))
	case vikno.EINVALID:
		c.Done(c.T("mgr.invite_expired"))
	default:
		return err
	}
	return nil
}

func (f managerFlow) Handle(ctx context.Context, c *Conv) error {
	kind, arg, _ := strings.Cut(c.Arg, ":")
	id, _ := strconv.ParseInt(arg, 10, 64)
	switch {
	case kind == "a" && id > 0:
		return f.startAnswer(ctx, c, id)
	case kind == "d" && id > 0:
		return f.markSeen(ctx, c, id)
	case kind == "l":
		return f.listOpen(ctx, c)
	case kind == "x":
		c.Done(c.T("mgr.answer_cancelled"))
		return nil
	case kind == "s" && c.Session.Flow == FlowManager && c.Session.Get(mgrKeyDraft) != "":
		return f.sendHeld(ctx, c)
	case c.Session.Flow == FlowManager && c.Session.Step == mgrStepAnswer && c.Update.Action == "":
		if c.Update.Text == "" { // a photo or a location: answers are text
			c.Say(c.T("mgr.answer_too_long", "max", cases.MaxAnswerLen), []Button{c.Button("btn.cancel", "mgr:x")})
			return nil
		}
		return f.answer(ctx, c)
	}
	c.Done(c.T("error.stale_button"))
	return nil
}

// startAnswer makes the manager's next message the answer to rating id.
func (f managerFlow) startAnswer(ctx context.Context, c *Conv, id int64) error {
	r, err := f.svc.ManagedRating(ctx, c.Resident.ID, id)
	if vikno.IsNotFound(err) {
		c.Done(c.T("mgr.no_access"))
		return nil
	}
	if err != nil {
		return err
	}
	c.Session.Reset()
	c.Session.Flow, c.Session.Step = FlowManager, mgrStepAnswer
	c.Session.Set(mgrKeyRating, strconv.FormatInt(r.ID, 10))
	c.Session.Set(mgrKeySeen, threadMark(r))
	prompt := c.T("mgr.answer_prompt", "id", r.ID, "score", r.Score, "place", placeName(c, f.city, r.LocationID, r.Point))
	if r.Status == cases.RatingAnswered && r.Answer != "" {
		// A colleague (or the web) answered since the alert came: say so
		// with the answer, so that the resident is not told the same twice.
		prompt = c.T("mgr.answered_before", "time", localTime(f.city, r.AnsweredAt).Format("02.01 15:04"),
			"answer", shorten(r.Answer, answeredQuoteLen)).Append(Plain("\n\n"), prompt)
	}
	c.Say(prompt, []Button{c.Button("btn.cancel", "mgr:x")})
	return nil
}

// answeredQuoteLen is how much of an earlier answer the prompt quotes.
const answeredQuoteLen = 300

func (f managerFlow) markSeen(ctx context.Context, c *Conv, id int64) error {
	r, err := f.svc.MarkRatingSeen(ctx, c.Resident.ID, id)
	if vikno.IsNotFound(err) {
		c.Done(c.T("mgr.no_access"))
		return nil
	}
	if err != nil {
		return err
	}
	key := "mgr.seen"
	if r.Status == cases.RatingAnswered {
		key = "mgr.seen_answered"
	}
	c.Done(c.T(key, "id", r.ID))
	return nil
}

// listOpen shows the newest low ratings nobody processed yet.
func (f managerFlow) listOpen(ctx context.Context, c *Conv) error {
	list, err := f.svc.ManagedRatings(ctx, c.Resident.ID,
		cases.RatingFilter{Status: cases.RatingNew, LowOnly: true, Limit: mgrListSize})
	if vikno.IsNotFound(err) {
		c.Done(c.T("mgr.no_access"))
		return nil
	}
	if err != nil {
		return err
	}
	if len(list) == 0 {
		c.Done(c.T("mgr.none_open"))
		return nil
	}
	for _, r := range list {
		RatingAlert(c, r, f.city)
	}
	return nil
}

// ScopeName describes a manager's scope in the resident's language: a
// location's name, or "all CNAPs: <region>".
func ScopeName(c *Conv, city vikno.City, level cases.Level, scope string) string {
	if level == cases.LevelLocation {
		return placeName(c, city, scope, "")
	}
	name := scope
	if r, ok := city.Region(scope); ok {
		name = r.Name
		if c.Locale == EN && r.NameEN != "" {
			name = r.NameEN
		}
	}
	return c.S("mgr.scope_all", "region", name)
}
