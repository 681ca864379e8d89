package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// potholeKB answers with an article whose next step an editor set to the
// appeal form of one category.
type potholeKB struct{ oneArticleKB }

func (k *potholeKB) Ask(context.Context, string, string) (dialog.FAQAnswer, error) {
	return dialog.FAQAnswer{Verdict: dialog.FAQConfident, Hits: []dialog.FAQHit{{ID: "pothole", Title: "Як повідомити про яму на дорозі?"}}}, nil
}

func (k *potholeKB) Article(context.Context, string) (dialog.FAQArticle, error) {
	return dialog.FAQArticle{ID: "pothole", Title: "Як повідомити про яму на дорозі?", Body: "Подайте звернення.",
		Action: "appeal:pothole"}, nil
}

// The article's «Подати звернення» opens the form at the category the
// editor chose, not at the list of topics.
func TestAnArticlesAppealButtonOpensTheFormAtItsCategory(t *testing.T) {
	w := newAppealWorld(t)
	w.engine.Register(dialog.NewFAQ(&potholeKB{}))
	w.engine.SetDefaultFlow(dialog.FlowFAQ)
	replies := dialogtest.Converse(t, w.engine, step{Text: "яма на дорозі", Buttons: []string{"📝 Подати звернення"}})
	dialogtest.Converse(t, w.engine, step{Action: buttonAction(t, replies, "📝 Подати звернення"),
		Want: []string{"Тема: Яма на дорозі", "Де саме проблема?"}, Not: []string{"Оберіть тему"}})
}
