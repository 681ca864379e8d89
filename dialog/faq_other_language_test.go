package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// ukrainianOnlyKB answers every question with an article written in
// Ukrainian, as a city whose knowledge base has no English articles does.
type ukrainianOnlyKB struct{ oneArticleKB }

func (k *ukrainianOnlyKB) Article(context.Context, string) (dialog.FAQArticle, error) {
	return dialog.FAQArticle{ID: "pets", Title: "Реєстрація тварин", Body: "У ЦНАП.", Language: dialog.UK}, nil
}

func TestAnArticleInAnotherLanguageSaysSo(t *testing.T) {
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(&ukrainianOnlyKB{}))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		dialogtest.Step{Text: "як зареєструвати кота", Want: []string{"Реєстрація тварин"}, Not: []string{"українською", "in Ukrainian"}},
		dialogtest.Step{Action: "menu:" + dialog.FlowSettings + ":" + dialog.EN},
		dialogtest.Step{Text: "how do I register my cat", Want: []string{"This answer is in Ukrainian", "Реєстрація тварин"}},
	)
}
