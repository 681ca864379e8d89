package dialog_test

import (
	"context"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// askedKB is a knowledge base that knows nothing (or only articles near
// every question, to offer as choices) and counts the questions it was
// asked.
type askedKB struct {
	mu    sync.Mutex
	asked []string
	near  []dialog.FAQHit
}

func (k *askedKB) Ask(_ context.Context, query, _ string) (dialog.FAQAnswer, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.asked = append(k.asked, query)
	if len(k.near) > 0 {
		return dialog.FAQAnswer{Verdict: dialog.FAQAmbiguous, Hits: k.near}, nil
	}
	return dialog.FAQAnswer{Verdict: dialog.FAQNone}, nil
}

func (k *askedKB) Article(context.Context, string) (dialog.FAQArticle, error) {
	return dialog.FAQArticle{}, nil
}
func (k *askedKB) RecordUnanswered(context.Context, string, string) error { return nil }
func (k *askedKB) RecordFeedback(context.Context, string, bool) error     { return nil }

func (k *askedKB) questions() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.asked...)
}

var _ dialog.KnowledgeBase = (*askedKB)(nil)

func withFAQ(e *dialog.Engine) *askedKB {
	kb := &askedKB{}
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	return kb
}

func TestIntentsStartTheQueueAndBookingInsteadOfTheFAQ(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Добрий день, скільки людей у черзі зараз?", Want: []string{"ЦНАП у Ратуші"}, Not: []string{"не знайшов"}},
		step{Text: "меню"},
		step{Text: "Хочу записатися на прийом, будь ласка", Want: []string{"Оберіть ЦНАП"}, Buttons: []string{"ЦНАП у Ратуші"}},
		step{Text: "how many people are in the queue?", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"CNAP"}},
		step{Text: "меню"},
		step{Text: "а скока людей в черзі?", Want: []string{"ЦНАП у Ратуші"}, Not: []string{"не знайшов"}}, // surzhyk
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	// A question about booking, not a request to book, is still a question.
	dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: "як записатися по телефону?", Want: []string{"1580"}})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question", q)
	}
}

// Asking to book someone else, which no article answers, is offered the
// booking (with the hotline), in Ukrainian and English.
func TestBookingForSomeoneElseIsOfferedWhenNoArticleAnswers(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Доброго дня, хочу записати онука на паспорт", Want: []string{"запишу Вас або когось із рідних", "1580"},
			Buttons: []string{"Записатися"}, Not: []string{"не знайшов"}},
		step{Action: "menu:book", Want: []string{"Оберіть ЦНАП"}},
	)
	dialogtest.Converse(t, env.e,
		step{Text: "Hello, I need an appointment for my mother", In: dialog.Update{Locale: "en", UserID: "en-mother"},
			Want: []string{"for a family member", "1580"}, Not: []string{"could not find"}},
	)
	// A question with articles near it («як записати дитину до школи?») gets
	// them, not the booking.
	env2 := newVisitEnv(t)
	withFAQ(env2.e).near = []dialog.FAQHit{{ID: "first-grade", Title: "Як записати дитину в перший клас?"}}
	dialogtest.Converse(t, env2.e, step{Text: "як записати дитину до школи?",
		Buttons: []string{"Як записати дитину в перший клас?"}, Not: []string{"запишу Вас"}})
}

func TestAProblemReportTheKnowledgeBaseDoesNotAnswerIsOfferedAnAppeal(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "У нас на вулиці не світить ліхтар уже тиждень", Want: []string{"Подайте звернення", "1580"}, Buttons: []string{"Подати звернення"}},
		step{Action: "menu:appeal", Want: []string{"Про яку проблему"}},
		step{Text: "There is a pothole in front of my house", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"File an appeal"}, Buttons: []string{"File an appeal"}},
	)
	// The knowledge base is asked first: an article that answers the
	// problem would be shown with its own button.
	if q := kb.questions(); len(q) != 2 {
		t.Fatalf("the knowledge base was asked %q, want both messages", q)
	}
}

