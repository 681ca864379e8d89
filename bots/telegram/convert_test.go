package telegram

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
)

func mustConvert(t *testing.T, body []byte) inbound {
	t.Helper()
	up, status := decodeUpdate(strings.NewReader(string(body)))
	if status != 200 {
		t.Fatalf("decode: status %d", status)
	}
	return convert(up)
}

func TestConvertMessages(t *testing.T) {
	in := mustConvert(t, telegramtest.Text(5, 42, "як оформити паспорт"))
	u := in.update
	if !in.ok || in.chatID != 42 || u.ID != "tg:5" || u.Channel != vikno.Telegram || u.UserID != "42" ||
		u.Text != "як оформити паспорт" || u.Locale != "uk" || u.Name != "Оксана" || u.Time.IsZero() {
		t.Errorf("text: %+v", in)
	}
	if in := mustConvert(t, telegramtest.Text(6, 42, "/start@vikno_test_bot rate-17")); in.update.Text != "/start rate-17" || in.update.StartPayload != "rate-17" {
		t.Errorf("deep link: text %q payload %q", in.update.Text, in.update.StartPayload)
	}
	if in := mustConvert(t, telegramtest.Text(7, 42, "/menu@vikno_test_bot")); in.update.Text != "/menu" || in.update.StartPayload != "" {
		t.Errorf("command: %q", in.update.Text)
	}
	if in := mustConvert(t, telegramtest.Location(8, 42, 49.84, 24.03)); in.update.Location == nil || in.update.Location.Lat != 49.84 {
		t.Errorf("location: %+v", in.update.Location)
	}
	if in := mustConvert(t, telegramtest.Photo(9, 42, "яма", "small", "medium", "large")); in.update.Photo == nil || in.update.Photo.Ref != "large" || in.update.Text != "яма" {
		t.Errorf("photo: %+v text %q", in.update.Photo, in.update.Text)
	}
}

func TestConvertNamesWhatTheBotCannotRead(t *testing.T) {
	if in := mustConvert(t, telegramtest.Voice(10, 42, 7)); !in.ok || in.update.Unsupported != "voice" {
		t.Errorf("voice: ok %v unsupported %q", in.ok, in.update.Unsupported)
	}
	if in := mustConvert(t, telegramtest.Sticker(11, 42)); !in.ok || in.update.Unsupported != "sticker" {
		t.Errorf("sticker: ok %v unsupported %q", in.ok, in.update.Unsupported)
	}
	if in := mustConvert(t, telegramtest.Text(12, 42, "привіт")); in.update.Unsupported != "" {
		t.Errorf("text: unsupported %q", in.update.Unsupported)
	}
}

func TestConvertAcceptsOnlyTheSendersOwnContact(t *testing.T) {
	tests := []struct {
		name  string
		owner int64
		own   bool
	}{
		{"own card", 42, true},
		{"someone else's card", 43, false},
		{"a card without a Telegram user", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustConvert(t, telegramtest.Contact(1, 42, "+380501234567", tt.owner))
			if c := in.update.Contact; c == nil || c.Phone != "+380501234567" || c.Own != tt.own {
				t.Errorf("contact = %+v, want own=%v", c, tt.own)
			}
		})
	}
}

func TestConvertCallbackQuery(t *testing.T) {
	in := mustConvert(t, telegramtest.Callback(10, 42, "menu:faq"))
	if !in.ok || in.callbackID != "cq10" || in.update.Action != "menu:faq" || in.update.UserID != "42" {
		t.Errorf("callback: %+v", in)
	}
}

func TestConvertIgnoresGroups(t *testing.T) {
	if in := mustConvert(t, telegramtest.GroupText(11, -100, 42, "привіт")); in.ok || in.chatID != 0 {
		t.Errorf("group message handled: %+v", in)
	}
}

func TestConvertMemberStatus(t *testing.T) {
	in := mustConvert(t, telegramtest.MemberStatus(12, 42, "kicked"))
	if in.ok || in.blocked == nil || !*in.blocked || in.chatID != 42 {
		t.Errorf("kicked: %+v", in)
	}
	in = mustConvert(t, telegramtest.MemberStatus(13, 42, "member"))
	if in.blocked == nil || *in.blocked {
		t.Errorf("member: %+v", in)
	}
}

func TestDecodeRejectsWhatIsNotAnUpdate(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `{"message":{}}`, `{"update_id":"x"}`, `{"update_id":-1}`} {
		if _, status := decodeUpdate(strings.NewReader(body)); status != 400 {
			t.Errorf("%q: status %d, want 400", body, status)
		}
	}
}

// FuzzWebhookBody feeds arbitrary bodies through decoding and conversion:
// nothing may panic, and a converted update is always from a private chat.
func FuzzWebhookBody(f *testing.F) {
	for _, seed := range [][]byte{
		telegramtest.Text(1, 42, "привіт"), telegramtest.Callback(2, 42, "menu:"),
		telegramtest.Contact(3, 42, "+380", 42), telegramtest.Photo(4, 42, "", "a", "b"),
		telegramtest.GroupText(5, -1, 42, "x"), telegramtest.MemberStatus(6, 42, "kicked"),
		[]byte(`{"update_id":1,"callback_query":{"id":"x","from":{"id":1},"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"}}}}`),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		up, status := decodeUpdate(strings.NewReader(string(body)))
		if status != 200 {
			return
		}
		in := convert(up)
		if in.ok && (in.chatID == 0 || in.update.UserID == "") {
			t.Fatalf("converted update without chat: %+v", in)
		}
	})
}
