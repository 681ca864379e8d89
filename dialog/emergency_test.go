package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A message about a danger to life gets the emergency numbers first, in the
// resident's language, never «не знайшов»; the search still answers after
// them. A street light that does not burn (не горить ліхтар) is no fire.
func TestDangerToLifeGetsTheEmergencyNumbersFirst(t *testing.T) {
	e := newEngine()
	kb := withFAQ(e)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "en"; return s }
	dialogtest.Converse(t, e,
		step{Text: "Горить квартира у сусідів!!", Want: []string{"101 — пожежа", "103 — швидка", "112"}, Not: []string{"не знайшов"}, Buttons: []string{"Меню"}},
		step{Text: "у під’їзді пахне газом, що робити", Want: []string{"104 — запах газу"}, Not: []string{"не знайшов"}},
		step{Text: "человеку плохо на улице", Want: []string{"103 — швидка"}, Not: []string{"не знайшов"}},
		step{Text: "не горить ліхтар на вулиці", Not: []string{"101 — пожежа"}},
		en(step{Text: "I smell gas in my flat", Want: []string{"104 — smell of gas", "call now"}, Not: []string{"could not find"}}),
	)
	kb.near = []dialog.FAQHit{{ID: "gas", Title: "Пахне газом: куди дзвонити"}}
	dialogtest.Converse(t, e,
		step{In: dialog.Update{UserID: "second"}, Text: "запах газу в квартирі", Want: []string{"104 — запах газу", "схожих відповідей"}, Buttons: []string{"Пахне газом: куди дзвонити"}},
	)
}

// Written in whole English sentences in a Ukrainian chat, the emergency
// numbers come in English: the one message a resident must understand.
func TestEmergencyNumbersInTheLanguageWritten(t *testing.T) {
	e := newEngine()
	withFAQ(e)
	dialogtest.Converse(t, e,
		step{Text: "There is a smell of gas in my building, what should I do?", Want: []string{"104 — smell of gas", "call now"}, Not: []string{"104 — запах газу"}},
		step{Text: "пахне газом у під’їзді", Want: []string{"104 — запах газу"}},
	)
}
