package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A question about how to book («як записатися в ЦНАП?», "how do I book an
// appointment at the CNAP?") gets a short answer and the button to book,
// whether or not the knowledge base has articles near it; before, the
// English one started a booking and the Ukrainian one listed articles. A
// request to book («запишіть мене», "book me") still books.
func TestAQuestionHowToBookIsAnsweredWithTheButton(t *testing.T) {
	for _, near := range []bool{false, true} {
		env := newVisitEnv(t)
		kb := withFAQ(env.e)
		if near {
			kb.near = []dialog.FAQHit{{ID: "cnap-cancel", Title: "Як скасувати запис у ЦНАП?"}, {ID: "alarm", Title: "Чи працює ЦНАП під час тривоги?"}}
		}
		en := func(s step) step { s.In = dialog.Update{Locale: "en", UserID: "en"}; return s }
		dialogtest.Converse(t, env.e,
			step{Text: "як записатися в ЦНАП?", Want: []string{"Записатися до ЦНАП можна прямо тут", "1580"},
				Buttons: []string{"Записатися"}, Not: []string{"Оберіть ЦНАП", "Як скасувати запис"}},
			step{Text: "Підкажіть, будь ласка, як можна записатися на прийом до ЦНАП?", Want: []string{"Записатися до ЦНАП можна прямо тут"},
				Buttons: []string{"Записатися"}, Not: []string{"Оберіть ЦНАП"}},
			step{Text: "Здрастуйте, мені 78 років, я погано бачу, чи можна записатися по телефону?", Want: []string{"Записатися до ЦНАП можна прямо тут", "1580"},
				Buttons: []string{"Записатися"}, Not: []string{"Оберіть ЦНАП", "Як скасувати запис"}},
			step{Text: "Записатися", Want: []string{"Оберіть ЦНАП"}},
			step{Text: "меню"},
			step{Text: "Запишіть мене в ЦНАП, будь ласка", Want: []string{"Оберіть ЦНАП"}},
			en(step{Text: "how do I book an appointment at the CNAP?", Want: []string{"You can book a CNAP visit right here"},
				Buttons: []string{"Book a visit"}, Not: []string{"Choose the CNAP"}}),
			en(step{Text: "how can I make an appointment?", Want: []string{"You can book a CNAP visit right here"}, Not: []string{"Choose the CNAP"}}),
			en(step{Text: "Book a visit", Want: []string{"Choose the CNAP"}}),
			en(step{Text: "menu"}),
			en(step{Text: "book me an appointment at the CNAP please", Want: []string{"Choose the CNAP"}}),
		)
	}
}

// After a CNAP's card a question how to book («як записатися в ЦНАП?») is
// answered, with the button to book at that CNAP; before, it started the
// booking there. «запишіть мене туди» still books there.
func TestAQuestionHowToBookAfterACNAPCardIsAnswered(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП на Сихові"},
		step{Text: "як записатися в ЦНАП?", Want: []string{"Записатися до ЦНАП можна прямо тут"}, Buttons: []string{"Записатися · ЦНАП на Сихові"},
			Not: []string{"Оберіть групу послуг"}},
		step{Text: "запишіть мене туди", Want: []string{"ЦНАП на Сихові. Оберіть групу послуг"}},
	)
}

// «чи можна записатися на суботу до ЦНАП на Сихові?» is answered with that
// CNAP's hours on Saturday and the button to book there, not only with
// how booking works; a CNAP closed that day says so.
func TestAQuestionHowToBookOnADayAtANamedCNAPSaysItsHours(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Добрий день! Підкажіть, будь ласка, чи можна записатися на прийом на суботу до ЦНАП на Сихові, бо в будні я працюю, дуже дякую!",
			Want:    []string{"ЦНАП на Сихові: субота — 09:00–16:00", "Записатися до ЦНАП можна прямо тут"},
			Buttons: []string{"Записатися · ЦНАП на Сихові"}},
		step{Text: "чи можна записатися на неділю в ЦНАП на Виговського?", Want: []string{"ЦНАП на Виговського: неділя — вихідний"}},
	)
}
