package viber_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/dialog"
)

// Viber hides the keyboard when a message comes without one: a reply or a
// notice without buttons keeps the keyboard of the resident's current step
// on screen, or shows the menu button when no step's keyboard is known.
func TestReplyWithoutButtonsKeepsTheKeyboardOnScreen(t *testing.T) {
	step := [][]dialog.Button{{{Label: "Так", Action: "appeal:yes"}, {Label: "Ні", Action: "appeal:no"}}}
	hs := newHarness(t, &handler{}, func(c *viber.Config) {
		c.Menu = []dialog.Button{{Label: "🏠 Меню", Action: "menu:"}}
	})
	ctx := context.Background()
	if err := hs.bot.Sender().Send(ctx, "u-kb", []dialog.Reply{{Text: dialog.Plain("Повідомлення")}}); err != nil {
		t.Fatal(err)
	}
	msgs := hs.fake.WaitSent(t, "u-kb", 1)
	if kb := msgs[0].Keyboard; kb == nil || len(kb.Buttons) != 1 || kb.Buttons[0].ActionBody != "vkb:menu:" || msgs[0].MinAPIVersion == 0 {
		t.Fatalf("a notice to a resident without a known keyboard: %+v", msgs[0])
	}
	if err := hs.bot.Sender().SendReply(ctx, "u-kb", []dialog.Reply{{Text: dialog.Plain("Питання кроку"), Buttons: step}}); err != nil {
		t.Fatal(err)
	}
	if err := hs.bot.Sender().SendReply(ctx, "u-kb", []dialog.Reply{{Text: dialog.Plain("Без кнопок")}, {Text: dialog.Plain("Теж")}}); err != nil {
		t.Fatal(err)
	}
	if err := hs.bot.Sender().Send(ctx, "u-kb", []dialog.Reply{{Text: dialog.Plain("Нагадування")}}); err != nil {
		t.Fatal(err)
	}
	msgs = hs.fake.WaitSent(t, "u-kb", 5)
	for _, m := range msgs[2:] {
		if m.Keyboard == nil || len(m.Keyboard.Buttons) != 2 || m.Keyboard.Buttons[1].ActionBody != "vkb:appeal:no" {
			t.Fatalf("%q came without the step's keyboard: %+v", m.Text, m.Keyboard)
		}
	}
}
