package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A request that names a service in residents' words («загранпаспорт»,
// «прописка», «айді-картка») books that service, as its official name
// does; before, every CNAP and then every group of services was offered.
func TestServiceNamedInResidentsWordsIsTaken(t *testing.T) {
	tests := []struct{ text, want string }{
		{"здравствуйте хочу записаться на загранпаспорт на пятницу", "Закордонний паспорт"},
		{"запишіть мене на прописку", "Реєстрація місця проживання"},
		{"хочу записатися на айді картку", "Паспорт (ID-картка)"},
		{"хочу записатися на закордонник", "Закордонний паспорт"},
		{"Мені треба записатися до ЦНАПу, щоб поміняти паспорт, бо старий зіпсувався", "Заміна ID-картки"},
	}
	for _, tt := range tests {
		env := newVisitEnv(t)
		withFAQ(env.e)
		dialogtest.Converse(t, env.e, step{Text: tt.text, Want: []string{tt.want}})
	}
}

// A keyword does not outweigh the name of another service: «заміна
// айді-картки» is not taken as a new ID card.
func TestServiceKeywordDoesNotOutweighAnotherName(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e, step{Text: "хочу записатися на заміну айді картки", Not: []string{"Паспорт (ID-картка)"}})
}

// «Хочу записатися на паспорт» names two services of one group (the ID
// card and the passport for travel abroad): once the CNAP is chosen, that
// group's services are offered, not every group.
func TestServicesOfOneGroupNamedOfferThatGroup(t *testing.T) {
	env := newVisitEnv(t)
	withFAQ(env.e)
	dialogtest.Converse(t, env.e,
		step{Text: "Хочу записатися на паспорт", Want: []string{"Оберіть ЦНАП"}},
		step{Action: "book:l:cnap-sykhiv", Want: []string{"Оберіть послугу"}, Buttons: []string{"Паспорт (ID-картка)", "Закордонний паспорт"},
			Not: []string{"Оберіть групу послуг"}},
		step{Action: "book:s:passport-abroad", Want: []string{"Оберіть день"}},
	)
}
