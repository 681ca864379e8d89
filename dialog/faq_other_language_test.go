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

// ukrainianChoicesKB offers two Ukrainian articles as a choice.
type ukrainianChoicesKB struct{ askedKB }

func (k *ukrainianChoicesKB) Ask(context.Context, string, string) (dialog.FAQAnswer, error) {
	return dialog.FAQAnswer{Verdict: dialog.FAQAmbiguous, HitsLanguage: dialog.UK, Hits: []dialog.FAQHit{
		{ID: "id-lost", Title: "Загубив ID-картку"}, {ID: "abroad-lost", Title: "Загубив закордонний паспорт"}}}, nil
}

func TestChoicesInAnotherLanguageSaySo(t *testing.T) {
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(&ukrainianChoicesKB{}))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		dialogtest.Step{Text: "загубив паспорт", Buttons: []string{"Загубив ID-картку"}, Not: []string{"українською"}},
		dialogtest.Step{Action: "menu:" + dialog.FlowSettings + ":" + dialog.EN},
		dialogtest.Step{Text: "I lost my passport", Want: []string{"These answers are in Ukrainian"}, Buttons: []string{"Загубив ID-картку"}},
	)
}
