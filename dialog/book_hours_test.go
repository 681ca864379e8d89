package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «а в суботу працюєте?» at the day step is a question, not Saturday
// chosen: the CNAP's hours that day are the answer, and the day is asked
// again. A day the CNAP does not work is said to be its day off.
func TestHoursAskedAtTheDayStepAreAnsweredAndTheStepGoesOn(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-center", Want: []string{"Оберіть день"}},
		step{Text: "а в суботу працюєте?", Want: []string{"ЦНАП у Ратуші: субота — 09:00–16:00", "Оберіть день"},
			Not: []string{"Оберіть час"}, Buttons: []string{"сб 18.07"}},
		step{Text: "до котрої ви працюєте?", Want: []string{"ЦНАП у Ратуші працює:", "пт 09:00–16:45", "Оберіть день"},
			Not: []string{"Не зрозумів"}},
		step{Text: "в суботу", Want: []string{"Оберіть час", "18 липня"}},
	)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Text: "А в неділю ви відчинені? А в суботу?", Want: []string{"неділя — вихідний", "субота — вихідний", "Оберіть день"},
			Not: []string{"Оберіть час", "записатися не можна"}},
	)
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Action: "menu:book:id-card"},
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Action: "book:l:cnap-center"},
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Text: "are you open on saturday?",
			Want: []string{"Saturday — 09:00–16:00", "Choose a day"}, Not: []string{"Choose a time"}},
	)
}
