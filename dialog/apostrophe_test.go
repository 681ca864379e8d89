package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// apostropheKB holds one article typed with the apostrophes editors use.
type apostropheKB struct{ oneArticleKB }

func (k *apostropheKB) Ask(context.Context, string, string) (dialog.FAQAnswer, error) {
	return dialog.FAQAnswer{Verdict: dialog.FAQConfident, Hits: []dialog.FAQHit{{ID: "family", Title: "Реєстрація сім'ї"}}}, nil
}

func (k *apostropheKB) Article(context.Context, string) (dialog.FAQArticle, error) {
	return dialog.FAQArticle{ID: "family", Title: "Реєстрація сім'ї",
		Body: "Форма зворотного зв'язку, сімʼя, п`ять днів. Don't change English: it's fine."}, nil
}

// Articles show one apostrophe, ’, whatever the editor typed inside
// Ukrainian words; English and code stay as written.
func TestArticlesShowOneApostrophe(t *testing.T) {
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(&apostropheKB{}))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e, dialogtest.Step{Text: "як зареєструвати сім’ю",
		Want: []string{"Реєстрація сім’ї", "зворотного зв’язку, сім’я, п’ять днів", "Don't change English: it's fine."},
		Not:  []string{"сім'ї", "зв'язку", "сімʼя", "п`ять"}})
}
