package webchat

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
)

func TestRenderKeepsOnlySafeLinksAndButtons(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n0000")
	replies := []dialog.Reply{
		{
			Image: &dialog.Image{Data: png, Caption: dialog.Plain("QR-код")},
			Text: dialog.Text{
				{Text: "Сайт", URL: "https://city.example/cnap"},
				{Text: " і ", URL: "javascript:alert(1)"},
				{Text: "телефон", URL: "tel:1580"},
			},
			Buttons: [][]dialog.Button{
				{{Label: "Так", Action: "a:yes"}, {Label: "Погано", URL: "javascript:alert(1)"}},
				{{Label: "", Action: "a:empty"}, {Label: "Задовга дія", Action: strings.Repeat("x", dialog.MaxActionLen+1)}},
			},
			Request: dialog.RequestLocation, RequestLabel: "📍 Надіслати геолокацію",
		},
	}
	msgs := render(replies)
	if len(msgs) != 2 {
		t.Fatalf("rendered %d messages, want the picture and the text", len(msgs))
	}
	if !strings.HasPrefix(msgs[0].Image, "data:image/png;base64,") || msgs[0].Text[0].Text != "QR-код" {
		t.Errorf("picture = %.40q, caption %v", msgs[0].Image, msgs[0].Text)
	}
	text := msgs[1]
	if text.Text[0].URL == "" || text.Text[1].URL != "" || text.Text[2].URL != "tel:1580" {
		t.Errorf("links = %+v; a javascript: link must lose its URL, web and phone links stay", text.Text)
	}
	if len(text.Buttons) != 1 || len(text.Buttons[0]) != 1 || text.Buttons[0][0].Action != "a:yes" {
		t.Errorf("buttons = %+v; want only «Так»", text.Buttons)
	}
	if !text.Outgoing || text.Request != "location" || text.RequestLabel == "" {
		t.Errorf("request = %q %q", text.Request, text.RequestLabel)
	}
}

func TestBigPictureIsNotInlined(t *testing.T) {
	msgs := render([]dialog.Reply{{Image: &dialog.Image{Data: make([]byte, maxImage+1)}}})
	if len(msgs) != 0 {
		t.Fatalf("an oversized picture without caption gave %+v", msgs)
	}
}
