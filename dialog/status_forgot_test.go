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
