package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A resident of a Ukrainian chat who writes a whole English sentence that
// starts booking, the queue or an appeal goes on in English, told so and
// how to switch back; before, the booking's steps came in Ukrainian.
// Transliterated Ukrainian («nemaie vody») and a single Latin word do not
// switch.
func TestAnEnglishSentenceStartingAFlowGoesOnInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "I want to book an appointment for a passport tomorrow", Want: []string{"You wrote in English", "українською", "Choose the CNAP"},
			Not: []string{"Оберіть"}},
		step{Text: "menu", Want: []string{"How can I help"}},
		step{Text: "українською", Want: []string{"тепер говоримо українською"}},
		step{Text: "how many people are in the queue at the CNAP?", Want: []string{"You wrote in English", "CNAP at the City Hall"},
			Not: []string{"ЦНАП у Ратуші"}},
		step{Text: "українською"},
		step{Text: "I want to book a passport appointment", Want: []string{"You wrote in English", "Choose the CNAP"}},
	)
	w := newAppealWorld(t)
	withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "I want to report a problem with the street lights", Want: []string{"You wrote in English", "Please choose"}, Buttons: []string{"Street light out"},
			Not: []string{"Про яку проблему"}},
	)
	for _, typed := range []string{"nemaie vody", "zapysatysia na pasport", "Запис", "booking", "a de tse?", "zapyshit mene na pasport zavtra", "passport booking"} {
		env := newVisitEnv(t)
		withFAQ(env.e)
		dialogtest.Converse(t, env.e,
			step{Text: typed, Not: []string{"You wrote in English"}},
			step{Text: "меню", Want: []string{"Чим можу допомогти"}},
		)
	}
}

// "I want to report a broken street light" files an appeal about it, as
// «хочу подати звернення, не світить ліхтар» does; it got the knowledge
// base's article in Ukrainian. Reporting a lost passport is no appeal.
func TestEnglishRequestToReportAProblemFilesAnAppeal(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "I want to report a broken street light", In: englishUser(), Buttons: []string{"Street light out"}},
		step{Text: "cancel", In: englishUser()},
		step{Text: "I'd like to report a pothole on my street", In: englishUser(), Buttons: []string{"Pothole"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, w.engine, step{Text: "cancel", In: englishUser()}, step{Text: "I want to report a lost passport", In: englishUser()})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the lost passport", q)
	}
}

// "Please help me, I do not speak Ukrainian" switches to English, as "in
// English please" does; it got Ukrainian articles and only an offer.
func TestNotSpeakingUkrainianSwitchesToEnglish(t *testing.T) {
	for _, typed := range []string{"Please help me, I do not speak Ukrainian", "Hello, do you speak English?", "sorry I don't speak ukrainian"} {
		env := newVisitEnv(t)
		withFAQ(env.e)
		dialogtest.Converse(t, env.e,
			step{Text: typed, Want: []string{"we now speak English"}, Not: []string{"Shall I continue"}},
			step{Text: "menu", Want: []string{"How can I help"}},
		)
	}
}

// "cancel it", «скасуйте» typed outside a booking's card cancel what is
// going on, as «скасувати» does; outside a flow they got «не знайшов».
func TestCancelInOtherWordsCancels(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "cancel it", Want: []string{"Чим можу допомогти"}, Not: []string{"не знайшов"}},
		step{Action: "menu:book"},
		step{Text: "скасуйте", Want: []string{"Скасовано"}},
		step{Action: "menu:book"},
		step{Text: "never mind", Want: []string{"Скасовано"}},
	)
}

// A resident whose chat is in English (a phone set to English) who writes
// a whole Ukrainian sentence that starts a flow goes on in Ukrainian, told
// so; a Ukrainian name or a single word does not switch.
func TestAUkrainianSentenceStartingAFlowGoesOnInUkrainian(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	en := func(s step) step { s.In = dialog.Update{Locale: "en"}; return s }
	dialogtest.Converse(t, env.e,
		en(step{Text: "Хочу записатися на прийом", Want: []string{"Ви написали українською", "English", "Оберіть ЦНАП"}, Not: []string{"Choose the CNAP"}}),
		en(step{Text: "меню", Want: []string{"Чим можу допомогти"}}),
	)
	env = newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		en(step{Text: "Запис", Not: []string{"Ви написали українською"}}),
		en(step{Text: "menu", Want: []string{"How can I help"}}),
	)
}

// A Ukrainian question in a chat that is in English is offered Ukrainian,
// once, as an English question in a Ukrainian chat is offered English.
func TestAUkrainianQuestionInAnEnglishChatIsOfferedUkrainian(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	en := func(s step) step { s.In = dialog.Update{Locale: "en"}; return s }
	dialogtest.Converse(t, env.e,
		en(step{Text: "скільки коштує паспорт?", Want: []string{"Ви написали українською. Перейти на українську?"}, Buttons: []string{"Українською"}}),
		en(step{Text: "а скільки коштує закордонний?", Not: []string{"Перейти на українську"}}),
		en(step{Text: "Українською", Want: []string{"тепер говоримо українською"}}),
	)
}

// «передумала», «мені вже не треба» typed at a booking's step cancel it,
// as «скасувати» does, instead of «Не зрозумів дату».
func TestChangedMyMindCancels(t *testing.T) {
	for _, typed := range []string{"передумала", "мені вже не треба", "I changed my mind"} {
		env := newVisitEnv(t)
		dialogtest.Converse(t, env.e,
			step{Action: "menu:book:id-card"},
			step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
			step{Text: typed, Want: []string{"Скасовано"}, Not: []string{"Не зрозумів"}},
		)
	}
}

// "Sorry, I do not understand Ukrainian" typed at a booking's step asks
// that step again in English, keeping what was chosen, instead of «Не
// зрозумів дату».
func TestNotSpeakingUkrainianWhileBookingAsksTheStepInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Text: "Sorry, I do not understand Ukrainian", Want: []string{"we now speak English", "Choose a day"}, Not: []string{"Не зрозумів"}},
	)
}
