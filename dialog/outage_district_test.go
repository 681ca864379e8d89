package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A district typed at the outage subscription's district step in a short
// form («Сихівський», «на Личакові») is taken; a word that names none says
// so instead of repeating «Ви ще не підписані»; a question goes to the FAQ.
func TestOutageDistrictTypedInAShortForm(t *testing.T) {
	for _, text := range []string{"Сихівський", "на Сихові", "сихівський р-н"} {
		t.Run(text, func(t *testing.T) {
			e, _ := outageEngine(t)
			dialogtest.Converse(t, e,
				step{Action: "menu:" + dialog.FlowOutages, Want: []string{"Оберіть район"}},
				step{Text: text, Want: []string{"Сихівський район", "Надішліть назву вулиці"}},
				step{Text: "вул. Зелена", Want: []string{"Готово! Писатиму про відключення: Сихівський район, вул. Зелена."}},
			)
		})
	}
	e, kb := outageEngine(t)
	dialogtest.Converse(t, e,
		step{Action: "menu:" + dialog.FlowOutages},
		step{Text: "Марс", Want: []string{"Не знайшов такого району"}, Buttons: []string{"Личаківський район"}, Not: []string{"Ви ще не підписані"}},
		step{Text: "район", Want: []string{"Не знайшов такого району"}},
		step{Text: "а коли дадуть гарячу воду взагалі?", Not: []string{"Не знайшов такого району"}},
	)
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("the knowledge base was asked %q, want the question", q)
	}
}
