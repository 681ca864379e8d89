package dialog

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

func (f managerFlow) answer(ctx context.Context, c *Conv) error {
	id, _ := strconv.ParseInt(c.Session.Get(mgrKeyRating), 10, 64)
	text := c.Update.Text
	if utf8.RuneCountInString(text) > cases.MaxAnswerLen {
		c.Say(c.T("mgr.answer_too_long", "max", cases.MaxAnswerLen), []Button{c.Button("btn.cancel", "mgr:x")})
		return nil
	}
	ref := c.Update.ID
	if ref == "" {
		ref = strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	r, err := f.svc.ManagedRating(ctx, c.Resident.ID, id)
	if err != nil && !vikno.IsNotFound(err) {
		return err
	}
	if err == nil && f.movedOn(c, r, text) {
		f.holdBack(c, r, text, ref)
		return nil
	}
	return f.send(ctx, c, id, text, ref)
}

// movedOn reports whether the rating's thread got a message (a colleague's
// answer, the resident's reply) since the manager was asked for the answer
// text. The manager's own answer, stored by an earlier run of this very
// update, does not count.
func (managerFlow) movedOn(c *Conv, r cases.Rating, text string) bool {
	return threadMark(r) != c.Session.Get(mgrKeySeen) && r.Answer != strings.TrimSpace(text)
}

// holdBack keeps the answer unsent and shows what came meanwhile: the
// manager sends it anyway («mgr:s»), writes another one or cancels.
func (f managerFlow) holdBack(c *Conv, r cases.Rating, text, ref string) {
	c.Session.Set(mgrKeySeen, threadMark(r))
	c.Session.Set(mgrKeyDraft, text)
	c.Session.Set(mgrKeyRef, ref)
	var news Text
	if r.RepliedAt.After(r.AnsweredAt) {
		news = c.T("mgr.replied_meanwhile", "time", localTime(f.city, r.RepliedAt).Format("02.01 15:04"),
			"reply", shorten(r.Reply, answeredQuoteLen))
	} else {
		news = c.T("mgr.answered_meanwhile", "time", localTime(f.city, r.AnsweredAt).Format("02.01 15:04"),
			"answer", shorten(r.Answer, answeredQuoteLen))
	}
	c.Say(news.Append(Plain("\n\n"), c.T("mgr.held")),
		[]Button{c.Button("mgr.btn_send_anyway", "mgr:s")}, []Button{c.Button("btn.cancel", "mgr:x")})
}

// sendHeld sends the answer holdBack kept, under the ref of the manager's
// message that brought it: pressing twice sends it once.
func (f managerFlow) sendHeld(ctx context.Context, c *Conv) error {
	id, _ := strconv.ParseInt(c.Session.Get(mgrKeyRating), 10, 64)
	return f.send(ctx, c, id, c.Session.Get(mgrKeyDraft), c.Session.Get(mgrKeyRef))
}

func (f managerFlow) send(ctx context.Context, c *Conv, id int64, text, ref string) error {
	r, err := f.svc.AnswerRating(ctx, c.Resident.ID, id, text, ref)
	switch vikno.ErrorCode(err) {
	case "":
		key := "mgr.answer_sent"
		if f.unreachable(ctx, c, r.ResidentID) {
			key = "mgr.answer_unreachable"
		}
		c.Done(c.T(key, "id", id))
	case vikno.ENOTFOUND:
		c.Done(c.T("mgr.no_access"))
	case vikno.EINVALID:
		c.Say(c.T("mgr.answer_too_long", "max", cases.MaxAnswerLen), []Button{c.Button("btn.cancel", "mgr:x")})
	default:
		return err
	}
	return nil
}

// unreachable reports whether the visitor blocked the bot, so that an
// answer cannot reach them. Only what the manager is told depends on it: a
// failed look-up says nothing of the answer, which is stored already.
func (managerFlow) unreachable(ctx context.Context, c *Conv, residentID int64) bool {
	res, err := c.engine.cfg.Residents.FindResident(ctx, residentID)
	return err == nil && res.Unreachable
}

// threadMark sums up where a rating's thread stands: when it was last
// answered and last replied to.
func threadMark(r cases.Rating) string {
	return strconv.FormatInt(r.AnsweredAt.UnixNano(), 36) + "/" + strconv.FormatInt(r.RepliedAt.UnixNano(), 36)
}

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
