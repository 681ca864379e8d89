package dialog_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// ratingsEnv is an engine with the rating and manager flows on a real
// SQLite store and outbox, in the demo city.
type ratingsEnv struct {
	visits *cases.Visits
	pushed *pushed
	db     *sqlstore.DB
	engine *dialog.Engine
	fb     *cases.Feedback[notify.Message]
	city   vikno.City
	kv     vikno.KV // the engine's: sessions
}

func newRatingsEnv(t *testing.T) *ratingsEnv {
	t.Helper()
	ctx := context.Background()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	kv := memory.New()
	e := dialog.New(dialog.Config{Residents: db, KV: kv})
	outbox := &notify.Outbox{Store: db, Engine: e}
	fb := &cases.Feedback[notify.Message]{Store: db, City: city,
		Messages: notify.FeedbackMessages{Outbox: outbox, City: city}}
	if err := fb.SyncRegions(ctx); err != nil {
		t.Fatal(err)
	}
	visits := &cases.Visits{City: city, Store: db, Rules: cases.DefaultVisitRules(), Notifier: dialog.NewVisitNotices(e, city)}
	p := &pushed{}
	e.SetSender(dialogtest.Channel, p)
	dialog.RegisterRatings(e, fb, city, visits)
	dialog.RegisterManagers(e, fb, city)
	dialog.RegisterRatingReplies(e, fb)
	return &ratingsEnv{db: db, engine: e, fb: fb, city: city, visits: visits, pushed: p, kv: kv}
}

// rateLink returns "/start r_<token>" for a location.
func (env *ratingsEnv) rateLink(t *testing.T, locationID string) string {
	t.Helper()
	p, err := env.db.EnsureRatingPoint(context.Background(), cases.RatingPoint{Token: cases.NewToken(), LocationID: locationID})
	if err != nil {
		t.Fatal(err)
	}
	return "/start " + p.Payload()
}

// inviteLink returns "/start m_<token>" of a new invite.
func (env *ratingsEnv) inviteLink(t *testing.T, level cases.Level, scope string) string {
	t.Helper()
	inv, err := env.fb.CreateInvite(context.Background(), level, scope, "", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return "/start " + inv.Payload()
}

// as sends steps as another user.
func ratingAs(user string, steps ...dialogtest.Step) []dialogtest.Step {
	for i := range steps {
		steps[i].In.UserID = user
	}
	return steps
}

func (env *ratingsEnv) ratings(t *testing.T) []cases.Rating {
	t.Helper()
	ctx := context.Background()
	boss, err := env.db.EnsureResident(ctx, vikno.Telegram, "ratings-auditor", "uk")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.fb.Manager(ctx, boss.ID); vikno.IsNotFound(err) {
		dialogtest.Converse(t, env.engine, ratingAs("ratings-auditor", dialogtest.Step{Text: env.inviteLink(t, cases.LevelCountry, "")})...)
	}
	list, err := env.fb.ManagedRatings(ctx, boss.ID, cases.RatingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestRatingTwoWithAspectsAndComment(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-sykhiv"), Want: []string{"Як пройшов Ваш візит", "ЦНАП на Сихові"},
			Buttons: []string{"1", "5"}},
		dialogtest.Step{Action: "rate:s:2", Want: []string{"Що саме було не так"},
			Buttons: []string{"Час очікування", "Ввічливість", "Компетентність", "Приміщення", "Результат", "Далі"}},
		dialogtest.Step{Action: "rate:a:wait", Want: []string{"Позначено: час очікування"}, Buttons: []string{"✅ ⏳ Час очікування"}},
		dialogtest.Step{Text: "🙂 Ввічливість", Want: []string{"Позначено: час очікування, ввічливість персоналу"}},
		dialogtest.Step{Action: "rate:next", Want: []string{"Опишіть кількома словами"}, Buttons: []string{"Пропустити"}},
		dialogtest.Step{Text: "Чекала годину, у вікні нагрубили", Want: []string{"Дякуємо за чесну оцінку"},
			Buttons: []string{"Питання та відповіді"}},
	)
	got := env.ratings(t)
	if len(got) != 1 {
		t.Fatalf("ratings = %+v", got)
	}
	r := got[0]
	if r.LocationID != "cnap-sykhiv" || r.Score != 2 || cases.JoinAspects(r.Aspects) != "wait,polite" ||
		r.Comment != "Чекала годину, у вікні нагрубили" || r.Status != cases.RatingNew {
		t.Fatalf("stored rating = %+v", r)
	}
}

func TestRatingFiveSkipsTheComment(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Text: "5", Want: []string{"Хочете щось додати"}, Not: []string{"не так"}, Buttons: []string{"Пропустити"}},
		dialogtest.Step{Action: "rate:skip", Want: []string{"Дякуємо за оцінку"}},
	)
	if got := env.ratings(t); len(got) != 1 || got[0].Score != 5 || got[0].Comment != "" || len(got[0].Aspects) != 0 {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestRatingTypedStraightAfterAspectsIsTheComment(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Action: "rate:s:1"},
		dialogtest.Step{Action: "rate:a:result"},
		dialogtest.Step{Text: "так і не видали довідку", Want: []string{"Дякуємо за чесну оцінку"}},
	)
	if got := env.ratings(t); len(got) != 1 || got[0].Comment != "так і не видали довідку" ||
		cases.JoinAspects(got[0].Aspects) != "result" {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestSecondRatingTheSameDayReplacesTheFirstAfterAsking(t *testing.T) {
	env := newRatingsEnv(t)
	link := env.rateLink(t, "cnap-center")
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: link}, dialogtest.Step{Action: "rate:s:4"}, dialogtest.Step{Action: "rate:skip"},
		dialogtest.Step{Text: link, Want: []string{"Сьогодні Ви вже оцінили", "ЦНАП у Ратуші", "4 з 5", "Замінити оцінку?"},
			Not: []string{"Як пройшов"}, Buttons: []string{"Замінити оцінку", "Залишити як є"}},
		dialogtest.Step{Text: "2", Want: []string{"Замінити оцінку?"}},
		dialogtest.Step{Text: "так", Want: []string{"Як пройшов Ваш візит"}},
		dialogtest.Step{Action: "rate:s:2"}, dialogtest.Step{Action: "rate:next"},
		dialogtest.Step{Action: "rate:skip", Want: []string{"замінили попередню оцінку"}},
	)
	if got := env.ratings(t); len(got) != 1 || got[0].Score != 2 || got[0].Revision != 2 {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestSecondRatingTheSameDayCanKeepTheFirst(t *testing.T) {
	tests := []struct{ name, locale, ask, keep, kept string }{
		{"Uk", "uk", "Замінити оцінку?", "Залишити як є", "залишаємо Вашу попередню оцінку"},
		{"En", "en", "Replace the rating?", "Keep it", "we keep your earlier rating"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newRatingsEnv(t)
			link := env.rateLink(t, "cnap-center")
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{In: dialog.Update{Locale: tt.locale}, Text: link},
				dialogtest.Step{Action: "rate:s:5"}, dialogtest.Step{Action: "rate:skip"},
				dialogtest.Step{Text: link, Want: []string{tt.ask, "5"}},
				dialogtest.Step{Text: tt.keep, Want: []string{tt.kept}},
			)
			if got := env.ratings(t); len(got) != 1 || got[0].Score != 5 || got[0].Revision != 1 {
				t.Fatalf("ratings = %+v", got)
			}
		})
	}
}

