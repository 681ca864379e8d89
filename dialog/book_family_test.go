package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// toName takes a resident from the menu to the name step of id-card at
// cnap-vyhovskoho on Tuesday 14 July at hhmm; the last step wants want.
func toName(hhmm, want string) []step {
	return []step{
		{Action: "menu:book:id-card"},
		{Action: "book:l:cnap-vyhovskoho"},
		{Action: "book:d:20260714"},
		{Action: "book:t:" + hhmm, Want: []string{want}},
	}
}

// A grandmother who types at the name step whom she books («Записую онука,
// Іваненко Тарас») books her grandson: his name, a phone the CNAP may call
// about his visit (not «Ваш номер»), a summary and an answer that say whom
// the booking is for and that he brings the documents.
func TestNameTypedWithARelativeBooksThatPerson(t *testing.T) {
	tests := []struct {
		name, typed, who string
	}{
		{"RelativeFirst", "Записую онука, Іваненко Тарас", "Іваненко Тарас"},
		{"RelativeAfter", "Іваненко Тарас — мій онук", "Іваненко Тарас"},
		{"NoComma", "Онук Тарас Іваненко", "Тарас Іваненко"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
			dialogtest.Converse(t, env.e,
				step{Text: tt.typed, Want: []string{"Запис на ім’я " + tt.who + ". За яким номером"}, Not: []string{"Ваш номер", "онук"}},
				step{Text: "+380671112233", Want: []string{"Записуємо: " + tt.who + ", +380671112233"}},
				step{Action: "book:ok", Want: []string{"запис на ім’я " + tt.who + " створено", tt.who + " має взяти із собою"},
					Not: []string{"Ви записані", "Візьміть із собою"}},
			)
		})
	}
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, english("", toName("1020", "What is your name")...)...)
	dialogtest.Converse(t, env.e, english("",
		step{Text: "my grandson Taras Ivanenko", Want: []string{"Booking for Taras Ivanenko. Which phone number"}, Not: []string{"Your phone"}},
		step{Text: "+380671112233", Want: []string{"Booking for: Taras Ivanenko, +380671112233"}},
		step{Action: "book:ok", Want: []string{"Taras Ivanenko is booked", "Taras Ivanenko should bring"}},
	)...)
}

// Offered her own details from an earlier booking («Записати на ім’я Олена
// Петренко?»), a resident who types whom she books instead books that
// person.
func TestRelativeTypedInsteadOfKnownDetailsBooksThatPerson(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, append(toConfirm("1020"), step{Action: "book:ok", Want: []string{"Ви записані"}})...)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:passport-abroad"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:1000", Want: []string{"Записати на ім’я Олена Петренко"}},
		step{Text: "ні, онука Іваненко Тарас", Want: []string{"Запис на ім’я Іваненко Тарас. За яким номером"}},
		step{Text: "0671112233", Want: []string{"Записуємо: Іваненко Тарас"}},
	)
}

// «хочу записати онука на паспорт» is offered the booking; the booking it
// opens is for the grandson: his name is asked, not «Як Вас звати».
func TestBookingOfferedForARelativeBooksThatPerson(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	replies := dialogtest.Converse(t, env.e, step{Text: "хочу записати онука на паспорт", Buttons: []string{"Записатися"}})
	var action string
	for _, b := range dialogtest.Buttons(replies) {
		if strings.Contains(b.Label, "Записатися") {
			action = b.Action
		}
	}
	if len(action) > 64 {
		t.Fatalf("button action %q is longer than Telegram's 64 bytes", action)
	}
	dialogtest.Converse(t, env.e,
		step{Action: action, Want: []string{"Оберіть ЦНАП"}},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:s:id-card"},
		step{Action: "book:d:20260714"},
		step{Action: "book:t:1020", Want: []string{"Як звати людину, яку записуємо"}, Not: []string{"Як Вас звати"}},
		step{Text: "Тарас Іваненко", Want: []string{"Запис на ім’я Тарас Іваненко. За яким номером"}},
	)
}

// A request that starts the booking and names a relative («запишіть мого
// сина в ЦНАП у Ратуші», "I want to book an appointment for my son") books
// that person too.
func TestBookingRequestNamingARelativeBooksThatPerson(t *testing.T) {
	tests := []struct{ locale, text, ask string }{
		{"uk", "хочу записатися з сином, запишіть сина в ЦНАП на Виговського", "Як звати людину, яку записуємо"},
		{"en", "I want to book an appointment for my son", "What is the name of the person you are booking for"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			env := newVisitEnv(t)
			withFAQ(env.e)
			in := dialog.Update{Locale: tt.locale}
			dialogtest.Converse(t, env.e,
				step{In: in, Text: tt.text},
				step{In: in, Action: "book:l:cnap-vyhovskoho"},
				step{In: in, Action: "book:s:id-card"},
				step{In: in, Action: "book:d:20260714"},
				step{In: in, Action: "book:t:1020", Want: []string{tt.ask}},
			)
		})
	}
}

