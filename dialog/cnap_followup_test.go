package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// After a CNAP's card («ЦНАП на Сихові»), a follow-up question («коли
// працює?», «а адреса?») is about that CNAP, not a knowledge-base search
// (which answered about the City Hall one, or matched «коли» in «Миколи
// Хвильового»); a question that names another CNAP is about that one; a
// question about something else still goes to the knowledge base.
func TestFollowUpQuestionIsAboutTheCNAPShown(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП на Сихові", Want: []string{"просп. Червоної Калини"}},
		step{Text: "коли працює?", Want: []string{"ЦНАП на Сихові працює", "сб 09:00–16:00", "нд вихідний"},
			Buttons: []string{"Записатися · ЦНАП на Сихові"}, Not: []string{"Хвильового", "Ратуш"}},
		step{Text: "а адреса?", Want: []string{"ЦНАП на Сихові", "просп. Червоної Калини, 72а"}, Not: []string{"Ратуш"}},
		step{Text: "а в суботу вони працюють?", Want: []string{"ЦНАП на Сихові працює"}},
		step{Text: "а на Шевченка коли працює?", Want: []string{"ЦНАП на Шевченка працює", "сб вихідний", "перерва 13:00–13:45"}},
		step{Text: "а телефон?", Want: []string{"ЦНАП на Шевченка", "☎️"}},
		step{Text: "а скільки там зараз людей?", Want: []string{"ЦНАП на Шевченка: 👥"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, env.e, step{Text: "як змінити номер телефону в Дії?", Not: []string{"☎️"}})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("the knowledge base was asked %q; want the question about Дія", q)
	}
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, env.e,
		step{In: en, Text: "CNAP in Sykhiv"},
		step{In: en, Text: "what are the opening hours?", Want: []string{"CNAP in Sykhiv is open", "Sat 09:00–16:00"}},
		step{In: en, Text: "and the address?", Want: []string{"72a Chervonoi Kalyny Ave"}},
	)
}

// «запишіть мене туди на завтра на 10» after a CNAP's card books at that
// CNAP on that day and time.
func TestBookingRequestAfterACNAPCardBooksThere(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП на Сихові"},
		step{Text: "запишіть мене туди на завтра на 10", Want: []string{"ЦНАП на Сихові"}, Not: []string{"Оберіть ЦНАП"}},
		step{Action: "book:s:id-card", Want: []string{"Як Вас звати"}},
	)
}

// After the three nearest CNAPs, «коли працює?» asks which of them it is
// about, and the one chosen is answered.
func TestFollowUpQuestionAfterSeveralCardsAsksWhich(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	replies := dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП поруч"},
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.80, Lon: 24.05}}, Want: []string{"ЦНАП на Сихові"}},
		step{Text: "коли працює?", Want: []string{"Про який ЦНАП питаєте?"}, Buttons: []string{"ЦНАП на Сихові"}},
	)
	var action string
	for _, b := range dialogtest.Buttons(replies) {
		if b.Label == "ЦНАП на Сихові" {
			action = b.Action
		}
	}
	dialogtest.Converse(t, env.e,
		step{Action: action, Want: []string{"ЦНАП на Сихові працює", "сб 09:00–16:00"}},
		step{Text: "а адреса?", Want: []string{"просп. Червоної Калини, 72а"}},
	)
}

// «а коли він працює?» after a CNAP's card is about that CNAP: «коли», left
// over once «працює» is taken out, named the one on Mykoly Khvylovoho.
func TestFollowUpWithAPronounBetweenItsWordsIsAboutTheCNAPShown(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП на Сихові"},
		step{Text: "а коли він працює?", Want: []string{"ЦНАП на Сихові працює"}, Not: []string{"Хвильового"}},
	)
}

// An FAQ answer between a CNAP's card and a follow-up question does not
// make the bot forget that CNAP: «а коли він працює?» and «запишіть мене
// туди» are still about it (they showed every CNAP's name). The menu
// moves the resident on.
func TestFollowUpAfterAnFAQAnswerIsAboutTheCNAPShown(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	kb.near = []dialog.FAQHit{{ID: "passport", Title: "Як оформити паспорт?"}, {ID: "id-card", Title: "ID-картка"}}
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП на Сихові"},
		step{Text: "як оформити паспорт?", Buttons: []string{"Як оформити паспорт?"}},
		step{Action: "faq:a:passport", Want: []string{"Чи допомогла відповідь?"}},
		step{Text: "а коли він працює?", Want: []string{"ЦНАП на Сихові працює"}, Not: []string{"Оберіть ЦНАП"}},
		step{Text: "як оформити паспорт?"},
		step{Action: "faq:y:passport"},
		step{Text: "запишіть мене туди", Want: []string{"ЦНАП на Сихові"}, Not: []string{"Оберіть ЦНАП"}},
	)
	dialogtest.Converse(t, env.e,
		step{Text: "меню"},
		step{Text: "а коли він працює?", Not: []string{"ЦНАП на Сихові працює"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, env.e,
		step{In: en, Text: "CNAP in Sykhiv"},
		step{In: en, Text: "how do I get a passport?"},
		step{In: en, Text: "and when is it open?", Want: []string{"CNAP in Sykhiv is open"}},
		step{In: en, Text: "what documents do I need for a passport?"},
		step{In: en, Text: "book me there please", Want: []string{"CNAP in Sykhiv"}, Not: []string{"Choose the CNAP"}},
	)
}

// A first question that names a CNAP and asks its hours, address or phone
// («Доброго вечора! Підкажіть, де знаходиться ЦНАП на Сихові і до котрої
// він працює?») is answered about that CNAP, as a follow-up after its card
// is; before, it got the knowledge base's general article on hours.
func TestQuestionNamingACNAPIsAnsweredAboutIt(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Доброго вечора! Підкажіть будь ласка, а де знаходиться ЦНАП на Сихові і до котрої він працює?",
			Want: []string{"ЦНАП на Сихові працює", "сб 09:00–16:00", "просп. Червоної Калини, 72а"}, Buttons: []string{"Записатися · ЦНАП на Сихові"}},
		step{Text: "меню"},
		step{Text: "яка адреса ЦНАП на Шевченка?", Want: []string{"ЦНАП на Шевченка"}, Not: []string{"Сихов"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}

// After «до котрої працює ЦНАП у Ратуші?», «а на Сихові?» asks the same of
// the CNAP in Sykhiv: its hours, not its card with today's only.
func TestFollowUpNamingAnotherCNAPAsksTheSameOfIt(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "до котрої працює ЦНАП у Ратуші в суботу?", Want: []string{"ЦНАП у Ратуші працює"}},
		step{Text: "а на Сихові?", Want: []string{"ЦНАП на Сихові працює", "сб 09:00–16:00"}, Not: []string{"ЦНАП за запитом"}},
		step{Text: "а телефон?", Want: []string{"ЦНАП на Сихові", "☎️"}},
		step{Text: "а в Ратуші?", Want: []string{"ЦНАП у Ратуші", "☎️"}, Not: []string{"працює"}},
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
		step{Text: "Сихів", Want: []string{"ЦНАП за запитом «Сихів»", "просп. Червоної Калини"}}, // a search again
	)
}
