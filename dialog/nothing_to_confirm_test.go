package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «Підтвердити» or «так» typed when nothing waits for an answer (a second
// tap on a confirmation already done) is not searched in the knowledge
// base, which answered it with articles about extracts from registers.
func TestYesTypedOutsideAFlowSaysNothingWaits(t *testing.T) {
	e := newEngine()
	kb := withFAQ(e)
	for _, text := range []string{"Підтвердити", "так", "Так!", "ні", "ok"} {
		dialogtest.Converse(t, e, step{Text: text, Want: []string{"Зараз нічого не чекає підтвердження"}, Buttons: []string{"Записатися до ЦНАП"}})
	}
	dialogtest.Converse(t, e, step{In: dialog.Update{Locale: "en", UserID: "en"}, Text: "yes", Want: []string{"nothing waiting for confirmation"}})
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}
