package dialog_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/visitstest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/memory"
)

// pushed records messages sent outside a turn.
type pushed struct {
	mu  sync.Mutex
	got map[string][]dialog.Reply
}

func (p *pushed) Send(_ context.Context, userID string, replies []dialog.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.got == nil {
		p.got = map[string][]dialog.Reply{}
	}
	p.got[userID] = append(p.got[userID], replies...)
	return nil
}

func (p *pushed) text(userID string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return dialogtest.Texts(p.got[userID])
}

// visitEnv is an engine with booking and the queue on in-memory stores, at
// Tuesday 14 July 2026, 10:00 in Kyiv.
type visitEnv struct {
	e      *dialog.Engine
	store  *visitstest.Store
	visits *cases.Visits
	queue  *cases.Queue
	pushed *pushed
	mu     sync.Mutex
	now    time.Time
}

func (v *visitEnv) clock() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

func (v *visitEnv) setNow(t time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.now = t
}

func newVisitEnv(t *testing.T) *visitEnv {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	env := &visitEnv{store: &visitstest.Store{}, pushed: &pushed{}, now: time.Date(2026, 7, 14, 10, 0, 0, 0, city.Loc())}
	env.e = dialog.New(dialog.Config{Residents: env.store, KV: memory.New(), Hotline: "1580"})
	env.visits = &cases.Visits{City: city, Store: env.store, Rules: cases.DefaultVisitRules(), Now: env.clock}
	env.visits.Notifier = dialog.NewVisitNotices(env.e, city)
	env.queue = &cases.Queue{City: city, KV: memory.New(), Now: env.clock}
	dialog.RegisterBooking(env.e, env.visits)
	dialog.RegisterQueue(env.e, env.queue)
	env.e.SetSender(dialogtest.Channel, env.pushed)
	return env
}

// as sets the user of steps.
func as(user string, steps ...dialogtest.Step) []dialogtest.Step {
	for i := range steps {
		steps[i].In.UserID = user
	}
	return steps
}

// english sets the steps' locale to English and, when user is not empty,
// their user.
func english(user string, steps ...step) []step {
	for i := range steps {
		steps[i].In.Locale = "en"
		if user != "" {
			steps[i].In.UserID = user
		}
	}
	return steps
}

// toTimes takes a resident from the menu to the times of id-card at
// cnap-vyhovskoho on day (YYYYMMDD); the last step wants want.
func toTimes(day string, want ...string) []step {
	return []step{
		{Action: "menu:book:id-card"},
		{Action: "book:l:cnap-vyhovskoho"},
		{Action: "book:d:" + day, Want: want},
	}
}

// toConfirm takes a resident from the menu to the confirmation of id-card
// at cnap-vyhovskoho on Tuesday 14 July at hhmm.
func toConfirm(hhmm string) []dialogtest.Step { return toConfirmOn("20260714", hhmm) }

// toConfirmOn is toConfirm on another day (YYYYMMDD).
func toConfirmOn(day, hhmm string) []dialogtest.Step {
	return []dialogtest.Step{
		{Action: "menu:book:id-card", Want: []string{"Паспорт (ID-картка)"}, Buttons: []string{"ЦНАП на Виговського"}},
		{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}, Buttons: []string{"вт 14.07"}},
		{Action: "book:d:" + day, Want: []string{" липня"}, Buttons: []string{hhmm[:2] + ":" + hhmm[2:]}},
		{Action: "book:t:" + hhmm, Want: []string{"Як Вас звати"}},
		{Text: "Олена Петренко", Want: []string{"номер телефону"}},
		{Text: "+380 67 123 45 67", Want: []string{"Перевірте", "+380671234567"}},
	}
}

// The process died after the booking was stored and before the resident
// was answered and the session saved: the journal hands the confirm to the
// engine again, with the session as it was, and the resident is told the
// booking they have, not «уже є запис».
func TestConfirmReplayedAfterACrashTellsTheBooking(t *testing.T) {
	env := newVisitEnv(t)
	kv := memory.New()
	env.e = dialog.New(dialog.Config{Residents: env.store, KV: kv, Hotline: "1580"})
	env.visits.Notifier = dialog.NewVisitNotices(env.e, env.visits.City)
	dialog.RegisterBooking(env.e, env.visits)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	key := "session:" + string(dialogtest.Channel) + ":" + dialogtest.User
	before, err := kv.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: []string{"Номер запису"}})
	if err := kv.Set(context.Background(), key, before, time.Hour); err != nil { // the session save was lost
		t.Fatal(err)
	}
	dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: []string{"Номер запису", "10:40"}, Not: []string{"уже є запис"}})
	r, err := env.store.EnsureResident(context.Background(), dialogtest.Channel, dialogtest.User, "uk")
	if err != nil {
		t.Fatal(err)
	}
	if visits, _ := env.visits.Upcoming(context.Background(), r.ID); len(visits) != 1 {
		t.Fatalf("%d visits booked, want 1", len(visits))
	}
}

