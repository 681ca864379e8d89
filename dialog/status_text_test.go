package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// An appeal number in a message outside a flow starts the status check for
// it; a number and a PIN in one message are both taken, with or without «№»
// and words around them.
func TestAnAppealNumberInFreeTextStartsTheStatusCheck(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	number, pin := fileOne(t, w)
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	en := func(s step) step { s.In.UserID = "english"; s.In.Locale = "en"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Text: "Добрий день, що з моїм зверненням №" + number + "?", Want: []string{"введіть PIN"}, Not: []string{"не знайшов"}}),
		other(step{Text: "пін " + pin, Want: []string{"Звернення № " + number, "Статус: зареєстровано"}}),
		other(step{Text: "меню"}),
		other(step{Text: "перевірте " + number + " пин " + pin + ", будь ласка", Want: []string{"Статус: зареєстровано"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: "№" + number + " пин " + pin, Want: []string{"Статус: зареєстровано"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: "№ " + number}),
		other(step{Text: number + " " + pin, Want: []string{"Статус: зареєстровано"}}),
		en(step{Text: "what about appeal " + number + "?", Want: []string{"type the PIN"}}),
		en(step{Text: "PIN " + pin, Want: []string{"Status: registered"}}),
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	// A date or a case code is not an appeal number.
	dialogtest.Converse(t, w.engine,
		other(step{Text: "меню"}),
		other(step{Text: "що буде 2026-12-05 у ЦНАП ЦН-2026-01234", Not: []string{"PIN"}}),
	)
}
