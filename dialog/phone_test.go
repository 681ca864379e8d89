package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A resident with a foreign phone number books a visit and files an appeal
// with it, in Ukrainian and in English; a Ukrainian number keeps its
// normalisation.
func TestForeignPhoneNumbersBookAndFileAppeals(t *testing.T) {
	t.Run("booking uk", func(t *testing.T) {
		env := newVisitEnv(t)
		steps := toConfirm("1100")
		steps[len(steps)-1] = step{Text: "+48 601 234 567", Want: []string{"Перевірте", "Олена Петренко, +48601234567"}}
		dialogtest.Converse(t, env.e, steps...)
		dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: []string{"Номер запису"}})
	})
	t.Run("booking en", func(t *testing.T) {
		env := newVisitEnv(t)
		dialogtest.Converse(t, env.e, english("", append(toTimes("20260714"),
			step{Action: "book:t:1100"},
			step{Text: "Anna Kowalska", Want: []string{"country code"}},
			step{Text: "12-34", Want: []string{"does not look like a phone number", "+48 601 234 567"}},
			step{Text: "0049 151 2345 6789", Want: []string{"Please check", "Anna Kowalska, +4915123456789"}},
			step{Action: "book:ok", Want: []string{"Booking number"}},
		)...)...)
	})
	t.Run("shared foreign contact books", func(t *testing.T) {
		env := newVisitEnv(t)
		steps := toConfirm("1100")
		steps[len(steps)-1] = step{In: dialog.Update{Contact: &dialog.Contact{Phone: "48601234567", Own: true}},
			Want: []string{"Олена Петренко, +48601234567"}}
		dialogtest.Converse(t, env.e, steps...)
	})
	t.Run("appeal uk", func(t *testing.T) {
		w := newAppealWorld(t)
		dialogtest.Converse(t, w.engine, toSummary[:7]...)
		dialogtest.Converse(t, w.engine,
			step{Text: "00 48 601-234-567", Want: []string{"публічній мапі"}},
			step{Action: "appeal:pub:n", Want: []string{"Телефон: +48601234567"}, Buttons: []string{"Підтвердити"}},
		)
	})
	t.Run("appeal en", func(t *testing.T) {
		w := newAppealWorld(t)
		en := func(s step) step { s.In.Locale = "en"; return s }
		replies := dialogtest.Converse(t, w.engine,
			en(step{Action: "menu:appeal"}),
			en(step{Action: "appeal:c:pothole"}),
			en(step{Text: "Horodotska St, 100"}),
			en(step{Text: "A deep pothole in the right lane", Want: []string{"Add a photo"}}),
			en(step{Action: "appeal:next", Want: []string{"phone"}}),
			en(step{Text: "+49 151", Want: []string{"does not look like a phone number"}}),
			en(step{Text: "+49 151 2345 6789", Want: []string{"public map"}}),
			en(step{Action: "appeal:pub:n", Want: []string{"Phone: +4915123456789"}}),
		)
		dialogtest.Converse(t, w.engine, en(step{Action: confirmAction(t, replies), Want: []string{"is registered"}}))
		if got := w.stored(t); len(got) != 1 || got[0].Phone != "+4915123456789" {
			t.Fatalf("stored %+v, want one appeal with the German phone", got)
		}
	})
}

// A phone number typed with a few words around it («мій номер 067 123 45
// 67») is taken at the booking's and the appeal's phone steps; two numbers
// are not guessed between.
func TestPhoneTypedInASentenceIsTaken(t *testing.T) {
	env := newVisitEnv(t)
	steps := toConfirm("1020")
	steps = steps[:len(steps)-1]
	dialogtest.Converse(t, env.e, steps...)
	dialogtest.Converse(t, env.e,
		step{Text: "мій номер 067 123 45 67, а запасний 050 111 22 33", Not: []string{"Перевірте"}},
		step{Text: "мій номер 067 123 45 67", Want: []string{"Перевірте", "+380671234567"}},
	)
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "вул. Городоцька 15"},
		step{Text: "Глибока яма посеред дороги"},
		step{Action: "appeal:next"},
		step{Text: "пишіть на +380 50 111 22 33, дякую", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:n", Want: []string{"Телефон: +380501112233"}},
	)
}

// A name typed at the booking's phone step («Іваненко Тарас» after «Тарас»)
// corrects the name and asks for the phone again, instead of «Не схоже на
// номер телефону».
func TestNameTypedAtThePhoneStepCorrectsTheName(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260714"},
		step{Action: "book:t:1020"},
		step{Text: "Олена", Want: []string{"номер телефону"}},
		step{Text: "Олена Петренко", Want: []string{"Записую на ім’я Олена Петренко", "номер телефону"}, Not: []string{"Не схоже"}},
		step{Text: "не пам’ятаю номер", Not: []string{"Записую на ім’я"}},
		step{Text: "немає телефону", Not: []string{"Записую на ім’я"}},
		step{Text: "0671234567", Want: []string{"Олена Петренко, +380671234567"}},
	)
}
