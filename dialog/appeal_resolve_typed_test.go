package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// After «Проблему вирішено?» the resident often answers in words, from
// wherever the chat stood: the list of «Мої звернення», or the menu.
// Nothing is decided on typed words; the question comes back with its
// buttons, and a question typed in the list is answered.
func TestAResidentTellingTheWorkIsNotDoneIsAskedAgainWithTheButtons(t *testing.T) {
	w := newAppealWorld(t)
	w.engine.Register(dialog.NewFAQ(&oneArticleKB{}))
	w.engine.SetDefaultFlow(dialog.FlowFAQ)
	number, _ := fileOne(t, w)
	executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
	asked := []string{"Звернення № " + number + " чекає Вашого підтвердження", "Проблему вирішено?"}
	for _, typed := range []string{"ні, не зроблено", "Нічого не зробили!", "так, все зроблено", "Ні"} {
		for _, from := range []string{"menu:myappeals", "menu:"} {
			answer := step{Text: typed, Want: asked, Buttons: []string{"Так", "Ні", "Частково"}, Not: []string{"Ваші звернення"}}
			dialogtest.Converse(t, w.engine, step{Action: from}, answer)
		}
	}
	if a, _ := w.appeals.FindAppeal(context.Background(), number); a.Status != cases.AppealDone {
		t.Fatalf("typed words changed the appeal to %s", a.Status)
	}
	dialogtest.Converse(t, w.engine, step{Action: "menu:myappeals"},
		step{Text: "як зареєструвати собаку?", Want: []string{"Реєстрація тварин"}, Not: asked})
	dialogtest.Converse(t, w.engine, step{Action: "menu:myappeals"},
		step{Text: "#" + number, Want: []string{"Звернення № " + number, "Проблему вирішено?"}, Buttons: []string{"Так", "Назад"}})
	dialogtest.Converse(t, w.engine, step{Action: "menu:"},
		step{Text: "чому досі не зробили ремонт дороги на Городоцькій?", Not: asked})
}
