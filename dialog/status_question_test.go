package dialog_test

import (
	"slices"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A resident who gives up on the status check and asks something else is
// answered, not told again what a number or a PIN looks like.
func TestAQuestionTypedAtAStatusStepIsAnswered(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	number, _ := fileOne(t, w)
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:status", Want: []string{"номер звернення"}}),
		other(step{Text: "як оформити закордонний паспорт?", Not: []string{"Номер має вигляд"}}),
		other(step{Action: "menu:status"}),
		other(step{Text: number, Want: []string{"введіть PIN"}}),
		other(step{Text: "коли дадуть світло на Сихові", Not: []string{"PIN складається"}}),
		// a mistyped number or PIN is still one
		other(step{Action: "menu:status"}),
		other(step{Text: "2026-00012a", Want: []string{"Номер має вигляд"}}),
		other(step{Text: number}),
		other(step{Text: "12a4", Want: []string{"PIN складається"}}),
	)
	want := []string{"як оформити закордонний паспорт?", "коли дадуть світло на Сихові"}
	if q := kb.questions(); !slices.Equal(q, want) {
		t.Fatalf("the knowledge base was asked %q, want %q", q, want)
	}
}
