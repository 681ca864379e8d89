package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A question about the queue with words between the phrase's words
// («чи є зараз черга в цнапі на шевченка», «скока щас народу в черзі на
// сихові?») shows the queue of that CNAP, as «скільки людей у черзі» does;
// before, it got articles or «не знайшов». A waiting list for a
// kindergarten or a flat is no CNAP queue.
func TestQueueQuestionsInOwnWordsShowTheQueue(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	for _, tt := range []struct{ text, want string }{
		{"добрий день а чи є зараз черга в цнапі на шевченка", "ЦНАП на Шевченка"},
		{"скока щас народу в черзі на сихові?", "ЦНАП на Сихові"},
		{"Підкажіть, будь ласка, скільки зараз людей у черзі в ЦНАП у Ратуші?", "ЦНАП у Ратуші"},
		{"а велика сьогодні черга на Виговського?", "ЦНАП на Виговського"},
		{"а шо там по черзі на Левицького?", "ЦНАП на Левицького"},
		{"як там черга в цнапі у ратуші", "ЦНАП у Ратуші"},
	} {
		dialogtest.Converse(t, env.e, step{Text: "меню"},
			step{Text: tt.text, Want: []string{tt.want}, Buttons: []string{"Оновити"}, Not: []string{"не знайшов"}})
	}
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	for _, q := range []string{"скільки дітей у черзі в садочок?", "чи є черга на квартиру для ВПО"} {
		dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: q, Not: []string{"Оновити"}})
	}
	if q := kb.questions(); len(q) != 2 {
		t.Fatalf("asked %q, want the two questions", q)
	}
}
