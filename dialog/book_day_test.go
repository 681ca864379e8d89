package dialog_test

import (
	"testing"
	"time"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestTypedWeekendSaysClosedAndOffersNearestDaysThenReadsDatesAgain(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Text: "18.07", Want: []string{"На суботу, 18 липня, записатися не можна", "у ЦНАП на Виговського це вихідний день",
			"Найближчі дні"}, Buttons: []string{"чт 16.07", "пт 17.07", "пн 20.07", "Назад"}, Not: []string{"🔔"}},
		step{Text: "19 липня", Want: []string{"неділю, 19 липня", "вихідний день"}},
		step{Text: "15.07", Want: []string{"середа, 15 липня"}, Buttons: []string{"09:00"}},
		step{Text: "18.07", Want: []string{"суботу, 18 липня", "вихідний день"}},
		step{Action: "book:d:20260717", Want: []string{"п’ятниця, 17 липня"}},
	)
}

func TestTypedClosureHolidayPastAndFarDays(t *testing.T) {
	tests := []struct {
		name, locale, service, location, typed string
		now                                    time.Time
		want                                   []string
		buttons                                []string
	}{
		{"ClosureUk", "uk", "residence-register", "cnap-lysynychi", "16.07", time.Time{},
			[]string{"На четвер, 16 липня, записатися не можна", "цього дня не працює"}, []string{"вт 14.07", "вт 21.07", "чт 23.07"}},
		{"ClosureEn", "en", "residence-register", "cnap-lysynychi", "16.07", time.Time{},
			[]string{"You cannot book for", "16 July", "is closed that day", "The nearest days you can book"}, []string{"Tue 14.07"}},
		{"HolidayUk", "uk", "id-card", "cnap-vyhovskoho", "24 серпня", time.Date(2026, 8, 20, 10, 0, 0, 0, kyiv(t)),
			[]string{"понеділок, 24 серпня", "святковий день"}, []string{"пт 21.08", "вт 25.08"}},
		{"HolidayEn", "en", "id-card", "cnap-vyhovskoho", "24.08", time.Date(2026, 8, 20, 10, 0, 0, 0, kyiv(t)),
			[]string{"Monday, 24 August", "public holiday"}, []string{"Tue 25.08"}},
		{"PastUk", "uk", "id-card", "cnap-vyhovskoho", "10.07.2026", time.Time{},
			[]string{"уже минув"}, []string{"вт 14.07"}},
		{"FarUk", "uk", "id-card", "cnap-vyhovskoho", "14.09", time.Time{},
			[]string{"запис ще не відкрито", "14 робочих днів"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			if !tt.now.IsZero() {
				env.setNow(tt.now)
			}
			dialogtest.Converse(t, env.e,
				step{In: dialog.Update{Locale: tt.locale}, Action: "menu:book:" + tt.service},
				step{Action: "book:l:" + tt.location},
				step{Text: tt.typed, Want: tt.want, Buttons: tt.buttons, Not: []string{"🔔"}},
			)
		})
	}
}

func TestTypedDateAtTheTimeStepPicksThatDay(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715", Want: []string{"середа, 15 липня"}},
		step{Text: "18.07", Want: []string{"суботу, 18 липня", "вихідний день"}},
		step{Text: "16 липня", Want: []string{"четвер, 16 липня"}, Buttons: []string{"09:00"}},
	)
}

func kyiv(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTypedWeekdaysAndDateFormsAreDays(t *testing.T) {
	tests := []struct {
		locale, typed string
		want          []string
	}{
		{"uk", "у п'ятницю", []string{"п’ятниця, 17 липня"}},
		{"uk", "У ПʼЯТНИЦЮ", []string{"п’ятниця, 17 липня"}},
		{"uk", "в понеділок", []string{"понеділок, 20 липня"}},
		{"uk", "у вівторок", []string{"вівторок, 21 липня"}}, // today is a Tuesday: the next one
		{"uk", "середа", []string{"середа, 15 липня"}},
		{"uk", "завтра", []string{"середа, 15 липня"}},
		{"uk", "післязавтра", []string{"четвер, 16 липня"}},
		{"uk", "на 20/07", []string{"понеділок, 20 липня"}},
		{"uk", "20 липня", []string{"понеділок, 20 липня"}},
		{"uk", "в суботу", []string{"На суботу, 18 липня, записатися не можна", "Найближчі дні"}},
		{"en", "on Friday", []string{"Friday, 17 July"}},
		{"en", "monday", []string{"Monday, 20 July"}},
		{"en", "Sunday", []string{"19 July", "The nearest days you can book"}},
	}
	for _, tt := range tests {
		t.Run(tt.locale+"/"+tt.typed, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				step{In: dialog.Update{Locale: tt.locale}, Action: "menu:book:id-card"},
				step{Action: "book:l:cnap-vyhovskoho"},
				step{Text: tt.typed, Want: tt.want},
			)
		})
	}
}

// The time step does not start a sentence with a lowercase weekday.
func TestTimeStepStartsWithACapital(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toTimes("20260715", "Оберіть час: середа, 15 липня, ЦНАП на Виговського.")...)
	dialogtest.Converse(t, env.e, english("en", toTimes("20260715", "Choose a time: Wednesday, 15 July, CNAP on Vyhovskoho St.")...)...)
}

