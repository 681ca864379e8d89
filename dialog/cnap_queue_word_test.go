package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «черга» alone typed at the prompt for a CNAP's place (no card shown yet)
// shows the queue in every CNAP; it was taken for a street that matched
// nothing.
func TestQueueWordAtTheCNAPPlacePromptShowsTheQueue(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:cnap", Want: []string{"Надішліть геолокацію"}},
		step{Text: "черга", Want: []string{"Черга в ЦНАП зараз"}, Not: []string{"Не знайшов"}},
	)
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{UserID: "u2"}, Action: "menu:cnap"},
		step{In: dialog.Update{UserID: "u2"}, Text: "Черга?", Want: []string{"Черга в ЦНАП зараз"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, env.e,
		step{In: en, Action: "menu:cnap"},
		step{In: en, Text: "queue", Want: []string{"CNAP queues now"}},
	)
	// the same at the booking's prompt for the CNAP
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{UserID: "u3"}, Action: "menu:book", Want: []string{"Оберіть ЦНАП"}},
		step{In: dialog.Update{UserID: "u3"}, Text: "черга", Want: []string{"Черга в ЦНАП зараз"}, Not: []string{"Оберіть, будь ласка, варіант"}},
	)
}
