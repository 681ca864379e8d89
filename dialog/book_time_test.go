package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A typed time between two start times is not «уже недоступний»: the
// resident is told visits start at set times and offered the nearest free
// ones, in both languages.
func TestTypedTimeThatIsNotAStartTimeOffersTheNearestFreeTimes(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714", Buttons: []string{"10:20", "10:40"}},
		step{Text: "10:30", Want: []string{"О 10:30 прийом не починається", "Найближчий вільний час"},
			Not: []string{"недоступний"}, Buttons: []string{"10:20", "10:40"}},
		step{Text: "10:40", Want: []string{"Як Вас звати"}},
	)
	en := func(s step) step { s.In = dialog.Update{Locale: "en", UserID: "en"}; return s }
	dialogtest.Converse(t, env.e,
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho"}),
		en(step{Action: "book:d:20260714"}),
		en(step{Text: "10:30", Want: []string{"Visits do not start at 10:30", "nearest free times"}, Buttons: []string{"10:20", "10:40"}}),
	)
}

// A time typed with the preposition people put before it («о 10:40», «на
// 10:20», "at 10:40") is the time, not «Не зрозумів час».
func TestTypedTimeWithAPrepositionIsTheTime(t *testing.T) {
	for _, text := range []string{"о 10:40", "На 10:40", "в 10.40", "об 10:40", "at 10:40"} {
		t.Run(text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				step{Action: "menu:book:id-card"},
				step{Action: "book:l:cnap-vyhovskoho"},
				step{Action: "book:d:20260714", Buttons: []string{"10:40"}},
				step{Text: text, Want: []string{"Як Вас звати"}, Not: []string{"Не зрозумів час"}},
			)
		})
	}
}

// Another CNAP typed by its name at the day or time step (the resident
// changed their mind) moves the booking there with the same service, not
// «Не зрозумів час».
func TestAnotherCNAPNamedAtTheTimeStepMovesTheBookingThere(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714", Buttons: []string{"10:40"}},
		step{Text: "ЦНАП на Сихові", Want: []string{"Паспорт (ID-картка) — ЦНАП на Сихові", "Оберіть день"},
			Not: []string{"Не зрозумів"}},
		step{Text: "цнап у ратуші", Want: []string{"ЦНАП у Ратуші", "Оберіть день"}, Not: []string{"Не зрозумів"}},
	)
}

// A question typed where booking asks for the name is not taken as the
// name («а скільки це коштує» was booked as the visitor's name), and one
// typed for the phone gets more than «Не схоже на номер телефону».
func TestQuestionAtTheNameOrPhoneStepIsNoAnswer(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714"},
		step{Text: "10:40", Want: []string{"Як Вас звати"}},
		step{Text: "а скільки це коштує", Want: []string{"Схоже, це запитання чи речення, а не ім’я", "«Меню»"}, Not: []string{"номер телефону"}},
		step{Text: "а що брати з собою?", Want: []string{"Схоже, це запитання чи речення"}},
		step{Text: "Петренко Андрій Іванович", Want: []string{"номер телефону"}},
		step{Text: "а навіщо вам мій номер?", Want: []string{"Схоже, це запитання чи речення, а не номер телефону"}},
		step{Text: "067 123 45 6", Want: []string{"Не схоже на номер телефону"}},
		step{Text: "067 123 45 67", Want: []string{"Перевірте", "Петренко Андрій Іванович"}},
	)
}

// A day at the end of a sentence that changes it («ні, краще в п’ятницю»)
// is read at the time step; a day with a negation before it is not.
func TestDayAtTheEndOfASentenceChangesTheDay(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714", Buttons: []string{"10:40"}},
		step{Text: "ні, краще в п’ятницю", Want: []string{"п’ятниця, 17 липня"}, Not: []string{"Не зрозумів"}},
		step{Text: "ой, давайте на 21.07", Want: []string{"вівторок, 21 липня"}},
		step{Text: "тільки не в середу", Want: []string{"Не зрозумів час"}, Not: []string{"середа, 22 липня"}},
	)
}

// An hour typed with a preposition («о 10», «на 9 годину») or a time inside
// a sentence («давайте о 11:20») at the time step is read as that time.
func TestHourOrTimeInASentenceAtTheTimeStepIsRead(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"о 10", "10:00"}, {"давайте о 11:20", "11:20"}, {"на 9 годину", "09:00"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toTimes("20260715")...)
			dialogtest.Converse(t, env.e,
				step{Text: tt.text, Want: []string{"Як Вас звати"}, Not: []string{"Не зрозумів"}},
				step{Text: "Олена Петренко"},
				step{Text: "+380671234567", Want: []string{"середа, 15 липня, " + tt.want}},
			)
		})
	}
}

