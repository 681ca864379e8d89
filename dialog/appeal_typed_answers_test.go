package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «так» or «yes please» typed at the appeal's summary files it, as the
// booking's summary does; before, the resident was only told to press
// «Підтвердити».
func TestYesTypedAtTheAppealSummaryFilesIt(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "в кіоску біля школи продають алкоголь дітям"},
		step{Action: "appeal:c:other"},
		step{Text: "вул. Зелена, 20"},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Усе правильно?"}},
		step{Text: "так", Want: []string{"зареєстровано"}},
	)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{Text: "they sell alcohol to children at the kiosk near the school"}),
		en(step{Action: "appeal:c:other"}),
		en(step{Text: "Zelena St, 20"}),
		en(step{Action: "appeal:next"}),
		en(step{Action: "appeal:next"}),
		en(step{Action: "appeal:pub:n"}),
		en(step{Text: "yes please", Want: []string{"is registered"}}),
	)
	if n := len(w.stored(t)); n != 2 {
		t.Fatalf("%d appeals filed, want 2", n)
	}
}

// «без фото» or «skip» typed at the appeal's photo step, and «ні, дякую»
// or «no thanks» at its phone step, move on as the «Далі» and
// «Пропустити» buttons do; before, the photo step added the words to the
// description and the phone step asked for a valid number.
func TestSkipTypedAtTheOptionalAppealStepsMovesOn(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "в кіоску біля школи продають алкоголь дітям"},
		step{Action: "appeal:c:other"},
		step{Text: "вул. Зелена, 20", Want: []string{"Додайте фото"}},
		step{Text: "без фото", Want: []string{"номер телефону"}, Not: []string{"Додано до опису"}},
		step{Text: "ні, дякую", Want: []string{"публічній мапі"}},
	)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{Text: "they sell alcohol to children at the kiosk near the school"}),
		en(step{Action: "appeal:c:other"}),
		en(step{Text: "Zelena St, 20", Want: []string{"Add a photo"}}),
		en(step{Text: "skip", Want: []string{"phone number"}, Not: []string{"Added to the description"}}),
		en(step{Text: "no thanks", Want: []string{"public map"}}),
	)
}