// «хочу записати маму на паспорт на завтра на 10 в ЦНАП на Сихові» names
// the CNAP, the day and the time of a relative's visit: it starts the
// booking for that relative with them, as «запишіть мене…» does for
// oneself; before, it got the knowledge base's choices. A question about
// booking someone («чи можна записати маму…?») stays a question.
func TestRequestToBookARelativeNamingTheVisitStartsWithIt(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"Mother", "Доброго дня, хочу записати маму на паспорт на завтра на 10 в ЦНАП на Сихові"},
		{"Grandson", "Добрий день! Я бабуся, хочу записати онука на паспорт, завтра о 10, ЦНАП на Сихові. Дякую"},
		{"Son", "Запишіть мого сина на завтра на 10:00 в ЦНАП на Сихові"},
		{"Polite", "Доброго дня! Вибачте, що турбую. Я бабуся, хочу записати внука на паспорт у ЦНАП на Сихові, якщо можна на завтра на 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newVisitEnv(t)
			kb := withFAQ(env.e)
			kb.near = []dialog.FAQHit{{ID: "proxy", Title: "Чи можна подати документи в ЦНАП за іншу людину?"}}
			dialogtest.Converse(t, env.e,
				step{Text: tt.text, Want: []string{"ЦНАП на Сихові"}, Not: []string{"Оберіть ЦНАП", "за іншу людину"}},
				step{Action: "book:s:id-card", Want: []string{"Як звати людину, яку записуємо"},
					Not: []string{"Оберіть день", "Оберіть час"}},
				step{Text: "Ганна Петренко"},
				step{Text: "+380671234567", Want: []string{"ЦНАП на Сихові", "середа, 15 липня, 10:00", "Ганна Петренко"}},
			)
		})
	}
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	kb.near = []dialog.FAQHit{{ID: "proxy", Title: "Чи можна подати документи в ЦНАП за іншу людину?"}}
	dialogtest.Converse(t, env.e, step{Text: "Чи можна записати маму на завтра в ЦНАП на Сихові?", Buttons: []string{"за іншу людину"}})
}

// A request for a relative that names the service and the day but no time
// («хочу записати внука на закордонний паспорт на четвер») keeps both; the
// service and the day were lost (the booking asked for the group of
// services and the day again).
func TestRequestToBookARelativeNamingServiceAndDayKeepsThem(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "хочу записати внука на закордонний паспорт на четвер", Want: []string{"Закордонний паспорт"}},
		step{Action: "book:l:cnap-sykhiv", Want: []string{"четвер, 16 липня"}, Not: []string{"Оберіть групу послуг", "Оберіть день"}},
	)
}

// «Записати дочку на субсидію» names the service: the booking starts for
// the daughter with it, instead of the knowledge base's choices.
func TestRequestToBookARelativeNamingTheServiceStartsWithIt(t *testing.T) {
	env := newVisitEnv(t)
	kb := withFAQ(env.e)
	kb.near = []dialog.FAQHit{{ID: "subsidy-yearly", Title: "Чи треба щороку заново подавати документи на субсидію?"}}
	dialogtest.Converse(t, env.e,
		step{Text: "Записати дочку на субсидію", Want: []string{"Житлова субсидія"}, Not: []string{"щороку"}},
		step{Action: "book:l:cnap-center"},
		step{Action: "book:d:20260714"},
		step{Action: "book:t:1040", Want: []string{"Як звати людину, яку записуємо"}},
	)
}

// «цей запис для мого онука» at the name step says whom the booking is
// for without his name: his name is asked, instead of booking «цей запис».
func TestRelativeWithoutANameAtTheNameStepAsksTheirName(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
	dialogtest.Converse(t, env.e,
		step{Text: "цей запис для мого онука", Want: []string{"ім’я та прізвище людини, яку записуєте"}, Not: []string{"Запис на ім’я"}},
		step{Text: "Тарас Іваненко", Want: []string{"Запис на ім’я Тарас Іваненко. За яким номером"}},
	)
}

