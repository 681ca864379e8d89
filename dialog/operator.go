package dialog

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/handoff"
)

// Flows of the live hand-off to an operator.
const (
	// FlowOperator is a resident whose conversation is with the operators:
	// waiting in their queue or talking to one.
	FlowOperator = "operator"
	// FlowCallback asks for the resident's phone for a call-back.
	FlowCallback = "callback"
)

// Operators configures the hand-off to a person.
type Operators struct {
	Store handoff.ResidentStore
	// Hours are the operators' working hours; outside them the resident is
	// offered the appeal form and a call-back.
	Hours handoff.Hours
	// Wait is how long a resident waits for an operator before being
	// offered other ways (told to the resident; 10 min when zero).
	Wait time.Duration
}

// RegisterOperators makes «оператор» (and the «Поговорити з оператором»
// buttons) start a live hand-off instead of giving the hotline number.
func RegisterOperators(e *Engine, o Operators) {
	e.Register(operatorFlow{o: o})
	e.Register(callbackFlow{o: o})
}

type operatorFlow struct{ o Operators }

func (operatorFlow) Name() string { return FlowOperator }

// Start puts the resident in the operators' queue, or explains the working
// hours and offers the appeal form and a call-back outside them.
func (f operatorFlow) Start(ctx context.Context, c *Conv, _ string) error {
	if !f.o.Hours.IsOpen(c.Update.Time) {
		c.Session.Reset()
		c.Say(c.T("handoff.closed", "hours", localHours(c, f.o.Hours.String()), "hotline", c.Hotline()), offerRows(c)...)
		return nil
	}
	first := handoff.Message{Author: handoff.FromResident, Text: relayText(c), Key: c.Update.ID}
	if c.Update.Action != "" {
		first.Text = ""
	}
	h, fresh, err := f.o.Store.OpenHandoff(ctx, handoff.Handoff{ResidentID: c.Resident.ID}, first)
	if err != nil {
		return fmt.Errorf("operator: %w", err)
	}
	c.Session.Reset()
	c.Session.Flow = FlowOperator
	c.Session.Set("h", strconv.FormatInt(h.ID, 10))
	switch {
	case h.Status == handoff.StatusActive:
		c.Say(c.T("handoff.taken", "name", h.OperatorName), endRow(c))
	case fresh:
		c.Say(c.T("handoff.queued", "n", f.waitMinutes()), endRow(c))
	default:
		c.Say(c.T("handoff.still_waiting"), endRow(c))
	}
	return nil
}

// waitMinutes is the waiting time in whole minutes, for the resident.
func (f operatorFlow) waitMinutes() int {
	if f.o.Wait <= 0 {
		return 10
	}
	return int((f.o.Wait + time.Minute - 1) / time.Minute)
}

// Handle gets the buttons of the flow ("operator:end") when the resident is
// not in a hand-off any more (an old message's button).
func (f operatorFlow) Handle(ctx context.Context, c *Conv) error {
	c.Done(c.T("handoff.ended"))
	return nil
}

// Relay takes every update while the resident is in a hand-off, before the
// engine's commands: a message is stored for the operator and not answered
// by the bot; «меню», «бот» or the end button give the conversation back
// to the bot. When the hand-off has ended meanwhile (the operator gave it
// back, nobody took it in time) the session leaves the flow and the update
// is handled as usual.
func (f operatorFlow) Relay(ctx context.Context, c *Conv) (bool, error) {
	h, err := f.o.Store.OpenHandoffOf(ctx, c.Resident.ID)
	if vikno.IsNotFound(err) {
		c.Session.Reset()
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("operator: %w", err)
	}
	u := c.Update
	text := u.Text
	switch {
	case u.Action == FlowOperator+":end" || u.Action == "menu:" || u.Action == "" && c.isWord("menu", text, "/menu") ||
		u.Action == "" && c.isWord("bot", text) || u.Action == "" && c.isWord("cancel", text, "/cancel"):
		return true, f.end(ctx, c, h)
	case u.Action != "" || u.StartPayload != "" || text == "/start":
		// Another button or a deep link: the resident goes on with the bot.
		if err := f.end(ctx, c, h); err != nil {
			return true, err
		}
		c.replies = c.replies[:0]
		c.Say(c.T("handoff.left"))
		return false, nil
	}
	msg := relayText(c)
	if msg == "" {
		return false, nil // a voice message or a sticker: the engine explains
	}
	err = f.o.Store.AddHandoffMessage(ctx, handoff.Message{HandoffID: h.ID, Author: handoff.FromResident, Text: msg, Key: u.ID})
	if vikno.IsNotFound(err) { // ended just now
		c.Session.Reset()
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("operator: %w", err)
	}
	switch {
	case h.Status != handoff.StatusWaiting:
	case c.hasWord("operator", text): // «де оператор?»
		c.Say(c.T("handoff.still_waiting"), endRow(c))
	case c.Session.Get("noted") == "":
		c.Session.Set("noted", "1")
		c.Say(c.T("handoff.noted"), endRow(c))
	}
	return true, nil
}

// Resume puts the session back into the hand-off when the resident has an
// open one: the session was lost or expired while an operator had it.
func (f operatorFlow) Resume(ctx context.Context, c *Conv) error {
	h, err := f.o.Store.OpenHandoffOf(ctx, c.Resident.ID)
	switch {
	case vikno.IsNotFound(err):
		return nil
	case err != nil:
		return fmt.Errorf("operator: %w", err)
	}
	c.Session.Flow = FlowOperator
	c.Session.Set("h", strconv.FormatInt(h.ID, 10))
	return nil
}

