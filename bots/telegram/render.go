package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno/dialog"
)

// Telegram's limits, in characters after entity parsing (Telegram counts
// UTF-16 code units).
const (
	MaxText    = 4096
	MaxCaption = 1024
)

// outgoing is one Bot API message rendered from a dialog reply.
type outgoing struct {
	html   string        // text or caption, HTML parse mode
	photo  *dialog.Image // sendPhoto when set
	inline *telego.InlineKeyboardMarkup
	reply  *telego.ReplyKeyboardMarkup
	// removeKeyboard asks the client to hide a reply keyboard shown before.
	// A message has one markup: when it also has inline buttons, they are
	// attached by editing the message right after it is sent.
	removeKeyboard bool
}

// markup returns the reply_markup to send with the message.
func (o outgoing) markup() telego.ReplyMarkup {
	switch {
	case o.removeKeyboard:
		return &telego.ReplyKeyboardRemove{RemoveKeyboard: true}
	case o.reply != nil:
		return o.reply
	case o.inline != nil:
		return o.inline
	}
	return nil
}

// rendered is a reply as messages, with the buttons that could not be shown.
type rendered struct {
	msgs    []outgoing
	dropped []dialog.Button
}

// render turns a reply into messages: the picture (with its caption when it
// fits), then the text split at paragraph boundaries; the keyboard goes on
// the last message.
func render(r dialog.Reply) rendered {
	var out rendered
	if r.Image != nil && (r.Image.Ref != "" || len(r.Image.Data) > 0) {
		img := *r.Image
		photo := outgoing{photo: &img}
		caption := r.Image.Caption
		if textLen(caption) <= MaxCaption {
			photo.html, caption = HTML(caption), nil
		}
		out.msgs = append(out.msgs, photo)
		for _, part := range splitText(caption) {
			out.msgs = append(out.msgs, outgoing{html: HTML(part)})
		}
	}
	for _, part := range splitText(r.Text) {
		out.msgs = append(out.msgs, outgoing{html: HTML(part)})
	}
	if len(out.msgs) == 0 {
		return out
	}
	last := &out.msgs[len(out.msgs)-1]
	if r.Request != dialog.RequestNone {
		last.reply, out.dropped = replyKeyboard(r)
		return out
	}
	last.inline, out.dropped = inlineKeyboard(r.Buttons)
	return out
}

// splitText cuts t into parts Telegram accepts; blank text gives no parts.
func splitText(t dialog.Text) []dialog.Text {
	if strings.TrimSpace(t.String()) == "" {
		return nil
	}
	for max := MaxText; ; max -= 256 {
		parts := dialog.Split(t, max)
		fits := true
		for _, p := range parts {
			fits = fits && textLen(p) <= MaxText
		}
		if fits || max <= 512 {
			return nonBlank(parts)
		}
	}
}

// textLen is the length of t as Telegram counts it.
func textLen(t dialog.Text) int {
	n := 0
	for _, s := range t {
		for _, r := range s.Text {
			n += utf16.RuneLen(r)
		}
	}
	return n
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// HTML renders t for Telegram's HTML parse mode. Span text is always
// escaped: only the tags written here reach Telegram.
func HTML(t dialog.Text) string {
	var b strings.Builder
	for _, s := range t {
		text := s.Text
		href := linkURL(s.URL)
		if text == "" && href != "" {
			text = href
		}
		if text == "" {
			continue
		}
		if s.Bold {
			b.WriteString("<b>")
		}
		switch {
		case href != "":
			b.WriteString(`<a href="`)
			b.WriteString(attrEscaper.Replace(href))
			b.WriteString(`">`)
			b.WriteString(textEscaper.Replace(text))
			b.WriteString("</a>")
		default:
			b.WriteString(textEscaper.Replace(text))
			if tel, ok := strings.CutPrefix(s.URL, "tel:"); ok && tel != "" && !strings.Contains(text, tel) {
				// Telegram links no tel: URLs but recognises a bare number.
				b.WriteString(" (" + textEscaper.Replace(tel) + ")")
			}
		}
		if s.Bold {
			b.WriteString("</b>")
		}
	}
	return b.String()
}

// linkURL returns u when Telegram can open it from a message or a button
// (http, https, tg), else "".
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	if (strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "tg://")) &&
		!strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) && utf8.ValidString(u) {
		return u
	}
	return ""
}

// inlineKeyboard renders rows of buttons. A button whose action is longer
// than Telegram's 64-byte callback data, or whose link Telegram cannot open,
// is left out and returned in dropped.
func inlineKeyboard(rows [][]dialog.Button) (*telego.InlineKeyboardMarkup, []dialog.Button) {
	var kb [][]telego.InlineKeyboardButton
	var dropped []dialog.Button
	for _, row := range rows {
		var out []telego.InlineKeyboardButton
		for _, b := range row {
			btn, ok := inlineButton(b)
			if !ok {
				dropped = append(dropped, b)
				continue
			}
			out = append(out, btn)
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil, dropped
	}
	return &telego.InlineKeyboardMarkup{InlineKeyboard: kb}, dropped
}

func inlineButton(b dialog.Button) (telego.InlineKeyboardButton, bool) {
	if strings.TrimSpace(b.Label) == "" {
		return telego.InlineKeyboardButton{}, false
	}
	if b.URL != "" {
		u := linkURL(b.URL)
		return telego.InlineKeyboardButton{Text: b.Label, URL: u}, u != ""
	}
	if b.Action == "" || len(b.Action) > dialog.MaxActionLen || !utf8.ValidString(b.Action) {
		return telego.InlineKeyboardButton{}, false
	}
	return telego.InlineKeyboardButton{Text: b.Label, CallbackData: b.Action}, true
}

// Labels of the one-tap request buttons for a reply that has none (the
// engine always gives one in the resident's language).
const (
	defaultLocationLabel = "📍"
	defaultContactLabel  = "📱"
)

// replyKeyboard renders a request for a location or contact as a one-time
// reply keyboard (Telegram offers these only there). The reply's action
// buttons become keyboard buttons with the same labels: the engine treats a
// typed label like a pressed button. Link buttons cannot be shown and are
// dropped.
func replyKeyboard(r dialog.Reply) (*telego.ReplyKeyboardMarkup, []dialog.Button) {
	req := telego.KeyboardButton{Text: r.RequestLabel}
	switch r.Request {
	case dialog.RequestLocation:
		req.RequestLocation = true
		if req.Text == "" {
			req.Text = defaultLocationLabel
		}
	case dialog.RequestContact:
		req.RequestContact = true
		if req.Text == "" {
			req.Text = defaultContactLabel
		}
	}
	kb := [][]telego.KeyboardButton{{req}}
	var dropped []dialog.Button
	for _, row := range r.Buttons {
		var out []telego.KeyboardButton
		for _, b := range row {
			if b.URL != "" || strings.TrimSpace(b.Label) == "" {
				dropped = append(dropped, b)
				continue
			}
			out = append(out, telego.KeyboardButton{Text: b.Label})
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	return &telego.ReplyKeyboardMarkup{Keyboard: kb, ResizeKeyboard: true, OneTimeKeyboard: true}, dropped
}

func nonBlank(parts []dialog.Text) []dialog.Text {
	out := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p.String()) != "" {
			out = append(out, p)
		}
	}
	return out
}
