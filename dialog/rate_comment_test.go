package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A good score with a comment («4», then «чекала годину, ніхто не
// пояснив») is thanked for the feedback and told where the comment goes,
// not «Раді, що все вдалося», which does not fit a complaint. Without a
// comment the short thanks stays.
func TestAGoodScoreWithACommentThanksForTheFeedback(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine, ratingAs("no-manager",
		dialogtest.Step{Text: env.rateLink(t, "cnap-sykhiv")},
		dialogtest.Step{Action: "rate:s:4", Want: []string{"Хочете щось додати"}},
		dialogtest.Step{Text: "чекала годину, ніхто не пояснив", Want: []string{"Дякуємо за оцінку й відгук", "записано"},
			Not: []string{"Раді", "вдалося"}},
	)...)
	env.join(t, "boss", cases.LevelLocation, "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Text: "4"},
		dialogtest.Step{Text: "чекала годину, ніхто не пояснив", Want: []string{"Дякуємо за оцінку й відгук", "керівник ЦНАП", "відповідь прийде сюди"},
			Not: []string{"Раді", "вдалося"}},
	)...)
	dialogtest.Converse(t, env.engine, ratingAs("happy",
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Text: "5"},
		dialogtest.Step{Action: "rate:skip", Want: []string{"Раді, що все вдалося"}},
	)...)
}
