package dialog

import (
	"context"
	"slices"
)

// Parked is a form (an appeal, a booking) put aside when a deep link, a
// new /start or a menu button of an earlier message took the resident
// elsewhere in the middle of it: the menu
// offers to go back to it (action "draft:<flow>") and starting the same
// flow from the menu resumes it. One form of each flow is kept: a second
// one put aside replaces the first, and the notice says so.
type Parked struct {
	Flow string            `json:"flow"`
	Step string            `json:"step"`
	Data map[string]string `json:"data,omitempty"`
}

type parkedText struct{ flow, notice, replaced, button string }

// parkedTexts are the catalogue keys of the notice that a form was put
// aside (and of the one when it replaced an earlier form put aside) and of
// the menu button that goes back to it, by flow, in the order the menu
// shows them.
var parkedTexts = []parkedText{
	{FlowAppeal, "draft.parked_appeal", "draft.replaced_appeal", "draft.btn_appeal"},
	{FlowBook, "draft.parked_book", "draft.replaced_book", "draft.btn_book"},
}

// actionResume starts the action of the menu button that goes back to a
// parked form: "draft:<flow>".
const actionResume = "draft:"

// park puts the current form aside when it holds anything the resident
// entered, and says so.
func (e *Engine) park(c *Conv) {
	s := c.Session
	i := slices.IndexFunc(parkedTexts, func(p parkedText) bool { return p.flow == s.Flow })
	if i < 0 || !e.hasDraft(c) {
		return
	}
	if s.Parked == nil {
		s.Parked = map[string]*Parked{}
	}
	notice := parkedTexts[i].notice
	if s.Parked[s.Flow] != nil {
		notice = parkedTexts[i].replaced
	}
	s.Parked[s.Flow] = &Parked{Flow: s.Flow, Step: s.Step, Data: s.Data}
	c.Say(c.T(notice))
}

// hasDraft reports whether the current flow holds something the resident
// would lose by leaving it: a drafter's draft, a booking past the choice
// of the CNAP.
func (e *Engine) hasDraft(c *Conv) bool {
	if d, ok := e.flows[c.Session.Flow].(drafter); ok {
		return d.HasDraft(c)
	}
	return c.Session.Flow == FlowBook && c.Session.Get(keyLoc) != ""
}

// resumeParked goes back to the form of flow parked, at its step. The form
// the resident was filling in meanwhile is put aside in its place.
func (e *Engine) resumeParked(ctx context.Context, c *Conv, flow string) error {
	p := c.Session.Parked[flow]
	st, ok := e.flows[flow].(Stepper)
	delete(c.Session.Parked, flow)
	if p == nil && ok && c.Session.Flow == flow {
		return st.Repeat(ctx, c) // pressed again: it is open already
	}
	if p == nil || !ok {
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	e.park(c)
	c.Session.Flow, c.Session.Step, c.Session.Data = p.Flow, p.Step, p.Data
	c.Say(c.T("draft.resumed"))
	return st.Repeat(ctx, c)
}

// parkedRows are the menu's first rows when forms are parked: the ways
// back to them.
func (c *Conv) parkedRows() [][]Button {
	var rows [][]Button
	for _, p := range parkedTexts {
		if c.Session.Parked[p.flow] != nil {
			rows = append(rows, []Button{c.Button(p.button, actionResume+p.flow)})
		}
	}
	return rows
}
