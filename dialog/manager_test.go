package dialog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
)

// join makes user a manager through an invite link, as a person would.
func (env *ratingsEnv) join(t *testing.T, user string, level cases.Level, scope string) {
	t.Helper()
	dialogtest.Converse(t, env.engine, ratingAs(user, dialogtest.Step{Text: env.inviteLink(t, level, scope), Want: []string{"Готово!"}})...)
}

// rateLow has user rate a location 2 with an aspect and a comment, and
// returns the rating's id.
func (env *ratingsEnv) rateLow(t *testing.T, user, locationID string) int64 {
	t.Helper()
	dialogtest.Converse(t, env.engine, ratingAs(user,
		dialogtest.Step{Text: env.rateLink(t, locationID)}, dialogtest.Step{Action: "rate:s:2"},
		dialogtest.Step{Action: "rate:a:wait"}, dialogtest.Step{Action: "rate:next"},
		dialogtest.Step{Text: "Дві години в черзі", Want: []string{"Дякуємо"}})...)
	for _, r := range env.ratings(t) {
		if r.LocationID == locationID {
			return r.ID
		}
	}
	t.Fatalf("no rating of %s", locationID)
	return 0
}

// outbox returns the queued messages whose key starts with prefix, by user.
func (env *ratingsEnv) outbox(t *testing.T, prefix string) map[string][]notify.Message {
	t.Helper()
	msgs, err := env.db.FindOutbox(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]notify.Message{}
	for _, m := range msgs {
		out[m.UserID] = append(out[m.UserID], m)
	}
	return out
}

