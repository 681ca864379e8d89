package dialog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestCNAPDirectoryShowsTheThreeNearestWithHoursQueueAndBooking(t *testing.T) {
	env := newVisitEnv(t)
	loc := env.visits.City.Loc()
	env.report(t, "cnap-sykhiv", 4, 2, time.Date(2026, 7, 14, 9, 58, 0, 0, loc))
	env.setNow(time.Date(2026, 7, 14, 10, 0, 0, 0, loc))
	replies := dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}, Buttons: []string{"Усі ЦНАП"}},
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.7935, Lon: 24.0605}}, Want: []string{
			"Найближчі до Вас ЦНАП", "ЦНАП на Сихові · 0,0 км", "просп. Червоної Калини, 72а", "зараз відчинено до",
			"☎️ +380 32 297-57-95", "у черзі 4 людини, ≈ 25 хв · дані 2 хв тому"},
			Buttons: []string{"Записатися · ЦНАП на Сихові"}},
	)
	if n := strings.Count(dialogtest.Texts(replies), "📍 "); n != 3 {
		t.Fatalf("%d cards, want 3:\n%s", n, dialogtest.Transcript(replies))
	}
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:@cnap-sykhiv", Want: []string{"ЦНАП на Сихові", "Оберіть"}},
		step{Action: "menu:cnap"},
		step{Text: "Шевченка", Want: []string{"ЦНАП за запитом «Шевченка»", "ЦНАП на Шевченка", "ЦНАП у Дублянах"}},
		step{Text: "Марс", Want: []string{"Не знайшов ЦНАП за запитом «Марс»"}, Buttons: []string{"Усі ЦНАП"}},
		// a place in any case of its name: Сихів, Сихівський, на Сихові; Зашків, у Зашкові
		step{Text: "Сихів", Want: []string{"ЦНАП на Сихові"}, Not: []string{"Не знайшов"}},
		step{Text: "Сихівський район", Want: []string{"ЦНАП на Сихові"}, Not: []string{"Не знайшов"}},
		step{Text: "Зашків", Want: []string{"ЦНАП у Зашкові"}, Not: []string{"Не знайшов"}},
		step{Action: "cnap:all", Buttons: []string{"ЦНАП у Зашкові"}},
		step{Action: "cnap:l:cnap-zashkiv", Want: []string{"ЦНАП у Зашкові", "відчиниться"}},
		step{Text: "назад", Want: []string{"Чим можу допомогти"}},
	)
}

// A location shared outside any step (the FAQ answer about the nearest
// CNAP says to send one) shows the nearest CNAPs; inside a step that asks
// for a place it stays that step's answer.
func TestLocationOutsideAFlowShowsTheNearestCNAPs(t *testing.T) {
	env := newVisitEnv(t)
	at := &dialog.Location{Lat: 49.7935, Lon: 24.0605}
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{Location: at}, Want: []string{"Найближчі до Вас ЦНАП", "ЦНАП на Сихові · 0,0 км"}},
		step{Text: "скільки коштує ID-картка"},
		step{In: dialog.Update{Location: at}, Want: []string{"Найближчі до Вас ЦНАП"}},
		step{Text: "Записатися до ЦНАП"},
		step{In: dialog.Update{Location: at}, Want: []string{"Найближчі ЦНАП — угорі списку"}},
	)
}

func TestCNAPDirectoryInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	en := func(s step) step { s.In.Locale = "en"; return s }
	dialogtest.Converse(t, env.e,
		en(step{Text: "CNAPs near me", Want: []string{"3 nearest CNAPs"}}),
		en(step{In: dialog.Update{Location: &dialog.Location{Lat: 49.8419, Lon: 24.0315}}, Want: []string{"CNAPs nearest to you", "open now until", "no queue data now"},
			Buttons: []string{"Book ·"}}),
		en(step{Text: "Rynok Square", Want: []string{"CNAP at the City Hall", "1 Rynok Square, Lviv"}, Not: []string{"пл. Ринок"}}),
	)
}

func TestMyBookingsFromTheMainMenuAndByTyping(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Text: "/start", Buttons: []string{"🗓 Мої записи"}},
		step{Text: "мої записи", Want: []string{"У Вас немає запланованих записів"}},
		step{Text: "my bookings", In: dialog.Update{Locale: "en", UserID: "en"}, Want: []string{"no upcoming bookings"}},
	)
}

