package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «скасуйте», «відмініть запис», "cancel it" typed while a booking's card
// is open ask to cancel that booking, with the usual confirmation; before,
// the list of bookings came again (or «скасувати» dropped the card as if
// the booking were cancelled). «ні» keeps it, «так» cancels it.
func TestCancelTypedOnABookingCardAsksToCancelIt(t *testing.T) {
	for _, typed := range []string{"скасуйте", "відмініть запис", "cancel it", "скасувати", "Скасуйте, будь ласка, цей запис", "отменить"} {
		t.Run(typed, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toConfirm("1040")...)
			dialogtest.Converse(t, env.e,
				step{Action: "book:ok", Want: []string{"Номер запису"}},
				step{Action: "menu:mybookings"},
				step{Action: "mybookings:v:1", Buttons: []string{"Скасувати запис"}},
				step{Text: typed, Want: []string{"Скасувати запис на", "10:40"}, Buttons: []string{"Так, скасувати", "Ні, залишити"},
					Not: []string{"Ваші записи", "Скасовано"}},
				step{Text: "ні", Want: []string{"ЦНАП на Виговського"}, Buttons: []string{"Скасувати запис"}, Not: []string{"скасовано"}},
				step{Text: typed, Want: []string{"Скасувати запис на"}},
				step{Text: "так", Want: []string{"скасовано", "вільний для інших"}},
				step{Action: "menu:mybookings", Want: []string{"немає запланованих записів"}},
			)
		})
	}
}

// «Хочу відмінити свій запис» outside a booking's card opens the
// resident's bookings, each of which can be cancelled there, instead of an
// article on how to cancel; «як скасувати запис?» stays a question.
func TestRequestToCancelABookingOpensMyBookings(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Text: "меню"},
		step{Text: "Хочу відмінити свій запис", Want: []string{"Ваші записи", "10:40"}, Buttons: []string{"1. 14.07 10:40"}},
		step{Text: "меню"},
		step{Text: "Добрий день, скасуйте, будь ласка, мій запис на паспорт", Want: []string{"Ваші записи"}},
		step{Text: "меню"},
		step{Text: "I need to cancel my appointment", In: dialog.Update{Locale: "en"}, Want: []string{"10:40"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: "як скасувати запис?", Not: []string{"Ваші записи"}})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question", q)
	}
}

// «перенесіть на інший день», "reschedule it" typed on a booking's card
// move that booking, as its «Перенести» button does; before, the list of
// bookings came again.
func TestMoveTypedOnABookingCardMovesIt(t *testing.T) {
	for _, typed := range []string{"перенесіть, будь ласка, на інший день", "хочу перенести", "reschedule it"} {
		t.Run(typed, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toConfirm("1040")...)
			dialogtest.Converse(t, env.e,
				step{Action: "book:ok", Want: []string{"Номер запису"}},
				step{Action: "menu:mybookings"},
				step{Action: "mybookings:v:1", Buttons: []string{"Перенести"}},
				step{Text: typed, Want: []string{"Оберіть день"}, Not: []string{"Ваші записи"}},
			)
		})
	}
}
