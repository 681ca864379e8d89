package viber

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vikno-city/vikno/dialog"
)

func TestLongTextIsSplitIntoMessagesViberAccepts(t *testing.T) {
	para := strings.Repeat("Довідка видається в день звернення. ", 40) // ≈ 1,400 characters
	text := dialog.Plain(strings.Repeat(para+"\n\n", 12))
	msgs := render(dialog.Reply{Text: text, Buttons: [][]dialog.Button{{{Label: "Меню", Action: "menu:"}}}})
	if len(msgs) < 3 {
		t.Fatalf("%d messages for %d characters", len(msgs), utf8.RuneCountInString(text.String()))
	}
	total := 0
	for i, m := range msgs {
		total += utf8.RuneCountInString(m.Text)
		m.Receiver, m.Sender = "u", &Profile{Name: "Vikno"}
		body, _ := encode(m)
		if utf8.RuneCountInString(m.Text) > MaxText || len(body) > MaxRequest {
			t.Errorf("message %d: %d characters, %d bytes", i, utf8.RuneCountInString(m.Text), len(body))
		}
		if (m.Keyboard != nil) != (i == len(msgs)-1) {
			t.Errorf("message %d keyboard %v; only the last has it", i, m.Keyboard != nil)
		}
	}
	if total < utf8.RuneCountInString(strings.TrimSpace(text.String()))-12*4 {
		t.Errorf("%d characters sent of %d", total, utf8.RuneCountInString(text.String()))
	}
}

func TestKeyboardRowsFillTheSixColumnGrid(t *testing.T) {
	row := func(n int) []dialog.Button {
		var out []dialog.Button
		for i := range n {
			out = append(out, dialog.Button{Label: "Кнопка", Action: "x:" + string(rune('a'+i))})
		}
		return out
	}
	for n := 1; n <= 8; n++ {
		kb := keyboard(dialog.Reply{Buttons: [][]dialog.Button{row(n)}})
		if len(kb.Buttons) != n {
			t.Fatalf("%d buttons rendered of %d", len(kb.Buttons), n)
		}
		filled := 0
		for _, b := range kb.Buttons {
			if 6%b.Columns != 0 || b.Columns < 2 && n < 6 {
				t.Errorf("row of %d: a button %d columns wide", n, b.Columns)
			}
			filled += b.Columns
		}
		if filled%MaxColumns != 0 {
			t.Errorf("row of %d fills %d columns, not whole grid rows", n, filled)
		}
	}
}

func TestRequestsBecomePickerButtons(t *testing.T) {
	loc := render(dialog.Reply{Text: dialog.Plain("Де це?"), Request: dialog.RequestLocation, RequestLabel: "📍 Надіслати геолокацію",
		Buttons: [][]dialog.Button{{{Label: "Пропустити", Action: "appeal:skip"}}}})
	b := loc[0].Keyboard.Buttons
	if b[0].ActionType != ActionLocationPicker || b[0].Text != "📍 Надіслати геолокацію" || b[1].ActionBody != "vkb:appeal:skip" {
		t.Fatalf("location keyboard %+v", b)
	}
	phone := render(dialog.Reply{Text: dialog.Plain("Телефон?"), Request: dialog.RequestContact, RequestLabel: "Поділитися номером"})
	if phone[0].Keyboard.Buttons[0].ActionType != ActionSharePhone || phone[0].TrackingData != trackPhone {
		t.Fatalf("phone message %+v", phone[0])
	}
}

func TestTextFormatting(t *testing.T) {
	cases := []struct {
		in   dialog.Text
		want string
	}{
		{dialog.Text{{Text: "PIN: "}, {Text: "4821", Bold: true}}, "PIN: *4821*"},
		{dialog.Text{{Text: "2*2", Bold: true}}, "2*2"},
		{dialog.Text{{Text: "сайт", URL: "https://cnap.example"}}, "сайт (https://cnap.example)"},
		{dialog.Text{{Text: "https://cnap.example", URL: "https://cnap.example"}}, "https://cnap.example"},
	}
	for _, c := range cases {
		if got := Viber(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in.String(), got, c.want)
		}
	}
}

func TestPictureWithoutURLSendsItsCaption(t *testing.T) {
	msgs := render(dialog.Reply{Image: &dialog.Image{Data: []byte{1}, Caption: dialog.Plain("Постер")}})
	if len(msgs) != 1 || msgs[0].Type != TypeText || msgs[0].Text != "Постер" {
		t.Fatalf("%+v", msgs)
	}
	msgs = render(dialog.Reply{Image: &dialog.Image{Ref: "https://x.example/a.png", Caption: dialog.Plain("Фото")}})
	if len(msgs) != 1 || msgs[0].Type != TypePicture || msgs[0].Media != "https://x.example/a.png" || msgs[0].Text != "Фото" {
		t.Fatalf("%+v", msgs)
	}
}

// FuzzConvert feeds arbitrary callback bodies to the decoder and converter:
// nothing panics, and every update it makes is a Viber update with a user.
func FuzzConvert(f *testing.F) {
	f.Add([]byte(`{"event":"message","message_token":1,"sender":{"id":"u"},"message":{"type":"text","text":"vkb:menu:"}}`))
	f.Add([]byte(`{"event":"conversation_started","message_token":2,"user":{"id":"u"},"context":"r_x"}`))
	f.Add([]byte(`{"event":"message","message_token":3,"sender":{"id":"u"},"message":{"type":"location","location":{"lat":1,"lon":2}}}`))
	f.Add([]byte(`{"event":"unsubscribed","message_token":4,"user_id":"u"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var ev Event
		if json.Unmarshal(body, &ev) != nil {
			return
		}
		in := convert(&ev)
		if in.ok && (in.update.UserID == "" || in.update.Channel != "viber") {
			t.Fatalf("update %+v from %s", in.update, body)
		}
	})
}
