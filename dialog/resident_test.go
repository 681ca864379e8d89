package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestMyAppealsListsTheChatsOwnAppealsWithoutAPIN(t *testing.T) {
	w := newAppealWorld(t)
	number, _ := fileOne(t, w)
	replies := dialogtest.Converse(t, w.engine,
		step{Text: "/start", Buttons: []string{"📂 Мої звернення", "🗓 Мої записи"}},
		step{Text: "мої звернення", Want: []string{"Ваші звернення", "№ " + number, "Немає гарячої води: зареєстровано"},
			Buttons: []string{"№ " + number, "За номером і PIN"}},
	)
	dialogtest.Converse(t, w.engine,
		step{Action: dialogtest.Buttons(replies)[0].Action, Want: []string{"Звернення № " + number, "Статус: зареєстровано",
			"Виконавець: КП «Тепломережа»"}, Not: []string{"PIN"}},
		step{Text: "назад", Want: []string{"Ваші звернення"}},
		step{Text: "назад", Want: []string{"Чим можу допомогти"}},
	)
	// Another chat sees none of them, and cannot open one by its number.
	other := func(s step) step { s.In.UserID = "neighbour"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:myappeals", Want: []string{"З цього чату Ви ще не подавали звернень"}, Buttons: []string{"За номером і PIN"}}),
		other(step{Action: "myappeals:a:" + number, Want: []string{"Звернення не знайдено"}, Not: []string{"Тепломережа"}}),
	)
}

func TestMyAppealsInEnglish(t *testing.T) {
	w := newAppealWorld(t)
	number, _ := fileOne(t, w)
	en := func(s step) step { s.In.Locale = "en"; return s }
	dialogtest.Converse(t, w.engine,
		step{Text: "/lang en"},
		en(step{Text: "my appeals", Want: []string{"Your appeals", "No. " + number, "No hot water: registered"}}),
		en(step{Action: "myappeals:a:" + number, Want: []string{"Status: registered"}, Buttons: []string{"Back"}}),
	)
}

func TestAppealNoCategoryFitsGoesToTheDispatcher(t *testing.T) {
	w := newAppealWorld(t)
	replies := dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal", Buttons: []string{"Інша проблема"}},
		step{Text: "в кіоску біля школи продають алкоголь дітям", Want: []string{"Не вдалося визначити тему", "Інша проблема"},
			Buttons: []string{"Інша проблема", "Житлове господарство"}},
		step{Action: "appeal:c:other", Want: []string{"Тема: Інша проблема", "Де саме проблема"}},
		step{Text: "вул. Зелена, 20, кіоск біля школи № 5", Want: []string{"Опис беру з Вашого повідомлення: «в кіоску біля школи продають алкоголь дітям»", "Додайте фото"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:n", Want: []string{"Тема: Інша проблема", "Опис: в кіоску біля школи продають алкоголь дітям", "Строк виконання: 15 днів"}},
	)
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies), Want: []string{"Виконавець: Диспетчерська служба 1580"}})
	if a := w.stored(t)[0]; a.Category != "other" || a.Executor != "dispatch" || a.Description != "в кіоску біля школи продають алкоголь дітям" {
		t.Fatalf("filed %+v", a)
	}
}

func TestAppealOtherProblemInEnglish(t *testing.T) {
	w := newAppealWorld(t)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{Text: "they sell alcohol to children near the school", Want: []string{"press “Other problem”"}, Buttons: []string{"Other problem"}}),
		en(step{Action: "appeal:c:other", Want: []string{"Topic: Other problem"}}),
	)
}

func TestAppealKeepsPhotosSentAtAnyStep(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:3]...)
	replies := dialogtest.Converse(t, w.engine,
		in(dialog.Update{Photo: &dialog.Photo{Ref: "tg:early"}}, "Фото додано до звернення (1 фото)", "Де саме проблема"),
		in(dialog.Update{Photo: &dialog.Photo{Ref: "tg:caption"}, Text: "вул. Наукова, 7"}, "Опишіть"),
		step{Text: "Немає гарячої води третій день", Want: []string{"Фото додано (2 фото)"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:n", Want: []string{"Місце: вул. Наукова, 7", "Фото: 2 фото"}},
	)
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies)})
	if a := w.stored(t)[0]; len(a.Photos) != 2 || a.Photos[0] != "tg:early" {
		t.Fatalf("photos %q", a.Photos)
	}
}