func TestRatingRepeatsTheQuestionUntilItGetsAScore(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")},
		dialogtest.Step{Text: "нормально", Want: []string{"Оберіть, будь ласка, оцінку"}, Buttons: []string{"3"}},
		dialogtest.Step{Text: "7", Want: []string{"Оберіть, будь ласка, оцінку"}},
		dialogtest.Step{Text: "4", Want: []string{"Хочете щось додати"}},
	)
}

func TestBadRatingLinksGetAPoliteAnswer(t *testing.T) {
	env := newRatingsEnv(t)
	good := strings.TrimPrefix(env.rateLink(t, "cnap-center"), "/start ")
	edited := good[:len(good)-1] + "A"
	if strings.HasSuffix(good, "A") {
		edited = good[:len(good)-1] + "B"
	}
	tests := []struct{ name, payload string }{
		{"EditedToken", edited},
		{"UnknownToken", "r_" + cases.NewToken()},
		{"TooShort", "r_cnap-center"},
		{"LocationNumber", "r_17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialogtest.Converse(t, env.engine, ratingAs("u-"+tt.name, dialogtest.Step{
				In:   dialog.Update{StartPayload: tt.payload},
				Want: []string{"Відскануйте, будь ласка, код у залі ЦНАП ще раз"}, Not: []string{"Як пройшов"},
				Buttons: []string{"Питання та відповіді"},
			})...)
		})
	}
	if got := env.ratings(t); len(got) != 0 {
		t.Fatalf("a bad link stored a rating: %+v", got)
	}
}

func TestRateFromTheMenuExplainsTheQRCode(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Action: "menu:" + dialog.FlowRate, Want: []string{"відскануйте камерою телефону QR-код"}})
}

