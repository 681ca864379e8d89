package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «/lang en» in the middle of an appeal switches the language and asks the
// same step again, keeping what was entered; «/lang» alone asks before the
// draft is lost.
func TestLangCommandInAnAppealKeepsTheDraft(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "вул. Зелена 5", Want: []string{"Опишіть"}},
		step{Text: "/lang en", Want: []string{"we now speak English", "Please describe the problem"},
			Buttons: []string{"Back", "Cancel"}, Not: []string{"How can I help"}},
		step{Text: "A deep pothole in the middle of the road", Want: []string{"Add a photo"}},
		step{Text: "/lang uk", Want: []string{"тепер говоримо українською", "Додайте фото"}, Buttons: []string{"Далі"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"вул. Зелена 5", "A deep pothole"}},
		step{Text: "/lang", Want: []string{"Скасувати чернетку звернення?"}, Not: []string{"Оберіть мову"}},
	)
}

// «/lang en» while booking asks the current step again in English.
func TestLangCommandWhileBookingAsksTheStepAgain(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714"},
		step{Text: "10:40", Want: []string{"Як Вас звати"}},
		step{Text: "/lang en", Want: []string{"we now speak English", "name"}, Not: []string{"How can I help"}},
		step{Text: "Olena Petrenko", Want: []string{"phone"}},
	)
}

// «in English please» typed in the middle of an appeal switches the
// language and asks the same step again, as «/lang en» does; before, it
// became the appeal's description. Outside a flow it switches too (it was
// a question the knowledge base could not answer), and «українською»
// switches back.
func TestLanguageNamedInWordsSwitchesIt(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "вул. Зелена 5", Want: []string{"Опишіть"}},
		step{Text: "in English please", Want: []string{"we now speak English", "Please describe the problem"},
			Not: []string{"Add a photo", "Додайте фото"}},
		step{Text: "A deep pothole in the middle of the road", Want: []string{"Add a photo"}},
		step{Text: "українською, будь ласка", Want: []string{"тепер говоримо українською", "Додайте фото"}},
		step{Text: "меню"},
		step{Text: "так"},
		step{Text: "switch to English", Want: []string{"we now speak English"}, Not: []string{"не знайшов"}},
	)
}
