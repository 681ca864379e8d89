package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A control word typed with a slip («назат», «скасуватии», «менюю») works
// as the word: it was read as a topic, a description or a question.
func TestControlWordWithASlipWorks(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Action: "appeal:s:roads", Want: []string{"Тема «Дороги й тротуари»"}},
		step{Text: "назат", Want: []string{"Про яку проблему"}, Not: []string{"Не вдалося визначити тему"}},
		step{Action: "appeal:s:roads"},
		step{Action: "appeal:c:pothole", Want: []string{"Де саме проблема"}},
		step{Text: "скасуватии", Want: []string{"Скасовано, нічого не збережено"}},
		step{Text: "менюю", Want: []string{"Чим можу допомогти? Оберіть пункт меню"}},
		step{Action: "menu:appeal"},
		step{Text: "Отмена", Want: []string{"Скасовано, нічого не збережено"}},
		step{Action: "menu:appeal"},
		step{Text: "cancell", Want: []string{"Скасовано, нічого не збережено"}},
	)
}

// Only the control words are read with a slip, never an ordinary word one
// letter away: «Назар» at the name step is a name, not «назад».
func TestWordOneLetterFromAControlWordIsNotOne(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
	dialogtest.Converse(t, env.e,
		step{Text: "Назар", Want: []string{"Ваш номер телефону"}, Not: []string{"Оберіть час"}},
	)
}

// «скасуватии» on a booking's card asks to cancel that booking, as
// «скасувати» does; it said «Скасовано» and left the booking in place.
func TestCancelWithASlipOnABookingCardAsksToCancelIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Action: "menu:mybookings"},
		step{Action: "mybookings:v:1", Buttons: []string{"Скасувати запис"}},
		step{Text: "скасуватии", Want: []string{"Скасувати запис на", "10:40"}, Buttons: []string{"Так, скасувати"},
			Not: []string{"Скасовано"}},
	)
}
