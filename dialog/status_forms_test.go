package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// grouped writes a PIN the way people read it out: «117 265».
func grouped(pin, sep string) string { return pin[:3] + sep + pin[3:] }

// A number written without its dash, with words around it, and a PIN typed
// in groups are read at every step, in and outside the status flow.
func TestStatusCheckReadsTheNumberAndPINInAnyWrittenForm(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	number, pin := fileOne(t, w)
	compact := strings.ReplaceAll(number, "-", "")
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	found := []string{"Звернення № " + number, "Статус: зареєстровано"}
	dialogtest.Converse(t, w.engine,
		other(step{Text: "номер звернення " + compact + ", пін " + pin, Want: found}),
		other(step{Text: "номер звернення " + compact + ", пін " + grouped(pin, " "), Want: found}),
		other(step{Action: "menu:status", Want: []string{"номер звернення"}}),
		other(step{Text: "моє звернення " + compact, Want: []string{"введіть PIN"}}),
		other(step{Text: grouped(pin, " "), Want: found}),
		other(step{Action: "menu:status"}),
		other(step{Text: compact}),
		other(step{Text: grouped(pin, "-"), Want: found}),
		other(step{Action: "menu:status"}),
		other(step{Text: "2026 " + number[5:] + " " + grouped(pin, " "), Want: found}),
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	// Ten digits without words about an appeal stay a question.
	dialogtest.Converse(t, w.engine, other(step{Text: "меню"}), other(step{Text: "мій ІПН " + compact, Not: []string{"PIN"}}))
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question with a tax number", q)
	}
}

// Wrong PINs typed in groups count as attempts: the lock still comes.
func TestStatusCheckStopsGuessingPINsTypedInGroups(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	number, pin := fileOne(t, w)
	compact := strings.ReplaceAll(number, "-", "")
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	var last []dialog.Reply
	for range cases.PINNumberBackoff.Burst + 1 {
		last = dialogtest.Converse(t, w.engine, other(step{Text: "звернення " + compact + " пін " + grouped(wrongPIN(pin), " ")}))
	}
	if txt := dialogtest.Texts(last); !strings.Contains(txt, "Забагато невдалих спроб") {
		t.Fatalf("after %d wrong PINs:\n%s", cases.PINNumberBackoff.Burst+1, dialogtest.Transcript(last))
	}
	dialogtest.Converse(t, w.engine, other(step{Text: "звернення " + compact + " пін " + grouped(pin, " "),
		Want: []string{"Забагато невдалих спроб"}, Not: []string{"Статус:"}}))
}