func TestTypedWeekdayAfterAClosedDayIsStillADay(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Text: "у неділю", Want: []string{"неділю, 19 липня", "вихідний день"}},
		step{Text: "у п’ятницю", Want: []string{"п’ятниця, 17 липня"}, Buttons: []string{"09:00"}},
		step{Text: "в понеділок", Want: []string{"понеділок, 20 липня"}}, // at the time step: another day
	)
}

func TestNameStepOffersBookingAnotherPersonAndFindsTheNameInASentence(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:1100", Want: []string{"Як Вас звати"}, Buttons: []string{"Записати іншу людину"}},
		step{Action: "book:fam", Want: []string{"Як звати людину, яку записуємо"}},
		step{Text: "не знаю", Want: []string{"ім’я та прізвище людини, яку записуєте"}},
		step{Text: "Записую онука, Іваненко Тарас Петрович", Want: []string{"Запис на ім’я Іваненко Тарас Петрович. За яким номером телефону ЦНАП може зв’язатися щодо цього запису?"}},
		step{Text: "067 123 45 67", Want: []string{"Перевірте", "Іваненко Тарас Петрович, +380671234567"}},
		step{Action: "book:ok", Want: []string{"Готово, запис на ім’я Іваненко Тарас Петрович створено!", "Номер запису"},
			Not: []string{"Ви записані"}},
	)
}

func TestNameStepOffersBookingAnotherPersonInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	en := func(s step) step { s.In.Locale = "en"; return s }
	dialogtest.Converse(t, env.e,
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho"}),
		en(step{Action: "book:d:20260715"}),
		en(step{Action: "book:t:1100", Buttons: []string{"Book another person"}}),
		en(step{Action: "book:fam", Want: []string{"the person you are booking for"}, Not: []string{"your first and last name"}}),
		en(step{Text: "I don't know", Want: []string{"first and last name of the person you are booking for"}, Not: []string{"your first"}}),
		en(step{Text: "For my grandson: Taras Ivanenko", Want: []string{"Booking for Taras Ivanenko. Which phone number can the CNAP call"}, Not: []string{"phone number of"}}),
		en(step{Text: "+48 601 234 567", Want: []string{"Taras Ivanenko, +48601234567"}}),
		en(step{Action: "book:ok", Want: []string{"Done, Taras Ivanenko is booked!", "Booking number"}, Not: []string{"you are booked"}}),
	)
}

func TestMovedBookingSaysTheOldNumberIsVoidInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	en := func(s step) step { s.In.Locale = "en"; return s }
	dialogtest.Converse(t, env.e,
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho"}),
		en(step{Action: "book:d:20260714"}),
		en(step{Action: "book:t:1040"}),
		en(step{Text: "Olena Petrenko"}),
		en(step{Text: "+380671234567"}),
		en(step{Action: "book:ok", Want: []string{"Booking number"}}),
		en(step{Action: "menu:book:r1"}),
		en(step{Action: "book:d:20260715"}),
		en(step{Action: "book:t:0900"}),
		en(step{Action: "book:ok", Want: []string{"is no longer valid"}}),
	)
}

// A weekday written in Russian («на пятницу», «в понедельник») or without
// the apostrophe («пятницю») is a day at the day step and in a request to
// book.
func TestWeekdayInRussianOrWithoutApostropheIsADay(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"на пятницу", "п’ятниця, 17 липня"}, {"в понедельник", "понеділок, 20 липня"}, {"пятницю", "п’ятниця, 17 липня"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				step{Action: "menu:book:id-card"},
				step{Action: "book:l:cnap-vyhovskoho"},
				step{Text: tt.text, Want: []string{tt.want}, Not: []string{"Не зрозумів"}},
			)
		})
	}
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "хочу записаться в цнап на Сихове на пятницу на 11"},
		step{Action: "book:s:id-card", Want: []string{"Як Вас звати"}},
		step{Text: "Олена Петренко"},
		step{Text: "+380671234567", Want: []string{"п’ятниця, 17 липня, 11:00"}},
	)
}

// Other ways residents type a day at the day step: a Russian month («на 16
// декабря»), a day of the month alone («16-го», «на 16 число»), a day inside
// a sentence («в четвер зранку»), and a day with its time («16 липня о 10»,
// which goes on past the time step).
func TestMoreDayFormsAtTheDayStep(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"на 16 июля", "Оберіть час: четвер, 16 липня"},
		{"16-го", "Оберіть час: четвер, 16 липня"},
		{"на 16 число", "Оберіть час: четвер, 16 липня"},
		{"в четвер зранку", "Оберіть час: четвер, 16 липня"},
		{"16 липня о 10", "Як Вас звати"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				step{Action: "menu:book:id-card"},
				step{Action: "book:l:cnap-vyhovskoho"},
				step{Text: tt.text, Want: []string{tt.want}, Not: []string{"Не зрозумів"}},
			)
		})
	}
}

// «у середу після обіду» typed at the day step lists that day's times from
// the afternoon, as the same words in the request to book do; the morning
// came first.
func TestPartOfTheDayTypedAtTheDayStepListsTimesFromIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Text: "у середу після обіду", Want: []string{"середа, 15 липня"}, Buttons: []string{"13:45", "17:25", "Раніше"}},
	)
}
