package dialog

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// resolveFlow takes the resident's answer to "Is the problem solved?":
// "y:<number>" closes the appeal and asks for a rating; "n:<number>" and
// "p:<number>" ask what is still wrong and reopen it with that comment.
type resolveFlow struct {
	svc *cases.AppealService
}

// minResolveComment is the shortest useful "what is wrong".
const minResolveComment = 3

var resolveAnswers = map[string]cases.Resolution{
	"y": cases.ResolvedYes, "n": cases.ResolvedNo, "p": cases.ResolvedPartly,
}

// resolveButtons are the Yes / No / Partly buttons for an appeal.
func resolveButtons(c *Conv, number string) []Button {
	return []Button{
		{Label: c.S("anotice.yes"), Action: "menu:resolve:y:" + number},
		{Label: c.S("anotice.no"), Action: "menu:resolve:n:" + number},
		{Label: c.S("anotice.partly"), Action: "menu:resolve:p:" + number},
	}
}

func (f *resolveFlow) Name() string { return FlowResolve }

func (f *resolveFlow) Start(ctx context.Context, c *Conv, arg string) error {
	code, number, _ := strings.Cut(arg, ":")
	answer, ok := resolveAnswers[code]
	if !ok {
		c.Done(c.T("error.stale_button"))
		return nil
	}
	if answer == cases.ResolvedYes {
		a, err := f.svc.Confirm(ctx, c.Resident.ID, number, answer, "")
		if err != nil {
			return f.refused(c, number, err)
		}
		return f.askRating(c, a.Number)
	}
	if _, err := f.svc.Confirmable(ctx, c.Resident.ID, number); err != nil {
		return f.refused(c, number, err)
	}
	c.Session.Step = "comment"
	c.Session.Set("number", number)
	c.Session.Set("answer", string(answer))
	c.Say(c.T("resolve.ask_comment"), []Button{c.Button("btn.cancel", "menu:")})
	return nil
}

func (f *resolveFlow) askRating(c *Conv, number string) error {
	c.Session.Reset()
	stars := make([]Button, 5)
	for i := range stars {
		n := strconv.Itoa(i + 1)
		stars[i] = Button{Label: n, Action: "resolve:r:" + n + ":" + number}
	}
	c.Say(c.T("resolve.closed", "number", number), stars, []Button{c.Button("resolve.btn_skip", "menu:")})
	return nil
}

// refused answers an appeal that is not the resident's or not awaiting
// confirmation any more.
func (f *resolveFlow) refused(c *Conv, number string, err error) error {
	switch vikno.ErrorCode(err) {
	case vikno.ENOTFOUND:
		c.Done(c.T("resolve.not_found"))
	case vikno.ECONFLICT:
		c.Done(c.T("resolve.not_waiting", "number", number))
	default:
		return err
	}
	return nil
}

func (f *resolveFlow) Handle(ctx context.Context, c *Conv) error {
	if rest, ok := strings.CutPrefix(c.Arg, "r:"); ok {
		return f.rate(ctx, c, rest)
	}
	if c.Arg != "" || c.Session.Flow != FlowResolve || c.Session.Step != "comment" {
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	comment := c.Update.Text
	if utf8.RuneCountInString(comment) < minResolveComment {
		c.Say(c.T("resolve.comment_short"), []Button{c.Button("btn.cancel", "menu:")})
		return nil
	}
	number := c.Session.Get("number")
	a, err := f.svc.Confirm(ctx, c.Resident.ID, number, cases.Resolution(c.Session.Get("answer")), comment)
	if err != nil {
		return f.refused(c, number, err)
	}
	c.Done(c.T("resolve.reopened", "number", a.Number, "due", appealDate(c, a.DueAt, f.svc.City.Loc())))
	return nil
}

// rate takes "<stars>:<number>".
func (f *resolveFlow) rate(ctx context.Context, c *Conv, arg string) error {
	s, number, _ := strings.Cut(arg, ":")
	stars, err := strconv.Atoi(s)
	if err != nil {
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	if _, err := f.svc.Rate(ctx, c.Resident.ID, number, stars); err != nil {
		if vikno.ErrorCode(err) == vikno.EINVALID {
			c.SayMenu(c.T("error.stale_button"))
			return nil
		}
		return f.refused(c, number, err)
	}
	c.Done(c.T("resolve.rated"))
	return nil
}

// remindResolution answers a typed «так» / «ні» that no step waits for when
// an appeal of the resident awaits their confirmation: it asks «Проблему
// вирішено?» again for the newest such appeal, with its buttons, instead of
// saying that nothing awaits confirmation. Nothing is decided on a typed
// word: the resident presses the answer. It reports whether it asked.
func remindResolution(ctx context.Context, c *Conv) (bool, error) {
	f, ok := c.engine.flows[FlowResolve].(*resolveFlow)
	if !ok || c.Resident.ID == 0 {
		return false, nil
	}
	list, err := f.svc.List(ctx, cases.AppealFilter{ResidentID: c.Resident.ID,
		Statuses: []cases.AppealStatus{cases.AppealDone}, Order: cases.AppealsNewestFirst, Limit: 1})
	if err != nil || len(list) == 0 {
		return false, err
	}
	c.Say(c.T("resolve.pending", "number", list[0].Number), resolveButtons(c, list[0].Number), c.MenuRow())
	return true, nil
}

// maxResolutionWords is how many words a typed answer to «Проблему
// вирішено?» has at most: «ні, досі нічого не зробили»; a longer message is
// a story or a new problem.
const maxResolutionWords = 6

// remindResolutionOf is remindResolution for a short message that speaks of
// the work being done or not («ні, не зроблено», «так, усе полагодили»,
// words.work_done) rather than a plain «так» / «ні»; a question is left to
// be answered.
func remindResolutionOf(ctx context.Context, c *Conv, text string) (bool, error) {
	if strings.ContainsRune(text, '?') || len(strings.Fields(text)) > maxResolutionWords ||
		!c.hasWord("work_done", strings.ToLower(text)) {
		return false, nil
	}
	return remindResolution(ctx, c)
}
