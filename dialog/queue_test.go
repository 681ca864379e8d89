package dialog_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func (v *visitEnv) report(t *testing.T, loc string, waiting, windows int, at time.Time) {
	t.Helper()
	v.setNow(at)
	if _, err := v.queue.Set(context.Background(), cases.QueueReport{LocationID: loc, Waiting: waiting, WindowsOpen: windows, AvgServiceMinutes: 12}); err != nil {
		t.Fatal(err)
	}
}

func TestQueueReportFreshStaleClosedAndMissing(t *testing.T) {
	env := newVisitEnv(t)
	loc := env.visits.City.Loc()
	at := func(h, m int) time.Time { return time.Date(2026, 7, 14, h, m, 0, 0, loc) }
	env.report(t, "cnap-sykhiv", 7, 4, at(9, 20))     // 40 minutes old at 10:00
	env.report(t, "cnap-center", 5, 3, at(9, 57))     // ≈ 20 min
	env.report(t, "cnap-shevchenka", 1, 1, at(9, 58)) // ≈ 12 → 15 min
	env.report(t, "cnap-khvylovoho", 3, 2, at(10, 0))
	env.report(t, "cnap-chuprynky", 0, 2, at(9, 59))
	env.setNow(at(10, 0))
	replies := dialogtest.Converse(t, env.e, step{Action: "menu:queue",
		Want: []string{
			"ЦНАП у Ратуші — 5 людей, ≈ 20 хв · дані 3 хв тому",
			"ЦНАП на Шевченка — 1 людина, ≈ 15 хв · дані 2 хв тому",
			"ЦНАП на Хвильового — 3 людини, ≈ 20 хв · дані щойно",
			"ЦНАП на Чупринки — без черги · дані 1 хв тому",
			"ЦНАП на Сихові — дані застарілі: 40 хв тому (тоді в черзі: 7 людей)",
			"ЦНАП у Зашкові — зачинено, відчиниться завтра о 09:00",
			"ЦНАП у Лисиничах — немає даних про чергу",
		},
		Not:     []string{"Сихові — 7 людей", "≈ 0 хв"},
		Buttons: []string{"Оновити", "Записатися", "Меню"},
	})
	text := dialogtest.Texts(replies)
	order := []string{"Чупринки", "Шевченка", "Ратуші", "Сихові", "Лисиничах", "Зашкові"}
	for i := 1; i < len(order); i++ {
		if strings.Index(text, order[i-1]) > strings.Index(text, order[i]) {
			t.Fatalf("%s is listed after %s:\n%s", order[i-1], order[i], text)
		}
	}
	if replies[0].Request != dialog.RequestLocation {
		t.Fatal("the report does not offer to share a location")
	}
	// After a shared location the nearest come first, with distances.
	replies = dialogtest.Converse(t, env.e, step{In: dialog.Update{Location: &dialog.Location{Lat: 49.7935, Lon: 24.0605}},
		Want: []string{"найближчі до Вас", "ЦНАП на Сихові (0,0 км)"}})
	text = dialogtest.Texts(replies)
	if strings.Index(text, "Сихові") > strings.Index(text, "Ратуші") {
		t.Fatalf("Sykhiv is not first for a resident in Sykhiv:\n%s", text)
	}
	// Twenty minutes later the fresh figures are stale too.
	env.setNow(at(10, 20))
	dialogtest.Converse(t, env.e, step{Action: "queue:r", Want: []string{"ЦНАП у Ратуші (5,7 км) — дані застарілі: 23 хв тому"},
		Not: []string{"Ратуші — 5 людей"}})
}

func TestQueueReportSaysWhenThereIsNoData(t *testing.T) {
	env := newVisitEnv(t)
	env.setNow(time.Date(2026, 7, 19, 12, 0, 0, 0, env.visits.City.Loc())) // Sunday: all closed
	dialogtest.Converse(t, env.e, step{Action: "menu:queue",
		Want: []string{"жоден ЦНАП не передає даних", "ЦНАП у Ратуші — зачинено, відчиниться завтра о 09:00",
			"ЦНАП у Лисиничах — зачинено, відчиниться вт, 21.07 о 09:00"}})
}

// From another city the queue is not sorted by hundreds of kilometres: it
// says how far the nearest CNAP is and lists all by the wait.
func TestQueueFromAnotherCitySaysHowFarAndSortsByTheWait(t *testing.T) {
	env := newVisitEnv(t)
	kyiv := &dialog.Location{Lat: 50.4501, Lon: 30.5234}
	dialogtest.Converse(t, env.e,
		step{Action: "menu:queue"},
		step{In: dialog.Update{Location: kyiv}, Want: []string{"Найближчий ЦНАП — за 4", " кілометрів від Вас", "спершу — де чекати найменше"},
			Not: []string{"найближчі до Вас", " км)"}},
	)
	dialogtest.Converse(t, env.e, english("en",
		step{Action: "menu:queue"},
		step{In: dialog.Update{Location: kyiv}, Want: []string{"The nearest CNAP is 4", " kilometres away from you"}, Not: []string{" km)"}},
	)...)
}

// The queue report ends with the offer to book, in natural English.
func TestQueueReportOffersBookingInPlainWords(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:queue", Want: []string{"Не хочете стояти в черзі? Запишіться на конкретний час."}},
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Action: "menu:queue", Want: []string{"Don’t want to queue? Book a time."}, Not: []string{"Do not want"}},
	)
}
