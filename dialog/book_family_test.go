package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// toName takes a resident from the menu to the name step of id-card at
// cnap-vyhovskoho on Tuesday 14 July at hhmm; the last step wants want.
func toName(hhmm, want string) []step {
	return []step{
		{Action: "menu:book:id-card"},
		{Action: "book:l:cnap-vyhovskoho"},
		{Action: "book:d:20260714"},
		{Action: "book:t:" + hhmm, Want: []string{want}},
	}
}

// A grandmother who types at the name step whom she books («Записую онука,
// Іваненко Тарас») books her grandson: his name, a phone the CNAP may call
// about his visit (not «Ваш номер»), a summary and an answer that say whom
// the booking is for and that he brings the documents.
func TestNameTypedWithARelativeBooksThatPerson(t *testing.T) {
	tests := []struct {
		name, typed, who string
	}{
		{"RelativeFirst", "Записую онука, Іваненко Тарас", "Іваненко Тарас"},
		{"RelativeAfter", "Іваненко Тарас — мій онук", "Іваненко Тарас"},
		{"NoComma", "Онук Тарас Іваненко", "Тарас Іваненко"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
			dialogtest.Converse(t, env.e,
				step{Text: tt.typed, Want: []string{"Запис на ім’я " + tt.who + ". За яким номером"}, Not: []string{"Ваш номер", "онук"}},
				step{Text: "+380671112233", Want: []string{"Записуємо: " + tt.who + ", +380671112233"}},
				step{Action: "book:ok", Want: []string{"запис на ім’я " + tt.who + " створено", tt.who + " має взяти із собою"},
					Not: []string{"Ви записані", "Візьміть із собою"}},
			)
		})
	}
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, english("", toName("1020", "What is your name")...)...)
	dialogtest.Converse(t, env.e, english("",
		step{Text: "my grandson Taras Ivanenko", Want: []string{"Booking for Taras Ivanenko. Which phone number"}, Not: []string{"Your phone"}},
		step{Text: "+380671112233", Want: []string{"Booking for: Taras Ivanenko, +380671112233"}},
		step{Action: "book:ok", Want: []string{"Taras Ivanenko is booked", "Taras Ivanenko should bring"}},
	)...)
}

// Offered her own details from an earlier booking («Записати на ім’я Олена
// Петренко?»), a resident who types whom she books instead books that
// person.
func TestRelativeTypedInsteadOfKnownDetailsBooksThatPerson(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, append(toConfirm("1020"), step{Action: "book:ok", Want: []string{"Ви записані"}})...)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:passport-abroad"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:1000", Want: []string{"Записати на ім’я Олена Петренко"}},
		step{Text: "ні, онука Іваненко Тарас", Want: []string{"Запис на ім’я Іваненко Тарас. За яким номером"}},
		step{Text: "0671112233", Want: []string{"Записуємо: Іваненко Тарас"}},
	)
}
