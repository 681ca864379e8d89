package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «забула» or «не пам’ятаю» typed where the PIN is asked is the forgotten
// PIN: the resident is told where the PIN was sent and how to go on, not
// that a PIN has 4–6 digits; a PIN typed next still works.
func TestForgotTypedAtThePINStepIsTheForgottenPIN(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	number, pin := fileOne(t, w)
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:status"}),
		other(step{Text: number, Want: []string{"введіть PIN"}}),
		other(step{Text: "забула", Want: []string{"PIN надсилаємо лише раз", "1580"}, Not: []string{"4–6 цифр"}, Buttons: []string{"Мої звернення"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: number}),
		other(step{Text: "не пам’ятаю", Want: []string{"PIN надсилаємо лише раз"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: number}),
		other(step{Text: pin, Want: []string{"Статус: зареєстровано"}}),
	)
}

// A number typed without its year («000001», «№ 1») at the number step is
// offered as this year's appeal, to take with one press: the resident was
// only told the number's format.
func TestNumberWithoutTheYearIsOfferedAsThisYears(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	number, pin := fileOne(t, w) // 2026-000001
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:status"}),
		other(step{Text: "000001", Want: []string{"Номер має вигляд 2026-000123", "Можливо, " + number + "?"}, Buttons: []string{number}}),
		other(step{Action: "status:n:" + number, Want: []string{"введіть PIN"}}),
		other(step{Text: pin, Want: []string{"Статус: зареєстровано"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: "№ 1", Buttons: []string{number}}),
	)
}
