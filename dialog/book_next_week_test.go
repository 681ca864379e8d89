package dialog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «Наступний вівторок» said on a Monday is the Tuesday of the next week,
// eight days ahead; «цього вівторка» and «у вівторок» are tomorrow. The
// summary carries the date, so the resident sees which Tuesday it is.
func TestNextWeekdayIsTheDayOfTheNextWeek(t *testing.T) {
	monday := func(t *testing.T) time.Time { return time.Date(2026, 7, 13, 10, 0, 0, 0, kyiv(t)) }
	for _, tt := range []struct{ locale, text, want string }{
		{"uk", "наступний вівторок", "вівторок, 21 липня"},
		{"uk", "на наступний вівторок", "вівторок, 21 липня"},
		{"uk", "наступного вівторка", "вівторок, 21 липня"},
		{"uk", "в наступну п’ятницю", "п’ятниця, 24 липня"},
		{"uk", "у наступну середу", "середа, 22 липня"},
		{"uk", "наступного четверга", "четвер, 23 липня"},
		{"uk", "на следующий вторник", "вівторок, 21 липня"},
		{"uk", "в следующую пятницу", "п’ятниця, 24 липня"},
		{"uk", "цього вівторка", "вівторок, 14 липня"},
		{"uk", "у вівторок", "вівторок, 14 липня"},
		{"uk", "в цю п’ятницю", "п’ятниця, 17 липня"},
		{"uk", "наступного тижня у вівторок", "вівторок, 21 липня"},
		{"uk", "у вівторок на наступному тижні", "вівторок, 21 липня"},
		{"uk", "во вторник на следующей неделе", "вівторок, 21 липня"},
		{"en", "next Tuesday", "Tuesday, 21 July"},
		{"en", "Tuesday next week", "Tuesday, 21 July"},
		{"en", "on next Friday", "Friday, 24 July"},
		{"en", "this Tuesday", "Tuesday, 14 July"},
	} {
		t.Run(tt.locale+"/"+tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			env.setNow(monday(t))
			dialogtest.Converse(t, env.e,
				step{In: dialog.Update{Locale: tt.locale}, Action: "menu:book:id-card"},
				step{In: dialog.Update{Locale: tt.locale}, Action: "book:l:cnap-vyhovskoho"},
				step{In: dialog.Update{Locale: tt.locale}, Text: tt.text, Want: []string{tt.want}},
			)
		})
	}
	for _, request := range []string{"хочу записатися в цнап на Сихові на наступний вівторок на 11",
		"хочу записатися в цнап на Сихові у вівторок наступного тижня на 11"} {
		env := newVisitEnv(t)
		env.setNow(monday(t))
		withFAQ(env.e)
		dialogtest.Converse(t, env.e,
			step{Text: request},
			step{Action: "book:s:id-card", Want: []string{"Як Вас звати"}},
			step{Text: "Олена Петренко"},
			step{Text: "+380671234567", Want: []string{"вівторок, 21 липня, 11:00"}},
		)
	}
}

// «На наступному тижні» with no day named offers the days of the next week
// that have free times, instead of «Не зрозумів дату».
func TestNextWeekAloneOffersItsDays(t *testing.T) {
	for _, tt := range []struct{ locale, text, want, not string }{
		{"uk", "на наступному тижні", "Наступного тижня можна записатися", "Не зрозумів"},
		{"uk", "Наступного тижня.", "Наступного тижня можна записатися", "Не зрозумів"},
		{"uk", "на следующей неделе", "Наступного тижня можна записатися", "Не зрозумів"},
		{"en", "next week", "Next week you can book", "did not understand"},
	} {
		t.Run(tt.locale+"/"+tt.text, func(t *testing.T) {
			env := newVisitEnv(t)
			env.setNow(time.Date(2026, 7, 13, 10, 0, 0, 0, kyiv(t))) // a Monday
			got := dialogtest.Converse(t, env.e,
				step{In: dialog.Update{Locale: tt.locale}, Action: "menu:book:id-card"},
				step{In: dialog.Update{Locale: tt.locale}, Action: "book:l:cnap-vyhovskoho"},
				step{In: dialog.Update{Locale: tt.locale}, Text: tt.text, Want: []string{tt.want}, Not: []string{tt.not}},
			)
			var days []string
			for _, r := range got {
				for _, row := range r.Buttons {
					for _, b := range row {
						if d, ok := strings.CutPrefix(b.Action, "book:d:"); ok {
							days = append(days, d)
						}
					}
				}
			}
			if len(days) == 0 {
				t.Fatal("no day offered")
			}
			for _, d := range days {
				if d < "20260720" || d > "20260726" {
					t.Errorf("day %s offered is not in the next week (20–26 July)", d)
				}
			}
		})
	}
}
