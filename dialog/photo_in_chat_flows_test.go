package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/memory"
)

// A photo sent after looking at the nearest CNAPs or the queue (flows that
// take no photo) starts an appeal with it, as it does from the menu: it
// was dropped and the CNAP search asked for again.
func TestPhotoAfterTheCNAPsOrTheQueueStartsAnAppeal(t *testing.T) {
	w := newAppealWorld(t)
	dialog.RegisterQueue(w.engine, &cases.Queue{City: w.svc.City, KV: memory.New()})
	photo := dialog.Update{Photo: &dialog.Photo{Ref: "tg:photo-1"}}
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:cnap", Want: []string{"Надішліть геолокацію"}},
		in(dialog.Update{Location: lviv}, "Найближчі до Вас ЦНАП"),
		step{In: photo, Want: []string{"Фото збережу до звернення", "Про яку проблему"}, Not: []string{"Надішліть геолокацію"}},
		step{Action: "menu:queue"},
		step{In: photo, Want: []string{"Фото збережу до звернення", "Про яку проблему"}},
	)
}
