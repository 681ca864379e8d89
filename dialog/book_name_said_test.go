package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A grandmother who names her grandson in the request to book («хочу
// записати внука на паспорт, він в мене Іваненко Тарас Петрович») is
// offered that name at the name step, to take with one press or «так»; it
// was asked for again as if never given. Another name typed replaces it.
func TestNameInTheRequestIsOfferedAtTheNameStep(t *testing.T) {
	tests := []struct {
		name, request, offered, answer, booked string
	}{
		{"Pressed", "Доброго дня, я бабуся, хочу записати внука на паспорт, він в мене Іваненко Тарас Петрович",
			"Іваненко Тарас Петрович", "", "Іваненко Тарас Петрович"},
		{"Yes", "запишіть онука Тараса Іваненка на паспорт", "Тарас Іваненко", "так", "Тарас Іваненко"},
		{"Another", "запишіть сина Богдана Кравецького", "Богдан Кравецький", "Кравецький Богдан Іванович", "Кравецький Богдан Іванович"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			withFAQ(env.e)
			replies := dialogtest.Converse(t, env.e, step{Text: tt.request, Buttons: []string{"Записатися"}, Not: []string{"ЦНАП на Шевченка"}})
			var action string
			for _, b := range dialogtest.Buttons(replies) {
				if strings.Contains(b.Label, "Записатися") {
					action = b.Action
				}
			}
			dialogtest.Converse(t, env.e,
				step{Action: action},
				step{Action: "book:l:cnap-vyhovskoho"},
				step{Action: "book:s:id-card"},
				step{Action: "book:d:20260714"},
				step{Action: "book:t:1020", Want: []string{"Записати на ім’я " + tt.offered + "?"}, Buttons: []string{"Так, на це ім’я"}},
			)
			answer := step{Action: "book:ns"}
			if tt.answer != "" {
				answer = step{Text: tt.answer}
			}
			answer.Want = []string{"Запис на ім’я " + tt.booked + ". За яким номером"}
			dialogtest.Converse(t, env.e, answer)
		})
	}
}
