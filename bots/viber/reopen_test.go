package viber_test

import (
	"encoding/json"
	"testing"

	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
)

func TestReopenedConversationIsWelcomedEveryTime(t *testing.T) {
	hs := newHarness(t, &handler{}, nil)
	for i := range 3 {
		st, body := hs.deliver(t, vibertest.ConversationStarted("u-again", ""))
		var m viber.Message
		if st != 200 || json.Unmarshal(body, &m) != nil || m.Keyboard == nil {
			t.Fatalf("opening %d: %d %q", i+1, st, body)
		}
	}
	if n := len(hs.handler.seen()); n != 3 {
		t.Fatalf("handled %d", n)
	}
}