// A relative named in the dative («мамі треба… запишіть її на четвер»,
// «онукові») is a booking for them too: their name is asked, not «Як Вас
// звати».
func TestRelativeInTheDativeBooksThatPerson(t *testing.T) {
	for _, text := range []string{"мамі треба зробити ID-картку, запишіть її на четвер", "Запишіть онукові візит на четвер, будь ласка"} {
		env := newVisitEnv(t)
		withFAQ(env.e)
		dialogtest.Converse(t, env.e,
			step{Text: text},
			step{Action: "book:l:cnap-vyhovskoho"},
			step{Action: "book:s:id-card"},
			step{Action: "book:t:1020", Want: []string{"Як звати людину, яку записуємо"}},
		)
	}
}

// A grandmother's long request with a diminutive («внучок мій Андрійко має
// отримати перший паспорт… Запишіть нас у ЦНАП на Сихові в середу») books
// the grandson for the ID card, on Wednesday, under his own name.
func TestGrandmothersLongRequestBooksTheGrandson(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Добрий день, внучок мій Андрійко має отримати перший паспорт, йому 14. Запишіть нас, будь ласка, в ЦНАП на Сихові в середу після обіду",
			Want: []string{"Оберіть час: середа, 15 липня, ЦНАП на Сихові"}},
		step{Action: "book:t:1400", Want: []string{"Як звати людину, яку записуємо"}},
		step{Text: "Андрій Коваль"},
		step{Text: "0671234567", Want: []string{"Паспорт (ID-картка)", "середа, 15 липня, 14:00", "Андрій Коваль"}},
	)
}

// «Бабуся Ганна, записую внука»: the grandmother introduces herself and
// books her grandson. The booking is not under «Ганна»: his name is asked,
// or taken when she gives it, and the phone step, the summary and the
// answer say it is his.
func TestWriterIntroducingHerselfBooksTheRelativeSheNames(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
	dialogtest.Converse(t, env.e,
		step{Text: "Бабуся Ганна, записую внука", Want: []string{"ім’я та прізвище людини, яку записуєте"}, Not: []string{"Ганна"}},
		step{Text: "Іваненко Тарас", Want: []string{"Запис на ім’я Іваненко Тарас. За яким номером"}},
		step{Text: "+380671112233", Want: []string{"Записуємо: Іваненко Тарас, +380671112233"}, Not: []string{"Ганна"}},
		step{Action: "book:ok", Want: []string{"запис на ім’я Іваненко Тарас створено"}, Not: []string{"Ганна"}},
	)
	for _, typed := range []string{"Бабуся Ганна, записую внука, Іваненко Тарас", "Я бабуся Ганна, записую внука Іваненко Тарас",
		"Це дідусь Петро записую онука Іваненко Тарас"} {
		t.Run(typed, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
			dialogtest.Converse(t, env.e,
				step{Text: typed, Want: []string{"Запис на ім’я Іваненко Тарас. За яким номером"}, Not: []string{"Ганна", "Петро"}},
				step{Text: "+380671112233", Want: []string{"Записуємо: Іваненко Тарас, +380671112233"}},
			)
		})
	}
	env = newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Добрий день! Бабуся Ганна, хочу записати внука в ЦНАП на Сихові на паспорт на завтра на 10"},
		step{Action: "book:s:id-card", Want: []string{"Як звати людину, яку записуємо"}, Not: []string{"Ганна"}},
	)
}

// A polite introduction at the name step («Добрий день, мене звати Ганна
// Петрівна Коваль», «меня зовут Анна Коваль») is her name, not «це
// запитання чи речення».
func TestNameTypedWithAGreetingAndAnIntroductionIsTaken(t *testing.T) {
	for typed, want := range map[string]string{
		"Добрий день, мене звати Ганна Петрівна Коваль": "Ганна Петрівна Коваль",
		"Доброго дня! Моє ім’я Ганна Коваль":            "Ганна Коваль",
		"мене звати Ганна Коваль, дякую":                "Ганна Коваль",
		"Здравствуйте, меня зовут Анна Коваль":          "Анна Коваль",
		"Я Ганна Коваль":                                "Ганна Коваль",
	} {
		t.Run(typed, func(t *testing.T) {
			env := newVisitEnv(t)
			dialogtest.Converse(t, env.e, toName("1020", "Як Вас звати")...)
			dialogtest.Converse(t, env.e,
				step{Text: typed, Want: []string{"номер телефону"}, Not: []string{"Схоже, це запитання"}},
				step{Text: "+380671112233", Want: []string{"👤 " + want + ", +380671112233"}},
			)
		})
	}
}
