package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// At 10:00 on Tuesday 14 July a booking promises only the reminders still
// ahead.
func TestBookingPromisesOnlyRemindersStillAhead(t *testing.T) {
	tests := []struct {
		name, locale, day, hhmm string
		want, not               []string
	}{
		{"TomorrowBoth", "uk", "20260715", "0900", []string{"Нагадаю напередодні ввечері та за годину"}, []string{"нагадувань не буде"}},
		{"LaterTodayHourOnly", "uk", "20260714", "1120", []string{"Нагадаю за годину до візиту, о 10:20"}, []string{"напередодні"}},
		{"SoonNone", "uk", "20260714", "1040", []string{"нагадувань не буде"}, []string{"Нагадаю"}},
		{"LaterTodayHourOnlyEn", "en", "20260714", "1120", []string{"I will remind you an hour before the visit, at 10:20"}, []string{"evening"}},
		{"SoonNoneEn", "en", "20260714", "1040", []string{"there will be no reminders"}, []string{"I will remind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			steps := toConfirmOn(tt.day, tt.hhmm)
			if tt.locale == "en" {
				steps = []dialogtest.Step{{In: dialog.Update{Locale: "en"}, Action: "menu:book:id-card"},
					{Action: "book:l:cnap-vyhovskoho"}, {Action: "book:d:" + tt.day}, {Action: "book:t:" + tt.hhmm},
					{Text: "Olena Petrenko"}, {Text: "+380 67 123 45 67"}}
			}
			dialogtest.Converse(t, env.e, steps...)
			dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: tt.want, Not: tt.not})
		})
	}
}

func TestMovedBookingSaysTheOldNumberIsVoid(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: []string{"Номер запису"}})
	before, err := env.visits.Upcoming(context.Background(), 1)
	if err != nil || len(before) != 1 {
		t.Fatalf("upcoming = %+v, %v", before, err)
	}
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:r1"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:0900"},
		step{Action: "book:ok", Want: []string{"запис перенесено", "Попередній номер " + before[0].Code + " більше не дійсний"}},
	)
	after, _ := env.visits.Upcoming(context.Background(), 1)
	if len(after) != 1 || after[0].Code == before[0].Code {
		t.Fatalf("after the move = %+v; want one visit with a new code", after)
	}
}
