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

// «Хочу відмінити свій запис» outside a booking's card asks to cancel the
// resident's one booking (with several, it opens the list, each of which
// can be cancelled there), instead of an article on how to cancel; «як
// скасувати запис?» stays a question.
func TestRequestToCancelABookingOpensMyBookings(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Text: "меню"},
		step{Text: "Хочу відмінити свій запис", Want: []string{"Скасувати запис на", "10:40"}, Buttons: []string{"Так, скасувати", "Ні, залишити"}},
		step{Text: "меню"},
		step{Text: "Добрий день, скасуйте, будь ласка, мій запис на паспорт", Want: []string{"Скасувати запис на"}},
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

// Right after the booking is made, "cancel it" / «скасуйте» ask to cancel
// that booking, as on its card; a question typed then goes to the FAQ, as a
// question typed in «Мої записи» does, instead of the list of bookings.
func TestCancelRightAfterBookingAsksToCancelIt(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Text: "ой, скасуйте", Want: []string{"Скасувати запис на", "10:40"}, Buttons: []string{"Так, скасувати"}},
		step{Text: "ні", Want: []string{"ЦНАП на Виговського"}},
		step{Text: "а що взяти з собою для дитини?", Not: []string{"Ваші записи"}},
	)
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question", q)
	}
	dialogtest.Converse(t, env.e,
		step{Action: "menu:mybookings", Want: []string{"Ваші записи"}},
		step{Text: "як доїхати до ЦНАП на Виговського?", Not: []string{"Ваші записи"}},
	)
	// a location shared right after booking finds the nearest CNAPs, as
	// outside any flow
	env = newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e, toConfirm("1100")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.8301, Lon: 23.9772}}, Want: []string{"км"}, Not: []string{"Ваші записи"}},
	)
}

// «перенесіть на четвер» on a booking's card moves it to that day: the
// times of Thursday are offered, not the list of days.
func TestMoveTypedWithADayMovesToThatDay(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Action: "menu:mybookings"},
		step{Action: "mybookings:v:1"},
		step{Text: "перенесіть на четвер", Want: []string{"четвер, 16 липня"}, Not: []string{"Оберіть день"}},
	)
}

// With one booking, «скасуйте мій запис» typed under the list of bookings
// asks to cancel it; with two, the list asks which, and the request says
// so instead of showing the same list again.
func TestCancelTypedUnderTheListOfOneBookingAsksToCancelIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Action: "menu:mybookings", Want: []string{"Ваші записи"}},
		step{Text: "скасуйте мій запис", Want: []string{"Скасувати запис на", "10:40"}, Buttons: []string{"Так, скасувати"}},
		step{Text: "так", Want: []string{"скасовано"}},
	)
	env = newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e, step{Action: "book:ok"})
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:passport-abroad"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:1000", Want: []string{"Записати на ім’я Олена Петренко"}},
		step{Action: "book:me", Want: []string{"Перевірте"}},
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Text: "меню"},
		step{Text: "хочу скасувати запис", Want: []string{"Ваші записи", "14.07", "15.07"}, Not: []string{"Скасувати запис на"}},
	)
}

// «скасувати» under the list of one booking asks to cancel that booking;
// it said «Скасовано, нічого не збережено» and left the booking in place.
func TestBareCancelTypedUnderTheListOfOneBookingAsksToCancelIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Action: "menu:mybookings", Want: []string{"Ваші записи"}},
		step{Text: "скасувати", Want: []string{"Скасувати запис на", "10:40"}, Not: []string{"Скасовано"}},
		step{Text: "так", Want: []string{"скасовано"}},
	)
}
