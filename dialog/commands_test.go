package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// Command words typed in a free-text step of a form, with punctuation and
// politeness around them, are commands; a sentence that merely contains
// one stays what the step asks for.
func TestCommandWordsInFreeTextStepsAreCommands(t *testing.T) {
	w := newAppealWorld(t)
	toDescription := toSummary[:4]
	dialogtest.Converse(t, w.engine, toDescription...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Назад!", Want: []string{"Де саме проблема"}, Not: []string{"Додайте фото"}},
		in(dialog.Update{Location: lviv}, "Опишіть"),
		step{Text: "Допомога?", Want: []string{"Я розумію звичайні запитання"}, Not: []string{"Додайте фото"}},
	)
	dialogtest.Converse(t, w.engine, toDescription...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Меню, будь ласка", Want: []string{"Скасувати чернетку звернення?"}, Not: []string{"Додайте фото"}},
		step{Text: "ні", Want: []string{"Опишіть"}, Not: []string{"Додайте фото"}},
		step{Text: "меню", Want: []string{"Скасувати чернетку звернення?"}},
		step{Text: "Так.", Want: []string{"Скасовано, нічого не збережено"}},
	)
	dialogtest.Converse(t, w.engine, toDescription...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Скасувати, будь ласка!", Want: []string{"Скасовано, нічого не збережено"}},
	)
	dialogtest.Converse(t, w.engine, toDescription...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Назад у двір приїхала аварійка, але воду так і не дали", Want: []string{"Додайте фото"}},
	)
	if n := len(w.stored(t)); n != 0 {
		t.Fatalf("commands saved %d appeals", n)
	}
}

func TestCommandWordsInFreeTextStepsAreCommandsInEnglish(t *testing.T) {
	w := newAppealWorld(t)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal", Want: []string{"What problem"}}),
		en(step{Action: "appeal:c:pothole", Want: []string{"Topic: Pothole"}}),
		en(step{In: dialog.Update{Location: lviv}, Want: []string{"describe the problem"}}),
		en(step{Text: "Back, please.", Want: []string{"Where is the problem"}, Not: []string{"Add a photo"}}),
		en(step{In: dialog.Update{Location: lviv}, Want: []string{"describe the problem"}}),
		en(step{Text: "Menu!", Want: []string{"Discard the appeal draft?"}, Not: []string{"Add a photo"}}),
	)
}

// A point sent on the map is named by the nearest known address, or as a
// point on the map, never as bare numbers.
func TestAppealSummaryNamesAPointByTheNearestAddress(t *testing.T) {
	tests := []struct {
		locale string
		at     *dialog.Location
		want   string
	}{
		{"uk", lviv, "Місце: біля адреси м. Львів, пл. Ринок, 1 — точка на карті (49.84190, 24.03150)"},
		{"uk", &dialog.Location{Lat: 49.81, Lon: 23.95}, "Місце: точка на карті (49.81000, 23.95000)"},
		{"en", &dialog.Location{Lat: 49.81, Lon: 23.95}, "a point on the map (49.81000, 23.95000)"},
	}
	for _, tt := range tests {
		t.Run(tt.locale+tt.want[:8], func(t *testing.T) {
			w := newAppealWorld(t)
			loc := func(s step) step { s.In.Locale = tt.locale; return s }
			dialogtest.Converse(t, w.engine,
				loc(step{Action: "menu:appeal"}),
				loc(step{Action: "appeal:c:pothole"}),
				loc(step{In: dialog.Update{Location: tt.at}}),
				loc(step{Text: "Яма посеред дороги"}),
				loc(step{Action: "appeal:next"}),
				loc(step{Action: "appeal:next"}),
				loc(step{Action: "appeal:pub:n", Want: []string{tt.want}, Not: []string{"49.81, 23.95"}}),
			)
		})
	}
}

// Every command the engine offers opens its flow, as the menu button does,
// in any channel and in the resident's language; the knowledge base is not
// asked.
func TestEveryCommandOpensItsFlowAsTheMenuDoes(t *testing.T) {
	visits := newVisitEnv(t)
	appeals := newAppealWorld(t)
	ratings := newRatingsEnv(t)
	for name, e := range map[string]*dialog.Engine{"visits": visits.e, "appeals": appeals.engine, "ratings": ratings.engine} {
		kb := withFAQ(e)
		for _, cmd := range e.Commands() {
			if cmd.Flow == "" {
				continue
			}
			for _, ch := range []vikno.Channel{vikno.Telegram, vikno.Viber, vikno.Web, vikno.Terminal} {
				for _, locale := range []string{"uk", "en"} {
					user := name + "-" + cmd.Name + "-" + string(ch) + "-" + locale
					u := dialog.Update{Channel: ch, Locale: locale}
					u.UserID = user + "-menu"
					want := dialogtest.Texts(dialogtest.Converse(t, e, step{In: u, Action: "menu:" + cmd.Flow}))
					u.UserID = user + "-command"
					got := dialogtest.Converse(t, e, step{In: u, Text: "/" + cmd.Name})
					if dialogtest.Texts(got) != want {
						t.Errorf("%s: /%s in %s (%s):\n%s\nwant as the menu:\n%s", name, cmd.Name, ch, locale, dialogtest.Transcript(got), want)
					}
				}
			}
		}
		if q := kb.questions(); len(q) != 0 {
			t.Errorf("%s: the knowledge base was asked %q", name, q)
		}
	}
	dialogtest.Converse(t, visits.e,
		step{Text: "/book", Want: []string{"Оберіть ЦНАП"}, Buttons: []string{"ЦНАП у Ратуші"}},
		step{Text: "/queue@vikno_bot", Want: []string{"ЦНАП у Ратуші"}, Not: []string{"Оберіть ЦНАП"}},
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Text: "/book", Want: []string{"Choose"}},
	)
	number, pin := fileOne(t, appeals)
	dialogtest.Converse(t, appeals.engine,
		step{Text: "/appeal", Want: []string{"Про яку проблему"}},
		step{Text: "/status " + number + " " + pin, Want: []string{"Звернення № " + number}},
	)
}

// A command typed while an appeal draft is open asks before throwing it
// away, as «меню» does.
func TestACommandDoesNotDropAnAppealDraftUnasked(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	dialogtest.Converse(t, w.engine, toSummary[:4]...)
	dialogtest.Converse(t, w.engine,
		step{Text: "/status", Want: []string{"Скасувати чернетку звернення?"}},
		step{Text: "ні", Want: []string{"Опишіть"}},
	)
}

// Only words asking for help show it: «довідка» is a certificate a resident
// asks about, a question for the knowledge base.
func TestOnlyHelpWordsShowHelp(t *testing.T) {
	e := newEngine()
	kb := withFAQ(e)
	help := []string{"Я розумію звичайні запитання"}
	dialogtest.Converse(t, e,
		step{Text: "/help", Want: help},
		step{Text: "Допомога", Want: help},
		step{Text: "help", Want: help},
		step{Text: "Що ти вмієш?", Want: help},
		step{Text: "what can you do?", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"I understand plain questions"}},
		step{Text: "довідка", Not: help},
		step{Text: "Довідка про доходи", Not: help},
	)
	if q := kb.questions(); len(q) != 2 || q[0] != "довідка" {
		t.Fatalf("the knowledge base was asked %q, want both certificates", q)
	}
}
