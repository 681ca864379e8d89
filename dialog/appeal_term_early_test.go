package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «а скільки розглядають?» before the topic is chosen is answered with the
// terms of the city's topics (from the shortest to the longest), and the
// step is asked again; once the topic is known, with its own term. It was
// read as a topic to guess («Не вдалося визначити тему»).
func TestTermAskedBeforeTheTopicIsAnsweredAndTheStepGoesOn(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "а скільки розглядають?", Want: []string{"Строк виконання залежить від теми: найкоротший — 4 години, найдовший — 30 днів",
			"Про яку проблему"}, Not: []string{"Не вдалося визначити тему", "Схоже, йдеться"}},
		step{Action: "appeal:s:roads"},
		step{Text: "А скільки чекати?", Want: []string{"Строк виконання залежить від теми", "Тема «Дороги й тротуари»"},
			Not: []string{"Не вдалося визначити тему"}},
		step{Action: "appeal:c:pothole"},
		step{Text: "а скільки розглядають?", Want: []string{"Звернення на тему «Яма на дорозі» виконує", "Де саме проблема"},
			Not: []string{"Схоже, це запитання, а не адреса"}},
		step{Text: "when will it be fixed?", Want: []string{"строк — 15 днів", "Де саме проблема"}},
		step{Text: "вул. Городоцька, 100", Want: []string{"Опишіть"}},
	)
}
