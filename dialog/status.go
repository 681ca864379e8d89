package dialog

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// Steps of the status flow.
const (
	statusNumber = "number"
	statusPIN    = "pin"
)

// statusFlow shows an appeal's status to whoever knows its number and PIN.
// Attempts are limited per number and per resident, except for the resident
// who filed the appeal (cases.AppealService.LookupByResident).
type statusFlow struct {
	svc *cases.AppealService
}

func (f *statusFlow) Name() string { return FlowStatus }

// Start takes an optional argument: an appeal number, or a message that
// holds one and perhaps the PIN («№2026-000123 пін 4821»).
func (f *statusFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if n, pin, ok := numberAndPIN(arg); ok {
		c.Session.Set("number", n)
		if pin != "" {
			return f.check(ctx, c, n, pin)
		}
		return f.askPIN(c, "status.ask_pin")
	}
	return f.askNumber(c, "status.ask_number")
}

// numberAndPIN reads an appeal number from a message — all of it
// («2026 000123», «2026000123») or the one number in a sentence, with or
// without its dash — and the PIN beside it when there is exactly one
// («№2026-000123 пін 4821», «номер 2026000123, пін 117 265»; "" otherwise).
func numberAndPIN(text string) (number, pin string, ok bool) {
	if n, ok := cases.ParseAppealNumber(text); ok {
		return n, "", true
	}
	n, rest, ok := cases.FindAnyAppealNumber(text)
	if !ok {
		return "", "", false
	}
	pin, _ = cases.FindPIN(rest)
	return n, pin, true
}

func (f *statusFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Arg == "renum" {
		c.Session.Reset()
		c.Session.Flow = FlowStatus
		return f.askNumber(c, "status.ask_number")
	}
	if n, ok := strings.CutPrefix(c.Arg, "n:"); ok && c.Session.Flow == FlowStatus {
		if number, ok := cases.ParseAppealNumber(n); ok { // the number offered for one typed without its year
			c.Session.Set("number", number)
			return f.askPIN(c, "status.ask_pin")
		}
	}
	if c.Arg != "" || c.Session.Flow != FlowStatus {
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	text := c.Update.Text
	if asksElse(text) && !c.hasWord("forgot", text) { // «забула PIN» is answered below
		if handled, err := c.elsewhere(ctx); handled || err != nil {
			return err
		}
	}
	// "2026-000123 4821" or «№2026-000123 пін 4821» gives both at once, at
	// either step.
	n, pin, ok := numberAndPIN(text)
	if !ok && c.Session.Step == statusPIN {
		p, found := cases.FindPIN(text)
		if found {
			text = p // «пін 4821»
		} else if c.hasWord("forgot", text) { // «забула», «не пам’ятаю»
			c.engine.forgotPIN(c)
			return nil
		}
		return f.check(ctx, c, c.Session.Get("number"), text)
	}
	if !ok {
		if guess, ok := f.thisYears(c, text); ok { // «000001»: 2026-000001?
			c.Session.Step = statusNumber
			c.Say(c.T("status.bad_number").Append(Plain(" "), c.T("status.guess", "number", guess)),
				[]Button{{Label: c.S("status.btn_guess", "number", guess), Action: "status:n:" + guess}},
				[]Button{c.Button("menu.myappeals", "menu:"+FlowMyAppeals), c.Button("btn.menu", "menu:")})
			return nil
		}
		return f.askNumber(c, "status.bad_number")
	}
	c.Session.Set("number", n)
	if pin != "" {
		return f.check(ctx, c, n, pin)
	}
	return f.askPIN(c, "status.ask_pin")
}

// asksElse reports whether text typed at a step of the status check is
// something else than a number or a PIN: a sentence or a question without
// a single digit («як оформити паспорт?»).
func asksElse(text string) bool {
	return sentenceLike(text) && !strings.ContainsFunc(text, unicode.IsDigit)
}

// maxSeqDigits is how many digits the part of a number after its year has.
const maxSeqDigits = 6

// thisYears reads a number typed without its year («000001», «№ 1») as
// this year's appeal number, to offer; ok is false for other text.
func (f *statusFlow) thisYears(c *Conv, text string) (string, bool) {
	digits := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "№#"))
	seq, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || seq < 1 || len(digits) > maxSeqDigits || strings.ContainsAny(digits, "+-") {
		return "", false
	}
	return cases.FormatAppealNumber(c.Update.Time.In(f.svc.City.Loc()).Year(), seq), true
}