func TestBookSeeCancelAndRebook(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book", Want: []string{"Оберіть ЦНАП"}, Buttons: []string{"ЦНАП у Ратуші", "Мої записи", "Меню"}},
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.8301, Lon: 23.9772}}, Want: []string{"Найближчі ЦНАП"},
			Buttons: []string{"ЦНАП на Виговського · 0,0 км"}},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть групу послуг"}, Buttons: []string{"Паспортні послуги"}},
		step{Action: "book:g:0", Want: []string{"Оберіть послугу"}, Buttons: []string{"Паспорт (ID-картка)", "Назад"}},
		step{Action: "book:s:id-card", Want: []string{"Оберіть день"}, Buttons: []string{"вт 14.07", "ср 15.07"},
			Not: []string{"сб 18.07"}},
		step{Text: "завтра", Want: []string{"середа, 15 липня"}, Buttons: []string{"09:00"}},
		step{Text: "назад", Want: []string{"Оберіть день"}},
		step{Action: "book:d:20260714", Want: []string{"вівторок, 14 липня"}, Buttons: []string{"10:20", "Пізніше"},
			Not: []string{"10:00"}},
		step{Text: "10:20", Want: []string{"Як Вас звати"}},
		step{Text: "12345", Want: []string{"ім’я та прізвище літерами"}},
		step{Text: "Олена Петренко", Want: []string{"номер телефону"}},
		step{In: dialog.Update{Contact: &dialog.Contact{Phone: "+380501112233"}}, Want: []string{"власний номер"}},
		step{Text: "12-34", Want: []string{"Не схоже на номер телефону"}},
		step{Text: "067 123 45 67", Want: []string{"Перевірте", "ЦНАП на Виговського", "вівторок, 14 липня, 10:20", "Олена Петренко, +380671234567"},
			Buttons: []string{"Підтвердити"}},
		step{Action: "book:ok", Want: []string{"Ви записані", "Номер запису", "Свідоцтво про народження", "Вартість: 279 грн", "нагадувань не буде"},
			Buttons: []string{"Мої записи"}},
		step{Action: "menu:mybookings", Want: []string{"Ваші записи", "вт, 14.07 о 10:20", "Паспорт (ID-картка)"},
			Buttons: []string{"1. 14.07 10:20"}},
		step{Action: "mybookings:v:1", Want: []string{"ЦНАП на Виговського", "вул. Івана Виговського, 32"},
			Buttons: []string{"Скасувати запис", "Перенести"}},
		step{Action: "mybookings:c:1", Want: []string{"Скасувати запис на", "10:20"}, Buttons: []string{"Так, скасувати", "Ні, залишити"}},
		step{Action: "mybookings:cy:1", Want: []string{"скасовано", "вільний для інших"}, Buttons: []string{"Записатися знову"}},
		step{Action: "menu:mybookings", Want: []string{"немає запланованих записів"}},
		step{Action: "menu:book:id-card", Buttons: []string{"ЦНАП на Виговського"}},
		step{Action: "book:l:cnap-vyhovskoho", Want: []string{"Оберіть день"}},
		step{Action: "book:d:20260714", Buttons: []string{"10:20"}},
		step{Action: "book:t:1020", Want: []string{"Записати на", "Олена Петренко", "+380671234567"}, Buttons: []string{"Так", "Інші дані"}},
		step{Action: "book:me", Want: []string{"Перевірте", "10:20"}},
		step{Text: "так", Want: []string{"Номер запису"}},
		step{Action: "menu:mybookings", Want: []string{"1. ", "вт, 14.07 о 10:20"}, Not: []string{"2. "}},
	)
	visits, _ := env.visits.Upcoming(context.Background(), 1)
	if len(visits) != 1 || visits[0].Seat != 1 {
		t.Fatalf("upcoming = %+v, want the rebooked visit on seat 1", visits)
	}
}

