package main

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/internal/testenv"

	"github.com/vikno-city/vikno/bots/viber/vibertest"
)

// A resident who opens the chat again (a second conversation_started) is
// welcomed again, with the menu, each time.
func TestViberReopenedChatIsWelcomedEveryTime(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	user := vbUser()
	for i := range 3 {
		status, body := a.deliver(t, vibertest.ConversationStarted(user, ""))
		if status != 200 || !strings.Contains(string(body), "Вітаємо") || !strings.Contains(string(body), "vkb:menu:") {
			t.Fatalf("opening %d: %d %s", i+1, status, body)
		}
		a.send(t, user, vibertest.Text(user, "меню"))
	}
}

func TestViberReopenedChatSubscribed(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	a := vbRun(t, cfg, nil)
	user := vbUser()
	a.send(t, user, vibertest.Subscribed(user))
	for i := range 3 {
		body := []byte(strings.Replace(string(vibertest.ConversationStarted(user, "")), `"subscribed":false`, `"subscribed":true`, 1))
		status, resp := a.deliver(t, body)
		if status != 200 || !strings.Contains(string(resp), "Вітаємо") || !strings.Contains(string(resp), "vkb:menu:") {
			t.Fatalf("opening %d: %d %s", i+1, status, resp)
		}
		a.send(t, user, vibertest.Text(user, "vkb:menu:appeal"))
	}
}

// A sticker in the middle of an appeal is answered without buttons of its
// own; Viber would hide the keyboard, so the step's keyboard comes again.
func TestViberAnswerWithoutButtonsKeepsTheStepKeyboard(t *testing.T) {
	a := vbRun(t, testConfig(t), nil)
	user := vbUser()
	msgs := a.send(t, user, vibertest.Text(user, "vkb:menu:appeal"))
	step := msgs[len(msgs)-1].Keyboard
	if step == nil {
		t.Fatalf("the appeal's first step has no keyboard: %+v", msgs)
	}
	msgs = a.send(t, user, vibertest.Sticker(user))
	if len(msgs) == 0 {
		t.Fatal("no answer to a sticker")
	}
	for _, m := range msgs {
		if m.Keyboard == nil || len(m.Keyboard.Buttons) != len(step.Buttons) {
			t.Fatalf("%q came with keyboard %+v, want the step's %+v", m.Text, m.Keyboard, step)
		}
	}
}
