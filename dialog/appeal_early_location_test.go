package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A location sent while the topic is being chosen is kept as the appeal's
// place: it was dropped without a word and asked for again later.
func TestAppealLocationSentBeforeTheTopicIsThePlace(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		in(dialog.Update{Location: lviv}, "Геолокацію збережено", "Про яку проблему"),
		step{Action: "appeal:s:roads"},
		step{Action: "appeal:c:pothole", Want: []string{"Місце — надіслана геолокація", "Опишіть"}, Not: []string{"Де саме проблема"}},
		step{Text: "Глибока яма посеред дороги", Want: []string{"Додайте фото"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"точка на карті (49.84190, 24.03150)"}},
	)
}

// A location outside the city sent before the topic is not kept, and the
// place is asked for as usual.
func TestAppealLocationOutsideTheCityBeforeTheTopicIsNotKept(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Action: "appeal:s:roads"},
		in(dialog.Update{Location: kyivLoc}, "поза межами міста", "Що саме сталося?"),
		step{Action: "appeal:c:pothole", Want: []string{"Де саме проблема"}},
	)
}