func TestMoveABookingToAnotherTime(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirm("1040")...)
	dialogtest.Converse(t, env.e,
		step{Action: "book:ok", Want: []string{"Номер запису"}},
		step{Action: "menu:book:id-card"},
		step{Action: "book:l:cnap-vyhovskoho"},
		step{Action: "book:d:20260715"},
		step{Action: "book:t:0900"},
		step{Action: "book:me"},
		step{Action: "book:ok", Want: []string{"уже є запис на цю послугу"}, Buttons: []string{"Мої записи"}},
		step{Action: "menu:book:r1", Want: []string{"Оберіть день"}},
		step{Action: "book:d:20260715", Buttons: []string{"09:00"}},
		step{Action: "book:t:0900", Want: []string{"Переносимо запис", "середа, 15 липня, 09:00"}},
		step{Action: "book:ok", Want: []string{"запис перенесено", "09:00", "більше не дійсний"}},
		step{Action: "menu:mybookings", Want: []string{"ср, 15.07 о 09:00"}, Not: []string{"10:40"}},
	)
}

// TestLastSeatsRaceAnswersLosersPolitely: 200 residents confirm the same
// time with 3 seats at once; 3 are booked, and every other one is told the
// time was just taken and offered the nearest free times.
func TestLastSeatsRaceAnswersLosersPolitely(t *testing.T) {
	env := newVisitEnv(t)
	const n = 200
	for i := range n {
		dialogtest.Converse(t, env.e, as(fmt.Sprint("r", i), toConfirm("1020")...)...)
	}
	replies := make([][]dialog.Reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := env.e.Handle(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: fmt.Sprint("r", i), Action: "book:ok"})
			if err != nil {
				t.Error(err)
			}
			replies[i] = r
		}()
	}
	wg.Wait()
	booked, taken := 0, 0
	loser := -1
	for i, r := range replies {
		text := dialogtest.Texts(r)
		switch {
		case strings.Contains(text, "Номер запису"):
			booked++
		case strings.Contains(text, "цей час щойно зайняли") && hasLabel(r, "10:40") && hasLabel(r, "10:00") == false:
			taken++
			loser = i
		default:
			t.Errorf("resident %d got:\n%s", i, dialogtest.Transcript(r))
		}
	}
	if booked != 3 || taken != n-3 {
		t.Fatalf("%d booked and %d told the time was taken; want 3 and %d", booked, taken, n-3)
	}
	// One tap on an offered time leads straight to the confirmation.
	dialogtest.Converse(t, env.e, as(fmt.Sprint("r", loser),
		step{Action: "book:n:202607141040", Want: []string{"Перевірте", "10:40", "Олена Петренко"}},
		step{Action: "book:ok", Want: []string{"Номер запису"}},
	)...)
}

func hasLabel(replies []dialog.Reply, label string) bool {
	for _, b := range dialogtest.Buttons(replies) {
		if b.Label == label {
			return true
		}
	}
	return false
}

