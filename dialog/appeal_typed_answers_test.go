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
