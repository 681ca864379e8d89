package dialog_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A request to book that names the CNAP, the day and the time («запишіть
// мене в ЦНАП на Сихові на завтра на 10») starts the booking with them: only
// the service is asked, then the resident's name, and the summary holds
// that CNAP, day and time.
func TestBookingRequestNamingCNAPDayAndTimeStartsWithThem(t *testing.T) {
	tests := []struct {
		name, locale, text, askName string
		want, confirm               []string
	}{
		{"Uk", "uk", "запишіть мене в ЦНАП на Сихові на завтра на 10", "Як Вас звати",
			[]string{"ЦНАП на Сихові", "Оберіть групу послуг"}, []string{"ЦНАП на Сихові", "середа, 15 липня, 10:00"}},
		{"UkSurzhyk", "uk", "запишите меня в цнап на Сихове на 16.07 о 9:20", "Як Вас звати",
			[]string{"ЦНАП на Сихові"}, []string{"ЦНАП на Сихові", "четвер, 16 липня, 09:20"}},
		{"En", "en", "book me at the Sykhiv CNAP tomorrow at 10", "What is your name",
			[]string{"CNAP in Sykhiv"}, []string{"CNAP in Sykhiv", "15 July", "10:00"}},
		// "for" before the day, as «на» before it in Ukrainian, took
		// neither the day nor the time: the day list was shown
		{"EnForTheDay", "en", "book me at CNAP in Sykhiv for tomorrow at 10:00", "What is your name",
			[]string{"CNAP in Sykhiv"}, []string{"CNAP in Sykhiv", "15 July", "10:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			withFAQ(env.e)
			in := dialog.Update{Locale: tt.locale}
			dialogtest.Converse(t, env.e,
				step{In: in, Text: tt.text, Want: tt.want, Not: []string{"Оберіть ЦНАП", "Choose the CNAP"}},
				step{In: in, Action: "book:s:id-card", Want: []string{tt.askName},
					Not: []string{"Оберіть день", "Оберіть час", "Choose a day", "Choose a time"}},
				step{In: in, Text: "Олена Петренко"},
				step{In: in, Text: "+380671234567", Want: tt.confirm},
			)
		})
	}
}

// A named time that is taken is said so, with the nearest free times; a
// named day the CNAP does not work is explained, with the nearest days.
func TestBookingRequestNamingATakenTimeOrAClosedDayOffersTheNearest(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	at := time.Date(2026, 7, 15, 10, 0, 0, 0, kyiv(t))
	ctx := context.Background()
	for i := 1; ; i++ {
		r, _ := env.store.EnsureResident(ctx, vikno.Telegram, fmt.Sprint("filler", i), "uk")
		_, err := env.visits.Book(ctx, cases.BookRequest{ResidentID: r.ID, LocationID: "cnap-sykhiv",
			ServiceID: "id-card", Start: at, Name: "Інша Людина", Phone: "+380671111111"})
		if errors.Is(err, cases.ErrSlotTaken) {
			break
		}
		if err != nil || i > 50 {
			t.Fatalf("booking 10:00 up: %v", err)
		}
	}
	dialogtest.Converse(t, env.e,
		step{Text: "запишіть мене в ЦНАП на Сихові на завтра на 10"},
		step{Action: "book:s:id-card", Want: []string{"О 10:00 цей час уже зайнятий", "Найближчий вільний час"},
			Buttons: []string{"09:40", "10:20"}, Not: []string{"Як Вас звати"}},
		step{Text: "меню"},
		step{Text: "запишіть мене в ЦНАП на Сихові на неділю", Want: []string{"ЦНАП на Сихові"}},
		step{Action: "book:s:id-card", Want: []string{"неділю, 19 липня", "вихідний день", "Найближчі дні"}},
	)
}

// «ой ні, краще на Шевченка» typed at the time (or day) step moves the
// booking to that CNAP instead of «Не зрозумів час».
func TestAnotherCNAPInASentenceAtTheDayOrTimeStepMovesTheBooking(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-center"},
		step{Action: "book:d:20260715", Want: []string{"ЦНАП у Ратуші"}},
		step{Text: "ой ні, краще на Шевченка", Want: []string{"ЦНАП на Шевченка", "Оберіть день"}, Not: []string{"Не зрозумів"}},
		step{Text: "давайте все ж таки в Ратуші", Want: []string{"ЦНАП у Ратуші", "Оберіть день"}, Not: []string{"Не зрозумів"}},
		step{Text: "в четвер", Want: []string{"четвер, 16 липня, ЦНАП у Ратуші"}},
	)
}

