package dialog_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/casestest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/memory"
)

// sentMessage is one message pushed outside a turn.
type sentMessage struct {
	user    string
	replies []dialog.Reply
}

// pushes records what the engine pushes through a channel.
type pushes struct {
	mu   sync.Mutex
	sent []sentMessage
}

func (p *pushes) Send(_ context.Context, user string, replies []dialog.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, sentMessage{user, replies})
	return nil
}

func (p *pushes) last(t *testing.T) sentMessage {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.sent) == 0 {
		t.Fatal("nothing was pushed")
	}
	return p.sent[len(p.sent)-1]
}

// appealWorld is an engine with the appeal flows on in-memory stores.
type appealWorld struct {
	engine  *dialog.Engine
	svc     *cases.AppealService
	appeals *casestest.Appeals
	pushes  *pushes
	st      stores
}

func newAppealWorld(t *testing.T) appealWorld {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	w := appealWorld{appeals: &casestest.Appeals{}, pushes: &pushes{}, st: newStores()}
	w.svc = &cases.AppealService{Store: w.appeals, City: city, Limiter: memory.New(), Hasher: cases.Bcrypt{Cost: 4}}
	w.engine = w.newEngine()
	return w
}

// newEngine returns an engine (a replica) on the world's shared stores.
func (w appealWorld) newEngine() *dialog.Engine {
	e := w.st.engine("1580")
	dialog.RegisterAppeals(e, w.svc)
	e.SetSender(dialogtest.Channel, w.pushes)
	w.svc.Notifier = dialog.AppealNotices{Engine: e}
	return e
}

