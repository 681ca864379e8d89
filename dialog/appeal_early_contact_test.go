package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// The resident's own phone shared while the topic is being chosen is kept
// for the phone step, which is then not asked: it was ignored without a
// word and the topic asked again. A contact that may be someone else's
// (Viber does not say whose it is) is not kept, and the resident is told
// where to leave their own.
func TestAppealPhoneSentBeforeTheTopicIsKept(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		in(dialog.Update{Contact: &dialog.Contact{Phone: "+380501234567", Own: true}}, "Номер +380501234567 збережено", "Про яку проблему"),
		step{Action: "appeal:s:roads"},
		in(dialog.Update{Contact: &dialog.Contact{Phone: "+380671112233"}}, "Цей номер не зберігаю", "Що саме сталося?"),
		step{Action: "appeal:c:pothole"},
		in(dialog.Update{Location: lviv}, "Опишіть"),
		step{Text: "Глибока яма посеред дороги", Want: []string{"Додайте фото"}},
		step{Action: "appeal:next", Want: []string{"публічній мапі"}, Not: []string{"номер телефону"}},
		step{Action: "appeal:pub:n", Want: []string{"Телефон: +380501234567"}},
	)
}
