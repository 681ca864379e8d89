package dialog

import (
	"strings"
	"time"

	"github.com/vikno-city/vikno"
)

// Update is one thing a resident did: sent text, pressed a button, shared a
// location, contact or photo, or opened a deep link.
type Update struct {
	// ID identifies the platform update ("tg:123"); flows use it to make a
	// repeated delivery harmless.
	ID      string
	Channel vikno.Channel
	// UserID is the resident's id in the channel (chat id for Telegram).
	UserID string
	// Name is the display name the platform gave, if any. Never logged.
	Name string
	Text string
	// Action is the Action of the pressed button, if a button was pressed.
	Action   string
	Location *Location
	Contact  *Contact
	Photo    *Photo
	// Unsupported names a kind of message the bot cannot read ("voice",
	// "sticker", "video", "document", "other"...); the engine explains what
	// it understands instead. A caption that came with it is in Text.
	Unsupported string
	// StartPayload is the deep-link payload of "/start PAYLOAD"; adapters
	// fill it, and the engine also parses it from Text.
	StartPayload string
	// Locale is the platform's language hint ("uk", "en", "ru", ...).
	Locale string
	// Subscribed, when set, is not a message: the resident blocked the bot
	// (false) or allowed it again (true). The engine records it and answers
	// nothing; notices skip residents who blocked the bot.
	Subscribed *bool
	// MessageRef is the platform's id of the message whose button was
	// pressed, when the platform tells it; a channel that can edit its
	// messages uses it to take the old buttons off.
	MessageRef string `json:",omitempty"`
	Time       time.Time
}

// Location is a point the resident shared.
type Location struct {
	Lat, Lon float64
}

// Contact is a phone number the resident shared. Own is true when the
// platform confirmed it is the sender's own number.
type Contact struct {
	Phone string
	Name  string
	Own   bool
}

// Photo is a picture the resident sent, as a reference the channel can
// resolve later (a Telegram file_id, a Viber media URL).
type Photo struct {
	Ref string
}

// Request asks the channel to show a one-tap way to share something that only
// the platform can provide (a reply keyboard in Telegram, a picker in Viber).
type Request int

// Requests a reply can carry.
const (
	RequestNone Request = iota
	RequestLocation
	RequestContact
)

// Button is an inline button. Action is what the engine receives when it is
// pressed ("<flow>:<arg>", ASCII, at most MaxActionLen bytes); URL buttons open
// a link instead.
type Button struct {
	Label  string `json:"l"`
	Action string `json:"a,omitempty"`
	URL    string `json:"u,omitempty"`
	// Lasting buttons stay valid after their step: they carry their own id,
	// which the flow checks (an appeal's confirm with its client token). The
	// engine does not mark them with the step token.
	Lasting bool `json:"-"`
}

// MaxActionLen is the longest Action a button may carry (Telegram's limit on
// callback data).
const MaxActionLen = 64

// Image is a picture to send: a channel reference or bytes.
type Image struct {
	Ref     string
	Data    []byte
	Name    string
	Caption Text
}

// Reply is one message to the resident.
type Reply struct {
	Text    Text
	Buttons [][]Button
	// Request, when set, asks for a location or contact; RequestLabel is the
	// label of the one-tap button.
	Request      Request
	RequestLabel string
	Image        *Image
}

// Span is a run of text with one style. Text is never markup: adapters escape
// it for their platform.
type Span struct {
	Text string
	Bold bool
	URL  string
}

// Text is formatted text as a list of spans.
type Text []Span

// Plain returns s as unformatted text.
func Plain(s string) Text { return Text{{Text: s}} }

// Bold returns s as bold text.
func Bold(s string) Text { return Text{{Text: s, Bold: true}} }

// String returns the text without formatting.
func (t Text) String() string {
	if len(t) == 1 {
		return t[0].Text
	}
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Append returns t followed by more.
func (t Text) Append(more ...Text) Text {
	out := append(Text(nil), t...)
	for _, m := range more {
		out = append(out, m...)
	}
	return out
}

// AllButtons returns the buttons of r in order, row by row.
func (r Reply) AllButtons() []Button {
	var out []Button
	for _, row := range r.Buttons {
		out = append(out, row...)
	}
	return out
}
