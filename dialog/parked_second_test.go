package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A second appeal started while one is parked (a photo sent from the
// menu starts one) is not dropped when the resident goes back to the first
// one: the two change places, and either can be finished (the button
// pressed again goes back to the second).
func TestResumingAParkedAppealKeepsTheOneInProgress(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "яма на дорозі біля школи", Want: []string{"Схоже, йдеться про"}},
		step{Text: "/start x_unknown", Want: []string{"незавершене звернення збережено"}},
		step{In: dialog.Update{Photo: &dialog.Photo{Ref: "ph1"}}, Want: []string{"Фото збережу", "Про яку проблему"}},
		step{Action: "draft:appeal", Want: []string{"незавершене звернення збережено", "Продовжуємо", "Схоже, йдеться про"}},
		step{Action: "draft:appeal", Want: []string{"незавершене звернення збережено", "Продовжуємо", "Про яку проблему"},
			Not: []string{"замість попереднього"}},
	)
}

// When a second form of the same kind is put aside, the earlier one cannot
// be kept (one of each kind is): the bot says so instead of dropping it
// without a word.
func TestParkingASecondAppealSaysTheFirstIsReplaced(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "яма на дорозі біля школи", Want: []string{"Схоже, йдеться про"}},
		step{Text: "/start x_unknown", Want: []string{"незавершене звернення збережено"}, Not: []string{"попереднє"}},
		step{In: dialog.Update{Photo: &dialog.Photo{Ref: "ph1"}}, Want: []string{"Про яку проблему"}},
		step{Text: "/start x_unknown", Want: []string{"замість попереднього"}},
		step{Action: "draft:appeal", Want: []string{"Про яку проблему"}},
	)
}
