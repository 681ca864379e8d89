package dialog_test

import (
	"context"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// oneArticleKB answers every question with one article and records what it
// is told.
type oneArticleKB struct {
	mu         sync.Mutex
	unanswered []string
	unhelpful  int
}

func (k *oneArticleKB) Ask(context.Context, string, string) (dialog.FAQAnswer, error) {
	return dialog.FAQAnswer{Verdict: dialog.FAQConfident, Hits: []dialog.FAQHit{{ID: "pets", Title: "Реєстрація тварин"}}}, nil
}

func (k *oneArticleKB) Article(context.Context, string) (dialog.FAQArticle, error) {
	return dialog.FAQArticle{ID: "pets", Title: "Реєстрація тварин", Body: "У ЦНАП."}, nil
}

func (k *oneArticleKB) RecordUnanswered(_ context.Context, q, _ string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.unanswered = append(k.unanswered, q)
	return nil
}

// unhelpfulKB also keeps the article of a 👎.
type unhelpfulKB struct {
	oneArticleKB
	articles []string
}

func (k *unhelpfulKB) RecordUnhelpful(_ context.Context, q, _, id string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.unanswered = append(k.unanswered, q)
	k.articles = append(k.articles, id)
	return nil
}

var _ dialog.UnhelpfulRecorder = (*unhelpfulKB)(nil)

func TestAnUnhelpfulAnswerIsRecordedWithItsArticle(t *testing.T) {
	kb := &unhelpfulKB{}
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		dialogtest.Step{Text: "як зареєструвати кота"},
		dialogtest.Step{Action: "faq:n:pets", Want: []string{"1580"}},
	)
	if len(kb.unanswered) != 1 || kb.unanswered[0] != "як зареєструвати кота" || len(kb.articles) != 1 || kb.articles[0] != "pets" {
		t.Fatalf("after 👎: unanswered %q, articles %q; want the question with pets", kb.unanswered, kb.articles)
	}
}

func (k *oneArticleKB) RecordFeedback(_ context.Context, _ string, helpful bool) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !helpful {
		k.unhelpful++
	}
	return nil
}

func TestAnUnhelpfulAnswersQuestionJoinsTheUnansweredOnes(t *testing.T) {
	kb := &oneArticleKB{}
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		dialogtest.Step{Text: "як зареєструвати кота", Want: []string{"Реєстрація тварин"}},
		dialogtest.Step{Action: "faq:y:pets"},
	)
	if len(kb.unanswered) != 0 {
		t.Fatalf("a helpful answer recorded %q as unanswered", kb.unanswered)
	}
	dialogtest.Converse(t, e,
		dialogtest.Step{Text: "як зареєструвати кота"},
		dialogtest.Step{Action: "faq:n:pets", Want: []string{"1580"}},
	)
	if kb.unhelpful != 1 || len(kb.unanswered) != 1 || kb.unanswered[0] != "як зареєструвати кота" {
		t.Fatalf("after 👎: unhelpful %d, unanswered %q; want the question recorded", kb.unhelpful, kb.unanswered)
	}
}

// «так, дякую» or «no» typed under «Чи допомогла відповідь?» is the 👍 or
// 👎 button; before, the resident was told nothing waited for a
// confirmation.
func TestYesOrNoTypedUnderWasItHelpfulIsTheFeedback(t *testing.T) {
	kb := &unhelpfulKB{}
	e := newVisitEnv(t).e
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		step{Text: "як зареєструвати кота", Want: []string{"Чи допомогла відповідь?"}},
		step{Text: "так, дякую", Want: []string{"Дякуємо за відгук"}, Not: []string{"нічого не чекає"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, e,
		step{In: en, Text: "how do I register my cat?"},
		step{In: en, Text: "no", Want: []string{"Sorry it did not help"}, Not: []string{"nothing waiting"}},
	)
	if len(kb.articles) != 1 || kb.articles[0] != "pets" {
		t.Fatalf("after «no»: articles %q; want pets marked unhelpful", kb.articles)
	}
}