func (w appealWorld) stored(t *testing.T) []cases.Appeal {
	t.Helper()
	list, err := w.appeals.ListAppeals(context.Background(), cases.AppealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// in is a step that sends a whole update.
func in(u dialog.Update, want ...string) step { return step{In: u, Want: want} }

var (
	lviv    = &dialog.Location{Lat: 49.8419, Lon: 24.0315}
	kyivLoc = &dialog.Location{Lat: 50.4501, Lon: 30.5234}
)

// toSummary are the steps from the menu to the summary: location, a
// description, one photo and the resident's own phone.
var toSummary = steps{
	{Action: "menu:appeal", Want: []string{"Про яку проблему"}, Buttons: []string{"Житлове господарство", "Скасувати"}},
	{Action: "appeal:s:housing", Want: []string{"Тема «Житлове господарство»"}, Buttons: []string{"Немає гарячої води", "Назад"}},
	{Action: "appeal:c:no-hot-water", Want: []string{"Тема: Немає гарячої води", "геолокацію"}},
	in(dialog.Update{Location: lviv}, "Опишіть"),
	{Text: "Немає гарячої води з понеділка в усьому будинку", Want: []string{"Додайте фото"}, Buttons: []string{"Далі"}},
	in(dialog.Update{Photo: &dialog.Photo{Ref: "tg:photo-1"}}, "Фото додано (1 фото)"),
	{Action: "appeal:next", Want: []string{"номер телефону"}, Buttons: []string{"Пропустити"}},
	{In: dialog.Update{Contact: &dialog.Contact{Phone: "+380501234567", Own: true}}, Want: []string{
		"Показати опис звернення на публічній мапі міста?", "Телефони й номери квартир буде приховано"},
		Buttons: []string{"Так, показати", "Ні, не показувати", "Назад"}},
	{Action: "appeal:pub:n", Want: []string{
		"Перевірте", "Тема: Немає гарячої води", "біля адреси м. Львів, пл. Ринок, 1 — точка на карті (49.84190, 24.03150)", "Немає гарячої води з понеділка",
		"Фото: 1 фото", "Телефон: +380501234567", "Опис на публічній мапі: не показувати", "Строк виконання: 24 години"},
		Buttons: []string{"Підтвердити", "Назад"}},
}

// confirmAction returns the action of the summary's confirm button.
func confirmAction(t *testing.T, replies []dialog.Reply) string {
	t.Helper()
	for _, b := range dialogtest.Buttons(replies) {
		if strings.HasPrefix(b.Action, "appeal:ok:") {
			return b.Action
		}
	}
	t.Fatalf("no confirm button:\n%s", dialogtest.Transcript(replies))
	return ""
}

func TestAppealFilingHappyPathWithLocationAndPhoto(t *testing.T) {
	w := newAppealWorld(t)
	summary := dialogtest.Converse(t, w.engine, toSummary...)
	if len(w.stored(t)) != 0 {
		t.Fatal("an appeal was saved before confirmation")
	}
	ok := confirmAction(t, summary)
	if len(ok) > dialog.MaxActionLen {
		t.Fatalf("confirm action %q is longer than %d bytes", ok, dialog.MaxActionLen)
	}
	replies := dialogtest.Converse(t, w.engine, step{Action: ok,
		Want:    []string{"Звернення № 2026-000001 зареєстровано", "PIN для перевірки статусу: ", "КП «Тепломережа»", "Строк: до "},
		Buttons: []string{"Подати звернення"}})
	list := w.stored(t)
	if len(list) != 1 {
		t.Fatalf("%d appeals stored, want 1", len(list))
	}
	a := list[0]
	if a.Category != "no-hot-water" || a.Location == nil || a.Location.Lat != lviv.Lat || len(a.Photos) != 1 ||
		a.Photos[0] != "tg:photo-1" || a.Phone != "+380501234567" || a.Channel != vikno.Telegram || a.ResidentID == 0 {
		t.Fatalf("stored %+v", a)
	}
	// The PIN is bold and verifies; the number too.
	var pin string
	for _, span := range replies[0].Text {
		if span.Bold && cases.ValidPIN(span.Text) {
			pin = span.Text
		}
	}
	if pin == "" || !(cases.Bcrypt{}).Verify(a.PINHash, pin) {
		t.Fatalf("no valid bold PIN in %q", replies[0].Text.String())
	}
}

// boldPIN returns the bold PIN of a reply ("" when none).
func boldPIN(replies []dialog.Reply) string {
	for _, r := range replies {
		for _, span := range r.Text {
			if span.Bold && cases.ValidPIN(span.Text) {
				return span.Text
			}
		}
	}
	return ""
}

// The process died after the appeal was stored and before the resident was
// answered and the session saved: the journal hands the confirm to the
// engine again with the session as it was, and the resident gets the number
// and the same PIN (derived from the summary's token under the PIN key), not
// «вже зареєстровано» without a PIN.
func TestConfirmReplayedAfterACrashGivesThePIN(t *testing.T) {
	w := newAppealWorld(t)
	w.svc.Hasher = cases.KeyedPIN{Key: []byte(strings.Repeat("k", 32))}
	ok := confirmAction(t, dialogtest.Converse(t, w.engine, toSummary...))
	key := "session:" + string(dialogtest.Channel) + ":" + dialogtest.User
	before, err := w.st.kv.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	first := boldPIN(dialogtest.Converse(t, w.engine, step{Action: ok, Want: []string{"зареєстровано", "PIN"}}))
	if err := w.st.kv.Set(context.Background(), key, before, time.Hour); err != nil { // the session save was lost
		t.Fatal(err)
	}
	again := dialogtest.Converse(t, w.engine, step{Action: ok, Want: []string{"№ 2026-000001 зареєстровано", "PIN"}})
	if first == "" || boldPIN(again) != first {
		t.Fatalf("PIN %q after the replay, %q the first time", boldPIN(again), first)
	}
	if n := len(w.stored(t)); n != 1 {
		t.Fatalf("%d appeals stored, want 1", n)
	}
	// A second tap once the answer was given still says only that it is filed.
	dialogtest.Converse(t, w.engine, step{Action: ok, Want: []string{"вже зареєстровано"}, Not: []string{first}})
}

func TestAppealLocationAndContactAreRequestedOneTap(t *testing.T) {
	w := newAppealWorld(t)
	replies := dialogtest.Converse(t, w.engine, toSummary[:3]...)
	if replies[0].Request != dialog.RequestLocation || replies[0].RequestLabel == "" {
		t.Fatalf("place step does not request a location: %+v", replies[0])
	}
	replies = dialogtest.Converse(t, w.engine, toSummary[3:7]...)
	if replies[0].Request != dialog.RequestContact {
		t.Fatalf("phone step does not request a contact: %+v", replies[0])
	}
}

func TestAppealBackReturnsToThePreviousStep(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary...)
	dialogtest.Converse(t, w.engine,
		step{Action: "appeal:back", Want: []string{"публічній мапі"}},
		step{Action: "appeal:back", Want: []string{"номер телефону"}},
		step{Action: "appeal:back", Want: []string{"Фото додано (1 фото)"}},
		step{Text: "Назад", Want: []string{"Опишіть"}}, // the label typed works like the button
		step{Action: "appeal:back", Want: []string{"Де саме проблема"}},
		step{Action: "appeal:back", Want: []string{"Тема «Житлове господарство»"}},
		step{Action: "appeal:back", Want: []string{"Про яку проблему"}},
		step{Action: "appeal:s:lifts", Want: []string{"Тема «Ліфти»"}},
		step{Action: "appeal:c:lift-broken", Want: []string{"Тема: Не працює ліфт"}},
		step{Text: "вул. Наукова, 7, під’їзд 3", Want: []string{"Опишіть"}},
		step{Text: "Ліфт стоїть між поверхами", Want: []string{"Фото додано (1 фото)"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:y", Want: []string{"Тема: Не працює ліфт", "Місце: вул. Наукова, 7, під’їзд 3",
			"Ліфт стоїть", "Телефон: не вказано", "Опис на публічній мапі: показати"}},
	)
	if len(w.stored(t)) != 0 {
		t.Fatal("going back saved something")
	}
}

func TestAppealCancelAtEveryStepSavesNothing(t *testing.T) {
	for i := 1; i <= len(toSummary); i++ {
		for _, cancel := range []step{
			{Text: "скасувати", Want: []string{"Скасовано, нічого не збережено"}},
			{Action: "appeal:cancel", Want: []string{"Скасовано, нічого не збережено"}, Buttons: []string{"Подати звернення"}},
		} {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, append(append(steps{}, toSummary[:i]...), cancel)...)
			if n := len(w.stored(t)); n != 0 {
				t.Fatalf("cancel after step %d saved %d appeals", i, n)
			}
		}
	}
}