func TestPhotoWithCaptionOutsideAFlowStartsAnAppeal(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		in(dialog.Update{Photo: &dialog.Photo{Ref: "tg:pit"}, Text: "Велика яма на дорозі біля зупинки"}, "Схоже, йдеться"),
		step{Action: "appeal:c:pothole", Want: []string{"Тема: Яма на дорозі"}},
		step{Text: "вул. Городоцька, 100", Want: []string{"Опис беру", "Велика яма на дорозі біля зупинки", "Фото додано (1 фото)"}},
	)
	dialogtest.Converse(t, w.engine,
		in(dialog.Update{UserID: "u2", Photo: &dialog.Photo{Ref: "tg:x"}}, "Фото збережу до звернення", "Про яку проблему"))
}

func TestMenuInTheMiddleOfADraftAsksFirst(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:4]...)
	dialogtest.Converse(t, w.engine,
		step{Text: "меню", Want: []string{"Скасувати чернетку звернення?"}, Buttons: []string{"Так, скасувати", "Ні, продовжити"}},
		step{Text: "Ні, продовжити", Want: []string{"Опишіть"}},
		step{Action: "menu:", Want: []string{"Скасувати чернетку"}},
		step{Text: "Так, скасувати", Want: []string{"Скасовано, нічого не збережено"}, Buttons: []string{"Подати звернення"}},
		step{Text: "меню", Want: []string{"Чим можу допомогти"}},
	)
	// Before anything is entered there is nothing to lose.
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "меню", Want: []string{"Чим можу допомогти"}})
}

func TestVoiceStickerVideoGetAnExplanation(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		in(dialog.Update{Unsupported: "voice"}, "Голосові повідомлення, стікери, відео й файли я поки не розумію"),
		step{Action: "menu:appeal"},
		in(dialog.Update{Unsupported: "sticker"}, "Відповідайте, будь ласка, текстом"),
		step{Text: "Житлове господарство", Want: []string{"Тема «Житлове господарство»"}}, // the topic buttons still work
		in(dialog.Update{Unsupported: "video", Locale: "en", UserID: "en"}, "I cannot understand voice messages"),
	)
}

func TestBackWorksInEveryFlow(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:status", Want: []string{"номер звернення"}, Buttons: []string{"Мої звернення"}},
		step{Text: "2026-000123", Want: []string{"введіть PIN"}},
		step{Text: "назад", Want: []string{"номер звернення"}},
		step{Text: "назад", Want: []string{"Чим можу допомогти"}},
		step{Action: "menu:settings", Want: []string{"Оберіть мову"}},
		step{Text: "назад", Want: []string{"Чим можу допомогти"}},
		step{Action: "menu:appeal"},
		step{Text: "назад", Want: []string{"Чим можу допомогти"}},
		step{Action: "menu:appeal"},
		step{Action: "appeal:s:housing"},
		step{Text: "назад", Want: []string{"Про яку проблему"}},
		step{Action: "menu:settings"},
		step{Text: "англійською", Want: []string{"Done, we now speak English"}},
		step{Action: "menu:settings"},
		step{Text: "back", Want: []string{"How can I help"}},
	)
}

func TestForgottenPINAndTalkingToAPerson(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Text: "я забула PIN", Want: []string{"PIN надсилаємо лише раз", "«Мої звернення»", "1580"}, Buttons: []string{"Мої звернення"}},
		step{Text: "хочу поговорити з людиною", Want: []string{"Оператора в цьому чаті поки немає", "1580"}, Buttons: []string{"Подати звернення"}},
		step{Text: "оператор", Want: []string{"гарячій лінії"}},
		step{Text: "I forgot my PIN", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"The PIN is sent only once"}},
		step{Text: "operator", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"There is no operator in this chat yet"}},
	)
	// Inside a form the same words are the resident's answer.
	dialogtest.Converse(t, w.engine, toSummary[:4]...)
	dialogtest.Converse(t, w.engine,
		step{Text: "Оператор ЖЕКу не відповідає, води немає", Want: []string{"Додайте фото"}})
}

// The explanation of a sticker inside a form points to the buttons without
// saying where they are: above in Telegram and the web chat, under the
// field in Viber's keyboard.
func TestStickerInAFormPointsToTheButtonsOnEveryChannel(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{In: dialog.Update{Unsupported: "sticker"}, Want: []string{"текстом або кнопками"}, Not: []string{"вище"}},
	)
	en := func(s step) step { s.In.Locale, s.In.UserID = "en", "en"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{In: dialog.Update{Unsupported: "sticker"}, Want: []string{"in text or with the buttons"}, Not: []string{"above"}}),
	)
}
