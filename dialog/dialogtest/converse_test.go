package dialogtest_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// echo answers every update with its text and one button.
type echo struct{ got []dialog.Update }

func (e *echo) Handle(_ context.Context, u dialog.Update) ([]dialog.Reply, error) {
	e.got = append(e.got, u)
	return []dialog.Reply{{
		Text:    dialog.Plain("you said " + u.Text + u.Action),
		Buttons: [][]dialog.Button{{{Label: "🏠 Меню", Action: "menu:"}}},
	}}, nil
}

// recorder is a testing.TB that records a fatal failure instead of failing.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// converse runs Converse against a recorder and returns the failure message.
func converse(h dialog.Handler, steps ...dialogtest.Step) string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		dialogtest.Converse(r, h, steps...)
	}()
	<-done
	return r.failure
}

func TestConversePassesWhenRepliesMatch(t *testing.T) {
	h := &echo{}
	last := dialogtest.Converse(t, h,
		dialogtest.Step{Text: "привіт", Want: []string{"you said привіт"}, Buttons: []string{"Меню"}, Not: []string{"error"}},
		dialogtest.Step{Action: "menu:faq", Want: []string{"menu:faq"}},
	)
	if len(last) != 1 || len(h.got) != 2 {
		t.Fatalf("last replies %v, updates %v", last, h.got)
	}
	if u := h.got[0]; u.Channel != dialogtest.Channel || u.UserID != dialogtest.User {
		t.Errorf("default channel/user not filled: %+v", u)
	}
}

func TestConverseFailsOnMissingTextButtonOrUnwantedText(t *testing.T) {
	tests := []struct {
		name string
		step dialogtest.Step
		want string
	}{
		{"MissingText", dialogtest.Step{Text: "a", Want: []string{"nowhere"}}, `want text "nowhere"`},
		{"MissingButton", dialogtest.Step{Text: "a", Buttons: []string{"Записатися"}}, `want button "Записатися"`},
		{"UnwantedText", dialogtest.Step{Text: "a", Not: []string{"you said"}}, `unwanted text "you said"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := converse(&echo{}, dialogtest.Step{Text: "ok"}, tt.step, dialogtest.Step{Text: "never sent"})
			if !strings.Contains(msg, "step 2") || !strings.Contains(msg, tt.want) || !strings.Contains(msg, "you said a") {
				t.Fatalf("failure message = %q; want step 2, %s and the transcript", msg, tt.want)
			}
		})
	}
}

func TestConverseStopsAtTheFailingStep(t *testing.T) {
	h := &echo{}
	converse(h, dialogtest.Step{Text: "a", Want: []string{"nowhere"}}, dialogtest.Step{Text: "b"})
	if len(h.got) != 1 {
		t.Fatalf("handler got %d updates, want 1", len(h.got))
	}
}
