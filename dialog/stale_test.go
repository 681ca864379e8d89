package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// pressing returns the action of the first button of replies whose label
// or action contains label, as the channel would send it back when pressed.
func pressing(t *testing.T, replies []dialog.Reply, label string) string {
	t.Helper()
	for _, b := range dialogtest.Buttons(replies) {
		if (strings.Contains(b.Label, label) || strings.Contains(b.Action, label)) && b.Action != "" {
			return b.Action
		}
	}
	t.Fatalf("no button %q:\n%s", label, dialogtest.Transcript(replies))
	return ""
}

// lang fills the locale and user of steps, so that each language talks in
// a conversation of its own.
func lang(locale string, steps ...step) []step {
	for i := range steps {
		steps[i].In.Locale, steps[i].In.UserID = locale, "stale-"+locale
	}
	return steps
}

// staleTexts are what a resident reads in each language when a button is
// from an earlier step, and how the current step's question reads.
type staleText struct{ old, menu, day14, slots15, name, describe, photo, pin string }

var staleTexts = map[string]staleText{
	"uk": {"з попереднього кроку", "Ось головне меню", "вівторок, 14 липня", "середа, 15 липня", "Як Вас звати", "Опишіть", "Додайте фото", "Тепер введіть PIN"},
	"en": {"from an earlier step", "Here is the main menu", "Tuesday, 14 July", "Wednesday, 15 July", "your name", "describe the problem", "photo", "Now type the PIN"},
}

// talker sends a step as the resident of one language and returns the
// replies.
type talker func(step) []dialog.Reply

// inEachLanguage runs test in each language, on a fresh engine from
// newEngine.
func inEachLanguage(t *testing.T, newEngine func(t *testing.T) *dialog.Engine, test func(t *testing.T, talk talker, want staleText)) {
	for locale, want := range staleTexts {
		t.Run(locale, func(t *testing.T) {
			e := newEngine(t)
			test(t, func(s step) []dialog.Reply { return dialogtest.Converse(t, e, lang(locale, s)...) }, want)
		})
	}
}

func visitEngine(t *testing.T) *dialog.Engine  { return newVisitEnv(t).e }
func appealEngine(t *testing.T) *dialog.Engine { return newAppealWorld(t).engine }

// bookingDays takes the resident to the days of an ID card at the CNAP on
// Vyhovskoho St and returns that step's replies.
func bookingDays(t *testing.T, talk talker) []dialog.Reply {
	t.Helper()
	loc := talk(step{Action: "menu:book:id-card"})
	return talk(step{Action: pressing(t, loc, "cnap-vyhovskoho")})
}

// A slot button of a day the resident left does not book: the resident
// gets the times of the day now chosen, and its own buttons work.
func TestOldSlotButtonAfterChoosingAnotherDayDoesNotBook(t *testing.T) {
	inEachLanguage(t, visitEngine, func(t *testing.T, talk talker, want staleText) {
		day14 := talk(step{Action: pressing(t, bookingDays(t, talk), "14.07")})
		old := pressing(t, day14, "10:20")
		days := talk(step{Action: pressing(t, day14, "⬅️")})
		day15 := talk(step{Action: pressing(t, days, "15.07"), Want: []string{want.slots15}})
		talk(step{Action: old, Want: []string{want.old, want.slots15}, Not: []string{want.name}, Buttons: []string{"09:00"}})
		talk(step{Action: pressing(t, day15, "09:00"), Want: []string{want.name}})
	})
}

// A category button of the topic step pressed at the description step does
// not change the category: the resident is asked for the description again.
func TestOldCategoryButtonAtTheDescriptionStepAsksForTheDescription(t *testing.T) {
	inEachLanguage(t, appealEngine, func(t *testing.T, talk talker, want staleText) {
		topics := talk(step{Action: "menu:appeal"})
		cats := talk(step{Action: topics[0].Buttons[0][0].Action})
		talk(step{Action: cats[0].Buttons[0][0].Action})
		talk(step{In: dialog.Update{Location: lviv}, Want: []string{want.describe}})
		talk(step{Action: cats[0].Buttons[1][0].Action, Want: []string{want.old, want.describe}})
		talk(step{Text: "Немає гарячої води з понеділка в усьому будинку", Want: []string{want.photo}})
	})
}

