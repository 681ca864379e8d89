package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// The summary offers to change the place or the description directly: the
// resident who sees a wrong address had to press «Назад» five times
// through the steps between. After the change the summary comes again with
// everything else kept, and the appeal is filed with the new values.
func TestPlaceAndDescriptionAreChangedFromTheSummary(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary...)
	dialogtest.Converse(t, w.engine,
		step{Text: "ні, адреса не та", Buttons: []string{"Змінити місце", "Змінити опис"}},
		step{Action: "appeal:edit:place", Want: []string{"Де саме проблема"}},
		step{Text: "вул. Городоцька, 14", Want: []string{"Перевірте", "Місце: вул. Городоцька, 14", "Немає гарячої води з понеділка",
			"Фото: 1 фото", "Телефон: +380501234567"}, Not: []string{"Додайте фото"}},
		step{Action: "appeal:edit:desc", Want: []string{"Опишіть"}},
	)
	replies := dialogtest.Converse(t, w.engine,
		step{Text: "Немає гарячої води третій день у під’їзді №2", Want: []string{"Перевірте", "Місце: вул. Городоцька, 14",
			"Опис: Немає гарячої води третій день у під’їзді №2", "Фото: 1 фото"}, Not: []string{"Додайте фото"}},
	)
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies), Want: []string{"зареєстровано"}})
	a := w.stored(t)
	if len(a) != 1 || a[0].Address != "вул. Городоцька, 14" || a[0].Description != "Немає гарячої води третій день у під’їзді №2" {
		t.Fatalf("filed %+v", a)
	}
}
