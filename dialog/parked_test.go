package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «Продовжити звернення» pressed twice (a double tap, or a Viber keyboard
// sent again) repeats the step the first press went back to, instead of
// calling the button stale and showing the menu.
func TestParkedDraftResumedTwiceStaysAtItsStep(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "яма на дорозі біля школи", Want: []string{"Схоже, йдеться про"}},
		step{Text: "/start x_unknown", Want: []string{"незавершене звернення збережено"}, Buttons: []string{"Продовжити звернення"}},
		step{Action: "draft:appeal", Want: []string{"Продовжуємо", "Схоже, йдеться про"}},
		step{Action: "draft:appeal", Want: []string{"Схоже, йдеться про"}, Not: []string{"вже не діє"}},
	)
}

// A menu button of an earlier message (still shown in the web chat and in
// Telegram) pressed in the middle of an appeal parks the draft, as a deep
// link does: it was dropped without a word.
func TestOlderMenuButtonInTheMiddleOfAnAppealParksTheDraft(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "яма на дорозі біля школи", Want: []string{"Схоже, йдеться про"}},
		step{Action: "menu:status", Want: []string{"незавершене звернення збережено"}},
		step{Text: "меню", Buttons: []string{"Продовжити звернення"}},
		step{Action: "draft:appeal", Want: []string{"Схоже, йдеться про"}},
	)
}
