package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// outageBoard is an OutageNotices with a fixed list of active notices.
type outageBoard struct{ active []cases.Outage }

var _ dialog.OutageNotices = (*outageBoard)(nil)

func (b *outageBoard) ActiveOutages(context.Context) ([]cases.Outage, error) { return b.active, nil }
func (b *outageBoard) Subscribe(_ context.Context, s cases.Subscription) (cases.Subscription, error) {
	return s, nil
}
func (b *outageBoard) Subscriptions(context.Context, int64) ([]cases.Subscription, error) {
	return nil, nil
}
func (b *outageBoard) Unsubscribe(context.Context, int64, int64) error { return nil }

func outageEngine(t testing.TB, active ...cases.Outage) (*dialog.Engine, *askedKB) {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	dialog.RegisterOutages(e, &outageBoard{active: active}, city)
	return e, withFAQ(e)
}

// A question about water on a street with a house number, or in a district
// by its short name («на Сихові»), finds the active notice; the reply names
// the street as the dispatcher wrote it.
func TestOutageQuestionsFindTheStreetAndTheDistrict(t *testing.T) {
	e, kb := outageEngine(t,
		cases.Outage{ID: "z1", Kind: cases.OutageColdWater, Streets: []string{"вул. Зелена"}, Text: "Ремонт водогону", Status: cases.OutageActive, Version: 1},
		cases.Outage{ID: "s1", Kind: cases.OutageColdWater, Districts: []string{"sykhivskyi"}, Text: "Промивка мереж", Status: cases.OutageActive, Version: 1},
	)
	dialogtest.Converse(t, e,
		step{Text: "коли буде вода на вул. Зелена 115", Want: []string{"вул. Зелена: 1 оголошення", "Ремонт водогону"}, Not: []string{"115", "немає оголошених"}},
		step{Text: "у нас на Зеленій 115 немає води з ранку, коли включать?", Want: []string{"вул. Зелена: 1 оголошення", "Ремонт водогону"}},
		step{Text: "немає холодної води на Сихові, коли дадуть?", Want: []string{"Сихівський район: 1 оголошення", "Промивка мереж"}, Not: []string{"Ремонт водогону"}},
		step{Text: "коли дадуть воду у Сихівському районі?", Want: []string{"Промивка мереж"}},
		step{In: englishUser(), Text: "when will the water be back in Sykhiv?", Want: []string{"Sykhivskyi district: 1 notice of outages", "Промивка мереж"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}

// With no notice, the reply names the street in its dictionary form, with
// a capital letter, without the house number and the rest of the sentence.
func TestOutageQuestionWithoutANoticeNamesOnlyTheStreet(t *testing.T) {
	e, _ := outageEngine(t)
	dialogtest.Converse(t, e,
		step{Text: "у нас на Зеленій 115 немає води з ранку, коли включать?", Want: []string{"Зелена: зараз немає оголошених відключень"},
			Not: []string{"зеленій", "115", "ранку", "включать"}, Buttons: []string{"Подати звернення"}},
		step{Text: "коли дадуть світло на стрийській, вже третій день нема", Want: []string{"Стрийська: зараз немає"}, Not: []string{"третій"}},
		step{Text: "коли дадуть воду на вулиці Тараса Шевченка 5", Want: []string{"Тараса Шевченка: зараз немає"}},
		step{Text: "немає гарячої води на Личакові, коли дадуть?", Want: []string{"Личаківський район: зараз немає"}},
		step{Text: "коли буде вода на вул. Зелена 115", Want: []string{"вул. Зелена: зараз немає"}, Not: []string{"115"}},
		step{In: englishUser(), Text: "when will the power be back on Zelena St?", Want: []string{"Zelena: no outages are announced now"}},
	)
}

func englishUser() dialog.Update { return dialog.Update{Locale: "en", UserID: "english"} }

// Any text is a valid question: the engine answers it without an error.
func FuzzOutageQuestion(f *testing.F) {
	for _, s := range []string{"коли буде вода на вул. Зелена 115", "немає води на Сихові, коли дадуть?", "на", "коли воду на вул. . ,"} {
		f.Add(s)
	}
	e, _ := outageEngine(f,
		cases.Outage{ID: "z1", Kind: cases.OutageColdWater, Streets: []string{"вул. Зелена"}, Status: cases.OutageActive, Version: 1})
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := e.Handle(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: "fuzz", Text: text}); err != nil {
			t.Fatalf("Handle(%q): %v", text, err)
		}
	})
}

// Surzhyk and other forms of the utility's name («шо по воді на Сихові,
// коли дадуть?», «що зі світлом на Зеленій?») find the notice too; before,
// they went to the knowledge base.
func TestOutageQuestionsInOtherFormsFindTheNotice(t *testing.T) {
	e, kb := outageEngine(t,
		cases.Outage{ID: "s1", Kind: cases.OutageColdWater, Districts: []string{"sykhivskyi"}, Text: "Промивка мереж", Status: cases.OutageActive, Version: 1},
		cases.Outage{ID: "z1", Kind: cases.OutageElectricity, Streets: []string{"вул. Зелена"}, Text: "Заміна кабелю", Status: cases.OutageActive, Version: 1},
	)
	dialogtest.Converse(t, e,
		step{Text: "шо по воді на Сихові, коли дадуть?", Want: []string{"Промивка мереж"}},
		step{Text: "меню"},
		step{Text: "коли буде зі світлом на Зеленій 5?", Want: []string{"Заміна кабелю"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}

// Ukrainian written in Latin letters («nemaie vody na Sykhovi») is an
// outage question like «немає води на Сихові»: the district is found.
func TestTransliteratedOutageQuestionFindsTheDistrict(t *testing.T) {
	e, kb := outageEngine(t,
		cases.Outage{ID: "s1", Kind: cases.OutageColdWater, Districts: []string{"sykhivskyi"}, Text: "Промивка мереж", Status: cases.OutageActive, Version: 1},
	)
	dialogtest.Converse(t, e,
		step{Text: "nemaie vody na Sykhovi", Want: []string{"Сихівський район: 1 оголошення", "Промивка мереж"}},
		step{Text: "koly dadut vodu na Sykhovi?", Want: []string{"Сихівський район: 1 оголошення", "Промивка мереж"}},
		step{Text: "nemaje svitla na Sykhovi", Want: []string{"Сихівський район", "немає оголошених"}, Not: []string{"Промивка мереж"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}

// Surzhyk and short questions about an outage («када дадуть свєт на
// Сихові», «шо з водою на Сихові?») find the district's notices too.
func TestSurzhykOutageQuestionFindsTheDistrict(t *testing.T) {
	e, kb := outageEngine(t,
		cases.Outage{ID: "s1", Kind: cases.OutageColdWater, Districts: []string{"sykhivskyi"}, Text: "Промивка мереж", Status: cases.OutageActive, Version: 1},
		cases.Outage{ID: "s2", Kind: cases.OutageElectricity, Districts: []string{"sykhivskyi"}, Text: "Ремонт підстанції", Status: cases.OutageActive, Version: 1},
	)
	dialogtest.Converse(t, e,
		step{Text: "када дадуть свєт на сихові", Want: []string{"Сихівський район: 1 оголошення", "Ремонт підстанції"}},
		step{Text: "шо з водою на Сихові?", Want: []string{"Сихівський район: 1 оголошення", "Промивка мереж"}},
		step{Text: "что с водой на Сихове?", Want: []string{"Промивка мереж"}},
	)
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}