func users(m map[string][]notify.Message) []string {
	var out []string
	for u := range m {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

func TestManagerJoinsByInvite(t *testing.T) {
	env := newRatingsEnv(t)
	link := env.inviteLink(t, cases.LevelRegion, "lviv")
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: link, Want: []string{"Готово!", "усі ЦНАП: Львів"}})
	dialogtest.Converse(t, env.engine, ratingAs("someone-else",
		dialogtest.Step{Text: link, Want: []string{"вже використано"}},
		dialogtest.Step{Text: "/start m_" + cases.NewToken(), Want: []string{"Запрошення недійсне"}},
		dialogtest.Step{Text: "/start m_short", Want: []string{"Запрошення недійсне"}},
	)...)
	old, err := env.db.CreateInvite(context.Background(), cases.Invite{Token: cases.NewToken(), Level: cases.LevelLocation,
		Scope: "cnap-center", CreatedAt: time.Now().Add(-48 * time.Hour), ExpiresAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	dialogtest.Converse(t, env.engine, ratingAs("late",
		dialogtest.Step{Text: "/start " + old.Payload(), Want: []string{"Термін дії запрошення минув"}})...)
}

func TestAlertsGoToTheManagersOfTheLocationOnly(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	env.join(t, "mgr-sykhiv", cases.LevelLocation, "cnap-sykhiv")
	env.join(t, "mgr-lviv", cases.LevelRegion, "lviv")
	env.join(t, "mgr-vynnyky", cases.LevelRegion, "vynnyky")
	env.join(t, "mgr-oblast", cases.LevelRegion, "lviv-oblast")
	env.join(t, "mgr-volyn", cases.LevelRegion, "volyn-oblast")
	env.join(t, "mgr-ua", cases.LevelCountry, "")
	id := env.rateLow(t, "resident", "cnap-center")

	alerts := env.outbox(t, "rating:")
	want := []string{"mgr-center", "mgr-lviv", "mgr-oblast", "mgr-ua"}
	if got := users(alerts); !slices.Equal(got, want) {
		t.Fatalf("alerted %v, want %v", got, want)
	}
	a := alerts["mgr-center"][0]
	text := dialogtest.Texts(a.Replies)
	for _, w := range []string{"Низька оцінка: 2 з 5", "ЦНАП у Ратуші", "час очікування", "«Дві години в черзі»", fmt.Sprintf("#%d", id)} {
		if !strings.Contains(text, w) {
			t.Errorf("alert lacks %q:\n%s", w, text)
		}
	}
	buttons := dialogtest.Buttons(a.Replies)
	if len(buttons) != 2 || buttons[0].Action != fmt.Sprintf("mgr:a:%d", id) || buttons[1].Action != fmt.Sprintf("mgr:d:%d", id) ||
		!strings.Contains(buttons[0].Label, "Відповісти") || !strings.Contains(buttons[1].Label, "Опрацьовано") {
		t.Errorf("alert buttons = %+v", buttons)
	}
	if a.Key != fmt.Sprintf("rating:%d.1:manager:1", id) && !strings.HasPrefix(a.Key, fmt.Sprintf("rating:%d.1:manager:", id)) {
		t.Errorf("alert key = %q", a.Key)
	}
}

func TestRatingChangedOverAndOverStopsAlerting(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	link := env.rateLink(t, "cnap-center")
	for score := range 5 {
		steps := []dialogtest.Step{{Text: link}}
		if score > 0 {
			steps = append(steps, dialogtest.Step{Action: "rate:replace"})
		}
		dialogtest.Converse(t, env.engine, append(steps, dialogtest.Step{Action: fmt.Sprintf("rate:s:%d", 5-score%2)},
			dialogtest.Step{Action: "rate:skip", Want: []string{"Дякуємо"}})...)
	}
	if got := env.outbox(t, "rating:")["mgr-center"]; len(got) != cases.MaxAlertedRevisions {
		t.Fatalf("%d alerts for one resident's rating changed 5 times, want %d", len(got), cases.MaxAlertedRevisions)
	}
	if got := env.ratings(t); len(got) != 1 || got[0].Revision != 5 {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestManagerAnswerIsRelayedToTheResident(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	id := env.rateLow(t, "resident", "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id), Want: []string{"Напишіть відповідь на оцінку", "2 з 5"}},
		dialogtest.Step{In: dialog.Update{ID: "tg:77"}, Text: "Вибачте! Ми додали ще два вікна на прийом.",
			Want: []string{"надіслано відвідувачу"}},
	)...)
	answers := env.outbox(t, "rating:"+fmt.Sprint(id)+":answer:")
	if got := users(answers); !slices.Equal(got, []string{"resident"}) {
		t.Fatalf("answer went to %v", got)
	}
	text := dialogtest.Texts(answers["resident"][0].Replies)
	if !strings.Contains(text, "Відповідь від ЦНАП у Ратуші на Вашу оцінку") ||
		!strings.Contains(text, "Ми додали ще два вікна") || answers["resident"][0].Kind != notify.KindRatingAnswer {
		t.Fatalf("answer message:\n%s", text)
	}
	got := env.ratings(t)
	if got[0].Status != cases.RatingAnswered || got[0].Answer != "Вибачте! Ми додали ще два вікна на прийом." {
		t.Fatalf("rating after answer = %+v", got[0])
	}
}

func TestManagerOfAnotherLocationCannotAnswerOrProcess(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-sykhiv", cases.LevelLocation, "cnap-sykhiv")
	id := env.rateLow(t, "resident", "cnap-center")
	for _, action := range []string{"mgr:a:%d", "mgr:d:%d"} {
		dialogtest.Converse(t, env.engine, ratingAs("mgr-sykhiv",
			dialogtest.Step{Action: fmt.Sprintf(action, id), Want: []string{"Ця оцінка Вам недоступна"}})...)
	}
	dialogtest.Converse(t, env.engine, ratingAs("mgr-sykhiv",
		dialogtest.Step{Text: "спроба відповісти", Not: []string{"надіслано"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("not-a-manager",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id), Want: []string{"Ця оцінка Вам недоступна"}})...)
	if answers := env.outbox(t, "rating:"+fmt.Sprint(id)+":answer:"); len(answers) != 0 {
		t.Fatalf("answers queued: %v", answers)
	}
	if got := env.ratings(t); got[0].Status != cases.RatingNew {
		t.Fatalf("status = %s", got[0].Status)
	}
}

func TestManagerMarksARatingProcessed(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	id := env.rateLow(t, "resident", "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: "mgr:l", Want: []string{"Низька оцінка"}, Buttons: []string{"Відповісти"}},
		dialogtest.Step{Action: fmt.Sprintf("mgr:d:%d", id), Want: []string{"позначено як опрацьовану"}},
		dialogtest.Step{Action: "mgr:l", Want: []string{"Неопрацьованих низьких оцінок немає"}},
	)...)
	if got := env.ratings(t); got[0].Status != cases.RatingSeen {
		t.Fatalf("status = %s", got[0].Status)
	}
}

func TestManagerCancelsAnAnswer(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	id := env.rateLow(t, "resident", "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id)},
		dialogtest.Step{Action: "mgr:x", Want: []string{"Відповідь скасовано"}},
	)...)
	if answers := env.outbox(t, "rating:"+fmt.Sprint(id)+":answer:"); len(answers) != 0 {
		t.Fatalf("answers queued: %v", answers)
	}
}

func TestDigestSumsUpADayPerManager(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	env.join(t, "mgr-lviv", cases.LevelRegion, "lviv")
	env.join(t, "mgr-volyn", cases.LevelRegion, "volyn-oblast")
	env.rateLow(t, "r1", "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("r2",
		dialogtest.Step{Text: env.rateLink(t, "cnap-sykhiv")}, dialogtest.Step{Action: "rate:s:5"}, dialogtest.Step{Action: "rate:skip"})...)
	day := env.fb.Today(time.Now())
	n, err := env.fb.SendDigests(context.Background(), day)
	// mgr-center, mgr-lviv and the country-wide auditor of env.ratings;
	// mgr-volyn had no ratings and gets no digest.
	if err != nil || n != 3 {
		t.Fatalf("SendDigests = %d, %v; want 3", n, err)
	}
	if got := users(env.outbox(t, "digest:")); !slices.Equal(got, []string{"mgr-center", "mgr-lviv", "ratings-auditor"}) {
		t.Fatalf("digests went to %v", got)
	}
	env.fb.SendDigests(context.Background(), day)
	if all, _ := env.db.FindOutbox(context.Background(), "digest:"); len(all) != 3 {
		t.Fatalf("after a second run %d digests are queued, want 3", len(all))
	}
	digests := env.outbox(t, "digest:")
	city := dialogtest.Texts(digests["mgr-lviv"][0].Replies)
	for _, w := range []string{"Оцінки за", "2 оцінки", "середня 3,5", "Низьких (1–3): 1", "ЦНАП на Сихові: 1 оцінка, середня 5,0"} {
		if !strings.Contains(city, w) {
			t.Errorf("city digest lacks %q:\n%s", w, city)
		}
	}
	if own := dialogtest.Texts(digests["mgr-center"][0].Replies); !strings.Contains(own, "1 оцінка, середня 2,0") || strings.Contains(own, "Сихові") {
		t.Errorf("location digest:\n%s", own)
	}
	if b := dialogtest.Buttons(digests["mgr-center"][0].Replies); len(b) != 1 || b[0].Action != "mgr:l" {
		t.Errorf("digest buttons = %+v", b)
	}
}

func TestAManagerAnsweringAnAnsweredRatingSeesTheEarlierAnswer(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	env.join(t, "mgr-city", cases.LevelRegion, "lviv")
	id := env.rateLow(t, "resident", "cnap-center")
	answer := fmt.Sprintf("mgr:a:%d", id)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: answer, Want: []string{"Напишіть відповідь на оцінку"}, Not: []string{"вже відповіли"}},
		dialogtest.Step{In: dialog.Update{ID: "tg:81"}, Text: "Перепрошуємо! З понеділка працюватиме ще одне вікно.",
			Want: []string{"надіслано відвідувачу"}},
	)...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-city",
		dialogtest.Step{Action: answer, Want: []string{"На цю оцінку вже відповіли", "«Перепрошуємо! З понеділка працюватиме ще одне вікно.»",
			"Якщо напишете ще, відвідувач отримає і Вашу відповідь", "Напишіть відповідь на оцінку"}},
	)...)
}