// The «another number» button of an earlier PIN step does not throw the
// resident back: the PIN of the number now given is asked again.
func TestOldStatusButtonRepeatsThePINStep(t *testing.T) {
	inEachLanguage(t, appealEngine, func(t *testing.T, talk talker, want staleText) {
		talk(step{Action: "menu:status"})
		pin := talk(step{Text: "2026-000001", Want: []string{want.pin}})
		talk(step{Action: pin[0].Buttons[0][0].Action})
		talk(step{Text: "2026-000002", Want: []string{want.pin}})
		talk(step{Action: pin[0].Buttons[0][0].Action, Want: []string{want.old, want.pin}})
	})
}

// When the resident has left the flow, an old step button shows the menu.
func TestOldStepButtonOutsideItsFlowShowsTheMenu(t *testing.T) {
	inEachLanguage(t, visitEngine, func(t *testing.T, talk talker, want staleText) {
		days := bookingDays(t, talk)
		talk(step{Text: "/menu"})
		talk(step{Action: pressing(t, days, "14.07"), Want: []string{want.menu}, Not: []string{want.day14}})
	})
}

// Menu buttons and buttons sent outside a turn carry no step token: they
// work whenever they are pressed.
func TestMenuAndPushedButtonsStayValid(t *testing.T) {
	env := newVisitEnv(t)
	menu := dialogtest.Converse(t, env.e, step{Text: "/start"})
	for _, b := range dialogtest.Buttons(menu) {
		if strings.Contains(b.Action, "~") {
			t.Fatalf("menu button %+v carries a step token", b)
		}
	}
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714", Want: []string{"вівторок, 14 липня"}, Not: []string{"з попереднього кроку"}},
		step{Action: pressing(t, menu, "Черга"), Want: []string{"черз"}, Not: []string{"з попереднього кроку"}},
	)
}

// Two taps on the booking's confirm button book once; the second tap is
// told the button is from an earlier step.
func TestDoubleTapOnBookingConfirmBooksOnce(t *testing.T) {
	env := newVisitEnv(t)
	summary := dialogtest.Converse(t, env.e, toConfirm("1020")...)
	ok := pressing(t, summary, "Підтвердити")
	dialogtest.Converse(t, env.e,
		step{Action: ok, Want: []string{"Номер запису"}},
		step{Action: ok, Want: []string{"з попереднього кроку"}, Not: []string{"Номер запису"}},
	)
	visits, err := env.visits.Upcoming(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(visits) != 1 {
		t.Fatalf("%d visits after a double tap, want 1", len(visits))
	}
}

// A typed label presses the button of the current step.
func TestTypedLabelPressesTheCurrentStepButton(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Text: "вт 14.07", Want: []string{"вівторок, 14 липня"}, Not: []string{"з попереднього кроку"}},
	)
}

// An old score button at the comment step does not change the score: the
// resident is asked for the comment again, and the first score is saved.
func TestOldScoreButtonAtTheCommentStepAsksForTheComment(t *testing.T) {
	env := newRatingsEnv(t)
	scores := dialogtest.Converse(t, env.engine, step{Text: env.rateLink(t, "cnap-center")})
	dialogtest.Converse(t, env.engine,
		step{Action: pressing(t, scores, "5"), Want: []string{"Хочете щось додати"}},
		step{Action: pressing(t, scores, "1"), Want: []string{"з попереднього кроку", "Напишіть коментар"}, Buttons: []string{"Пропустити"}},
		step{Text: "Дуже швидко прийняли"},
	)
	if got := env.ratings(t); len(got) != 1 || got[0].Score != 5 {
		t.Fatalf("ratings = %+v, want one of 5", got)
	}
}
