package dialog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// answered has mgr-center answer the resident's low rating of cnap-center
// (an auditor of the whole country covers it too) and returns its id.
func (env *ratingsEnv) answered(t *testing.T, resident, locale string) int64 {
	t.Helper()
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	env.ratings(t) // the country-wide auditor joins
	dialogtest.Converse(t, env.engine, ratingAs(resident,
		dialogtest.Step{In: dialog.Update{Locale: locale}, Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Action: "rate:s:2"}, dialogtest.Step{Action: "rate:next"}, dialogtest.Step{Action: "rate:skip"})...)
	id := env.ratings(t)[0].ID
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id)},
		dialogtest.Step{In: dialog.Update{ID: "tg:501"}, Text: "Вибачте, ми додали вікно.", Want: []string{"надіслано"}},
		dialogtest.Step{Action: fmt.Sprintf("mgr:d:%d", id)},
	)...)
	return id
}

func TestResidentReplyGoesBackToTheManagerWhoAnswered(t *testing.T) {
	tests := []struct {
		locale                          string
		button, prompt, sent, notReplay string
	}{
		{"uk", "Відповісти", "Напишіть відповідь", "передано керівнику ЦНАП", "Не знайшов"},
		{"en", "Reply", "Write your reply", "passed to the CNAP manager", "could not find"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			env := newRatingsEnv(t)
			id := env.answered(t, "resident", tt.locale)
			answer := env.outbox(t, fmt.Sprintf("rating:%d:answer:", id))["resident"]
			if len(answer) != 1 || !slices.ContainsFunc(dialogtest.Buttons(answer[0].Replies), func(b dialog.Button) bool {
				return strings.Contains(b.Label, tt.button) && b.Action == fmt.Sprintf("rr:%d", id)
			}) {
				t.Fatalf("the answer has no reply button: %+v", answer)
			}
			dialogtest.Converse(t, env.engine, ratingAs("resident",
				dialogtest.Step{Action: fmt.Sprintf("rr:%d", id), Want: []string{tt.prompt}},
				dialogtest.Step{In: dialog.Update{ID: "tg:900"}, Text: "Дякую, але вікно досі одне",
					Want: []string{tt.sent}, Not: []string{tt.notReplay}},
			)...)
			replies := env.outbox(t, fmt.Sprintf("rating:%d:reply:", id))
			if got := users(replies); !slices.Equal(got, []string{"mgr-center"}) {
				t.Fatalf("the reply went to %v, want only the manager who answered", got)
			}
			text := dialogtest.Texts(replies["mgr-center"][0].Replies)
			if !strings.Contains(text, "Дякую, але вікно досі одне") || !strings.Contains(text, "Ваша відповідь: «Вибачте, ми додали вікно.»") ||
				!slices.ContainsFunc(dialogtest.Buttons(replies["mgr-center"][0].Replies), func(b dialog.Button) bool {
					return b.Action == fmt.Sprintf("mgr:a:%d", id)
				}) {
				t.Fatalf("reply notice:\n%s", text)
			}
			got := env.ratings(t)[0]
			if got.Reply != "Дякую, але вікно досі одне" || got.RepliedAt.IsZero() || got.Status != cases.RatingNew {
				t.Fatalf("rating after the reply = %+v, want the reply saved and the rating open again", got)
			}
		})
	}
}

func TestReplyThreadGoesOnBothWays(t *testing.T) {
	env := newRatingsEnv(t)
	id := env.answered(t, "resident", "uk")
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Action: fmt.Sprintf("rr:%d", id)},
		dialogtest.Step{In: dialog.Update{ID: "tg:901"}, Text: "А коли буде друге вікно?", Want: []string{"передано"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id), Want: []string{"Напишіть відповідь"}},
		dialogtest.Step{In: dialog.Update{ID: "tg:902"}, Text: "З понеділка.", Want: []string{"надіслано"}})...)
	answers := env.outbox(t, fmt.Sprintf("rating:%d:answer:", id))["resident"]
	if len(answers) != 2 || !strings.Contains(dialogtest.Texts(answers[1].Replies), "З понеділка.") {
		t.Fatalf("answers to the resident = %d", len(answers))
	}
}