func TestAnAnswerWrittenWhileAColleagueAnsweredIsHeldBack(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	env.join(t, "mgr-city", cases.LevelRegion, "lviv")
	id := env.rateLow(t, "resident", "cnap-center")
	answer := fmt.Sprintf("mgr:a:%d", id)
	// Both press «Відповісти» on the same alert before either has answered.
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center", dialogtest.Step{Action: answer, Not: []string{"вже відповіли"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-city", dialogtest.Step{Action: answer, Not: []string{"вже відповіли"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{In: dialog.Update{ID: "tg:90"}, Text: "Перепрошуємо! Додамо вікно.", Want: []string{"надіслано відвідувачу"}})...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-city",
		dialogtest.Step{In: dialog.Update{ID: "tg:91"}, Text: "Вибачте, розберемося.",
			Want: []string{"Поки Ви писали, на цю оцінку відповіли", "«Перепрошуємо! Додамо вікно.»", "не надіслано"},
			Not:  []string{"надіслано відвідувачу"}, Buttons: []string{"Надіслати все одно", "Скасувати"}},
	)...)
	if got := env.outbox(t, fmt.Sprintf("rating:%d:answer:", id))["resident"]; len(got) != 1 {
		t.Fatalf("the resident got %d answers, want the first one only", len(got))
	}
	// Having seen the colleague's answer, the manager may still send theirs.
	dialogtest.Converse(t, env.engine, ratingAs("mgr-city",
		dialogtest.Step{Action: "mgr:s", Want: []string{"надіслано відвідувачу"}},
		dialogtest.Step{Action: "mgr:s", Not: []string{"надіслано відвідувачу"}},
	)...)
	got := env.outbox(t, fmt.Sprintf("rating:%d:answer:", id))["resident"]
	if len(got) != 2 || !strings.Contains(dialogtest.Texts(got[1].Replies), "Вибачте, розберемося.") {
		t.Fatalf("after «Надіслати все одно» the resident has %d answers, want 2 ending with the held one", len(got))
	}
}

