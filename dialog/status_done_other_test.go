package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A relative who checks an appeal by its number and PIN is not the one
// whose confirmation it waits for: the card says whose it is, and offers
// no «Проблему вирішено?» buttons; the resident who filed it gets both.
func TestADoneAppealCheckedFromAnotherChatAwaitsTheApplicant(t *testing.T) {
	w := newAppealWorld(t)
	number, pin := fileOne(t, w)
	executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
	other := func(s step) step { s.In.UserID = "relative"; return s }
	dialogtest.Converse(t, w.engine, other(step{Text: "/status " + number + " " + pin,
		Want: []string{"Статус: виконано, чекає підтвердження заявника"},
		Not:  []string{"Вашого підтвердження", "Проблему вирішено?"}}))
	dialogtest.Converse(t, w.engine, step{Text: "/status " + number + " " + pin,
		Want: []string{"Статус: виконано, чекає Вашого підтвердження", "Проблему вирішено?"}})
}
