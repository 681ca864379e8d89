package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A CNAP's name typed outside any flow («ЦНАП на Сихові», as the directory
// and the queue report write it) shows that CNAP's card, not «не знайшов
// відповіді»; a question about CNAPs stays a question.
func TestCNAPNameTypedShowsItsCard(t *testing.T) {
	for _, text := range []string{"ЦНАП на Сихові", "цнап сихів", "CNAP in Sykhiv", "ЦНАП на Шевченка"} {
		t.Run(text, func(t *testing.T) {
			env := newVisitEnv(t)
			kb := withFAQ(env.e)
			dialogtest.Converse(t, env.e, step{Text: text, Want: []string{"📍 ", "🕒 "}, Buttons: []string{"Записатися · ЦНАП на"}})
			if q := kb.questions(); len(q) != 0 {
				t.Fatalf("the knowledge base was asked %q", q)
			}
		})
	}
	env := newVisitEnv(t)
	env.e.Register(dialog.NewFAQ(&oneArticleKB{}))
	env.e.SetDefaultFlow(dialog.FlowFAQ)
	for _, text := range []string{"ЦНАП на Сихові працює в суботу?", "цнап", "Сихів", "цнап документи паспорт"} {
		dialogtest.Converse(t, env.e, step{Text: "меню"}, step{Text: text, Not: []string{"📍 "}})
	}
}
