package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A question about the chosen service typed while booking («вибачте, а
// скільки коштує паспорт?», «а які документи взяти?») is answered from the
// service's card and the step is asked again, instead of «Не зрозумів
// дату» or «це запитання, а не ім’я».
func TestServiceQuestionWhileBookingIsAnsweredAndTheStepGoesOn(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Text: "вибачте, а скільки коштує паспорт?", Want: []string{"вартість — 279 грн", "Оберіть день"}, Not: []string{"Не зрозумів"}},
		step{Action: "book:d:20260715"},
		step{Text: "а які документи взяти?", Want: []string{"візьміть із собою", "Свідоцтво про народження", "Оберіть час"}, Not: []string{"Не зрозумів"}},
		step{Action: "book:t:1020", Want: []string{"Як Вас звати"}},
		step{Text: "а скільки робиться паспорт?", Want: []string{"строк — 20 робочих днів", "Як Вас звати"}, Not: []string{"Схоже, це запитання"}},
		step{Text: "Олена Петренко", Want: []string{"номер телефону"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, env.e,
		step{In: en, Action: "menu:book:id-card"},
		step{In: en, Action: "book:l:cnap-vyhovskoho"},
		step{In: en, Text: "how much does it cost?", Want: []string{"the fee is UAH 279", "Choose a day"}},
	)
}

// «а скільки чекати паспорт?» while booking asks how long the service
// takes, as outside the booking: it is answered from the card; a question
// about the queue is not.
func TestHowLongToWaitWhileBookingIsTheServiceTerm(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Text: "а скільки чекати паспорт?", Want: []string{"строк — 20 робочих днів", "Оберіть день"}, Not: []string{"Не зрозумів"}},
		step{Text: "а довго чекати в черзі?", Not: []string{"строк —"}},
	)
}
