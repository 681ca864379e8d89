package telegram

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vikno-city/vikno/dialog"
)

func TestHTMLEscapesEverythingNotFromTemplates(t *testing.T) {
	tests := []struct {
		name string
		text dialog.Text
		want string
	}{
		{"markup in resident text is shown as text",
			dialog.Plain(`<b>x</b> <a href="https://evil">y</a> & z`),
			`&lt;b&gt;x&lt;/b&gt; &lt;a href="https://evil"&gt;y&lt;/a&gt; &amp; z`},
		{"bold becomes b", dialog.Text{{Text: "№ "}, {Text: "A<1>", Bold: true}}, `№ <b>A&lt;1&gt;</b>`},
		{"links keep an escaped href",
			dialog.Text{{Text: "сайт", URL: `https://city.example/a?x=1&y="2"`}},
			`<a href="https://city.example/a?x=1&amp;y=&quot;2&quot;">сайт</a>`},
		{"bold links nest", dialog.Text{{Text: "тут", URL: "https://a.example", Bold: true}}, `<b><a href="https://a.example">тут</a></b>`},
		{"a javascript link is plain text", dialog.Text{{Text: "click", URL: "javascript:alert(1)"}}, `click`},
		{"a tel link shows the number", dialog.Text{{Text: "гаряча лінія", URL: "tel:1580"}}, `гаряча лінія (1580)`},
		{"a tel link whose text is the number", dialog.Text{{Text: "1580", URL: "tel:1580"}}, `1580`},
		{"an empty link text shows the url", dialog.Text{{URL: "https://a.example"}}, `<a href="https://a.example">https://a.example</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.text); got != tt.want {
				t.Errorf("HTML = %q, want %q", got, tt.want)
			}
		})
	}
}

func longText(n int) dialog.Text {
	var b strings.Builder
	for i := 0; utf8.RuneCountInString(b.String()) < n; i++ {
		b.WriteString("Абзац про документи для ЦНАП <номер> & умови. ")
		if i%7 == 6 {
			b.WriteString("\n\n")
		}
	}
	s := []rune(b.String())
	return dialog.Plain(string(s[:n]))
}

func TestRenderSplitsLongTextWithButtonsOnTheLastPart(t *testing.T) {
	text := longText(10000)
	r := render(dialog.Reply{Text: text, Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}}})
	if len(r.msgs) < 3 {
		t.Fatalf("%d messages, want at least 3", len(r.msgs))
	}
	var joined []string
	for i, m := range r.msgs {
		plain := html.UnescapeString(m.html)
		if n := utf8.RuneCountInString(plain); n > MaxText {
			t.Errorf("part %d has %d characters", i, n)
		}
		if (m.inline != nil) != (i == len(r.msgs)-1) {
			t.Errorf("part %d: inline keyboard %v", i, m.inline != nil)
		}
		joined = append(joined, plain)
	}
	if got, want := strings.Fields(strings.Join(joined, " ")), strings.Fields(text.String()); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the parts lose or change words")
	}
}

func TestRenderLeavesOutButtonsTelegramRefuses(t *testing.T) {
	long := "faq:a:" + strings.Repeat("x", 60)
	r := render(dialog.Reply{Text: dialog.Plain("?"), Buttons: [][]dialog.Button{
		{{Label: "Так", Action: "appeal:yes"}, {Label: "Задовга", Action: long}},
		{{Label: "Сайт", URL: "https://city.example"}, {Label: "Дзвінок", URL: "tel:1580"}},
		{{Label: "", Action: "menu:"}},
	}})
	kb := r.msgs[0].inline
	if kb == nil || len(kb.InlineKeyboard) != 2 || len(kb.InlineKeyboard[0]) != 1 || len(kb.InlineKeyboard[1]) != 1 {
		t.Fatalf("keyboard = %+v", kb)
	}
	if b := kb.InlineKeyboard[0][0]; b.CallbackData != "appeal:yes" || b.Text != "Так" {
		t.Errorf("action button = %+v", b)
	}
	if b := kb.InlineKeyboard[1][0]; b.URL != "https://city.example" || b.CallbackData != "" {
		t.Errorf("link button = %+v", b)
	}
	if len(r.dropped) != 3 {
		t.Errorf("dropped %d buttons, want 3", len(r.dropped))
	}
}

func TestRenderRequestsAsOneTimeReplyKeyboard(t *testing.T) {
	r := render(dialog.Reply{
		Text: dialog.Plain("Надішліть номер"), Request: dialog.RequestContact, RequestLabel: "📱 Мій номер",
		Buttons: [][]dialog.Button{{{Label: "❌ Скасувати", Action: "appeal:cancel"}, {Label: "Сайт", URL: "https://a.example"}}},
	})
	m := r.msgs[0]
	if m.inline != nil || m.reply == nil || !m.reply.OneTimeKeyboard {
		t.Fatalf("markup = %+v", m)
	}
	kb := m.reply.Keyboard
	if len(kb) != 2 || !kb[0][0].RequestContact || kb[0][0].Text != "📱 Мій номер" || kb[1][0].Text != "❌ Скасувати" || len(kb[1]) != 1 {
		t.Errorf("keyboard = %+v", kb)
	}
	loc := render(dialog.Reply{Text: dialog.Plain("Де?"), Request: dialog.RequestLocation})
	if b := loc.msgs[0].reply.Keyboard[0][0]; !b.RequestLocation || b.Text == "" {
		t.Errorf("location button = %+v", b)
	}
}

func TestRenderImages(t *testing.T) {
	r := render(dialog.Reply{
		Image:   &dialog.Image{Ref: "AgADfile", Caption: dialog.Bold("QR <1>")},
		Text:    dialog.Plain("Роздрукуйте"),
		Buttons: [][]dialog.Button{{{Label: "OK", Action: "menu:"}}},
	})
	if len(r.msgs) != 2 || r.msgs[0].photo == nil || r.msgs[0].html != "<b>QR &lt;1&gt;</b>" || r.msgs[1].inline == nil {
		t.Fatalf("messages = %+v", r.msgs)
	}
	long := render(dialog.Reply{Image: &dialog.Image{Data: []byte{1}, Caption: longText(1500)}})
	if len(long.msgs) != 2 || long.msgs[0].html != "" || long.msgs[1].html == "" {
		t.Errorf("a long caption should follow the photo as text: %d messages", len(long.msgs))
	}
	if f := inputFile(&dialog.Image{Ref: "https://a.example/p.png"}); f.URL == "" {
		t.Errorf("a URL ref should be sent as a URL")
	}
}

func TestRenderSkipsBlankText(t *testing.T) {
	if r := render(dialog.Reply{Text: dialog.Plain(" \n ")}); len(r.msgs) != 0 {
		t.Errorf("%d messages for blank text", len(r.msgs))
	}
}

var ourTags = regexp.MustCompile(`</?b>|<a href="[^"<>]*">|</a>`)

// FuzzHTML checks that whatever the text, the only tags in the output are
// ours and the visible text is exactly the input.
func FuzzHTML(f *testing.F) {
	f.Add("<b>", "&amp;", true)
	f.Add("plain", "<a href=x>", false)
	f.Add("", "\"'<>&", true)
	f.Fuzz(func(t *testing.T, a, b string, bold bool) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		text := dialog.Text{{Text: a}, {Text: b, Bold: bold}, {Text: a, URL: "https://x.example/?q=" + b}}
		out := HTML(text)
		stripped := ourTags.ReplaceAllString(out, "")
		if strings.ContainsAny(stripped, "<>") {
			t.Fatalf("stray markup in %q", out)
		}
		third := a
		if u := linkURL("https://x.example/?q=" + b); a == "" && u != "" {
			third = u
		}
		want := a + b + third
		if got := html.UnescapeString(stripped); got != want {
			t.Fatalf("visible text %q, want %q", got, want)
		}
	})
}
