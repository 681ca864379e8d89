package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// toPlace are the steps from the menu to the appeal's address question.
var toPlace = steps{
	{Action: "menu:appeal"},
	{Action: "appeal:c:pothole", Want: []string{"геолокацію"}},
}

func TestAppealRefusesAnAddressThatSaysNothing(t *testing.T) {
	for _, text := range []string{"не знаю", "Не знаю адресу...", "асдф", "хз", "ХЗ", "?", ".", "йцукен", "фівапр",
		"ааааа", "qwerty", "asdf", "idk", "I don't know", "5", "без понятия", "ну десь тут"} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toPlace...)
			dialogtest.Converse(t, w.engine,
				step{Text: text, Want: []string{"не зрозуміло, де проблема", "наприклад: «вул. Городоцька, 100»"},
					Not: []string{"Опишіть"}, Buttons: []string{"Назад"}},
				step{Text: "Шевченка 5", Want: []string{"Опишіть"}},
			)
		})
	}
}

func TestAppealTakesRealShortAddresses(t *testing.T) {
	for _, text := range []string{"Шевченка 5", "пр. Свободи, 1", "Поділ", "Личаківська 12", "біля ЖЕК №3", "Horodotska 1",
		"не знаю номер, Городоцька біля школи"} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toPlace...)
			dialogtest.Converse(t, w.engine, step{Text: text, Want: []string{"Опишіть"}, Not: []string{"не зрозуміло"}})
		})
	}
}

func TestAppealRefusesADescriptionThatSaysNothing(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Шевченка 5", Want: []string{"Опишіть"}},
		step{Text: "не знаю", Want: []string{"Опишіть, будь ласка, словами", "наприклад: «Немає гарячої води"}},
		step{Text: "!!!", Want: []string{"Опишіть, будь ласка, словами"}},
		step{Text: "ячсмить", Want: []string{"Опишіть, будь ласка, словами"}},
		step{Text: "хз", Want: []string{"Опишіть, будь ласка, словами"}},
		step{Text: "Яма", Want: []string{"Додайте фото"}},
		step{Text: "хз", Want: []string{"не схоже на опис", "не додаю"}, Not: []string{"Додано до опису"}},
		step{Text: "глибока, вже двоє впали", Want: []string{"Додано до опису"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Яма\nглибока, вже двоє впали"}, Not: []string{"хз"}},
	)
}

func TestAppealTakesRealShortDescriptions(t *testing.T) {
	for _, text := range []string{"Яма", "Темно", "Не світить", "Сміття", "Немає ГВП", "тече дах"} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toPlace...)
			dialogtest.Converse(t, w.engine,
				step{Text: "Шевченка 5"},
				step{Text: text, Want: []string{"Додайте фото"}},
			)
		})
	}
}

func TestAppealRefusesVagueInputInEnglish(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, english("",
		step{Action: "menu:appeal"},
		step{Action: "appeal:c:pothole"},
		step{Text: "no idea", Want: []string{"does not say where the problem is", "for example “100 Horodotska St”"}},
		step{Text: "asdf", Want: []string{"does not say where"}},
		step{Text: "12 Main St", Want: []string{"describe"}},
		step{Text: "I don't know", Want: []string{"describe in words what happened", "for example"}},
		step{Text: "??", Want: []string{"describe in words"}},
		step{Text: "Pothole", Want: []string{"Add a photo"}},
		step{Text: "idk", Want: []string{"does not look like a description"}},
	)...)
}

// Every address and category the demo city knows is an informative answer:
// the rule is not fitted to a few test words.
func TestAppealTakesEveryKnownAddressAndCategoryName(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, l := range city.Locations {
		texts = append(texts, l.Address, l.AddressEN)
	}
	for _, p := range city.Places {
		texts = append(texts, p.Address, p.AddressEN)
	}
	var names []string // a category's name at the address step changes the topic
	for _, s := range city.Spheres {
		for _, cat := range s.Categories {
			names = append(names, cat.Name, cat.NameEN)
		}
	}
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	for _, text := range texts {
		if text == "" {
			continue
		}
		dialogtest.Converse(t, w.engine,
			step{Text: text, Want: []string{"Опишіть"}, Not: []string{"не зрозуміло"}},
			step{Text: text, Want: []string{"Додайте фото"}, Not: []string{"словами"}},
			step{Action: "appeal:back"},
			step{Action: "appeal:back", Want: []string{"геолокацію"}},
		)
	}
	dialogtest.Converse(t, w.engine, step{Text: "Шевченка 5", Want: []string{"Опишіть"}})
	for _, text := range names {
		if text == "" {
			continue
		}
		dialogtest.Converse(t, w.engine,
			step{Text: text, Want: []string{"Додайте фото"}, Not: []string{"словами"}},
			step{Action: "appeal:back", Want: []string{"Опишіть"}},
		)
	}
	texts = append(texts, names...)
	if len(texts) < 20 {
		t.Fatalf("only %d texts checked", len(texts))
	}
}

// «не знаю» or «хз» is not a name to book under; a short real name is.
func TestBookingRefusesANameThatSaysNothing(t *testing.T) {
	env := newVisitEnv(t)
	steps := toConfirm("1100")[:4]
	dialogtest.Converse(t, env.e, steps...)
	dialogtest.Converse(t, env.e,
		step{Text: "не знаю", Want: []string{"ім’я та прізвище літерами"}},
		step{Text: "ХЗ", Want: []string{"ім’я та прізвище літерами"}},
		step{Text: "Ян Лі", Want: []string{"номер телефону"}},
	)
	dialogtest.Converse(t, env.e, english("en", append(toTimes("20260714"),
		step{Action: "book:t:1100"},
		step{Text: "dunno", Want: []string{"first and last name in letters"}},
	)...)...)
}

// A first message that says nothing is not kept as the description.
func TestAppealDoesNotKeepAFirstMessageThatSaysNothing(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "я не знаю що тут писати", Want: []string{"Оберіть"}, Not: []string{"опис я збережу", "Не вдалося визначити тему"}},
		step{Action: "appeal:c:pothole"},
		step{Text: "Шевченка 5", Want: []string{"Опишіть, будь ласка, проблему"}, Not: []string{"Опис беру з Вашого повідомлення"}},
	)
	dialogtest.Converse(t, w.engine, english("en",
		step{Action: "menu:appeal"},
		step{Text: "idk", Want: []string{"What problem would you like to report?"}, Not: []string{"I will keep your description"}},
	)...)
}
