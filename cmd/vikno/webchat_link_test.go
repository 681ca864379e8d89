package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// A chat link whose start payload got mangled on the way (a space or a
// line break pasted into it, a tail added by a messenger) still opens the
// chat with an answer: the rating when what is left is the payload, else
// that the link does not work. It was refused with an English error and
// the page stayed empty.
func TestWebChatMangledStartLinkStillOpensTheChat(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	payload := ratePayload(t, m, "cnap-center")
	for _, tt := range []struct {
		name, start, want string
	}{
		{"trailing line break", payload + "\n", "Як пройшов Ваш візит"},
		{"space inside", payload[:4] + " " + payload[4:], "Як пройшов Ваш візит"},
		{"far too long", payload + strings.Repeat("x", 80), "Не вдалося відкрити оцінювання"},
	} {
		v := newVisitor(t, m.HTTP.URL())
		v.listen()
		got := allText(v.ask(map[string]any{"begin": true, "start": tt.start}))
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: the chat opened with %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The «new messages» button of the page is in the page's language.
func TestWebChatNewMessagesButtonInBothLanguages(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	for lang, want := range map[string]string{"uk": "Нові повідомлення", "en": "New messages"} {
		resp, err := http.Get(m.HTTP.URL() + "/chat/?lang=" + lang)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !regexp.MustCompile(`<button type="button" id="newer"[^>]*hidden>` + want + ` <span aria-hidden="true">↓</span></button>`).Match(body) {
			t.Errorf("%s page has no %q button", lang, want)
		}
	}
}
