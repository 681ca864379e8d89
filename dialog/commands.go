package dialog

import (
	"context"
	"strings"
)

// Command is a slash command a channel may advertise (Telegram's command
// menu): typed in any channel, it opens its flow in the resident's
// language. Its description is the catalogue text command.<Name>.
type Command struct {
	Name string // without the slash: "book"
	// Flow is the flow the command opens; "" for the engine's own
	// commands (start, menu, help, cancel, lang).
	Flow string
	// WithText passes the text after the command to the flow's Start
	// («/status 2026-000123 4821»).
	WithText bool
}

// commands are the slash commands, in the order a command menu lists them.
var commands = []Command{
	{Name: "start"},
	{Name: "menu"},
	{Name: "faq", Flow: FlowFAQ},
	{Name: "appeal", Flow: FlowAppeal},
	{Name: "status", Flow: FlowStatus, WithText: true},
	{Name: "book", Flow: FlowBook},
	{Name: "queue", Flow: FlowQueue},
	{Name: "rate", Flow: FlowRate},
	{Name: "myappeals", Flow: FlowMyAppeals},
	{Name: "mybookings", Flow: FlowMyBookings},
	{Name: "cnap", Flow: FlowCNAP},
	{Name: "help"},
	{Name: "cancel"},
	{Name: "lang"},
}

// Commands returns the slash commands the engine understands, the flows'
// commands only when their flow is registered, in menu order.
func (e *Engine) Commands() []Command {
	var out []Command
	for _, cmd := range commands {
		if _, ok := e.flows[cmd.Flow]; cmd.Flow == "" || ok {
			out = append(out, cmd)
		}
	}
	return out
}

// splitCommand reads a slash command from text: «/book», «/Book@vikno_bot»
// (Telegram adds the bot's name in groups), «/status 2026-000123 4821».
// ok is false when text is no command.
func splitCommand(text string) (name, rest string, ok bool) {
	body, found := strings.CutPrefix(strings.TrimSpace(text), "/")
	if !found || body == "" {
		return "", "", false
	}
	name, rest, _ = strings.Cut(body, " ")
	name, _, _ = strings.Cut(name, "@")
	return strings.ToLower(name), strings.TrimSpace(rest), true
}

// flowCommand opens the flow of a slash command typed at any step and
// reports whether text was one.
func (e *Engine) flowCommand(ctx context.Context, c *Conv, text string) (bool, error) {
	name, rest, ok := splitCommand(text)
	if !ok {
		return false, nil
	}
	for _, cmd := range e.Commands() {
		if cmd.Name != name || cmd.Flow == "" {
			continue
		}
		if d, ok := e.flows[c.Session.Flow].(drafter); ok && d.HasDraft(c) {
			return true, e.menuAsked(c) // a draft is not thrown away unasked
		}
		if !cmd.WithText {
			rest = ""
		}
		c.Update.Text = "" // the command is no question for the flow to answer
		return true, c.Enter(ctx, cmd.Flow, rest)
	}
	return false, nil
}

// commandText is text with a slash command's bot name taken off
// («/help@vikno_bot» is «/help»); other text is returned as it is.
func commandText(text string) string {
	name, rest, ok := splitCommand(text)
	if !ok || !strings.Contains(text, "@") {
		return text
	}
	if rest == "" {
		return "/" + name
	}
	return "/" + name + " " + rest
}
