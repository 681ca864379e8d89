package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A question typed at the address step is not taken as the address (and the
// address typed next is not taken as the description). A question about the
// appeal's term is answered instead (TestTermAskedBeforeTheTopicIsAnsweredAndTheStepGoesOn).
func TestAppealAddressStepRefusesAQuestion(t *testing.T) {
	for _, text := range []string{"а коли взагалі відремонтують?", "А скільки це буде розглядатися?", "is this the right place to ask?"} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toPlace...)
			dialogtest.Converse(t, w.engine,
				step{Text: text, Want: []string{"Схоже, це запитання, а не адреса", "«Скасувати»", "вулицю й номер будинку"},
					Not: []string{"Опишіть"}, Buttons: []string{"Назад", "Скасувати"}},
				step{Text: "вул. Городоцька 15", Want: []string{"Опишіть"}},
				step{Text: "Глибока яма посеред дороги", Want: []string{"Додайте фото"}},
				step{Action: "appeal:next"},
				step{Action: "appeal:next"},
				step{Action: "appeal:pub:n", Want: []string{"вул. Городоцька 15", "Глибока яма"}, Not: []string{text}},
			)
		})
	}
}

// An address with a number stays an address even with a question mark: the
// resident may be unsure of it.
func TestAppealAddressWithANumberAndQuestionMarkIsKept(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine, step{Text: "Шевченка 12 чи 14?", Want: []string{"Опишіть"}, Not: []string{"запитання"}})
}
