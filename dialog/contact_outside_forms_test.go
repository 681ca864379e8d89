package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A phone shared outside a form (from the menu, after the CNAP list) is
// answered: it is not kept, and the resident is told how to be called
// back. It got the bare menu prompt, as if nothing was sent.
func TestContactOutsideAFormIsAnswered(t *testing.T) {
	w := newAppealWorld(t)
	contact := dialog.Update{Contact: &dialog.Contact{Phone: "+380501234567", Own: true}}
	dialogtest.Converse(t, w.engine,
		step{Text: "меню"},
		step{In: contact, Want: []string{"Номер не зберігаю", "1580"}, Buttons: []string{"Подати звернення"}},
	)
}
