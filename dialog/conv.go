package dialog

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/vikno-city/vikno"
)

// Conv is one step of a conversation as a flow sees it: the update, the
// session to read and change, the resident, and the replies being built.
type Conv struct {
	engine   *Engine
	Update   Update
	Session  *Session
	Resident vikno.Resident
	Locale   string
	// Arg is the argument of the pressed button ("faq:a:id" gives "a:id").
	Arg     string
	replies []Reply
	// pressedTok is the step token of the pressed button ("" for none).
	pressedTok string
	// repeated is set when the turn repeats the current step for a button
	// of an earlier one.
	repeated bool
	// asked is the question the FAQ had last been asked when another flow
	// was entered: a flow the FAQ offered reads it («не світить ліхтар»,
	// then «Подати звернення»).
	asked string
	// menuBefore is set when the turn before showed only the welcome or
	// the menu, or there was none: an emoji then thanks for nothing.
	menuBefore bool
	// padded remembers the last text hasWord keyed (see paddedKey).
	padded struct {
		text, key string
		ok        bool
	}
}

// T renders a catalogue text in the resident's locale.
func (c *Conv) T(key string, args ...any) Text {
	return c.engine.cfg.Catalog.Text(c.Locale, key, args...)
}

// S renders a catalogue text as a plain string (button labels).
func (c *Conv) S(key string, args ...any) string {
	return c.engine.cfg.Catalog.String(c.Locale, key, args...)
}

// Noun returns the plural form of noun that agrees with n.
func (c *Conv) Noun(noun string, n int) string {
	return c.engine.cfg.Catalog.Noun(c.Locale, noun, n)
}

// Reply queues a reply.
func (c *Conv) Reply(r Reply) { c.replies = append(c.replies, r) }

// Replies returns the replies queued so far.
func (c *Conv) Replies() []Reply { return c.replies }

// Say queues a text with rows of buttons.
func (c *Conv) Say(t Text, rows ...[]Button) {
	c.Reply(Reply{Text: t, Buttons: rows})
}

// SayMenu queues a text followed by the main menu buttons.
func (c *Conv) SayMenu(t Text) {
	c.Reply(Reply{Text: t, Buttons: c.MenuButtons()})
}

// Ask queues a question with a one-tap request for the resident's location or
// contact, plus rows of ordinary buttons. An empty label gets the
// catalogue's default for the request.
func (c *Conv) Ask(t Text, req Request, label string, rows ...[]Button) {
	switch {
	case label != "":
	case req == RequestLocation:
		label = c.S("btn.location")
	case req == RequestContact:
		label = c.S("btn.contact")
	}
	c.Reply(Reply{Text: t, Buttons: rows, Request: req, RequestLabel: label})
}

// Button returns a button whose label is the catalogue text key.
func (c *Conv) Button(key, action string) Button {
	return Button{Label: c.S(key), Action: action}
}

// MenuRow is a row with the "back to menu" button.
func (c *Conv) MenuRow() []Button {
	return []Button{c.Button("btn.menu", "menu:")}
}

// MenuButtons returns the main menu, two buttons a row.
func (c *Conv) MenuButtons() [][]Button {
	rows := c.parkedRows()
	for i, item := range c.engine.menu {
		b := c.Button(item.Key, "menu:"+item.Flow)
		if i%2 == 0 {
			rows = append(rows, []Button{b})
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	return rows
}

// Enter leaves the current flow and starts another one.
func (c *Conv) Enter(ctx context.Context, flow, arg string) error {
	f, ok := c.engine.flows[flow]
	if !ok {
		return fmt.Errorf("enter %q: %w", flow, ErrUnknownFlow)
	}
	if c.Session.Flow == FlowFAQ {
		c.asked = c.Session.Get(keyQuestion)
	}
	shown := c.Session.Get(keyCNAPShown)
	c.Session.Reset()
	c.Session.Flow = flow
	if flow == FlowFAQ {
		// a question in between does not move the resident on from the
		// CNAP whose card they saw: «а коли він працює?» is still about it
		c.Session.Set(keyCNAPShown, shown)
	}
	return f.Start(ctx, c, arg)
}

// elsewhere leaves a step that has no use for the typed text (a report, a
// place search that found nothing) and hands the message to the flow that
// takes free text outside any flow (the FAQ), as if no flow were open. It
// reports false when there is none.
func (c *Conv) elsewhere(ctx context.Context) (bool, error) {
	name := c.engine.cfg.DefaultFlow
	if _, ok := c.engine.flows[name]; !ok || c.Session.Flow == name {
		return false, nil
	}
	return true, c.Enter(ctx, name, "")
}

// maxNameWords is how many words a name or a place typed alone has at
// most: «ЦНАП на вул. Шевченка»; a longer message is a question or a story.
const maxNameWords = 4

// sentenceLike reports whether text reads as a question or a sentence (a
// question mark, or more than maxNameWords words) rather than a name or a
// place.
func sentenceLike(text string) bool {
	return strings.ContainsRune(text, '?') || len(strings.Fields(text)) > maxNameWords
}

// startsQuestion reports whether text of two words or more begins with a
// question word (words.question_start): «скільки коштує айдішка», «шо нада
// для прописки» ask, though without a question mark.
func (c *Conv) startsQuestion(text string) bool {
	words := strings.Fields(labelKey(text))
	return len(words) >= 2 && c.engine.words["question_start"][words[0]]
}

// Done leaves the current flow, showing text and the main menu.
func (c *Conv) Done(t Text) {
	c.Session.Reset()
	c.SayMenu(t)
}

// Hotline returns the city's hotline number.
func (c *Conv) Hotline() string { return c.engine.cfg.Hotline }

// Engine returns the engine, for flows that need its settings.
func (c *Conv) Engine() *Engine { return c.engine }

// pickLocale uses the resident's saved choice, else the platform hint.
func (c *Conv) pickLocale() string {
	if c.Resident.Locale == UK || c.Resident.Locale == EN {
		return c.Resident.Locale
	}
	return initialLocale(c.Update.Locale)
}

// remember keeps the buttons of the last reply that had any, so that typing
// a label works like pressing the button.
func (c *Conv) remember() {
	for i := len(c.replies) - 1; i >= 0; i-- {
		if bs := c.replies[i].AllButtons(); len(bs) > 0 {
			c.Session.Buttons = bs
			return
		}
	}
}

// matchButton returns the action of the last offered button whose label
// matches text, ignoring case, emoji and punctuation.
func (c *Conv) matchButton(text string) string {
	want := labelKey(text)
	if want == "" {
		return ""
	}
	for _, b := range c.Session.Buttons {
		if b.Action != "" && labelKey(b.Label) == want {
			return b.Action
		}
	}
	for _, item := range c.engine.menu { // the main menu works from anywhere
		if labelKey(c.S(item.Key)) == want {
			return "menu:" + item.Flow
		}
	}
	return ""
}

func labelKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		case unicode.IsSpace(r):
			return ' '
		}
		return -1
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
