package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A relative's name typed in the case the sentence puts it in («запишіть
// онука Тараса Іваненка») is booked in the nominative («Тарас Іваненко»)
// where the form is sure; where it may be read two ways («Петра»: Петро or
// Петр?) the name is kept as typed.
func TestRelativesNameIsBookedInTheNominativeWhenSure(t *testing.T) {
	tests := []struct {
		name, typed, who string
	}{
		{"GrandsonGenitive", "запишіть онука Тараса Іваненка", "Тарас Іваненко"},
		{"SonAdjectiveSurname", "записую сина Богдана Кравецького", "Богдан Кравецький"},
		{"SonNameAlone", "сина Максима", "Максим"},
		{"SonSoftName", "запишіть сина Андрія Коваленка", "Андрій Коваленко"},
		{"GranddaughterAccusative", "запишіть онуку Марію Іваненко", "Марія Іваненко"},
		{"MotherAccusative", "маму Ольгу Ковальову", "Ольга Ковальова"},
		{"AlreadyNominative", "запишіть сина Тарас Іваненко", "Тарас Іваненко"},
		{"UnsureKeptAsTyped", "запишіть сина Петра Коваля", "Петра Коваля"},
		{"GranddaughterNominativeKept", "онука Олена Іваненко", "Олена Іваненко"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
			dialogtest.Converse(t, env.e,
				step{Text: tt.typed, Want: []string{"Запис на ім’я " + tt.who + ". За яким номером"}},
				step{Text: "+380671112233", Want: []string{"Записуємо: " + tt.who + ", +380671112233"}},
			)
		})
	}
}
