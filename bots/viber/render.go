package viber

import (
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno/dialog"
)

// ActionPrefix starts the ActionBody of a button that carries a dialog
// action: pressing it sends "vkb:<action>" as the resident's text, which
// the channel turns back into the action.
const ActionPrefix = "vkb:"

// trackPhone is the tracking data of a message that asks for the
// resident's phone: Viber echoes it with the next message, so a contact
// shared right after it is taken for the sender's own number.
const trackPhone = "vkb:phone"

// render turns a reply into Viber messages (without receiver and sender):
// the picture (with its description when it fits), then the text split
// into parts Viber accepts; the keyboard goes on the last message.
func render(r dialog.Reply) []Message {
	var out []Message
	if r.Image != nil && linkURL(r.Image.Ref) != "" {
		pic := Message{Type: TypePicture, Media: r.Image.Ref}
		caption := Viber(r.Image.Caption)
		if utf8.RuneCountInString(caption) <= MaxCaption {
			pic.Text, caption = caption, ""
		}
		out = append(out, pic)
		if caption != "" {
			out = append(out, textMessages(r.Image.Caption)...)
		}
	} else if r.Image != nil && len(r.Image.Caption) > 0 {
		// Viber takes pictures by URL only: uploaded bytes cannot be sent,
		// their description still is.
		out = append(out, textMessages(r.Image.Caption)...)
	}
	out = append(out, textMessages(r.Text)...)
	if len(out) == 0 {
		return nil
	}
	last := &out[len(out)-1]
	last.Keyboard = keyboard(r)
	if r.Request == dialog.RequestContact {
		last.TrackingData = trackPhone
	}
	return out
}

// textMessages splits t into text messages of at most MaxText characters,
// and at most a third of a request in bytes, so that a keyboard still fits.
func textMessages(t dialog.Text) []Message {
	if strings.TrimSpace(t.String()) == "" {
		return nil
	}
	var out []Message
	for max := MaxText; ; max -= 500 {
		out = out[:0]
		fits := true
		for _, part := range dialog.Split(t, max) {
			s := Viber(part)
			if strings.TrimSpace(s) == "" {
				continue
			}
			fits = fits && utf8.RuneCountInString(s) <= MaxText && len(s) <= MaxRequest/3
			out = append(out, Message{Type: TypeText, Text: s})
		}
		if fits || max <= 1000 {
			return out
		}
	}
}

// Viber renders t as Viber text: bold spans between asterisks (Viber's
// own markup) when that cannot be misread, links as "label (URL)".
func Viber(t dialog.Text) string {
	var b strings.Builder
	for _, s := range t {
		text := s.Text
		switch {
		case s.URL != "" && linkURL(s.URL) != "" && strings.TrimSpace(text) != s.URL:
			text = text + " (" + s.URL + ")"
		case s.Bold && boldable(text):
			text = "*" + text + "*"
		}
		b.WriteString(text)
	}
	return b.String()
}

// boldable reports whether text can be wrapped in asterisks and still read
// as intended.
func boldable(text string) bool {
	return strings.TrimSpace(text) == text && text != "" && !strings.ContainsAny(text, "*\n")
}

// linkURL returns u when it is an http(s) URL, else "".
func linkURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}

// keyboard lays the reply's buttons out on the 6-column grid: a row of one,
// two or three buttons keeps its row; longer rows are split into balanced
// rows of at most three. A request for a location or contact comes first
// as a one-tap picker button.
func keyboard(r dialog.Reply) *Keyboard {
	var buttons []Button
	switch r.Request {
	case dialog.RequestLocation:
		buttons = append(buttons, Button{Columns: MaxColumns, Rows: 1, ActionType: ActionLocationPicker,
			ActionBody: "location", Text: label(r.RequestLabel, "📍")})
	case dialog.RequestContact:
		buttons = append(buttons, Button{Columns: MaxColumns, Rows: 1, ActionType: ActionSharePhone,
			ActionBody: "phone", Text: label(r.RequestLabel, "📞")})
	}
	for _, row := range r.Buttons {
		var usable []Button
		for _, db := range row {
			if b, ok := button(db); ok {
				usable = append(usable, b)
			}
		}
		for _, chunk := range balance(usable) {
			for _, b := range chunk {
				b.Columns = MaxColumns / len(chunk)
				buttons = append(buttons, b)
			}
		}
	}
	if len(buttons) == 0 {
		return nil
	}
	return &Keyboard{Type: "keyboard", DefaultHeight: false, Buttons: buttons}
}

// button renders one dialog button; false when it cannot be shown.
func button(db dialog.Button) (Button, bool) {
	text := label(db.Label, "")
	switch {
	case text == "":
		return Button{}, false
	case db.URL != "" && linkURL(db.URL) != "":
		return Button{Rows: 1, ActionType: ActionOpenURL, ActionBody: db.URL, Text: text, Silent: true}, true
	case db.Action != "":
		return Button{Rows: 1, ActionType: ActionReply, ActionBody: ActionPrefix + db.Action, Text: text, Silent: true}, true
	}
	return Button{}, false
}

// label makes a button label safe for Viber's button markup.
func label(s, fallback string) string {
	s = strings.NewReplacer("<", "‹", ">", "›").Replace(strings.TrimSpace(s))
	if s == "" {
		return fallback
	}
	return s
}

// balance splits a row into rows of at most three buttons of near-equal
// length (1, 2 or 3 buttons, so each row fills the 6 columns exactly).
func balance(row []Button) [][]Button {
	if len(row) == 0 {
		return nil
	}
	rows := (len(row) + 2) / 3
	var out [][]Button
	for i := 0; i < rows; i++ {
		from, to := i*len(row)/rows, (i+1)*len(row)/rows
		out = append(out, row[from:to])
	}
	return out
}
