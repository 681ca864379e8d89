// Package webchat is the web channel: a chat page at /chat/ on the city's
// site, talking to the same engine through the message pipeline. The page
// posts what the resident writes or presses (JSON) and listens for the
// bot's messages on a server-sent event stream. The conversation is stored,
// so it comes back after a reload and on any replica; notices pushed while
// the page is closed wait there for the resident.
//
// The resident is anonymous: a random secret in a cookie names them, and
// only its hash is their user id in the engine and the store.
package webchat

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"time"

	"github.com/vikno-city/vikno/dialog"
)

// Message is one entry of the conversation as the page shows it.
type Message struct {
	ID       int64  `json:"id"`
	Outgoing bool   `json:"out"`
	Text     []Span `json:"text,omitempty"`
	// Buttons are the bot's buttons; Request asks for a "location" or a
	// "contact" (RequestLabel names it).
	Buttons      [][]dialog.Button `json:"buttons,omitempty"`
	Request      string            `json:"request,omitempty"`
	RequestLabel string            `json:"request_label,omitempty"`
	// Image is a picture the bot sent, as a data: URL, or one the resident
	// attached, as the address of /chat/api/photo/{id}.
	Image string    `json:"image,omitempty"`
	At    time.Time `json:"at"`
}

// Span is a run of text with one style; the page renders it as text, never
// as markup.
type Span struct {
	Text string `json:"t"`
	Bold bool   `json:"b,omitempty"`
	URL  string `json:"u,omitempty"`
}

// maxImage is the largest picture sent inline (a QR poster is ~20 KB).
const maxImage = 512 << 10

// render turns the bot's replies into page messages: the picture with its
// caption, then the text with the buttons.
func render(replies []dialog.Reply) []Message {
	var out []Message
	for _, r := range replies {
		if img := r.Image; img != nil {
			m := Message{Outgoing: true, Text: spans(img.Caption)}
			if n := len(img.Data); n > 0 && n <= maxImage {
				m.Image = "data:" + http.DetectContentType(img.Data) + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
			}
			if m.Image != "" || len(m.Text) > 0 {
				out = append(out, m)
			}
		}
		m := Message{Outgoing: true, Text: spans(r.Text), Buttons: buttons(r.Buttons)}
		switch r.Request {
		case dialog.RequestLocation:
			m.Request, m.RequestLabel = "location", r.RequestLabel
		case dialog.RequestContact:
			m.Request, m.RequestLabel = "contact", r.RequestLabel
		}
		if len(m.Text) > 0 || len(m.Buttons) > 0 || m.Request != "" {
			out = append(out, m)
		}
	}
	return out
}

func spans(t dialog.Text) []Span {
	var out []Span
	for _, s := range t {
		if s.Text == "" {
			continue
		}
		out = append(out, Span{Text: s.Text, Bold: s.Bold, URL: safeURL(s.URL)})
	}
	return out
}

// buttons keeps the buttons the page can show: an action it can post back
// or a link it can open safely.
func buttons(rows [][]dialog.Button) [][]dialog.Button {
	var out [][]dialog.Button
	for _, row := range rows {
		var keep []dialog.Button
		for _, b := range row {
			b.URL = safeURL(b.URL)
			if b.Label != "" && (b.URL != "" || (b.Action != "" && len(b.Action) <= dialog.MaxActionLen)) {
				keep = append(keep, b)
			}
		}
		if len(keep) > 0 {
			out = append(out, keep)
		}
	}
	return out
}

// safeURL returns u when it is a web, phone or mail link, and "" otherwise
// (no javascript: or data: links reach the page).
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	switch p.Scheme {
	case "http", "https":
		if p.Host == "" {
			return ""
		}
		return u
	case "tel", "mailto", "viber", "tg":
		return u
	}
	return ""
}