func TestOldRatingButtonsAreStale(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{Text: env.rateLink(t, "cnap-center")}, dialogtest.Step{Action: "rate:s:5"},
		dialogtest.Step{Action: "rate:skip"},
		dialogtest.Step{Action: "rate:s:1", Want: []string{"оцінювання вже завершено"}},
	)
	if got := env.ratings(t); len(got) != 1 || got[0].Score != 5 {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestRatingInEnglish(t *testing.T) {
	env := newRatingsEnv(t)
	dialogtest.Converse(t, env.engine,
		dialogtest.Step{In: dialog.Update{Locale: "en"}, Text: env.rateLink(t, "cnap-center"),
			Want: []string{"How was your visit to CNAP at the City Hall"}},
		dialogtest.Step{Action: "rate:s:3", Want: []string{"What went wrong"}, Buttons: []string{"Waiting time"}},
	)
}

func TestLowRatingPromisesTheManagerOnlyWhereOneCoversTheLocation(t *testing.T) {
	tests := []struct {
		name, locale, scope string
		want, not           string
	}{
		{"CoveredUk", "uk", "cnap-sykhiv", "Керівник ЦНАП уже отримав її", "Її записано"},
		{"OtherLocationUk", "uk", "cnap-center", "Її записано", "Керівник"},
		{"CoveredEn", "en", "cnap-sykhiv", "The CNAP manager has received it", "It is recorded"},
		{"OtherLocationEn", "en", "cnap-center", "It is recorded", "manager"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newRatingsEnv(t)
			dialogtest.Converse(t, env.engine, ratingAs("boss", dialogtest.Step{Text: env.inviteLink(t, cases.LevelLocation, tt.scope)})...)
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{In: dialog.Update{Locale: tt.locale}, Text: env.rateLink(t, "cnap-sykhiv")},
				dialogtest.Step{Action: "rate:s:2"},
				dialogtest.Step{Action: "rate:next"},
				dialogtest.Step{Action: "rate:skip", Want: []string{tt.want}, Not: []string{tt.not}},
			)
		})
	}
}

// attendedVisit books the first free time of id-card at cnap-center for the
// default test user and marks it attended, as staff do.
func (env *ratingsEnv) attendedVisit(t *testing.T, locale string) cases.Visit {
	t.Helper()
	ctx := context.Background()
	res, err := env.db.EnsureResident(ctx, dialogtest.Channel, "dialogtest-user", locale)
	if err != nil {
		t.Fatal(err)
	}
	days, err := env.visits.Days(ctx, "cnap-center", "id-card")
	if err != nil || len(days) == 0 {
		t.Fatalf("days = %v, %v", days, err)
	}
	slots, err := env.visits.Slots(ctx, "cnap-center", "id-card", days[len(days)-1].Day)
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots = %v, %v", slots, err)
	}
	v, err := env.visits.Book(ctx, cases.BookRequest{ResidentID: res.ID, LocationID: "cnap-center", ServiceID: "id-card",
		Start: slots[0].Start, Name: "Олена Петренко", Phone: "+380671234567"})
	if err != nil {
		t.Fatal(err)
	}
	if v, err = env.visits.Mark(ctx, v.ID, cases.VisitAttended); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAttendedVisitAsksForARatingWithScoreButtons(t *testing.T) {
	tests := []struct{ name, locale, ask, next string }{
		{"Uk", "uk", "Оцініть, будь ласка, візит", "Що саме було не так"},
		{"En", "en", "Please rate the visit", "What went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newRatingsEnv(t)
			v := env.attendedVisit(t, tt.locale)
			got := env.pushed.text("dialogtest-user")
			if !strings.Contains(got, tt.ask) {
				t.Fatalf("pushed = %q, want %q", got, tt.ask)
			}
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{Action: dialog.RateVisitAction(v.ID, 2), Want: []string{tt.next}},
				dialogtest.Step{Action: "rate:next"},
				dialogtest.Step{Action: "rate:skip"},
			)
			if got := env.ratings(t); len(got) != 1 || got[0].Score != 2 || got[0].LocationID != "cnap-center" {
				t.Fatalf("ratings = %+v", got)
			}
		})
	}
}

func TestRateButtonOfAnotherResidentsVisitIsStale(t *testing.T) {
	env := newRatingsEnv(t)
	v := env.attendedVisit(t, "uk")
	dialogtest.Converse(t, env.engine, ratingAs("someone-else",
		dialogtest.Step{Action: dialog.RateVisitAction(v.ID, 5), Want: []string{"оцінювання вже завершено"}})...)
	if got := env.ratings(t); len(got) != 0 {
		t.Fatalf("ratings = %+v", got)
	}
}

func TestRateFromTheMenuListsRecentAttendedVisits(t *testing.T) {
	tests := []struct{ name, locale, list, place, ask string }{
		{"Uk", "uk", "Який візит оцінити?", "⭐ ЦНАП у Ратуші", "Як пройшов Ваш візит до ЦНАП у Ратуші"},
		{"En", "en", "Which visit would you like to rate?", "⭐ CNAP at the City Hall", "How was your visit to CNAP at the City Hall"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newRatingsEnv(t)
			v := env.attendedVisit(t, tt.locale)
			dialogtest.Converse(t, env.engine,
				dialogtest.Step{In: dialog.Update{Locale: tt.locale}, Action: "menu:" + dialog.FlowRate, Want: []string{tt.list},
					Buttons: []string{tt.place}},
				dialogtest.Step{Action: fmt.Sprintf("menu:%s:v%d", dialog.FlowRate, v.ID), Want: []string{tt.ask}, Buttons: []string{"1", "5"}},
				dialogtest.Step{Action: "rate:s:5"},
				dialogtest.Step{Action: "rate:skip"},
			)
			if got := env.ratings(t); len(got) != 1 || got[0].Score != 5 {
				t.Fatalf("ratings = %+v", got)
			}
		})
	}
}
