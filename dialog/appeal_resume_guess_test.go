package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// Going back to an appeal left at the guessed topics («Схоже, йдеться
// про...») shows those guesses again, not the list of every topic.
func TestAppealResumedAtTheGuessesShowsThemAgain(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "яма на дорозі біля школи", Want: []string{"Схоже, йдеться про"}, Buttons: []string{"Яма на дорозі"}},
		step{Text: "меню", Want: []string{"Скасувати чернетку"}},
		step{Action: "appeal:resume", Want: []string{"Схоже, йдеться про"}, Buttons: []string{"Яма на дорозі"}},
	)
}