// An English 12-hour time ("2 pm", "10am") is the time, at the time step
// and in a request that names the day too; before, the time step did not
// understand it and "tomorrow at 2 pm" took 02:00 or no time at all.
func TestTwelveHourTimeIsTheTime(t *testing.T) {
	en := func(s step) step { s.In = dialog.Update{Locale: "en", UserID: "en"}; return s }
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho"}),
		en(step{Action: "book:d:20260714"}),
		en(step{Text: "10:40am", Want: []string{"What is your name"}}),
		en(step{Text: "Olena Petrenko"}),
		en(step{Text: "+380671234567", Want: []string{"10:40"}}),
		en(step{Text: "cancel"}),
	)
	for _, text := range []string{"tomorrow at 2 pm", "tomorrow 2pm"} {
		t.Run(text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				en(step{Action: "menu:book:id-card"}),
				en(step{Action: "book:l:cnap-sykhiv"}),
				en(step{Text: text, Want: []string{"What is your name"}}),
				en(step{Text: "Olena Petrenko"}),
				en(step{Text: "+380671234567", Want: []string{"15 July, 14:00"}}),
			)
		})
	}
}

// "tmrw" and a misspelt "tommorow" are tomorrow, as in a request that
// names the day and the time; before, the day list was shown again.
func TestTomorrowShortenedOrMisspeltIsTomorrow(t *testing.T) {
	en := func(s step) step { s.In = dialog.Update{Locale: "en", UserID: "en"}; return s }
	for _, text := range []string{"tmrw at 10", "tommorow at 10"} {
		t.Run(text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				en(step{Action: "menu:book:id-card"}),
				en(step{Action: "book:l:cnap-sykhiv"}),
				en(step{Text: text, Want: []string{"What is your name"}}),
				en(step{Text: "Olena Petrenko"}),
				en(step{Text: "+380671234567", Want: []string{"15 July, 10:00"}}),
			)
		})
	}
}

// A day written month first, as English has it ("December 10", "Dec
// 10th"), is that day; before, the day list was shown again.
func TestDayWrittenMonthFirstIsThatDay(t *testing.T) {
	en := func(s step) step { s.In = dialog.Update{Locale: "en", UserID: "en"}; return s }
	for _, text := range []string{"July 16", "Jul 16th", "on July 16"} {
		t.Run(text, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e,
				en(step{Action: "menu:book:id-card"}),
				en(step{Action: "book:l:cnap-sykhiv"}),
				en(step{Text: text, Want: []string{"Choose a time", "16 July"}}),
			)
		})
	}
}

// An hour in words («о десятій», «о другій», "at eleven") is that time (one
// to six is in the afternoon), not «Не зрозумів час».
func TestHourInWordsIsTheTime(t *testing.T) {
	tests := []struct {
		locale, text string
		want         []string
	}{
		{"uk", "о десятій", []string{"Як Вас звати"}},
		{"uk", "давайте об одинадцятій", []string{"Як Вас звати"}},
		{"uk", "на дев’яту", []string{"Як Вас звати"}},
		{"uk", "о другій", []string{"О 14:00 прийом не починається"}}, // a break shifts the times
		{"en", "at eleven", []string{"What is your name"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			in := dialog.Update{Locale: tt.locale}
			dialogtest.Converse(t, env.e,
				step{In: in, Action: "menu:book:id-card"},
				step{In: in, Action: "book:l:cnap-vyhovskoho"},
				step{In: in, Action: "book:d:20260715"},
				step{In: in, Text: tt.text, Want: tt.want, Not: []string{"Не зрозумів", "not understand"}},
			)
		})
	}
}

// A number of things in words in a request («на два паспорти», "for two")
// is no time.
func TestCountInWordsIsNoTime(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "запишіть мене в ЦНАП на Сихові на завтра на два паспорти"},
		step{Action: "book:s:id-card", Want: []string{"Оберіть час"}, Not: []string{"14:00 прийом"}},
	)
}

// "for two" in an English request is no time either.
func TestEnglishCountIsNoTime(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	in := dialog.Update{Locale: "en"}
	dialogtest.Converse(t, env.e,
		step{In: in, Text: "book me at the Sykhiv CNAP tomorrow for two"},
		step{In: in, Action: "book:s:id-card", Want: []string{"Choose a time"}, Not: []string{"14:00"}},
	)
}