// Typed requests open the flows of the main menu: the CNAP directory, the
// resident's bookings and appeals, a new appeal; a question about them stays
// a question.
func TestIntentsOpenTheDirectoryMyListsAndANewAppeal(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Де найближчий ЦНАП?", Want: []string{"Надішліть геолокацію — покажу 3 найближчі ЦНАП"}},
		step{Text: "меню"},
		step{Text: "мій запис", Want: []string{"У Вас немає запланованих записів"}},
		step{Text: "nearest CNAP", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"3 nearest CNAPs"}},
	)
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "Хочу подати скаргу", Want: []string{"Про яку проблему хочете повідомити?"}},
		step{Text: "меню"},
		step{Text: "покажіть мої звернення", Want: []string{"З цього чату Ви ще не подавали звернень"}},
		step{Text: "меню"},
		step{Text: "I want to complain", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"What problem would you like to report?"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, w.engine, step{Text: "меню"}, step{Text: "як подати звернення?", Want: []string{"1580"}})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question", q)
	}
}

// A request to book in a few words opens booking as «хочу записатися» does,
// with the service chosen when the request names one the city offers; a
// question about booking, or about a booking held, stays a question.
func TestShortBookingRequestsOpenBookingWithTheServiceNamed(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "записатися", Want: []string{"Оберіть ЦНАП"}, Not: []string{"Схоже, Ви хочете"}},
		step{Text: "меню"},
		step{Text: "запис до ЦНАП", Want: []string{"Оберіть ЦНАП"}},
		step{Text: "меню"},
		step{Text: "хочу записатися", Want: []string{"Оберіть ЦНАП"}},
		step{Text: "меню"},
		step{Text: "записатися на субсидію", Want: []string{"Оберіть ЦНАП", "Житлова субсидія"}},
		step{Text: "меню"},
		step{Text: "Хочу записатися на реєстрацію шлюбу", Want: []string{"Реєстрація шлюбу"}},
		step{Text: "меню"},
		step{Text: "записатися на паспорт", Want: []string{"Оберіть ЦНАП"}, Not: []string{"Закордонний паспорт", "Паспорт (ID-картка)"}},
		step{Text: "book a visit", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"Choose"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	for _, q := range []string{"як записатися на субсидію?", "як скасувати запис", "чи можна записатися онлайн"} {
		dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: q, Not: []string{"Оберіть ЦНАП"}})
	}
	if q := kb.questions(); len(q) != 3 {
		t.Fatalf("asked %q, want the three questions", q)
	}
}

// «хочу поскаржитися» files an appeal about a city problem, but a complaint
// about the CNAP itself (its staff) goes to the knowledge base, which says
// how to complain about a service centre.
func TestComplaintAboutTheCNAPIsNoCityAppeal(t *testing.T) {
	e := appealEngine(t)
	kb := withFAQ(e)
	dialogtest.Converse(t, e,
		step{Text: "хочу поскаржитися", Want: []string{"Оберіть"}},
		step{Text: "меню"},
		step{Text: "в ЦНАПі мені нагрубили, хочу поскаржитися"},
	)
	if q := kb.questions(); len(q) != 1 || q[0] != "в ЦНАПі мені нагрубили, хочу поскаржитися" {
		t.Fatalf("asked %q, want the complaint about the CNAP", q)
	}
}

// A surzhyk question about booking («шо треба шоб записаться на паспорт»)
// is a question for the knowledge base, as «що треба, щоб записатися» is,
// not a request that opens the booking.
func TestSurzhykQuestionAboutBookingIsAQuestion(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	for _, q := range []string{"шо треба шоб записаться на паспорт", "чо нужно чтоб записаться"} {
		dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: q, Not: []string{"Оберіть ЦНАП"}})
	}
	if q := kb.questions(); len(q) != 2 {
		t.Fatalf("asked %q, want the two questions", q)
	}
}
