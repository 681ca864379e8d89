package dialog

import (
	"context"
	"strconv"
	"strings"
)

// Stepper is a flow that leads the resident through steps (a form, a
// booking): its buttons belong to the step that showed them. The engine
// marks each button such a flow offers with the session's step token; a
// button pressed after the resident moved on does not reach the flow: the
// resident is told it is from an earlier step, and Repeat asks the current
// step's question again. Flows without steps (FAQ answers, lists) keep
// every button valid, and so do buttons sent outside a turn (notices,
// alerts) and menu buttons: they carry no token.
type Stepper interface {
	Repeat(ctx context.Context, c *Conv) error
}

// stepTokenSep separates a button's action from its step token
// ("book:t:1000~1f"). Actions never contain it otherwise.
const stepTokenSep = "~"

// maxStepToken bounds the token so that it takes two base-36 characters;
// it wraps around, and a button 1,295 steps old is the only one it could
// mistake for a current one.
const maxStepToken = 36*36 - 1

// cutStepToken splits a pressed action into the action and its step token
// ("" when the button carried none).
func cutStepToken(action string) (string, string) {
	i := strings.LastIndex(action, stepTokenSep)
	if i < 0 {
		return action, ""
	}
	return action[:i], action[i+len(stepTokenSep):]
}

// stepToken is the token of the session's current step; "" before the
// first step, which no button carries.
func (s *Session) stepToken() string {
	if s.Tok <= 0 {
		return ""
	}
	return strconv.FormatInt(int64(s.Tok), 36)
}

// stepAt is where a conversation stood before a turn.
type stepAt struct{ flow, step string }

// markStep moves the session to a new step token when the turn moved the
// conversation (another flow or step) or offered new buttons of the
// current stepped flow, and stamps those buttons with it. A step repeated
// for an old button keeps its token: the buttons the resident sees above
// stay valid.
func (c *Conv) markStep(before stepAt) {
	flow := c.Session.Flow
	_, stepped := c.engine.flows[flow].(Stepper)
	offered := stepped && c.offers(flow)
	if !offered && before == (stepAt{flow, c.Session.Step}) {
		return
	}
	if !c.repeated || c.Session.Tok == 0 {
		c.Session.Tok = c.Session.Tok%maxStepToken + 1
	}
	if !offered {
		return
	}
	suffix := stepTokenSep + c.Session.stepToken()
	for i, r := range c.replies {
		rows := make([][]Button, len(r.Buttons))
		for j, row := range r.Buttons {
			rows[j] = append([]Button(nil), row...)
			for k, b := range rows[j] {
				if stepButton(b, flow, suffix) {
					rows[j][k].Action += suffix
				}
			}
		}
		c.replies[i].Buttons = rows
	}
}

// offers reports whether the turn's replies offer a button of flow that
// takes a step token.
func (c *Conv) offers(flow string) bool {
	for _, r := range c.replies {
		for _, b := range r.AllButtons() {
			if stepButton(b, flow, stepTokenSep+"zz") {
				return true
			}
		}
	}
	return false
}

// stepButton reports whether b is a button of flow's current step that
// takes suffix: not a link, not lasting, and short enough with it.
func stepButton(b Button, flow, suffix string) bool {
	name, _, _ := strings.Cut(b.Action, ":")
	return b.URL == "" && !b.Lasting && name == flow && len(b.Action)+len(suffix) <= MaxActionLen &&
		!strings.Contains(b.Action, stepTokenSep)
}

// pressedOld reports whether the pressed button carried a step token other
// than the session's current one.
func (c *Conv) pressedOld() bool {
	return c.pressedTok != "" && c.pressedTok != c.Session.stepToken()
}

// oldStep answers a button of an earlier step: a short note, then the
// current step again (the menu when the current flow has no steps).
func (e *Engine) oldStep(ctx context.Context, c *Conv) error {
	c.Update.Action = ""
	if s, ok := e.flows[c.Session.Flow].(Stepper); ok {
		c.repeated = true
		c.Say(c.T("error.old_step"))
		return s.Repeat(ctx, c)
	}
	c.SayMenu(c.T("error.old_step_menu"))
	return nil
}

// clearRef is the platform id of the message whose buttons the channel may
// take off after this turn: a pressed step or menu button's message (they
// are answered by the turn's replies). Buttons sent outside a turn stay, as
// they stay valid.
func (c *Conv) clearRef(action string) string {
	if c.Update.MessageRef == "" {
		return ""
	}
	if c.pressedTok != "" || action == "menu" || strings.HasPrefix(action, "menu:") {
		return c.Update.MessageRef
	}
	return ""
}

var (
	_ Stepper = (*appealFlow)(nil)
	_ Stepper = (*bookFlow)(nil)
	_ Stepper = (*statusFlow)(nil)
	_ Stepper = rateFlow{}
)
