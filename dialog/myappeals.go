package dialog

import (
	"context"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowMyAppeals is "Мої звернення": the appeals filed from this chat, with
// their status, without a PIN (the chat that filed an appeal owns it).
const FlowMyAppeals = "myappeals"

// myAppealsShown is how many of the newest appeals the list shows.
const myAppealsShown = 8

// myAppealsFlow lists the resident's own appeals and shows one as a card.
type myAppealsFlow struct{ svc *cases.AppealService }

func (f *myAppealsFlow) Name() string { return FlowMyAppeals }

func (f *myAppealsFlow) Start(ctx context.Context, c *Conv, _ string) error { return f.list(ctx, c) }

// Handle takes "myappeals:a:<number>" (one appeal's card); typed text is
// an answer to «Проблему вирішено?» (asked again with its buttons) or a new
// question (elsewhere); anything else shows the list again.
func (f *myAppealsFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Update.Action == "" && c.Update.Text != "" {
		if handled, err := f.typed(ctx, c); handled || err != nil {
			return err
		}
	}
	c.Session.Flow = FlowMyAppeals
	if number, ok := strings.CutPrefix(c.Arg, "a:"); ok && number != "" {
		return f.show(ctx, c, number)
	}
	return f.list(ctx, c)
}

// typed shows the appeal whose number is typed, answers «так», «ні», «ні,
// не зроблено» typed under an appeal that awaits the resident's
// confirmation, and passes any other text on as a question.
func (f *myAppealsFlow) typed(ctx context.Context, c *Conv) (bool, error) {
	if number, ok := cases.ParseAppealNumber(c.Update.Text); ok { // «#2026-000123» typed under the list
		c.Session.Flow = FlowMyAppeals
		return true, f.show(ctx, c, number)
	}
	low := strings.ToLower(c.Update.Text)
	if c.isWord("yes", low) || c.isWord("no", low) {
		if asked, err := remindResolution(ctx, c); asked || err != nil {
			return true, err
		}
	}
	if asked, err := remindResolutionOf(ctx, c, c.Update.Text); asked || err != nil {
		return true, err
	}
	return c.elsewhere(ctx)
}

// Back is «назад»: from an appeal to the list, from the list to the menu.
func (f *myAppealsFlow) Back(ctx context.Context, c *Conv) error {
	if c.Session.Step == "show" {
		return f.list(ctx, c)
	}
	c.Done(c.T("menu.prompt"))
	return nil
}

func (f *myAppealsFlow) list(ctx context.Context, c *Conv) error {
	list, err := f.svc.List(ctx, cases.AppealFilter{ResidentID: c.Resident.ID, Order: cases.AppealsNewestFirst, Limit: myAppealsShown})
	if err != nil {
		return err
	}
	more := []Button{c.Button("myap.btn_new", "menu:"+FlowAppeal), c.Button("myap.btn_by_number", "menu:"+FlowStatus)}
	if len(list) == 0 {
		c.Session.Reset()
		c.Say(c.T("myap.none"), more, c.MenuRow())
		return nil
	}
	text := c.T("myap.title")
	var rows [][]Button
	for _, a := range list {
		status := c.S("appeal.status." + string(a.Status))
		text = text.Append(Plain("\n"), c.T("myap.line", "number", a.Number, "category", appealCategoryName(c, f.svc, a.Category),
			"status", status, "date", appealDate(c, a.CreatedAt, f.svc.City.Loc())))
		rows = append(rows, []Button{{Label: c.S("myap.btn", "number", a.Number), Action: FlowMyAppeals + ":a:" + a.Number}})
	}
	c.Session.Step = "list"
	c.Say(text, append(rows, more, c.MenuRow())...)
	return nil
}

// show renders one of the resident's appeals; someone else's number lists
// the resident's own appeals instead.
func (f *myAppealsFlow) show(ctx context.Context, c *Conv, number string) error {
	a, err := f.svc.Find(ctx, number)
	switch {
	case vikno.IsNotFound(err) || err == nil && a.ResidentID != c.Resident.ID:
		c.Say(c.T("resolve.not_found"))
		return f.list(ctx, c)
	case err != nil:
		return err
	}
	c.Session.Step = "show"
	text := appealCard(c, f.svc, a)
	var rows [][]Button
	if a.Status == cases.AppealDone {
		text = text.Append(Plain("\n\n"), c.T("anotice.ask"))
		rows = append(rows, resolveButtons(c, a.Number))
	}
	rows = append(rows, []Button{c.Button("btn.back", FlowMyAppeals+":l"), c.Button("btn.menu", "menu:")})
	c.Say(text, rows...)
	return nil
}

// appealCategoryName names a category in the resident's language.
func appealCategoryName(c *Conv, svc *cases.AppealService, id string) string {
	if cat, _, ok := svc.City.Category(id); ok {
		return appealLocalName(c, cat.Name, cat.NameEN)
	}
	return id
}