func TestAnAnswerWrittenWhileTheResidentRepliedIsHeldBack(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	id := env.rateLow(t, "resident", "cnap-center")
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id)},
		dialogtest.Step{In: dialog.Update{ID: "tg:92"}, Text: "Перепрошуємо!", Want: []string{"надіслано відвідувачу"}},
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id)},
	)...)
	dialogtest.Converse(t, env.engine, ratingAs("resident",
		dialogtest.Step{Action: fmt.Sprintf("rr:%d", id)},
		dialogtest.Step{Text: "Вчора знову дві години чекала", Want: []string{"передано"}},
	)...)
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{In: dialog.Update{ID: "tg:93"}, Text: "Ще раз вибачте.",
			Want: []string{"Поки Ви писали, відвідувач відповів", "«Вчора знову дві години чекала»"},
			Not:  []string{"надіслано відвідувачу"}},
		dialogtest.Step{In: dialog.Update{ID: "tg:94"}, Text: "Вибачте, з понеділка буде ще одне вікно.", Want: []string{"надіслано відвідувачу"}},
	)...)
}

func TestAManagerAnsweringAVisitorWhoBlockedTheBotIsToldItWillNotArrive(t *testing.T) {
	env := newRatingsEnv(t)
	env.join(t, "mgr-center", cases.LevelLocation, "cnap-center")
	id := env.rateLow(t, "resident", "cnap-center")
	blocked := false
	if _, err := env.engine.Handle(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: "resident", Subscribed: &blocked}); err != nil {
		t.Fatal(err)
	}
	dialogtest.Converse(t, env.engine, ratingAs("mgr-center",
		dialogtest.Step{Action: fmt.Sprintf("mgr:a:%d", id)},
		dialogtest.Step{In: dialog.Update{ID: "tg:95"}, Text: "Перепрошуємо!",
			Want: []string{"Відповідь на оцінку #" + fmt.Sprint(id) + " збережено", "відвідувач заблокував бота"},
			Not:  []string{"надіслано відвідувачу"}},
	)...)
	if got := env.ratings(t); got[0].Status != cases.RatingAnswered {
		t.Fatalf("the answer to a visitor who blocked the bot was not kept: %+v", got[0])
	}
}
