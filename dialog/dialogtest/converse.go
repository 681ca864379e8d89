package dialogtest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// Default channel and user of the updates Converse sends when a step does not
// name them.
const (
	Channel = vikno.Telegram
	User    = "dialogtest-user"
)

// Step is one turn of a conversation: what the resident does and what the
// replies must contain.
type Step struct {
	// In is the update to send. Text and Action below are shorthands that
	// override In.Text and In.Action when set; an empty In.Channel or
	// In.UserID becomes Channel or User.
	In     dialog.Update
	Text   string // what the resident types
	Action string // the Action of the button the resident presses

	// Want lists substrings that must occur in the text of the replies
	// (all replies of the step, joined).
	Want []string
	// Not lists substrings that must not occur in the text of the replies.
	Not []string
	// Buttons lists labels (or substrings of labels) that must be among the
	// buttons offered by the replies.
	Buttons []string
}

// Converse sends the steps to h in order and checks each step's replies. A
// failing step reports the transcript of its replies and stops the test; an
// error from h stops it too. It returns the replies of the last step.
func Converse(t testing.TB, h dialog.Handler, steps ...Step) []dialog.Reply {
	t.Helper()
	var replies []dialog.Reply
	for i, s := range steps {
		u := s.update()
		var err error
		replies, err = h.Handle(context.Background(), u)
		if err != nil {
			t.Fatalf("step %d (%s): Handle: %v", i+1, describe(u), err)
		}
		if problems := s.check(replies); len(problems) > 0 {
			t.Fatalf("step %d (%s):\n  %s\nreplies:\n%s", i+1, describe(u),
				strings.Join(problems, "\n  "), Transcript(replies))
		}
	}
	return replies
}

func (s Step) update() dialog.Update {
	u := s.In
	if s.Text != "" {
		u.Text = s.Text
	}
	if s.Action != "" {
		u.Action = s.Action
	}
	if u.Channel == "" {
		u.Channel = Channel
	}
	if u.UserID == "" {
		u.UserID = User
	}
	return u
}

func (s Step) check(replies []dialog.Reply) []string {
	text := Texts(replies)
	var problems []string
	for _, w := range s.Want {
		if !strings.Contains(text, w) {
			problems = append(problems, fmt.Sprintf("want text %q", w))
		}
	}
	for _, w := range s.Not {
		if strings.Contains(text, w) {
			problems = append(problems, fmt.Sprintf("unwanted text %q", w))
		}
	}
	for _, w := range s.Buttons {
		if !hasButton(replies, w) {
			problems = append(problems, fmt.Sprintf("want button %q", w))
		}
	}
	return problems
}

func hasButton(replies []dialog.Reply, label string) bool {
	for _, b := range Buttons(replies) {
		if strings.Contains(b.Label, label) {
			return true
		}
	}
	return false
}

// Texts returns the plain text of the replies, one per line.
func Texts(replies []dialog.Reply) string {
	lines := make([]string, len(replies))
	for i, r := range replies {
		lines[i] = r.Text.String()
	}
	return strings.Join(lines, "\n")
}

// Buttons returns the buttons of all replies in order.
func Buttons(replies []dialog.Reply) []dialog.Button {
	var out []dialog.Button
	for _, r := range replies {
		out = append(out, r.AllButtons()...)
	}
	return out
}

// Transcript renders replies for failure messages: each text, then its
// buttons as "  [label] action".
func Transcript(replies []dialog.Reply) string {
	if len(replies) == 0 {
		return "  (no replies)"
	}
	var b strings.Builder
	for _, r := range replies {
		fmt.Fprintf(&b, "  %q\n", r.Text.String())
		for _, btn := range r.AllButtons() {
			fmt.Fprintf(&b, "    [%s] %s%s\n", btn.Label, btn.Action, btn.URL)
		}
	}
	return b.String()
}

func describe(u dialog.Update) string {
	parts := []string{string(u.Channel) + "/" + u.UserID}
	if u.Text != "" {
		t := u.Text
		if len(t) > 40 {
			t = t[:40] + "…"
		}
		parts = append(parts, fmt.Sprintf("text %q", t))
	}
	if u.Action != "" {
		parts = append(parts, "action "+u.Action)
	}
	if u.StartPayload != "" {
		parts = append(parts, "payload "+u.StartPayload)
	}
	if u.Location != nil {
		parts = append(parts, "location")
	}
	if u.Contact != nil {
		parts = append(parts, "contact")
	}
	if u.Photo != nil {
		parts = append(parts, "photo")
	}
	return strings.Join(parts, ", ")
}
