package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A request for another flow typed in the middle of an appeal («ой, я
// передумала, скільки людей у черзі?») puts the draft aside, as a menu
// button of an older message does, so that the menu offers to go back to
// it: it was dropped without a word.
func TestAnotherRequestInTheMiddleOfAnAppealParksIt(t *testing.T) {
	env := newVisitEnv(t)
	dialog.RegisterAppeals(env.e, newAppealWorld(t).svc)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:appeal"},
		step{Action: "appeal:s:housing"},
		step{Action: "appeal:c:no-hot-water", Want: []string{"Де саме проблема"}},
		step{Text: "ой, я передумала, скільки людей у черзі зараз?", Want: []string{"Черга в ЦНАП", "незавершене звернення збережено"}},
		step{Text: "меню", Buttons: []string{"Продовжити звернення"}},
		step{Action: "draft:appeal", Want: []string{"Продовжуємо", "Де саме проблема"}},
	)
}

// At the description step a message that says the resident changed her
// mind and asks for another flow («ой, ні, я хотіла записатися на
// паспорт») is not made the appeal's description: the booking starts and
// the appeal is put aside. A description that merely names another flow's
// words is still the description.
func TestChangedMindAtTheDescriptionStepIsNoDescription(t *testing.T) {
	env := newVisitEnv(t)
	dialog.RegisterAppeals(env.e, newAppealWorld(t).svc)
	toDescribe := []step{
		{Action: "menu:appeal"},
		{Action: "appeal:s:roads"},
		{Action: "appeal:c:pothole"},
		{Text: "вул. Городоцька, 12", Want: []string{"Опишіть"}},
	}
	dialogtest.Converse(t, env.e, toDescribe...)
	dialogtest.Converse(t, env.e,
		step{Text: "ой, ні, я хотіла записатися на паспорт", Want: []string{"незавершене звернення збережено", "Оберіть ЦНАП"},
			Not: []string{"Додайте фото"}},
	)
	env = newVisitEnv(t)
	dialog.RegisterAppeals(env.e, newAppealWorld(t).svc)
	dialogtest.Converse(t, env.e, toDescribe...)
	dialogtest.Converse(t, env.e,
		step{Text: "Яма така, що не можу проїхати до ЦНАП, щоб записатися на паспорт", Want: []string{"Додайте фото"}},
	)
}
