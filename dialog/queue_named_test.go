package dialog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «скільки людей у черзі в ЦНАП на Сихові?» shows the queue at that CNAP,
// not at all eleven, with booking there; «Черга в усіх ЦНАП» shows them all.
func TestQueueRequestNamingACNAPShowsThatCNAP(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	at := time.Date(2026, 7, 14, 10, 0, 0, 0, env.visits.City.Loc())
	env.report(t, "cnap-sykhiv", 3, 2, at)
	env.report(t, "cnap-center", 5, 3, at)
	replies := dialogtest.Converse(t, env.e,
		step{Text: "скільки людей у черзі в ЦНАП на Сихові?", Want: []string{"ЦНАП на Сихові — 3 людини, ≈ 20 хв"},
			Not: []string{"Ратуш"}, Buttons: []string{"Оновити", "Записатися", "Черга в усіх ЦНАП"}},
	)
	for _, b := range dialogtest.Buttons(replies) {
		if strings.Contains(b.Label, "Записатися") && !strings.Contains(b.Action, "@cnap-sykhiv") {
			t.Errorf("«Записатися» books %q, not at the CNAP asked about", b.Action)
		}
	}
	dialogtest.Converse(t, env.e,
		step{Action: "queue:r", Want: []string{"ЦНАП на Сихові — 3 людини"}, Not: []string{"Ратуш"}},
		step{Action: "menu:queue", Want: []string{"ЦНАП на Сихові — 3 людини", "ЦНАП у Ратуші — 5 людей"}},
	)
}

// A long, polite English message that asks how long the queue is at a
// CNAP shows that CNAP's queue; before, "how long the queue is" was no
// queue request and the knowledge base's article about the queue came.
func TestPoliteEnglishQueueRequestShowsTheCNAPNamed(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	at := time.Date(2026, 7, 14, 10, 0, 0, 0, env.visits.City.Loc())
	env.report(t, "cnap-sykhiv", 3, 2, at)
	en := dialogtest.Step{}.In
	en.Locale = "en"
	dialogtest.Converse(t, env.e,
		step{In: en, Text: "Good evening! I would like to know how long the queue is at the CNAP in Sykhiv " +
			"at the moment, as I need to pick up my documents. Many thanks in advance!",
			Want: []string{"CNAP in Sykhiv — 3 people"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}

// «скока щас народу на сихові» asks the queue at the CNAP in Sykhiv though
// it names no queue; «скільки людей живе у Львові» names no CNAP and stays
// a question for the knowledge base.
func TestHowManyPeopleAtANamedCNAPIsItsQueue(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	env.report(t, "cnap-sykhiv", 3, 2, time.Date(2026, 7, 14, 10, 0, 0, 0, env.visits.City.Loc()))
	dialogtest.Converse(t, env.e,
		step{Text: "скока щас народу на сихові", Want: []string{"ЦНАП на Сихові — 3 людини"}, Not: []string{"Ратуш"}},
		step{Text: "меню"},
		step{Text: "Скільки зараз людей у ЦНАП на Сихові?", Want: []string{"ЦНАП на Сихові — 3 людини"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: "скільки людей живе у Львові?", Not: []string{"3 людини"}})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question about Lviv", q)
	}
}

// After the queue at one CNAP, «а до котрої вони працюють?» and «а в
// неділю?» are about that CNAP, as after its card: they got the knowledge
// base's article about another CNAP's hours and «не знайшов».
func TestFollowUpAfterTheQueueAtOneCNAPIsAboutIt(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	at := time.Date(2026, 7, 14, 10, 0, 0, 0, env.visits.City.Loc())
	env.report(t, "cnap-sykhiv", 3, 2, at)
	dialogtest.Converse(t, env.e,
		step{Text: "скока щас народу на сихові", Want: []string{"ЦНАП на Сихові — 3 людини"}},
		step{Text: "а до котрої вони працюють?", Want: []string{"ЦНАП на Сихові працює:"}, Not: []string{"не знайшов"}},
		step{Text: "а в неділю?", Want: []string{"ЦНАП на Сихові: неділя — "}, Not: []string{"не знайшов"}},
	)
}