func TestAppealFreeTextFindsTheCategory(t *testing.T) {
	w := newAppealWorld(t)
	replies := dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "Немає гарячої води вже третій день", Want: []string{"Оберіть"}, Buttons: []string{"Немає гарячої води", "Усі теми"}},
	)
	if first := dialogtest.Buttons(replies)[0]; !strings.HasPrefix(first.Action, "appeal:c:no-hot-water~") {
		t.Fatalf("first guess %+v, want no hot water", first)
	}
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "не працює домофон у під’їзді", Buttons: []string{"Ремонт під’їзду"}},
		step{Action: "appeal:c:entrance-repair", Want: []string{"Тема: Ремонт під’їзду"}},
	)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "хочу рецепт борщу", Want: []string{"Не вдалося визначити тему", "Про яку проблему"}, Buttons: []string{"Ліфти"}},
	)
}

// A topic typed as the bot names it is that topic: no list of one to pick from.
func TestAppealTopicTypedByItsNameIsTaken(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "немає гарячої води!", Want: []string{"Тема: Немає гарячої води", "Де саме проблема"}},
	)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{Text: "No hot water", Want: []string{"Topic: No hot water", "Where is the problem"}}),
	)
}

func TestAppealTooLongDescriptionIsRefusedAndTheStepKept(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:4]...)
	dialogtest.Converse(t, w.engine,
		step{Text: strings.Repeat("вода ", 801), Want: []string{"задовге", "4000"}},
		step{Text: "ой", Want: []string{"Опишіть, будь ласка, словами"}},
		step{Text: "Тече гаряча вода лише вночі", Want: []string{"Додайте фото"}},
	)
}

func TestAppealCoordinatesOutsideTheCityAreRefused(t *testing.T) {
	w := newAppealWorld(t)
	replies := dialogtest.Converse(t, w.engine, append(append(steps{}, toSummary[:3]...),
		in(dialog.Update{Location: kyivLoc}, "поза межами міста"))...)
	if replies[0].Request != dialog.RequestLocation {
		t.Fatal("the location is not requested again")
	}
	dialogtest.Converse(t, w.engine,
		step{Text: "пл. Ринок, 1", Want: []string{"Опишіть"}},
		step{Action: "appeal:back"},
		step{Text: "ab", Want: []string{"не зрозуміло, де проблема"}},
	)
}

func TestAppealContactMustBeTheSendersOwn(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:7]...)
	dialogtest.Converse(t, w.engine,
		in(dialog.Update{Contact: &dialog.Contact{Phone: "+380671112233", Own: false}}, "лише власний номер"),
		step{Action: "appeal:next", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:n", Want: []string{"Телефон: не вказано"}, Not: []string{"0671112233"}},
	)
}