func TestBookingForAFamilyMember(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1020")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Ви записані"}},
		// The same service again: said at once, when the service is chosen.
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"У Вас уже є запис на цю послугу", "вівторок, 14 липня, 10:20", "Олена Петренко"},
			Buttons: []string{"Записати іншу людину", "Мої записи"}, Not: []string{"Оберіть день"}},
		step{Text: "Записати іншу людину", Want: []string{"Паспорт (ID-картка) — ЦНАП на Виговського", "Оберіть день"}},
		step{Action: "book:d:20260714"},
		step{Action: "book:t:1040", Want: []string{"Як звати людину, яку записуємо"}, Not: []string{"Записати на ім’я"}},
		step{Text: "Ганна Петренко", Want: []string{"Запис на ім’я Ганна Петренко. За яким номером"}, Not: []string{"людини:"}},
		step{In: dialog.Update{Contact: &dialog.Contact{Phone: "+380501112233"}}, Want: []string{"Перевірте", "Ганна Петренко, +380501112233"}},
		step{Action: "book:ok", Want: []string{"запис на ім’я Ганна Петренко створено"}, Not: []string{"Ви записані"}},
		step{Action: "menu:mybookings", Want: []string{"1. ", "2. "}},
	)
	// Her own phone a second time is refused, per person.
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:fam"},
		step{Action: "book:d:20260714"},
		step{Action: "book:t:1100"},
		step{Text: "Ганна Петренко"},
		step{Text: "0501112233", Want: []string{"Перевірте"}},
		step{Action: "book:ok", Want: []string{"На ім’я Ганна Петренко (+380501112233) уже є запис на цю послугу"}, Buttons: []string{"Записати іншу людину"}},
	)
}

func TestBookingForAFamilyMemberInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	en := func(s step) step { s.In.Locale = "en"; return s }
	steps := toConfirm("1020")
	dialogtest.Converse(t, env.e, append(steps, step{Action: "book:ok"})...)
	dialogtest.Converse(t, env.e,
		step{Text: "/lang en"},
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho", Want: []string{"You already have a booking for this service"}, Buttons: []string{"Book another person"}}),
	)
}

// From another city (Kyiv, about 470 km from Lviv) «ЦНАП поруч» says how far
// the nearest CNAP of this city is and offers the hotline and a search,
// instead of three cards as if they were near.
func TestCNAPDirectoryFromAnotherCitySaysHowFar(t *testing.T) {
	env := newVisitEnv(t)
	kyiv := &dialog.Location{Lat: 50.4501, Lon: 30.5234}
	replies := dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП поруч"},
		step{In: dialog.Update{Location: kyiv}, Want: []string{
			"Найближчий ЦНАП, який я знаю, — за 4", " кілометрів від Вас", "в іншому місті", "гарячій лінії 1580", "напишіть вулицю чи район"},
			Not: []string{"Найближчі до Вас ЦНАП"}, Buttons: []string{"Записатися ·", "Усі ЦНАП"}},
	)
	if n := strings.Count(dialogtest.Texts(replies), "📍 "); n != 1 {
		t.Fatalf("%d cards, want only the nearest:\n%s", n, dialogtest.Transcript(replies))
	}
	// Near the city's edge it is still «near».
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.95, Lon: 24.16}}, Want: []string{"Найближчі до Вас ЦНАП"}, Not: []string{"в іншому місті"}},
	)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "en"; return s }
	dialogtest.Converse(t, env.e,
		en(step{Text: "CNAPs near me"}),
		en(step{In: dialog.Update{Location: kyiv}, Want: []string{"The nearest CNAP I know is", " kilometres away from you", "another city", "hotline 1580"}}),
	)
}

func TestKilometresAgreeWithTheirNumber(t *testing.T) {
	c := dialog.DefaultCatalog()
	for _, tt := range []struct {
		locale string
		n      int
		want   string
	}{
		{dialog.UK, 1, "за 1 кілометр від Вас"},
		{dialog.UK, 22, "за 22 кілометри від Вас"},
		{dialog.UK, 460, "за 460 кілометрів від Вас"},
		{dialog.UK, 511, "за 511 кілометрів від Вас"},
		{dialog.EN, 1, "is 1 kilometre away"},
		{dialog.EN, 460, "is 460 kilometres away"},
	} {
		got := strings.ReplaceAll(c.String(tt.locale, "cnap.far", "n", tt.n, "hotline", "1580"), "*", "")
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s n=%d: %q lacks %q", tt.locale, tt.n, got, tt.want)
		}
	}
}