// Back is «назад»: from the PIN to the number, from the number to the menu.
func (f *statusFlow) Back(_ context.Context, c *Conv) error {
	if c.Session.Step == statusPIN {
		c.Session.Set("number", "")
		return f.askNumber(c, "status.ask_number")
	}
	c.Done(c.T("menu.prompt"))
	return nil
}

// Repeat implements Stepper: it asks for the number, or for the PIN of the
// number given.
func (f *statusFlow) Repeat(_ context.Context, c *Conv) error {
	if c.Session.Step == statusPIN {
		return f.askPIN(c, "status.ask_pin")
	}
	return f.askNumber(c, "status.ask_number")
}

func (f *statusFlow) askNumber(c *Conv, key string) error {
	c.Session.Step = statusNumber
	c.Say(c.T(key), []Button{c.Button("menu.myappeals", "menu:"+FlowMyAppeals), c.Button("btn.menu", "menu:")})
	return nil
}

func (f *statusFlow) askPIN(c *Conv, key string) error {
	c.Session.Step = statusPIN
	c.Say(c.T(key, "min", cases.MinPINLen, "max", cases.MaxPINLen),
		[]Button{c.Button("status.btn_renumber", "status:renum"), c.Button("btn.menu", "menu:")})
	return nil
}

func (f *statusFlow) check(ctx context.Context, c *Conv, number, pin string) error {
	a, err := f.svc.LookupByResident(ctx, c.Resident.ID, number, pin)
	var retry *cases.RetryError
	switch {
	case errors.As(err, &retry):
		c.Done(c.T("status.limited", "n", retry.Minutes(), "hotline", c.Hotline()))
		return nil
	case vikno.ErrorCode(err) == vikno.EINVALID:
		return f.askPIN(c, "status.bad_pin")
	case vikno.IsNotFound(err):
		return f.askPIN(c, "status.not_found")
	case err != nil:
		return err
	}
	c.Session.Reset()
	rows := [][]Button{}
	text := appealCard(c, f.svc, a)
	if a.Status == cases.AppealDone && a.ResidentID == c.Resident.ID {
		text = text.Append(Plain("\n\n"), c.T("anotice.ask"))
		rows = append(rows, resolveButtons(c, a.Number))
	}
	rows = append(rows, []Button{c.Button("status.btn_other", "menu:status"), c.Button("btn.menu", "menu:")})
	c.Say(text, rows...)
	return nil
}

// appealCard renders an appeal's number, topic, status, executor, due time
// and the executor's latest comment.
func appealCard(c *Conv, svc *cases.AppealService, a cases.Appeal) Text {
	category := appealCategoryName(c, svc, a.Category)
	status := c.S("appeal.status." + string(a.Status))
	if a.Status == cases.AppealDone && a.ResidentID != c.Resident.ID {
		status = c.S("appeal.status_done_other") // checked by number and PIN from another chat
	}
	t := c.T("status.card", "number", a.Number, "category", category, "status", status,
		"executor", executorName(c, svc.City, a.Executor), "due", appealDate(c, a.DueAt, svc.City.Loc()))
	if a.Note != "" {
		t = t.Append(Plain("\n"), c.T("status.note", "note", a.Note))
	}
	if now := c.Update.Time; !now.IsZero() && a.Overdue(now) {
		t = t.Append(Plain("\n"), c.T("status.overdue"))
	}
	return t
}

// startStatusCheck starts the status check when a message outside a flow
// holds an appeal number («що з моїм зверненням №2026-000123?») — one
// without its dash only beside words about an appeal or a PIN («номер
// звернення 2026000123»), as ten digits alone may be a tax number — and
// reports whether it did.
func startStatusCheck(ctx context.Context, c *Conv, text string) (bool, error) {
	if _, ok := c.engine.flows[FlowStatus]; !ok {
		return false, nil
	}
	if _, _, ok := cases.FindAppealNumber(text); !ok {
		if _, _, ok := cases.FindAnyAppealNumber(text); !ok || !c.hasWord("appeal_ref", text) && !c.hasWord("pin", text) {
			return false, nil
		}
	}
	return true, c.Enter(ctx, FlowStatus, text)
}