func TestFullDayCanBeWatchedAndTheResidentIsToldWhenATimeFrees(t *testing.T) {
	env := newVisitEnv(t)
	ctx := context.Background()
	city := env.visits.City
	day := time.Date(2026, 7, 15, 0, 0, 0, 0, city.Loc())
	slots, _ := env.visits.Slots(ctx, "cnap-dubliany", "residence-extract", day)
	var first cases.Visit
	for i, sl := range slots {
		r, _ := env.store.EnsureResident(ctx, vikno.Telegram, fmt.Sprint("filler", i), "uk")
		v, err := env.visits.Book(ctx, cases.BookRequest{ResidentID: r.ID, LocationID: "cnap-dubliany", ServiceID: "residence-extract",
			Start: sl.Start, Name: "Іван Франко", Phone: "0671234567"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = v
		}
	}
	dialogtest.Converse(t, env.e, as("waiter",
		step{Action: "menu:book:residence-extract"},
		step{Action: "book:l:cnap-dubliany", Want: []string{"Повністю зайняті: ср 15.07"}, Buttons: []string{"🔔 ср 15.07", "вт 14.07"}},
		step{Action: "book:w:20260715", Want: []string{"Щойно на середу, 15 липня, у ЦНАП у Дублянах, звільниться час", "напишу"}},
	)...)
	if _, err := env.visits.Cancel(ctx, first.ResidentID, first.ID); err != nil {
		t.Fatal(err)
	}
	got := env.pushed.text("waiter")
	if !strings.Contains(got, "звільнився час: 10:00") {
		t.Fatalf("the waiter was told %q", got)
	}
	dialogtest.Converse(t, env.e, as("waiter",
		step{Action: "menu:book:w1", Want: []string{"середа, 15 липня"}, Buttons: []string{"10:00"}},
	)...)
}

func TestRemindersAndStaffCancelReachTheResident(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e, toConfirmOn("20260715", "0900")...)
	dialogtest.Converse(t, env.e, step{Action: "book:ok", Want: []string{"Номер запису"}})
	loc := env.visits.City.Loc()
	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 7, 14, 18, 1, 0, 0, loc), "Нагадуємо: завтра, *середа, 15 липня, 09:00*"},
		{time.Date(2026, 7, 15, 8, 1, 0, 0, loc), "Нагадуємо: через годину, о 09:00, Вас чекають"},
	} {
		env.setNow(tt.at)
		if n, err := env.visits.SendReminders(context.Background()); err != nil || n != 1 {
			t.Fatalf("SendReminders at %v = %d, %v", tt.at, n, err)
		}
		// the person booked is named: a grandmother booking her grandson
		// knows whose visit it is
		if got := env.pushed.text(dialogtest.User); !strings.Contains(got, strings.ReplaceAll(tt.want, "*", "")) ||
			!strings.Contains(got, "на ім’я Олена Петренко") {
			t.Fatalf("reminder %q, want %q and the name", got, tt.want)
		}
	}
	if _, err := env.visits.StaffCancel(context.Background(), 1, "Збій у реєстрі"); err != nil {
		t.Fatal(err)
	}
	if got := env.pushed.text(dialogtest.User); !strings.Contains(got, "ЦНАП скасував Ваш запис") || !strings.Contains(got, "Причина: Збій у реєстрі") {
		t.Fatalf("staff cancel notice %q", got)
	}
}

func TestBookingInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{In: dialog.Update{Locale: "en"}, Action: "menu:book:passport-abroad", Want: []string{"Passport for travel abroad"}, Buttons: []string{"CNAP at the City Hall"}},
		step{In: dialog.Update{Locale: "en"}, Action: "book:l:cnap-center", Want: []string{"Choose a day"}, Buttons: []string{"Tue 14.07"}},
		step{In: dialog.Update{Locale: "en"}, Action: "book:d:20260714", Want: []string{"Tuesday, 14 July"}},
	)
}

func TestEnglishBookingShowsTheCardInEnglish(t *testing.T) {
	env := newVisitEnv(t)
	en := func(s step) step { s.In.Locale = "en"; return s }
	dialogtest.Converse(t, env.e,
		en(step{Action: "menu:book"}),
		en(step{Action: "book:l:cnap-center", Buttons: []string{"Passports", "Civil registry"}, Not: []string{"Паспортні"}}),
		en(step{Action: "menu:book:id-card"}),
		en(step{Action: "book:l:cnap-vyhovskoho"}),
		en(step{Action: "book:d:20260714"}),
		en(step{Action: "book:t:1100"}),
		en(step{Text: "Olena Petrenko"}),
		en(step{Text: "+380 67 123 45 67", Want: []string{"32 Ivana Vyhovskoho St, Lviv"}}),
	)
	replies := dialogtest.Converse(t, env.e, en(step{Text: "yes"}))
	text := dialogtest.Texts(replies)
	for _, want := range []string{"32 Ivana Vyhovskoho St, Lviv", "Birth certificate", "UAH 279"} {
		if !strings.Contains(text, want) {
			t.Errorf("booked message lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Свідоцтво") || strings.Contains(text, "грн") || strings.Contains(text, "вул.") {
		t.Errorf("Ukrainian in the English booked message:\n%s", text)
	}
}

// An office typed at the location step by its name or street is chosen as
// if its button were pressed; a word every office shares, or none holds,
// asks for the button again.
func TestBookingTakesAnOfficeTypedByName(t *testing.T) {
	env := newVisitEnv(t)
	dialogtest.Converse(t, env.e,
		step{Action: "menu:book", Want: []string{"Оберіть ЦНАП"}},
		step{Text: "Марс", Want: []string{"варіант кнопкою"}},
		step{Text: "ЦНАП", Want: []string{"варіант кнопкою"}},
		step{Text: "Ратуша", Want: []string{"Оберіть групу послуг"}},
		step{Text: "назад", Want: []string{"Оберіть ЦНАП"}},
		step{Text: "на Сихові", Want: []string{"Оберіть групу послуг"}},
	)
}