func TestAppealTakesATypedPhoneLikeBooking(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary[:7]...)
	dialogtest.Converse(t, w.engine,
		step{Text: "12345", Want: []string{"Не схоже на номер телефону"}, Buttons: []string{"Пропустити"}},
		step{Text: "067 111-22-33", Want: []string{"публічній мапі"}},
		step{Action: "appeal:pub:n", Want: []string{"Телефон: +380671112233"}, Buttons: []string{"Підтвердити"}},
	)
}

func TestAppealDoubleConfirmFilesOne(t *testing.T) {
	w := newAppealWorld(t)
	ok := confirmAction(t, dialogtest.Converse(t, w.engine, toSummary...))
	dialogtest.Converse(t, w.engine,
		step{Action: ok, Want: []string{"№ 2026-000001 зареєстровано", "PIN"}},
		step{Action: ok, Want: []string{"вже зареєстровано: № 2026-000001"}, Not: []string{"PIN для перевірки"}},
	)
	if n := len(w.stored(t)); n != 1 {
		t.Fatalf("%d appeals after a double tap, want 1", n)
	}
}

func TestAppealDoubleConfirmOnTwoReplicasFilesOne(t *testing.T) {
	w := newAppealWorld(t)
	ok := confirmAction(t, dialogtest.Converse(t, w.engine, toSummary...))
	// Two replicas share the session store and take the two taps at once.
	replicas := []*dialog.Engine{w.engine, w.newEngine()}
	texts := make([]string, len(replicas))
	var wg sync.WaitGroup
	for i, e := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies, err := e.Handle(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Action: ok})
			if err != nil {
				t.Error(err)
			}
			texts[i] = dialogtest.Texts(replies)
		}()
	}
	wg.Wait()
	if n := len(w.stored(t)); n != 1 {
		t.Fatalf("%d appeals after taps on two replicas, want 1:\n%s", n, strings.Join(texts, "\n"))
	}
	for _, txt := range texts {
		if !strings.Contains(txt, "2026-000001") {
			t.Fatalf("a tap did not get the number:\n%s", strings.Join(texts, "\n---\n"))
		}
	}
}

func TestAppealOldConfirmButtonIsStale(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, step{Action: "appeal:ok:0123456789abcdef", Want: []string{"кнопка вже не діє"}})
	if len(w.stored(t)) != 0 {
		t.Fatal("an unknown token filed an appeal")
	}
}

// fileOne files an appeal for the dialogtest resident through the flow and
// returns its number and PIN.
func fileOne(t *testing.T, w appealWorld) (number, pin string) {
	t.Helper()
	ok := confirmAction(t, dialogtest.Converse(t, w.engine, toSummary...))
	replies := dialogtest.Converse(t, w.engine, step{Action: ok})
	var bold []string
	for _, s := range replies[0].Text {
		if s.Bold {
			bold = append(bold, s.Text)
		}
	}
	if len(bold) < 2 {
		t.Fatalf("no number and PIN in %q", replies[0].Text.String())
	}
	return bold[0], bold[1]
}

func TestStatusCheckByNumberAndPIN(t *testing.T) {
	w := newAppealWorld(t)
	number, pin := fileOne(t, w)
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:status", Want: []string{"номер звернення"}}),
		other(step{Text: "12345", Want: []string{"Номер має вигляд 2026-000123"}}),
		other(step{Text: "№ " + number, Want: []string{"введіть PIN"}}),
		other(step{Text: "12", Want: []string{"PIN складається з 4–6 цифр"}}),
		other(step{Text: wrongPIN(pin), Want: []string{"не знайдено"}, Buttons: []string{"Інший номер"}}),
		other(step{Text: pin, Want: []string{"Звернення № " + number, "Статус: зареєстровано", "Тепломережа", "Строк: до "},
			Not: []string{"Проблему вирішено"}}),
	)
	dialogtest.Converse(t, w.engine,
		other(step{Action: "menu:status"}),
		other(step{Text: number + " " + pin, Want: []string{"Статус: зареєстровано"}}),
	)
}

