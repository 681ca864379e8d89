package dialog

import (
	"context"

	"github.com/vikno-city/vikno/cases"
)

// AppealNotices tells residents about executors' changes to their appeals
// by sending a message at once through Engine.Push. It implements
// cases.AppealNotifier; the notify outbox can replace it by composing the
// same message with Engine.Compose and BuildAppealNotice.
type AppealNotices struct {
	Engine *Engine
}

var _ cases.AppealNotifier = AppealNotices{}

// AppealChanged implements cases.AppealNotifier.
func (n AppealNotices) AppealChanged(ctx context.Context, a cases.Appeal, e cases.AppealEvent) error {
	return n.Engine.Push(ctx, a.ResidentID, func(c *Conv) { BuildAppealNotice(c, a, e) })
}

// BuildAppealNotice adds to c the notice of change e to appeal a: what
// happened, the executor's comment and, when the work is done, the question
// "Is the problem solved?" with Yes / No / Partly buttons.
func BuildAppealNotice(c *Conv, a cases.Appeal, e cases.AppealEvent) {
	if e.Actor.Kind == cases.ActorSystem && e.To == cases.AppealClosed {
		unconfirmedNotice(c, a)
		return
	}
	key := "anotice." + string(e.To)
	if !c.engine.cfg.Catalog.Has(c.Locale, key) || e.To == cases.AppealRegistered {
		key = "anotice.changed"
	}
	t := c.T(key, "number", a.Number, "status", c.S("appeal.status."+string(e.To)))
	if e.Comment != "" {
		t = t.Append(Plain("\n"), c.T("anotice.comment", "comment", e.Comment))
	}
	rows := [][]Button{}
	if e.To == cases.AppealDone {
		t = t.Append(Plain("\n\n"), c.T("anotice.ask"))
		rows = append(rows, resolveButtons(c, a.Number))
	}
	rows = append(rows, c.MenuRow())
	c.Say(t, rows...)
}

// unconfirmedNotice tells the resident that Vikno closed the appeal they
// never confirmed, and how to go on if the problem is still there.
func unconfirmedNotice(c *Conv, a cases.Appeal) {
	c.Say(c.T("anotice.closed_unconfirmed", "number", a.Number),
		[]Button{c.Button("myap.btn_new", "menu:"+FlowAppeal)}, c.MenuRow())
}
