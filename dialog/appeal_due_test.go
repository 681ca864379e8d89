package dialog_test

import (
	"regexp"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// An appeal whose term is in days is due by a date: the answer and the
// status show «до 23.12.2026», not the minute it was filed fifteen days
// later («до 23.12.2026 03:57»); a term in hours keeps the time.
func TestAppealDueInDaysShowsTheDate(t *testing.T) {
	w := newAppealWorld(t)
	steps := []step{
		{Action: "menu:appeal"},
		{Action: "appeal:c:pothole"},
		{Text: "вул. Городоцька, 100"},
		{Text: "Глибока яма посеред дороги"},
		{Action: "appeal:next"},
		{Action: "appeal:next"},
	}
	dialogtest.Converse(t, w.engine, steps...)
	replies := dialogtest.Converse(t, w.engine, step{Action: "appeal:pub:n"})
	replies = dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies), Want: []string{"зареєстровано"}})
	text := dialogtest.Texts(replies)
	if !regexp.MustCompile(`Строк: до \d\d\.\d\d\.\d{4}\.`).MatchString(text) {
		t.Fatalf("a term in days shows no date alone:\n%s", text)
	}
	number, pin := fileOne(t, w) // no hot water: 24 hours
	replies = dialogtest.Converse(t, w.engine, step{Text: "/status " + number + " " + pin})
	if text := dialogtest.Texts(replies); !regexp.MustCompile(`Строк: до \d\d\.\d\d\.\d{4} \d\d:\d\d`).MatchString(text) {
		t.Fatalf("a term in hours shows no time:\n%s", text)
	}
}