func wrongPIN(pin string) string {
	b := []byte(pin)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

func TestStatusCheckStopsGuessing(t *testing.T) {
	w := newAppealWorld(t)
	number, pin := fileOne(t, w)
	other := func(s step) step { s.In.UserID = "someone-else"; return s }
	var last []dialog.Reply
	for range cases.PINNumberBackoff.Burst + 1 {
		last = dialogtest.Converse(t, w.engine, other(step{Action: "menu:status:" + number}), other(step{Text: wrongPIN(pin)}))
	}
	if txt := dialogtest.Texts(last); !strings.Contains(txt, "Забагато невдалих спроб") || !strings.Contains(txt, "1580") {
		t.Fatalf("after %d wrong PINs:\n%s", cases.PINNumberBackoff.Burst+1, dialogtest.Transcript(last))
	}
	dialogtest.Converse(t, w.engine, other(step{Action: "menu:status:" + number}),
		other(step{Text: pin, Want: []string{"Забагато невдалих спроб"}, Not: []string{"Статус:"}}))
}

func TestOwnerChecksStatusWhileOthersGuess(t *testing.T) {
	w := newAppealWorld(t)
	number, pin := fileOne(t, w)
	for i := range 3 * cases.PINNumberBackoff.Burst {
		guesser := func(s step) step { s.In.UserID = "guesser-" + strconv.Itoa(i%3); return s }
		dialogtest.Converse(t, w.engine, guesser(step{Action: "menu:status:" + number}), guesser(step{Text: wrongPIN(pin)}))
	}
	for range 3 {
		dialogtest.Converse(t, w.engine, step{Action: "menu:status:" + number},
			step{Text: pin, Want: []string{"Звернення № " + number, "Статус: зареєстровано"}, Not: []string{"Забагато"}})
	}
	dialogtest.Converse(t, w.engine, step{Action: "menu:status:" + number},
		step{Text: wrongPIN(pin), Want: []string{"не знайдено"}, Not: []string{"Забагато"}})
}

func executorMoves(t *testing.T, w appealWorld, number string, to cases.AppealStatus, comment string) {
	t.Helper()
	_, err := w.svc.ChangeStatus(context.Background(), number, cases.AppealChange{To: to, Comment: comment,
		By: cases.Actor{Kind: cases.ActorExecutor, Name: "test"}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExecutorDoneAsksTheResidentWhoConfirms(t *testing.T) {
	w := newAppealWorld(t)
	number, _ := fileOne(t, w)
	executorMoves(t, w, number, cases.AppealInProgress, "Бригада виїхала")
	if got := dialogtest.Texts(w.pushes.last(t).replies); !strings.Contains(got, "взято в роботу") || !strings.Contains(got, "Бригада виїхала") {
		t.Fatalf("in-progress notice = %q", got)
	}
	executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
	msg := w.pushes.last(t)
	if msg.user != dialogtest.User || !strings.Contains(dialogtest.Texts(msg.replies), "Проблему вирішено?") {
		t.Fatalf("done notice to %s:\n%s", msg.user, dialogtest.Transcript(msg.replies))
	}
	yes := buttonAction(t, msg.replies, "Так")
	replies := dialogtest.Converse(t, w.engine,
		step{Action: yes, Want: []string{"Звернення № " + number + " закрито", "від 1 до 5"}, Buttons: []string{"5"}})
	five := buttonAction(t, replies, "5")
	dialogtest.Converse(t, w.engine,
		step{Action: five, Want: []string{"Дякуємо за оцінку"}},
		step{Action: yes, Want: []string{"не чекає підтвердження"}},
	)
	a, _ := w.appeals.FindAppeal(context.Background(), number)
	if a.Status != cases.AppealClosed || a.Resolution != cases.ResolvedYes || a.Rating != 5 {
		t.Fatalf("appeal %+v", a)
	}
}

func TestResidentReopensWithAComment(t *testing.T) {
	for _, answer := range []string{"Ні", "Частково"} {
		t.Run(answer, func(t *testing.T) {
			w := newAppealWorld(t)
			number, _ := fileOne(t, w)
			executorMoves(t, w, number, cases.AppealDone, "")
			action := buttonAction(t, w.pushes.last(t).replies, answer)
			dialogtest.Converse(t, w.engine,
				step{Action: action, Want: []string{"що саме залишилося не так"}},
				step{Text: "ні", Want: []string{"докладніше"}},
				step{Text: "Гаряча вода тече ледь тепла", Want: []string{"№ " + number + " повернуто в роботу", "Новий строк: до "}},
			)
			a, _ := w.appeals.FindAppeal(context.Background(), number)
			last, _ := a.LastEvent()
			if a.Status != cases.AppealReopened || last.Comment != "Гаряча вода тече ледь тепла" || last.Actor.Kind != cases.ActorResident {
				t.Fatalf("appeal %+v, last event %+v", a, last)
			}
			// Someone else cannot answer for the resident.
			dialogtest.Converse(t, w.engine, step{In: dialog.Update{UserID: "intruder"}, Action: action, Want: []string{"не знайдено"}})
		})
	}
}

func buttonAction(t *testing.T, replies []dialog.Reply, label string) string {
	t.Helper()
	for _, b := range dialogtest.Buttons(replies) {
		if b.Label == label {
			if len(b.Action) > dialog.MaxActionLen {
				t.Fatalf("action %q too long", b.Action)
			}
			return b.Action
		}
	}
	t.Fatalf("no button %q:\n%s", label, dialogtest.Transcript(replies))
	return ""
}

func TestAppealFilingInEnglish(t *testing.T) {
	w := newAppealWorld(t)
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	replies := dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal", Want: []string{"What problem"}, Buttons: []string{"Housing and utilities"}}),
		en(step{Text: "no hot water at all", Buttons: []string{"No hot water"}}),
		en(step{Action: "appeal:c:pothole", Want: []string{"Topic: Pothole"}}),
		en(step{Text: "Horodotska St, 100", Want: []string{"I am taking the description from your message: “no hot water at all”"}}),
		en(step{Action: "appeal:back", Want: []string{"describe the problem"}}),
		en(step{Text: "A deep pothole in the right lane", Want: []string{"Add a photo"}}),
		en(step{Action: "appeal:next"}),
		en(step{Action: "appeal:next", Want: []string{"public map", "numbers will be hidden"}, Buttons: []string{"Yes, show it", "No, keep it hidden"}}),
		en(step{Text: "yes", Want: []string{"Topic: Pothole", "Photos: none", "Phone: not given",
			"Description on the public map: shown", "Term: 15 days"}}),
	)
	dialogtest.Converse(t, w.engine, en(step{Action: confirmAction(t, replies),
		Want: []string{"Appeal No. 2026-000001 is registered", "PIN to check its status", "Service: Miskavtodor road maintenance (demo)"},
		Not:  []string{"КП «Міськавтодор»"}}))
	dialogtest.Converse(t, w.engine, en(step{Action: "myappeals:a:2026-000001",
		Want: []string{"Appeal No. 2026-000001", "Service: Miskavtodor road maintenance (demo)"}, Not: []string{"КП «Міськавтодор»"}}))
}

func TestATypedYesOrNoToTheDoneNoticeAsksAgainWithTheButtons(t *testing.T) {
	w := newAppealWorld(t)
	w.engine.Register(dialog.NewFAQ(&oneArticleKB{}))
	w.engine.SetDefaultFlow(dialog.FlowFAQ)
	number, _ := fileOne(t, w)
	executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
	for _, typed := range []string{"Ні", "так"} {
		replies := dialogtest.Converse(t, w.engine, step{Action: "menu:"}, step{Text: typed,
			Want:    []string{"Звернення № " + number + " чекає Вашого підтвердження", "Проблему вирішено?"},
			Not:     []string{"нічого не чекає підтвердження"},
			Buttons: []string{"Так", "Ні", "Частково"}})
		if a, _ := w.appeals.FindAppeal(context.Background(), number); a.Status != cases.AppealDone {
			t.Fatalf("a typed %q changed the appeal to %s", typed, a.Status)
		}
		if typed == "Ні" {
			dialogtest.Converse(t, w.engine, step{Action: buttonAction(t, replies, "Ні"), Want: []string{"що саме залишилося не так"}},
				step{Action: "menu:"})
		}
	}
	dialogtest.Converse(t, w.engine, step{Action: buttonAction(t, w.pushes.last(t).replies, "Так"), Want: []string{"закрито"}},
		step{Action: "menu:"},
		step{Text: "так", Want: []string{"нічого не чекає підтвердження"}})
}

// «яму» (accusative: «скаргу на яму») finds the pothole topic as «яма» does.
func TestAppealAboutAPotholeInTheAccusativeFindsTheTopic(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "хочу подати скаргу на яму біля будинку", Buttons: []string{"Яма на дорозі"}, Not: []string{"Не вдалося визначити тему"}},
	)
}
