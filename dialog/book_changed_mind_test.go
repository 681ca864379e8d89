package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A resident who changes her mind where the booking asks for a button (a
// CNAP, a service) or in the appeal form (the topic, the address) — «ой,
// передумала, скільки людей у черзі зараз?» — gets what she now asks for,
// not «Оберіть варіант кнопкою» again, nor a description or an address.
func TestRequestForAnotherFlowAtAFormStepStartsIt(t *testing.T) {
	for _, tt := range []struct {
		name  string
		steps []step
	}{
		{"booking location", []step{{Action: "menu:book", Want: []string{"Оберіть ЦНАП"}}}},
		{"booking service", []step{{Action: "menu:book"}, {Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть групу послуг"}}}},
		{"appeal topic", []step{{Action: "menu:appeal", Want: []string{"Про яку проблему"}}}},
		{"appeal address", []step{{Action: "menu:appeal"}, {Action: "appeal:s:housing"}, {Action: "appeal:c:no-hot-water", Want: []string{"Де саме проблема"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			dialog.RegisterAppeals(env.e, newAppealWorld(t).svc)
			dialogtest.Converse(t, env.e, tt.steps...)
			dialogtest.Converse(t, env.e,
				step{Text: "ой, я передумала, скільки людей у черзі зараз?", Want: []string{"Черга в ЦНАП"}, Not: []string{"кнопкою", "Не вдалося", "Опишіть"}},
			)
		})
	}
	env := newVisitEnv(t)
	dialog.RegisterAppeals(env.e, newAppealWorld(t).svc)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book"},
		step{Text: "Сихів", Want: []string{"ЦНАП на Сихові"}}, // a place is still the CNAP
		step{Action: "menu:appeal"},
		step{Text: "не вивезли сміття, скільки можна чекати", Buttons: []string{"Не вивезли сміття"}}, // a problem is still the topic
	)
}

// «а можна змінити ЦНАП на Сихів?» at the confirmation moves the booking to
// that CNAP on the same day and time, keeping the name and the phone.
func TestAnotherCNAPTypedAtTheConfirmationMovesTheBookingThere(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1020")...)
	dialogtest.Converse(t, env.e,
		step{Text: "ой, а можна змінити ЦНАП на Сихів?", Want: []string{"Перевірте", "ЦНАП на Сихові", "вівторок, 14 липня, 10:20", "Олена Петренко"},
			Not: []string{"кнопкою", "Виговського"}},
		step{Action: "book:ok", Want: []string{"ЦНАП на Сихові", "Номер запису"}},
	)
	env = newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1020")...)
	dialogtest.Converse(t, env.e,
		step{Text: "а можна в ЦНАП на Сихові на четвер о 11?", Want: []string{"Перевірте", "ЦНАП на Сихові", "четвер, 16 липня, 11:00", "Олена Петренко"}},
	)
}

// At the confirmation, a relative named instead («ой, це не для мене,
// запишіть онука Іваненко Тараса») books that person, asking the phone to
// call about him; «Тараса» is a name here, not the CNAP on Tarasa
// Shevchenka St.
func TestRelativeTypedAtTheConfirmationBooksThatPerson(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1020")...)
	dialogtest.Converse(t, env.e,
		step{Text: "ой, це не для мене, запишіть онука Іваненко Тараса", Want: []string{"Запис на ім’я Іваненко Тараса. За яким номером"},
			Not: []string{"Шевченка"}},
		step{Text: "0671112233", Want: []string{"Записуємо: Іваненко Тараса, +380671112233", "ЦНАП на Виговського"}},
	)
}

// Another day asked for at the name step («ой, а можна краще на
// четвер?») moves the booking to that day, as at the confirmation; it was
// refused as «not a name». A name that is also a weekday («Середа Олена»)
// stays a name.
func TestAnotherDayAskedAtTheNameStepMovesTheBooking(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
	dialogtest.Converse(t, env.e,
		step{Text: "ой, а можна краще на четвер?", Want: []string{"четвер, 16 липня"}, Not: []string{"не ім’я"}},
		step{Action: "book:t:1000", Want: []string{"Як Вас звати"}},
		step{Text: "Середа Олена", Want: []string{"Ваш номер телефону"}},
	)
}
