package dialog

import "context"

// Parked is a form (an appeal, a booking) put aside when a deep link or a
// new /start took the resident elsewhere in the middle of it: the menu
// offers to go back to it (action "draft:resume") and starting the same
// flow from the menu resumes it.
type Parked struct {
	Flow string            `json:"flow"`
	Step string            `json:"step"`
	Data map[string]string `json:"data,omitempty"`
}

// parkedTexts are the catalogue keys of the notice that a form was put
// aside and of the menu button that goes back to it, by flow.
var parkedTexts = map[string]struct{ notice, button string }{
	FlowAppeal: {"draft.parked_appeal", "draft.btn_appeal"},
	FlowBook:   {"draft.parked_book", "draft.btn_book"},
}

// actionResume is the menu button's action that goes back to a parked form.
const actionResume = "draft:resume"

// park puts the current form aside when it holds anything the resident
// entered, and says so. It reports whether it did.
func (e *Engine) park(c *Conv) bool {
	s := c.Session
	texts, ok := parkedTexts[s.Flow]
	if !ok || !e.hasDraft(c) {
		return false
	}
	s.Parked = &Parked{Flow: s.Flow, Step: s.Step, Data: s.Data}
	c.Say(c.T(texts.notice))
	return true
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

// resumeParked goes back to the parked form at its step.
func (e *Engine) resumeParked(ctx context.Context, c *Conv) error {
	p := c.Session.Parked
	var st Stepper
	if p != nil {
		st, _ = e.flows[p.Flow].(Stepper)
	}
	if st == nil {
		c.Session.Parked = nil
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	c.Session.Parked = nil
	c.Session.Flow, c.Session.Step, c.Session.Data = p.Flow, p.Step, p.Data
	c.Say(c.T("draft.resumed"))
	return st.Repeat(ctx, c)
}

// parkedRow is the menu's first row when a form is parked: the way back.
func (c *Conv) parkedRow() []Button {
	p := c.Session.Parked
	if p == nil {
		return nil
	}
	texts, ok := parkedTexts[p.Flow]
	if !ok {
		return nil
	}
	return []Button{c.Button(texts.button, actionResume)}
}