// Booking from another city lists the CNAPs as usual, with how far the
// nearest is, not «460 км» on every button.
func TestBookingFromAnotherCitySaysHowFar(t *testing.T) {
	env := newVisitEnv(t)
	kyiv := &dialog.Location{Lat: 50.4501, Lon: 30.5234}
	replies := dialogtest.Converse(t, env.e,
		step{Action: "menu:book"},
		step{In: dialog.Update{Location: kyiv}, Want: []string{"Найближчий ЦНАП — за 4", " кілометрів від Вас"},
			Not: []string{"угорі списку", " км"}, Buttons: []string{"ЦНАП у Ратуші"}},
	)
	for _, b := range dialogtest.Buttons(replies) {
		if strings.Contains(b.Label, "км") {
			t.Errorf("button %q shows a distance from another city", b.Label)
		}
	}
	dialogtest.Converse(t, env.e, english("en",
		step{Action: "menu:book"},
		step{In: dialog.Update{Location: kyiv}, Want: []string{"The nearest CNAP is 4", " kilometres away"}, Not: []string{" km"}},
	)...)
}

// A question typed where the CNAP directory waits for a place, or under the
// queue report, is a new message for the FAQ: «Не знайшов ЦНАП за запитом
// «чи можна…»» and the same report again answered none. A short word that
// matches no office stays a place search.
func TestQuestionsTypedInTheDirectoryOrUnderTheQueueGoToTheFAQ(t *testing.T) {
	env := newVisitEnv(t)
	env.e.Register(dialog.NewFAQ(&oneArticleKB{}))
	env.e.SetDefaultFlow(dialog.FlowFAQ)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
		step{Text: "Марс", Want: []string{"Не знайшов ЦНАП за запитом «Марс»"}},
		step{Text: "чи можна прийти без запису", Want: []string{"Реєстрація тварин"}, Not: []string{"Не знайшов ЦНАП"}},
		step{Text: "/queue", Want: []string{"Черга в ЦНАП зараз"}},
		step{Text: "а скільки коштує паспорт?", Want: []string{"Реєстрація тварин"}, Not: []string{"Черга в ЦНАП зараз"}},
		step{Text: "/queue", Want: []string{"Черга в ЦНАП зараз"}},
		step{Text: "оновити", Want: []string{"Черга в ЦНАП зараз"}}, // the refresh button, typed
	)
}

// A request typed where the directory asks for a place («яка черга»,
// «записатися на завтра») is that request, not a place that was not found.
func TestCNAPDirectoryTakesATypedRequestForAnotherFlow(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
		step{Text: "яка черга", Want: []string{"Черга в ЦНАП"}, Not: []string{"Не знайшов ЦНАП"}},
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
		step{Text: "записатися на завтра", Want: []string{"Оберіть ЦНАП"}, Not: []string{"Не знайшов ЦНАП"}},
		step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
		step{Text: "Марс", Want: []string{"Не знайшов ЦНАП за запитом «Марс»"}},
	)
}

// A short question without a question mark («скільки коштує айдішка», «шо
// нада для прописки», "how much is a passport") typed where the directory
// asks for a place begins with a question word: it goes to the FAQ, not
// «Не знайшов ЦНАП за запитом».
func TestShortQuestionWithoutAQuestionMarkInTheDirectoryGoesToTheFAQ(t *testing.T) {
	for _, q := range []string{"скільки коштує айдішка", "шо нада для прописки", "Як оформити субсидію", "сколько стоит паспорт", "how much is a passport"} {
		t.Run(q, func(t *testing.T) {
			env := newVisitEnv(t)
			env.e.Register(dialog.NewFAQ(&oneArticleKB{}))
			env.e.SetDefaultFlow(dialog.FlowFAQ)
			dialogtest.Converse(t, env.e,
				step{Text: "ЦНАП поруч", Want: []string{"покажу 3 найближчі ЦНАП"}},
				step{Text: q, Want: []string{"Реєстрація тварин"}, Not: []string{"Не знайшов ЦНАП", "Couldn’t find"}},
			)
		})
	}
}
