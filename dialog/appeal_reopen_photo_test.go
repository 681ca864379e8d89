package dialog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «Ні, не зроблено» is often shown, not told: a photo sent at the «what is
// still wrong» step goes to the appeal with the comment, for the executor.
func TestAPhotoOfWhatIsStillWrongGoesToTheReopenedAppeal(t *testing.T) {
	for _, caption := range []string{"", "Батарея досі холодна"} {
		t.Run("caption="+caption, func(t *testing.T) {
			w := newAppealWorld(t)
			number, _ := fileOne(t, w)
			executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
			no := buttonAction(t, w.pushes.last(t).replies, "Ні")
			photo := step{In: dialog.Update{Photo: &dialog.Photo{Ref: "tg:still-broken"}}, Text: caption}
			if caption == "" {
				photo.Want = []string{"Фото додам до звернення", "що саме залишилося не так"}
				photo.Not = []string{"докладніше"}
				dialogtest.Converse(t, w.engine, step{Action: no}, photo,
					step{Text: "Батарея досі холодна", Want: []string{"№ " + number + " повернуто в роботу"}})
			} else {
				photo.Want = []string{"№ " + number + " повернуто в роботу"}
				dialogtest.Converse(t, w.engine, step{Action: no}, photo)
			}
			a, _ := w.appeals.FindAppeal(context.Background(), number)
			last, _ := a.LastEvent()
			if a.Status != cases.AppealReopened || last.Comment != "Батарея досі холодна" || !slices.Contains(a.Photos, "tg:still-broken") ||
				!slices.Contains(a.Photos, "tg:photo-1") {
				t.Fatalf("reopened appeal: status %s, comment %q, photos %q", a.Status, last.Comment, a.Photos)
			}
		})
	}
}
