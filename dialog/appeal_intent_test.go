package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A request to file an appeal that also says what happened is not asked
// for the problem from scratch: the rest of the message picks the topic and
// is kept as the description.
func TestFileRequestWithTheProblemKeepsTheDescription(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "Добрий день! Хочу подати звернення, не горить ліхтар на вулиці Зеленій 20 вже третій день",
			Want: []string{"Схоже, йдеться про одне з цього"}, Buttons: []string{"Не світить ліхтар"}},
		step{Action: "appeal:c:street-light-out", Want: []string{"геолокацію"}},
		step{Text: "вул. Зелена, 20", Want: []string{"Опис беру з Вашого повідомлення: «Не горить ліхтар на вулиці Зеленій 20 вже третій день»", "Додайте фото"},
			Not: []string{"Хочу подати", "Добрий день"}},
	)
}

// A bare request, or one followed by nothing informative, opens the topics.
func TestBareFileRequestOpensTheTopics(t *testing.T) {
	for _, text := range []string{"Хочу подати звернення", "хочу подати скаргу!!!", "хочу подати звернення, хз"} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			withFAQ(w.engine)
			dialogtest.Converse(t, w.engine, step{Text: text, Want: []string{"Про яку проблему хочете повідомити?"},
				Not: []string{"Схоже, йдеться", "Не вдалося визначити"}})
		})
	}
}

// A problem reported to the FAQ («не світить ліхтар біля мого будинку») is
// offered the appeal form; the form it opens starts from that message — its
// topic guessed, the message kept as the description — not from «Про яку
// проблему хочете повідомити?».
func TestOfferedAppealStartsFromTheReportedProblem(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	replies := dialogtest.Converse(t, w.engine, step{Text: "не світить ліхтар біля мого будинку третій день", Buttons: []string{"Подати звернення"}})
	var action string
	for _, b := range dialogtest.Buttons(replies) {
		if strings.Contains(b.Label, "Подати звернення") {
			action = b.Action
		}
	}
	dialogtest.Converse(t, w.engine,
		step{Action: action, Want: []string{"Схоже, йдеться про одне з цього"}, Buttons: []string{"Не світить ліхтар"},
			Not: []string{"Про яку проблему хочете повідомити?"}},
		step{Action: "appeal:c:street-light-out"},
		step{Text: "вул. Зелена, 20", Want: []string{"Опис беру з Вашого повідомлення: «не світить ліхтар біля мого будинку третій день»"}},
	)
}

// Rubbish not taken away, reported in Russian («у нас во дворе не вывозят
// мусор уже неделю, улица Зеленая 5»), is offered the appeal form as the
// Ukrainian report is; the form finds the topic and the address.
func TestRubbishReportedInRussianIsOfferedTheAppeal(t *testing.T) {
	w := newAppealWorld(t)
	withFAQ(w.engine)
	replies := dialogtest.Converse(t, w.engine, step{Text: "у нас во дворе не вывозят мусор уже неделю, улица Зеленая 5",
		Want: []string{"Схоже, це проблема, яку має усунути міська служба"}, Buttons: []string{"Подати звернення"}})
	var action string
	for _, b := range dialogtest.Buttons(replies) {
		if strings.Contains(b.Label, "Подати звернення") {
			action = b.Action
		}
	}
	dialogtest.Converse(t, w.engine,
		step{Action: action, Buttons: []string{"Не вивезли сміття"}},
		step{Action: "appeal:c:waste-not-collected", Want: []string{"Адреса з Вашого повідомлення: Зеленая, 5"}},
	)
}