// end gives the conversation back to the bot at the resident's wish.
func (f operatorFlow) end(ctx context.Context, c *Conv, h handoff.Handoff) error {
	if _, err := f.o.Store.EndHandoff(ctx, c.Resident.ID, h.ID); err != nil && !vikno.IsNotFound(err) {
		return fmt.Errorf("operator: %w", err)
	}
	c.Done(c.T("handoff.ended"))
	return nil
}

// relayText is what the operator sees of the update: the text, or a note
// about a photo, a location or a contact.
func relayText(c *Conv) string {
	u := c.Update
	switch {
	case u.Text != "":
		return u.Text
	case u.Photo != nil:
		return c.S("handoff.sent_photo")
	case u.Location != nil:
		return c.S("handoff.sent_location", "lat", strconv.FormatFloat(u.Location.Lat, 'f', 5, 64),
			"lon", strconv.FormatFloat(u.Location.Lon, 'f', 5, 64))
	case u.Contact != nil:
		return c.S("handoff.sent_contact", "phone", u.Contact.Phone)
	}
	return ""
}

// endRow is the «Повернутися до бота» button.
func endRow(c *Conv) []Button {
	return []Button{c.Button("handoff.btn_end", FlowOperator+":end")}
}

// offerRows are the ways on when no operator can answer: the appeal form,
// a call-back request and the menu.
func offerRows(c *Conv) [][]Button {
	var rows [][]Button
	if _, ok := c.engine.flows[FlowAppeal]; ok {
		rows = append(rows, []Button{c.Button("faq.act_appeal", "menu:"+FlowAppeal)})
	}
	return append(rows, []Button{c.Button("handoff.btn_callback", "menu:"+FlowCallback)}, c.MenuRow())
}

// operatorRow is the «Поговорити з оператором» button, offered when the bot
// has no good answer; nil when there is no hand-off.
func operatorRow(c *Conv) [][]Button {
	if _, ok := c.engine.flows[FlowOperator]; !ok {
		return nil
	}
	return [][]Button{{c.Button("handoff.btn_ask", "menu:"+FlowOperator)}}
}

// OperatorTaken adds the notice that an operator answers now.
func OperatorTaken(c *Conv, h handoff.Handoff) {
	c.Say(c.T("handoff.taken", "name", h.OperatorName), endRow(c))
}

// OperatorSaid adds the operator's message: who writes, then the text.
func OperatorSaid(c *Conv, m handoff.Message) {
	c.Say(c.T("handoff.says", "name", m.Name, "text", m.Text), endRow(c))
}

// OperatorReturned adds the notice that the bot answers again.
func OperatorReturned(c *Conv) {
	c.SayMenu(c.T("handoff.returned"))
}

// OperatorExpired adds the notice that no operator could take the
// conversation, with the appeal form and a call-back offered.
func OperatorExpired(c *Conv) {
	c.Say(c.T("handoff.expired", "hotline", c.Hotline()), offerRows(c)...)
}

// callbackFlow records the resident's phone for the hotline to call back.
type callbackFlow struct{ o Operators }

func (callbackFlow) Name() string { return FlowCallback }

func (f callbackFlow) Start(ctx context.Context, c *Conv, _ string) error {
	f.ask(c, "callback.ask")
	return nil
}

func (f callbackFlow) ask(c *Conv, key string) {
	c.Session.Flow, c.Session.Step = FlowCallback, "phone"
	c.Ask(c.T(key), RequestContact, "", c.MenuRow())
}

// Handle takes the resident's own shared contact or a typed number.
func (f callbackFlow) Handle(ctx context.Context, c *Conv) error {
	ct := c.Update.Contact
	var phone string
	switch {
	case ct != nil && !ct.Own:
		f.ask(c, "callback.not_own")
		return nil
	case ct != nil:
		phone = ct.Phone
		if p, ok := cases.Phone(phone); ok {
			phone = p
		}
	case c.Update.Text != "":
		p, ok := cases.Phone(c.Update.Text)
		if !ok {
			f.ask(c, "callback.bad")
			return nil
		}
		phone = p
	default:
		f.ask(c, "callback.ask")
		return nil
	}
	_, err := f.o.Store.SaveCallback(ctx, handoff.Callback{ResidentID: c.Resident.ID, Phone: phone, Key: c.Update.ID})
	if err != nil {
		return fmt.Errorf("call-back: %w", err)
	}
	c.Done(c.T("callback.saved", "phone", phone, "hours", localHours(c, f.o.Hours.String())))
	return nil
}

// hourDays are the day names of the operators' hours as the configuration
// writes them (handoff.ParseHours), in time.Weekday order.
var hourDays = regexp.MustCompile(`(?i)\b(sun|mon|tue|wed|thu|fri|sat)\b`)

// localHours writes the configured hours («Mon-Fri 08:00-20:00») with the
// resident's short day names («пн–пт 08:00–20:00»).
func localHours(c *Conv, hours string) string {
	out := hourDays.ReplaceAllStringFunc(hours, func(d string) string {
		for i, name := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
			if strings.EqualFold(d, name) {
				return c.S("wds." + strconv.Itoa(i))
			}
		}
		return d
	})
	return strings.ReplaceAll(out, "-", "–")
}
