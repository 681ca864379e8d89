package dialog_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// smallTalkKB classes a few messages as small talk the way the knowledge
// base does (knowledge.SmallTalkOf, tested there) and knows nothing else.
type smallTalkKB struct{ askedKB }

func (k *smallTalkKB) Ask(ctx context.Context, q, locale string) (dialog.FAQAnswer, error) {
	kinds := map[string]string{"добрий вечір": "greeting", "hello": "greeting", "як справи?": "how_are_you",
		"how are you?": "how_are_you", "👍": "thanks", "🙂": "thanks", "дякую": "thanks", "бувайте": "farewell"}
	if kind, ok := kinds[q]; ok {
		return dialog.FAQAnswer{SmallTalk: kind}, nil
	}
	return k.askedKB.Ask(ctx, q, locale)
}

// Small talk is answered in words that suit any hour, «як справи?» gets a
// short human answer, in both languages.
func TestSmallTalkAnswersSuitAnyTimeOfDay(t *testing.T) {
	e := newEngine()
	e.Register(dialog.NewFAQ(&smallTalkKB{}))
	e.SetDefaultFlow(dialog.FlowFAQ)
	late := time.Date(2026, 12, 6, 23, 50, 0, 0, time.FixedZone("EET", 2*3600))
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "en"; return s }
	dialogtest.Converse(t, e,
		step{In: dialog.Update{Time: late}, Text: "добрий вечір", Want: []string{"Вітаю!"}, Not: []string{"дня", "не знайшов"}, Buttons: []string{"Меню"}},
		step{Text: "як справи?", Want: []string{"Усе добре"}, Not: []string{"не знайшов"}, Buttons: []string{"Меню"}},
		step{Text: "👍", Want: []string{"Будь ласка!"}, Not: []string{"не знайшов"}},
		step{In: dialog.Update{Time: late}, Text: "бувайте", Want: []string{"Усього доброго!"}, Not: []string{"дня"}},
		en(step{Text: "hello", Want: []string{"Hello!"}}),
		en(step{Text: "how are you?", Want: []string{"All good"}}),
	)
}

// A message of emoji only that is no small talk («😡😡😡», «🤔») is not
// called an unanswered question, nor recorded for editors: the resident is
// asked to write in words, with the menu.
func TestEmojiOnlyMessageIsAskedForWords(t *testing.T) {
	e := newEngine()
	kb := &unansweredKB{}
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		step{Text: "😡😡😡", Want: []string{"Я розумію лише слова"}, Not: []string{"не знайшов"}, Buttons: []string{"Записатися"}},
		step{Text: "🤔", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"I understand only words"}},
		step{Text: "👍", Want: []string{"Будь ласка!"}},
	)
	if len(kb.unanswered) != 0 {
		t.Fatalf("recorded as unanswered: %q", kb.unanswered)
	}
}

// unansweredKB is smallTalkKB that keeps the questions recorded as
// unanswered.
type unansweredKB struct {
	smallTalkKB
	unanswered []string
}

func (k *unansweredKB) RecordUnanswered(_ context.Context, q, _ string) error {
	k.unanswered = append(k.unanswered, q)
	return nil
}

// An emoji alone with nothing said before it to thank for (a first message,
// or right after the welcome or the menu) gets a short friendly reply and
// the menu, not «Будь ласка!»; after an answer it is thanks.
func TestEmojiAloneIsThanksOnlyAfterAnAnswer(t *testing.T) {
	e := newEngine()
	e.Register(dialog.NewFAQ(&smallTalkKB{}))
	e.SetDefaultFlow(dialog.FlowFAQ)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "en"; return s }
	friendly := []string{"Чим можу допомогти? Напишіть запитання своїми словами"}
	dialogtest.Converse(t, e,
		step{Text: "🙂", Want: friendly, Not: []string{"Будь ласка"}, Buttons: []string{"Записатися", "Подати звернення"}},
		step{Text: "/start"},
		step{Text: "👍", Want: friendly, Not: []string{"Будь ласка"}},
		step{Text: "меню"},
		step{Text: "🙂", Want: friendly, Not: []string{"Будь ласка"}},
		step{Text: "як справи?", Want: []string{"Усе добре"}},
		step{Text: "👍", Want: []string{"Будь ласка!"}},
		step{Text: "🙂", Want: []string{"Будь ласка!"}},
		step{Text: "дякую", Want: []string{"Будь ласка!"}},
		en(step{Text: "🙂", Want: []string{"How can I help?"}, Not: []string{"You are welcome"}}),
	)
}

// thanksArticleKB answers every question with one article and classes
// «👍» as thanks; it counts the 👍 it is told.
type thanksArticleKB struct {
	oneArticleKB
	helpful int
}

func (k *thanksArticleKB) Ask(ctx context.Context, q, locale string) (dialog.FAQAnswer, error) {
	if q == "👍" {
		return dialog.FAQAnswer{SmallTalk: "thanks"}, nil
	}
	return k.oneArticleKB.Ask(ctx, q, locale)
}

func (k *thanksArticleKB) RecordFeedback(_ context.Context, _ string, helpful bool) error {
	if helpful {
		k.helpful++
	}
	return nil
}

// «👍» typed under «Чи допомогла відповідь?» is the 👍 button: the answer is
// counted as helpful, not only thanked for.
func TestThumbUpTypedUnderWasItHelpfulIsTheFeedback(t *testing.T) {
	kb := &thanksArticleKB{}
	e := newEngine()
	e.Register(dialog.NewFAQ(kb))
	e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, e,
		step{Text: "як зареєструвати кота", Want: []string{"Чи допомогла відповідь?"}},
		step{Text: "👍", Want: []string{"Дякуємо за відгук"}},
		step{Text: "👍", Want: []string{"Будь ласка!"}},
	)
	if kb.helpful != 1 {
		t.Fatalf("helpful %d; want the 👍 under the answer counted once", kb.helpful)
	}
}
