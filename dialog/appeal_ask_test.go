package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A question about the appeal («а скільки це буде тривати?») typed at the
// description or photo step is answered with who handles the topic and in
// what term, the step goes on, and the question is not made part of the
// description; what the message says besides it is kept.
func TestAppealQuestionAtDescriptionOrPhotoStepIsAnsweredNotDescribed(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "вул. Городоцька 15", Want: []string{"Опишіть"}},
		step{Text: "а скільки це буде тривати?", Want: []string{"строк —", "від реєстрації", "Звернення ще не подано", "Опишіть"},
			Not: []string{"Додайте фото", "Додано до опису"}},
		step{Text: "Глибока яма посеред дороги. Скільки чекати?", Want: []string{"строк —", "Додайте фото"}},
		step{Text: "а як довго це розглядається?", Want: []string{"строк —", "Звернення ще не подано", "«Далі»"}, Not: []string{"Додано до опису"}},
		step{Text: "Яма глибока, колесо пробив. Коли відремонтують?", Want: []string{"строк —", "Додано до опису звернення: «Яма глибока, колесо пробив.»"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Глибока яма посеред дороги.", "колесо пробив"},
			Not: []string{"тривати", "Скільки чекати", "розглядається", "Коли відремонтують"}},
	)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, w.engine,
		step{In: en, Action: "menu:appeal"},
		step{In: en, Action: "appeal:c:pothole"},
		step{In: en, Text: "15 Horodotska St"},
		step{In: en, Text: "how long will it take?", Want: []string{"is handled by", "The appeal is not filed yet"}, Not: []string{"Add a photo"}},
	)
}

// «а це анонімно? хто побачить мій опис?» at the photo step is answered
// (who sees the phone and the description) and not added to the
// description; another question there («а відео можна?») is not added
// either, and the resident is told so.
func TestAppealPrivacyOrOtherQuestionAtPhotoStepIsNotAddedToTheDescription(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toPlace...)
	dialogtest.Converse(t, w.engine,
		step{Text: "вул. Городоцька 15"},
		step{Text: "Глибока яма посеред дороги", Want: []string{"Додайте фото"}},
		step{Text: "а це анонімно? хто побачить мій опис?", Want: []string{"Ваш номер телефону бачать лише працівники", "«Далі»"},
			Not: []string{"Додано до опису"}},
		step{Text: "а відео можна?", Want: []string{"Схоже, це запитання, тож до опису звернення його не додаю", "«Далі»"},
			Not: []string{"Додано до опису"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Опис: Глибока яма посеред дороги\n"}, Not: []string{"анонімно", "відео"}},
	)
}

// «а фото обов’язково?» typed at the description step, before the photo
// step, is answered (the photo is optional and comes next), not taken as the
// description; the description typed next is the appeal's.
func TestPhotoQuestionAtTheDescriptionStepIsAnsweredNotTheDescription(t *testing.T) {
	for _, q := range []string{"а фото обов’язково?", "а фото обовязково?", "Чи треба фото?", "можна без фото?"} {
		t.Run(q, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toPlace...)
			dialogtest.Converse(t, w.engine,
				step{Text: "вул. Городоцька 15", Want: []string{"Опишіть"}},
				step{Text: q, Want: []string{"Фото необов’язкове", "Опишіть"}, Not: []string{"Додайте фото"}},
				step{Text: "Глибока яма посеред дороги", Want: []string{"Додайте фото"}},
				step{Text: q, Want: []string{"Фото необов’язкове", "«Далі»"}, Not: []string{"Додано до опису"}},
				step{Action: "appeal:next"},
				step{Action: "appeal:next"},
				step{Action: "appeal:pub:n", Want: []string{"Опис: Глибока яма посеред дороги\n"}, Not: []string{"фото"}},
			)
		})
	}
	w := newAppealWorld(t)
	en := dialog.Update{Locale: "en", UserID: "en"}
	dialogtest.Converse(t, w.engine,
		step{In: en, Action: "menu:appeal"},
		step{In: en, Action: "appeal:c:pothole"},
		step{In: en, Text: "15 Horodotska St"},
		step{In: en, Text: "is a photo required?", Want: []string{"A photo is optional", "The appeal is not filed yet"}, Not: []string{"Add a photo of"}},
	)
}

// «а навіщо вам мій номер?» at the phone step is answered (who sees the
// phone) and the phone is asked again, instead of «Не схоже на номер
// телефону»; a question it has no answer for still gets that.
func TestPrivacyQuestionAtThePhoneStepIsAnswered(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:7]...)
	dialogtest.Converse(t, w.engine,
		step{Text: "а навіщо вам мій номер? хто його побачить?", Want: []string{"Ваш номер телефону бачать лише працівники", "Залиште, будь ласка, свій номер"},
			Not: []string{"Не схоже на номер телефону"}, Buttons: []string{"Пропустити"}},
		step{Text: "0501234567", Want: []string{"Показати опис звернення на публічній мапі"}},
	)
}