func TestReplyWithoutAnAnswerOrToAnotherResidentIsStale(t *testing.T) {
	env := newRatingsEnv(t)
	id := env.answered(t, "resident", "uk")
	dialogtest.Converse(t, env.engine, ratingAs("stranger",
		dialogtest.Step{Action: fmt.Sprintf("rr:%d", id)},
		dialogtest.Step{Text: "чужа відповідь", Want: []string{"вже завершено"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Action: "rr:abc", Want: []string{"вже завершено"}})...)
	if replies := env.outbox(t, fmt.Sprintf("rating:%d:reply:", id)); len(replies) != 0 {
		t.Fatalf("replies queued: %v", users(replies))
	}
	if got := env.ratings(t)[0]; got.Reply != "" {
		t.Fatalf("a stranger's reply was saved: %+v", got)
	}
}

func TestReplyStepTakesCommandsAndAsksForText(t *testing.T) {
	env := newRatingsEnv(t)
	id := env.answered(t, "resident", "uk")
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Action: fmt.Sprintf("rr:%d", id)},
		dialogtest.Step{In: dialog.Update{Photo: &dialog.Photo{Ref: "p1"}}, Want: []string{"лише текстом"}},
		dialogtest.Step{Text: strings.Repeat("я", cases.MaxReplyLen+1), Want: []string{"задовга"}},
		dialogtest.Step{Text: "скасувати", Want: []string{"Скасовано"}})...)
	if replies := env.outbox(t, fmt.Sprintf("rating:%d:reply:", id)); len(replies) != 0 {
		t.Fatalf("replies queued: %v", users(replies))
	}
}

func TestTypedScoreInASentenceIsTheScore(t *testing.T) {
	tests := []struct{ locale, typed, want string }{
		{"uk", "Ставлю 5 з 5, дякую вам велике!", "Хочете щось додати"},
		{"uk", "оцінка 2", "Що саме було не так"},
		{"uk", "десять", "Оберіть, будь ласка, оцінку"},
		{"uk", "7", "Оберіть, будь ласка, оцінку"},
		{"en", "I give it a 4, thanks", "Anything to add?"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			env := newRatingsEnv(t)
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{In: dialog.Update{Locale: tt.locale}, Text: env.rateLink(t, "cnap-center")},
				dialogtest.Step{Text: tt.typed, Want: []string{tt.want}},
			)
		})
	}
}

// A reply to an answer whose manager left goes to the managers who cover
// the location; none of them wrote that answer, and none is told it was
// theirs.
func TestAReplyToALeftManagersAnswerIsNotCalledTheirs(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-city", cases.LevelRegion, "lviv")
	id := env.answered(t, "resident", "uk")
	ctx := context.Background()
	managers, err := env.db.ListManagers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range managers {
		if m.Resident.ExternalID == "mgr-center" {
			if err := env.db.RevokeManager(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Action: fmt.Sprintf("rr:%d", id)},
		dialogtest.Step{In: dialog.Update{ID: "tg:901"}, Text: "Вікно досі одне", Want: []string{"передано"}},
	)...)
	replies := env.outbox(t, fmt.Sprintf("rating:%d:reply:", id))
	if got := users(replies); !slices.Equal(got, []string{"mgr-city", "ratings-auditor"}) {
		t.Fatalf("the reply went to %v, want the managers who cover the location", got)
	}
	text := dialogtest.Texts(replies["mgr-city"][0].Replies)
	for _, w := range []string{"Відвідувач відповів", "на відповідь ЦНАП", "Відповідь ЦНАП: «Вибачте, ми додали вікно.»", "«Вікно досі одне»"} {
		if !strings.Contains(text, w) {
			t.Errorf("the reply notice lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "Ваш") {
		t.Errorf("the reply notice calls the answer the manager's own:\n%s", text)
	}
}