// A long story around a request to book is read too: the service, the CNAP
// by its name, the day and the time, said back before the first question;
// a place the story merely mentions («живу у Винниках») is not taken as
// the CNAP.
func TestBookingRequestInALongStory(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Добрий день! Мене звати Ганна Степанівна, мені 75 років, живу на Шевченка 10. Чоловік помер, тепер сама плачу " +
			"за квартиру, дуже дорого. Хочу записатися на субсидію в ЦНАП на Сихові на понеділок, якщо можна о 10. Дякую!",
			Want: []string{"Житлова субсидія — ЦНАП на Сихові, понеділок, 20 липня.", "О 10:00 прийом не починається", "Найближчий вільний час"}},
		step{Text: "меню"},
		step{Text: "Доброго дня! Підкажіть будь ласка я хочу записатися на прийом але не знаю куди краще бо живу у Винниках а працюю в центрі",
			Want: []string{"Оберіть ЦНАП"}, Not: []string{"ЦНАП у Винниках. Оберіть"}},
	)
}

// Another time or day typed at the booking's confirmation («ні, давайте
// краще о 11:00», «а можна на четвер?») changes it, keeping the name and
// the phone, instead of «Оберіть варіант кнопкою».
func TestAnotherTimeOrDayAtTheConfirmationChangesIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirmOn("20260715", "1020")...)
	dialogtest.Converse(t, env.e,
		step{Text: "ні, давайте краще о 11:00", Want: []string{"Перевірте", "середа, 15 липня, 11:00", "Олена Петренко, +380671234567"},
			Not: []string{"Оберіть, будь ласка, варіант"}},
		step{Text: "а можна на четвер?", Want: []string{"Оберіть час: четвер, 16 липня"}, Not: []string{"Оберіть, будь ласка, варіант"}},
		step{Action: "book:t:0940", Want: []string{"Перевірте", "четвер, 16 липня, 09:40", "Олена Петренко"}},
		step{Text: "а на п’ятницю о 10?", Want: []string{"Перевірте", "п’ятниця, 17 липня, 10:00"}},
		step{Action: "book:ok", Want: []string{"Ви записані", "п’ятниця, 17 липня, 10:00"}},
	)
}

// A service typed by its name at the group step («закордонний паспорт»,
// its group's list not open) picks that service.
func TestServiceTypedAtTheGroupStepPicksIt(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book"},
		step{Action: "book:l:cnap-sykhiv", Want: []string{"Оберіть групу послуг"}},
		step{Text: "закордонний паспорт", Want: []string{"Закордонний паспорт — ЦНАП на Сихові", "Оберіть день"}, Not: []string{"Оберіть, будь ласка, варіант"}},
	)
}

// In a long request the CNAP named beside the word «ЦНАП» ("at the Sykhiv
// CNAP", «у ЦНАП, що на Сихові») is taken, as in a short one; only a place
// the story mentions elsewhere is not.
func TestLongBookingRequestTakesTheCNAPNamedBesideTheWord(t *testing.T) {
	tests := []struct{ locale, text, want string }{
		{"en", "I want to book an appointment at the Sykhiv CNAP tomorrow at 10", "CNAP in Sykhiv"},
		{"uk", "Доброго дня, хочу записатися на паспорт на завтра на 10, у ЦНАП, що на Сихові, якщо можна", "ЦНАП на Сихові"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			env := newVisitEnv(t)
			withFAQ(env.e)
			dialogtest.Converse(t, env.e,
				step{In: dialog.Update{Locale: tt.locale}, Text: tt.text, Want: []string{tt.want}, Not: []string{"Оберіть ЦНАП", "Choose the CNAP"}})
		})
	}
}

// A request for a part of the day («в середу після обіду», "on Wednesday
// in the afternoon") lists that day's times from 13:00 (the evening from
// 16:00), instead of from the opening hour.
func TestBookingRequestForAPartOfTheDayListsThoseTimes(t *testing.T) {
	tests := []struct{ locale, text, want, before string }{
		{"uk", "запишіть мене на паспорт у ЦНАП на Сихові в середу після обіду", "13:00", "12:40"},
		{"uk", "запишіть мене в ЦНАП на Сихові на завтра ввечері", "16:00", "15:40"},
		{"en", "book me at the Sykhiv CNAP tomorrow in the afternoon", "13:00", "12:40"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			withFAQ(env.e)
			in := dialog.Update{Locale: tt.locale}
			replies := dialogtest.Converse(t, env.e,
				step{In: in, Text: tt.text},
				step{In: in, Action: "book:s:id-card", Buttons: []string{tt.want}, Not: []string{"Оберіть день", "Choose a day"}},
			)
			if hasButton(replies, "09:00") || hasButton(replies, tt.before) {
				t.Fatalf("the times begin before %s", tt.want)
			}
			replies = dialogtest.Converse(t, env.e, step{In: in, Action: "book:p:-1"})
			if !hasButton(replies, tt.before) {
				t.Fatalf("the earlier page lacks %s", tt.before)
			}
		})
	}
}

func hasButton(replies []dialog.Reply, label string) bool {
	for _, r := range replies {
		for _, b := range r.AllButtons() {
			if b.Label == label {
				return true
			}
		}
	}
	return false
}
