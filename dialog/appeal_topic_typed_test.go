package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A topic typed by the first word of its name («Дороги», "Roads") opens
// that topic's problems, not «Не вдалося визначити тему».
func TestAppealTopicTypedByItsFirstWord(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "дороги", Want: []string{"Тема «Дороги й тротуари»"}, Not: []string{"Не вдалося"}, Buttons: []string{"Назад"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, w.engine,
		step{In: en, Action: "menu:appeal"},
		step{In: en, Text: "Roads", Want: []string{"Topic “Roads and sidewalks”"}, Not: []string{"could not tell"}},
	)
}

// A word or two that names no topic is not kept as a description, so the
// reply does not promise to keep it.
func TestAppealShortUnknownTopicPromisesNoDescription(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "космос", Want: []string{"Не вдалося визначити тему", "«Інша проблема»"}, Not: []string{"опис я збережу"}},
		step{Text: "над будинком літає космічний корабель щоночі", Want: []string{"опис я збережу"}},
	)
}

// A topic's name typed at the address step (the label of a button of the
// step before) changes the topic instead of becoming the address.
func TestAppealTopicTypedAtTheAddressStepIsNoAddress(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Освітлення", Want: []string{"Тема «Освітлення»"}, Not: []string{"Опишіть"}},
		step{Action: "appeal:c:street-light-out", Want: []string{"Тема: Не світить ліхтар", "геолокацію"}},
		step{Text: "Не світить ліхтар", Want: []string{"Тема: Не світить ліхтар", "геолокацію"}, Not: []string{"Опишіть"}},
		step{Text: "вул. Зелена 5", Want: []string{"Опишіть"}},
	)
}
