package dialog_test

import (
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// An address in the message that describes the problem («на вулиці Зеленій
// 12 немає гарячої води») is offered at the address step, to take with one
// press: it was asked for again as if never given.
func TestAddressInTheFirstMessageIsOfferedAtTheAddressStep(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "на вулиці Зеленій 12 немає гарячої води вже добу", Buttons: []string{"Немає гарячої води"}},
		step{Action: "appeal:c:no-hot-water", Want: []string{"Адреса з Вашого повідомлення: Зелена, 12", "Проблема за цією адресою?"},
			Buttons: []string{"Так, ця адреса", "Назад"}, Not: []string{"Де саме проблема"}},
		step{Action: "appeal:addr", Want: []string{"Опис беру з Вашого повідомлення", "Додайте фото"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Місце: Зелена, 12", "Опис: на вулиці Зеленій 12 немає гарячої води вже добу"}},
	)
}

// The offered address is taken with a typed «так», and another address
// typed instead is the place; a problem no topic fits («немає світла») keeps
// its address through «Інша проблема».
func TestAddressOfferedIsTakenWithYesOrReplacedByAnother(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "на вулиці Зеленій 12 немає світла вже добу", Want: []string{"Не вдалося визначити тему"}},
		step{Action: "appeal:c:other", Want: []string{"Адреса з Вашого повідомлення: Зелена, 12"}},
		step{Text: "так", Want: []string{"Опис беру з Вашого повідомлення"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Місце: Зелена, 12"}},
	)
	w2 := newAppealWorld(t)
	dialogtest.Converse(t, w2.engine,
		step{Action: "menu:appeal"},
		step{Text: "Не вивезли сміття з контейнерів біля будинку на вул. Городоцька, 15а"},
		step{Action: "appeal:c:waste-not-collected", Want: []string{"Адреса з Вашого повідомлення: вул. Городоцька, 15а"}},
		step{Text: "ні, Городоцька 17", Want: []string{"Додайте фото"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Місце: ні, Городоцька 17"}},
	)
}

// A number that is no house («на 12 годин», «вже 3 дні») is no address:
// the address is asked as usual.
func TestNumberThatIsNoHouseIsNotOfferedAsTheAddress(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "немає гарячої води вже 3 дні, відключили на 12 годин"},
		step{Action: "appeal:c:no-hot-water", Want: []string{"Де саме проблема"}, Not: []string{"Адреса з Вашого повідомлення"}},
	)
}

// «Подати звернення» under the answer that no outage is announced for the
// street takes the resident's message along: its description and address
// are not asked for again.
func TestAppealFromTheOutageAnswerKeepsTheMessage(t *testing.T) {
	w := newAppealWorld(t)
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	dialog.RegisterOutages(w.engine, &outageBoard{}, city)
	withFAQ(w.engine)
	dialogtest.Converse(t, w.engine,
		step{Text: "на вулиці Зеленій 12 немає світла вже добу", Want: []string{"Зелена: зараз немає оголошених відключень"},
			Buttons: []string{"Подати звернення"}},
		step{Text: "Подати звернення", Want: []string{"опис я збережу"}},
		step{Action: "appeal:c:other", Want: []string{"Адреса з Вашого повідомлення: Зелена, 12"}},
		step{Action: "appeal:addr", Want: []string{"Опис беру з Вашого повідомлення: «на вулиці Зеленій 12 немає світла вже добу»"}},
	)
}

// An English address, with the street type after the name and the number
// before or after it («on Zelena Street 12», «12 Zelena Street»), is read
// too.
func TestEnglishAddressInTheFirstMessageIsOffered(t *testing.T) {
	for _, text := range []string{
		"There is a big pothole on Zelena Street 12 near my house",
		"There is a big pothole outside 12 Zelena Street, please fix it",
	} {
		t.Run(text, func(t *testing.T) {
			w := newAppealWorld(t)
			en := dialog.Update{Locale: "en"}
			dialogtest.Converse(t, w.engine,
				step{In: en, Action: "menu:appeal"},
				step{In: en, Text: text, Buttons: []string{"Pothole"}},
				step{In: en, Action: "appeal:c:pothole", Want: []string{"The address from your message: Zelena Street, 12"}},
			)
		})
	}
}

// A Ukrainian street type after the street («на Зеленій вулиці 12») is
// inflected: the address is shown without it.
func TestStreetTypeAfterTheStreetIsNotShownInflected(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "на Зеленій вулиці 12 немає гарячої води", Buttons: []string{"Немає гарячої води"}},
		step{Action: "appeal:c:no-hot-water", Want: []string{"Адреса з Вашого повідомлення: Зелена, 12."}, Not: []string{"вулиці"}},
	)
}

// A story typed at the address step that holds the address («Біля будинку
// на вул. Шевченка 30 вже тиждень стоять переповнені баки») gives both: the
// address read from it is the place and the story the description, which
// is not asked for again.
func TestStoryWithTheAddressAtTheAddressStepGivesPlaceAndDescription(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Action: "appeal:c:waste-not-collected", Want: []string{"Де саме проблема"}},
		step{Text: "Біля будинку на вул. Шевченка 30 вже тиждень стоять переповнені баки",
			Want: []string{"Опис беру з Вашого повідомлення", "Додайте фото"}, Not: []string{"Опишіть, будь ласка"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Місце: вул. Шевченка, 30", "Опис: Біля будинку на вул. Шевченка 30 вже тиждень"}},
	)
	w2 := newAppealWorld(t)
	dialogtest.Converse(t, w2.engine,
		step{Action: "menu:appeal"},
		step{Action: "appeal:c:waste-not-collected"},
		step{Text: "вул. Шевченка 30, біля третього під’їзду", Want: []string{"Опишіть"}},
	)
}
