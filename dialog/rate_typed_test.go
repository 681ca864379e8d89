package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A score typed in words («п’ять», "five") or as stars (⭐⭐⭐⭐) is taken
// as the button of that number; before, the resident was asked again to
// choose with a button. A number word in a story is no score.
func TestScoreTypedInWordsOrStarsIsTaken(t *testing.T) {
	tests := []struct {
		name, text, locale, want string
	}{
		{"UkWord", "ставлю п’ятірку", "uk", "Дякуємо! Хочете щось додати?"},
		{"EnWord", "five", "en", "Anything to add?"},
		{"EnLowWord", "two out of five", "en", "What went wrong?"},
		{"Stars", "⭐⭐⭐⭐", "en", "Anything to add?"},
		{"StoryIsNoScore", "I waited for two hours in a queue that did not move", "en", "with a button"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newRatingsEnv(t)
			in := dialogtest.Step{}.In
			in.Locale = tt.locale
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{In: in, Text: env.rateLink(t, "cnap-sykhiv")},
				dialogtest.Step{In: in, Text: tt.text, Want: []string{tt.want}},
			)
		})
	}
}

// At «Що саме було не так?» a number typed alone is the aspect of that
// place in the list (as a keyboard without buttons numbers them), not a
// comment «1» that submits the rating; a message without a word is asked
// again.
func TestANumberTypedAtTheAspectsPicksThatAspect(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-sykhiv")},
		dialogtest.Step{Text: "2", Want: []string{"Що саме було не так?"}},
		dialogtest.Step{Text: "1", Want: []string{"Позначено: час очікування"}, Not: []string{"Дякуємо за чесну оцінку"}},
		dialogtest.Step{Text: "9", Want: []string{"Що саме було не так?"}, Not: []string{"Дякуємо за чесну оцінку"}},
		dialogtest.Step{Text: "?!", Want: []string{"Що саме було не так?"}, Not: []string{"Дякуємо за чесну оцінку"}},
		dialogtest.Step{Text: "черга не рухалася дві години", Want: []string{"Дякуємо за чесну оцінку"}},
	)
}
