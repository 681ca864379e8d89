package viber_test

import (
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
	"github.com/vikno-city/vikno/dialog"
)

// slowWelcome is the fast welcome the tests configure.
func slowWelcome(locale string) (string, string) {
	if locale == "en" {
		return "Welcome!", "Start"
	}
	return "Вітаємо!", "▶️ Почати"
}

// TestSlowWelcomeIsNeverLost: when the engine's answer to
// conversation_started is not ready in time, a resident who has not
// subscribed still gets a welcome, and its button brings the deep link's
// answer once pressed (a press subscribes the resident, so it reaches them).
func TestSlowWelcomeIsNeverLost(t *testing.T) {
	var slow atomic.Bool
	slow.Store(true)
	h := &handler{reply: func(u dialog.Update) []dialog.Reply {
		if slow.Swap(false) {
			time.Sleep(500 * time.Millisecond)
		}
		return []dialog.Reply{{Text: dialog.Plain("Оцініть візит: " + u.StartPayload)}}
	}}
	hs := newHarness(t, h, func(c *viber.Config) {
		c.WelcomeWait = 100 * time.Millisecond
		c.SlowWelcome = slowWelcome
	})
	hs.fake.Fail("send_message", vibertest.Failure{Status: viber.StatusReceiverNotSub})
	st, body := hs.deliver(t, vibertest.ConversationStarted("u-slow", "r_cnap-center"))
	var welcome viber.Message
	if st != 200 || json.Unmarshal(body, &welcome) != nil {
		t.Fatalf("slow welcome: %d %q, want a welcome message", st, body)
	}
	if welcome.Text != "Вітаємо!" || welcome.Keyboard == nil || len(welcome.Keyboard.Buttons) != 1 ||
		welcome.Keyboard.Buttons[0].Text != "▶️ Почати" || !welcome.Keyboard.Buttons[0].Silent {
		t.Fatalf("slow welcome %s", body)
	}
	// The late answer is refused by Viber: the resident has not subscribed.
	hs.waitSeen(t, 2)
	hs.deliver(t, vibertest.Text("u-slow", welcome.Keyboard.Buttons[0].ActionBody))
	seen := hs.waitSeen(t, 3)
	if u := seen[2]; u.StartPayload != "r_cnap-center" || u.Text != "/start r_cnap-center" || u.Action != "" {
		t.Fatalf("the welcome's button became %+v, want the deep link again", u)
	}
	sent := hs.fake.WaitSent(t, "u-slow", 1)
	if last := sent[len(sent)-1]; last.Text != "Оцініть візит: r_cnap-center" {
		t.Fatalf("sent %+v, want the deep link's answer", sent)
	}
}
