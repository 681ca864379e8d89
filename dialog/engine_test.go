package dialog_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/memory"
)

type (
	step  = dialogtest.Step
	steps = []dialogtest.Step
)

// mainMenuUK are the labels of the Ukrainian main menu, in order.
var mainMenuUK = []string{
	"❓ Питання та відповіді", "📝 Подати звернення", "🔎 Статус звернення", "📅 Записатися до ЦНАП",
	"👥 Черга зараз", "⭐ Оцінити візит", "⚙️ Налаштування", "📂 Мої звернення", "🗓 Мої записи", "📍 ЦНАП поруч",
}

var mainMenuEN = []string{
	"❓ Questions & answers", "📝 File an appeal", "🔎 Appeal status", "📅 Book a CNAP visit",
	"👥 Queue now", "⭐ Rate a visit", "⚙️ Settings", "📂 My appeals", "🗓 My bookings", "📍 CNAPs near me",
}

// stores are the engine's stores, kept to build a second engine on them.
type stores struct {
	residents *dialogtest.Residents
	kv        *memory.Store
}

func newStores() stores { return stores{residents: &dialogtest.Residents{}, kv: memory.New()} }

func (s stores) engine(hotline string) *dialog.Engine {
	return dialog.New(dialog.Config{Residents: s.residents, KV: s.kv, Hotline: hotline})
}

// newEngine returns an engine on fresh in-memory stores with hotline 1580.
func newEngine() *dialog.Engine { return newStores().engine("1580") }

// mustHandle sends u and fails the test on an error.
func mustHandle(t *testing.T, h dialog.Handler, u dialog.Update) []dialog.Reply {
	t.Helper()
	if u.Channel == "" {
		u.Channel = dialogtest.Channel
	}
	if u.UserID == "" {
		u.UserID = dialogtest.User
	}
	replies, err := h.Handle(context.Background(), u)
	if err != nil {
		t.Fatalf("Handle(%q): %v", u.Text, err)
	}
	return replies
}

func labels(bs []dialog.Button) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Label
	}
	return out
}

func TestStartShowsWelcomeAndTheUkrainianMainMenu(t *testing.T) {
	replies := dialogtest.Converse(t, newEngine(),
		step{Text: "/start", Want: []string{"Вітаємо", "Вікно"}, Buttons: mainMenuUK})
	if len(replies) != 1 {
		t.Fatalf("got %d replies, want one:\n%s", len(replies), dialogtest.Transcript(replies))
	}
	r := replies[0]
	if got := labels(r.AllButtons()); strings.Join(got, "|") != strings.Join(mainMenuUK, "|") {
		t.Errorf("menu = %q, want %q", got, mainMenuUK)
	}
	for i, row := range r.Buttons {
		if len(row) > 2 {
			t.Errorf("row %d has %d buttons, want at most 2 (fits a phone)", i, len(row))
		}
	}
	for _, b := range r.AllButtons() {
		if !strings.HasPrefix(b.Action, "menu:") || len(b.Action) > dialog.MaxActionLen {
			t.Errorf("button %q has action %q, want a short menu:<flow>", b.Label, b.Action)
		}
	}
}

func TestMenuButtonOfUnbuiltFeatureAnswersHonestlyAndOffersTheMenu(t *testing.T) {
	tests := []struct {
		flow, label string
	}{
		{dialog.FlowFAQ, "Питання та відповіді"},
		{dialog.FlowAppeal, "Подати звернення"},
		{dialog.FlowStatus, "Статус звернення"},
		{dialog.FlowBook, "Записатися до ЦНАП"},
		{dialog.FlowQueue, "Черга зараз"},
		{dialog.FlowRate, "Оцінити візит"},
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			dialogtest.Converse(t, newEngine(),
				step{Text: "/start"},
				step{Action: "menu:" + tt.flow,
					Want:    []string{tt.label, "ще готується", "1580"},
					Buttons: mainMenuUK},
				// The session is not left inside the stand-in flow.
				step{Text: "привіт", Want: []string{"Чим можу допомогти?"}, Buttons: mainMenuUK},
			)
		})
	}
}

// steps is a test flow with two questions, to test what works at any step.
type stepsFlow struct{}

func (stepsFlow) Name() string { return "form" }

func (stepsFlow) Start(_ context.Context, c *dialog.Conv, _ string) error {
	c.Session.Step = "name"
	c.Say(dialog.Plain("Як Вас звати?"), []dialog.Button{{Label: "Пропустити", Action: "form:skip"}})
	return nil
}

func (stepsFlow) Handle(_ context.Context, c *dialog.Conv) error {
	switch c.Session.Step {
	case "name":
		c.Session.Set("name", c.Update.Text)
		c.Session.Step = "street"
		c.Say(dialog.Plain("Вкажіть вулицю."), []dialog.Button{{Label: "Назад", Action: "form:back"}})
	default:
		c.Done(dialog.Plain("Записано: " + c.Session.Get("name") + ", " + c.Update.Text))
	}
	return nil
}

func newFormEngine() *dialog.Engine {
	e := newEngine()
	e.Register(stepsFlow{})
	return e
}

func TestMenuAndCancelWordsWorkAtAnyStep(t *testing.T) {
	tests := []struct {
		word string
		want string
	}{
		{"меню", "Чим можу допомогти?"},
		{"/menu", "Чим можу допомогти?"},
		{"Меню", "Чим можу допомогти?"},
		{"скасувати", "Скасовано"},
		{"Скасувати", "Скасовано"},
		{"cancel", "Скасовано"},
		{"/cancel", "Скасовано"},
		{"❌ Скасувати", "Скасовано"},
	}
	for _, tt := range tests {
		for _, at := range []string{"FirstStep", "SecondStep"} {
			t.Run(tt.word+"/"+at, func(t *testing.T) {
				conv := steps{{Text: "/start r_form"}}
				if at == "SecondStep" {
					conv = append(conv, step{Text: "Олена", Want: []string{"вулицю"}})
				}
				conv = append(conv,
					step{Text: tt.word, Want: []string{tt.want}, Buttons: mainMenuUK, Not: []string{"Записано"}},
					// The flow is left: free text no longer reaches it.
					step{Text: "Шевченка", Want: []string{"Чим можу допомогти?"}, Not: []string{"Записано"}},
				)
				e := newFormEngine()
				e.RoutePayload("r_", "form")
				dialogtest.Converse(t, e, conv...)
			})
		}
	}
}

func TestCancelOutsideAFlowShowsTheMenu(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Text: "скасувати", Want: []string{"Чим можу допомогти?"}, Not: []string{"Скасовано"}, Buttons: mainMenuUK})
}

func TestHelpMentionsTheHotline(t *testing.T) {
	tests := []struct {
		name, hotline, want string
	}{
		{"DefaultHotline", "", "1580"},
		{"ConfiguredHotline", "15-51", "15-51"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			replies := dialogtest.Converse(t, newStores().engine(tt.hotline),
				step{Text: "/help", Want: []string{"Гаряча лінія", tt.want}, Buttons: mainMenuUK})
			var bold bool
			for _, s := range replies[0].Text {
				bold = bold || s.Bold && s.Text == tt.want
			}
			if !bold {
				t.Errorf("hotline %q is not bold in %#v", tt.want, replies[0].Text)
			}
		})
	}
}

func TestLanguageSwitchToEnglishIsUsedLaterAndPersists(t *testing.T) {
	tests := []struct {
		name   string
		choose step
	}{
		{"PressingTheButton", step{Action: "settings:en"}},
		{"TypingTheButtonLabel", step{Text: "English"}},
		{"TypingTheLabelWithTheFlag", step{Text: "🇬🇧 English"}},
		{"LangCommand", step{Text: "/lang en"}},
		{"TypingItInASentence", step{Text: "Хочу англійську, будь ласка"}},
		{"TypingItInSurzhyk", step{Text: "на английский"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStores()
			choose := tt.choose
			choose.Want = []string{"we now speak English"}
			choose.Buttons = mainMenuEN
			choose.Not = []string{"Меню", "Налаштування"}
			dialogtest.Converse(t, s.engine(""),
				step{Text: "/start", Want: []string{"Вітаємо"}},
				step{Action: "menu:settings", Want: []string{"Оберіть мову"}, Buttons: []string{"Українська", "English", "Меню"}},
				choose,
				step{Text: "/help", Want: []string{"City hotline"}, Buttons: mainMenuEN},
				step{Text: "меню", Want: []string{"How can I help?"}, Buttons: mainMenuEN},
			)
			// A new engine (another replica, a restart) on the same stores.
			dialogtest.Converse(t, s.engine(""),
				step{Text: "/start", Want: []string{"Welcome"}, Buttons: mainMenuEN, Not: []string{"Вітаємо"}},
			)
		})
	}
}

// Free text in the settings that names no language says so and shows the
// choice again, in either language.
func TestSettingsSayWhenTheyDoNotUnderstand(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Action: "menu:settings", Want: []string{"Оберіть мову"}},
		step{Text: "німецьку", Want: []string{"Не зрозумів", "«українська» чи «англійська»"}, Buttons: []string{"Українська", "English"}},
		step{Text: "українську", Want: []string{"говоримо українською"}},
		step{Action: "menu:settings", In: dialog.Update{UserID: "en", Locale: "en"}},
		step{Text: "german", In: dialog.Update{UserID: "en", Locale: "en"}, Want: []string{"I did not understand", "“English” or “Ukrainian”"}},
	)
}

func TestLanguageSwitchBackToUkrainian(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Action: "settings:en", Want: []string{"English"}},
		step{Text: "Settings", Want: []string{"Choose your language"}},
		step{Text: "Українська", Want: []string{"українською"}, Buttons: mainMenuUK},
	)
}

func TestPlatformLanguageHintChoosesTheFirstLanguage(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{In: dialog.Update{Text: "/start", Locale: "en-GB"}, Want: []string{"Welcome"}, Buttons: mainMenuEN})
	dialogtest.Converse(t, newEngine(),
		step{In: dialog.Update{Text: "/start", Locale: "ru"}, Want: []string{"Вітаємо"}, Buttons: mainMenuUK})
}

func TestTypingAButtonLabelWorksLikePressingIt(t *testing.T) {
	tests := []string{"Налаштування", "налаштування", "⚙️ Налаштування", "  НАЛАШТУВАННЯ!  "}
	for _, typed := range tests {
		t.Run(typed, func(t *testing.T) {
			dialogtest.Converse(t, newEngine(),
				step{Text: "/start"},
				step{Text: typed, Want: []string{"Оберіть мову"}, Buttons: []string{"English"}},
			)
		})
	}
}

// deepLink is a test flow reached by a deep link; Start echoes its argument.
type deepLink struct{ args chan string }

func (deepLink) Name() string { return "visit" }

func (f deepLink) Start(_ context.Context, c *dialog.Conv, arg string) error {
	f.args <- arg
	c.Done(dialog.Plain("Оцінка візиту до ЦНАП " + arg))
	return nil
}

func (f deepLink) Handle(ctx context.Context, c *dialog.Conv) error { return f.Start(ctx, c, c.Arg) }

func TestStartPayload(t *testing.T) {
	tests := []struct {
		name    string
		in      dialog.Update
		want    string
		wantArg string
	}{
		{"RoutedPayloadInText", dialog.Update{Text: "/start r_cnap-7_A"}, "Оцінка візиту до ЦНАП cnap-7_A", "cnap-7_A"},
		{"RoutedPayloadFromAdapter", dialog.Update{Text: "/start", StartPayload: "r_42"}, "Оцінка візиту до ЦНАП 42", "42"},
		{"RoutedPayloadWithoutText", dialog.Update{StartPayload: "r_"}, "Оцінка візиту до ЦНАП", ""},
		{"UnknownPayloadIsAnInvalidLink", dialog.Update{Text: "/start x_42"}, "Посилання недійсне", ""},
		{"NoPayloadIsWelcome", dialog.Update{Text: "/start"}, "Вітаємо", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flow := deepLink{args: make(chan string, 1)}
			e := newEngine()
			e.Register(flow)
			e.RoutePayload("r_", "visit")
			dialogtest.Converse(t, e, step{In: tt.in, Want: []string{tt.want}, Buttons: mainMenuUK})
			routed := strings.HasPrefix(tt.name, "Routed")
			select {
			case arg := <-flow.args:
				if !routed || arg != tt.wantArg {
					t.Errorf("flow started with %q (routed %v), want %q", arg, routed, tt.wantArg)
				}
			default:
				if routed {
					t.Error("flow was not started")
				}
			}
		})
	}
}

func TestStaleOrUnknownButtonGetsAPoliteMessage(t *testing.T) {
	tests := []struct{ name, action string }{
		{"UnknownFlow", "gone:1"},
		{"UnknownMenuEntry", "menu:gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialogtest.Converse(t, newEngine(),
				step{Action: tt.action, Want: []string{"Ця кнопка вже не діє"}, Buttons: mainMenuUK,
					Not: []string{"щось пішло не так"}})
		})
	}
}

func TestOversizedOrNonASCIIActionIsIgnored(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Action: "settings:" + strings.Repeat("x", dialog.MaxActionLen), Want: []string{"Чим можу допомогти?"}},
		step{Action: "settings:укр", Want: []string{"Чим можу допомогти?"}},
	)
}

func TestUnreadableTextGetsASensibleReply(t *testing.T) {
	tests := []struct {
		name, text, want, button string
	}{
		{"OnlyInvalidUTF8", "\xff\xfe\xfd", "Не вдалося прочитати", "Меню"},
		{"OnlyControlCharacters", "\x00\x01\x1b", "Не вдалося прочитати", "Меню"},
		{"InvalidBytesInsideWords", "Прив\xffіт", "Чим можу допомогти?", "Налаштування"},
		{"InvalidBytesInsideALabel", "Налашт\xc0ування", "Оберіть мову", "Меню"},
		{"TruncatedRuneAfterAMenuWord", "меню\xd0", "Чим можу допомогти?", "Налаштування"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialogtest.Converse(t, newEngine(),
				step{Text: "/start"},
				step{Text: tt.text, Want: []string{tt.want}, Buttons: []string{tt.button}})
		})
	}
}

func TestTooLongTextGetsThePoliteTooLongMessage(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"OneMegabyte", strings.Repeat("а", 1<<20/2)},
		{"OneMegabyteOfASCII", strings.Repeat("x", 1<<20)},
		{"JustOverTheLimit", strings.Repeat("я", dialog.MaxTextLen+1)},
		{"MenuWordPaddedOverTheLimit", "меню" + strings.Repeat("!", dialog.MaxTextLen)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialogtest.Converse(t, newEngine(),
				step{Text: tt.text, Want: []string{"задовге", fmt.Sprint(dialog.MaxTextLen)}, Buttons: []string{"Меню"}})
		})
	}
}

func TestTextAtTheLimitIsRead(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Text: strings.Repeat("я", dialog.MaxTextLen), Want: []string{"Чим можу допомогти?"}, Not: []string{"задовге"}})
}

func TestUpdateWithoutChannelOrUserIsInvalid(t *testing.T) {
	tests := []struct {
		name string
		u    dialog.Update
	}{
		{"NoChannel", dialog.Update{UserID: "1", Text: "/start"}},
		{"UnknownChannel", dialog.Update{Channel: "icq", UserID: "1", Text: "/start"}},
		{"NoUser", dialog.Update{Channel: vikno.Telegram, Text: "/start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStores()
			replies, err := s.engine("").Handle(context.Background(), tt.u)
			if vikno.ErrorCode(err) != vikno.EINVALID || replies != nil {
				t.Fatalf("Handle = %v, %v; want no replies and an %s error", replies, err, vikno.EINVALID)
			}
			if _, err := s.residents.FindResident(context.Background(), 1); !vikno.IsNotFound(err) {
				t.Errorf("a resident was created for an invalid update")
			}
		})
	}
}

func TestFailingResidentStoreIsAnErrorNotAReply(t *testing.T) {
	s := newStores()
	s.residents.Err = vikno.Errorf(vikno.EUNAVAILABLE, "database down")
	_, err := s.engine("").Handle(context.Background(), dialog.Update{Channel: vikno.Web, UserID: "1", Text: "/start"})
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("err = %v, want the store's unavailable error", err)
	}
}

// failing is a flow whose Start says something and then fails with err;
// Handle counts the updates that still reach it.
type failing struct {
	err     error
	handled *int
}

func (failing) Name() string { return "fails" }

func (f failing) Start(_ context.Context, c *dialog.Conv, _ string) error {
	c.Session.Step = "half-done"
	c.Session.Set("secret", "PIN 1234")
	c.Say(dialog.Plain("Половина відповіді"))
	return f.err
}

func (f failing) Handle(_ context.Context, c *dialog.Conv) error {
	*f.handled++
	return nil
}

func TestFlowErrorShowsTheResidentAGenericTextAndResetsTheSession(t *testing.T) {
	internal := fmt.Errorf("appeal: insert: %w", errors.New("pq: relation \"appeals\" does not exist"))
	tests := []struct {
		name   string
		err    error
		locale string
		want   string
	}{
		{"InternalError", internal, "uk", "Вибачте, щось пішло не так"},
		{"InternalErrorInEnglish", internal, "en", "Sorry, something went wrong"},
		{"ApplicationErrorMessageIsNotShown", vikno.Errorf(vikno.ECONFLICT, "duplicate key appeals_pkey"), "uk", "щось пішло не так"},
		{"Unavailable", vikno.Errorf(vikno.EUNAVAILABLE, "redis unreachable"), "uk", "тимчасово недоступний"},
		{"RateLimited", vikno.Errorf(vikno.ELIMITED, "too many"), "uk", "Забагато спроб"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			handled := 0
			e := newEngine()
			e.Register(failing{err: tt.err, handled: &handled})
			e.RoutePayload("f_", "fails")
			in := dialog.Update{Text: "/start f_", Locale: tt.locale}
			dialogtest.Converse(t, e,
				step{In: in, Want: []string{tt.want}, Buttons: []string{"⚙️"},
					Not: []string{"Половина", "pq:", "appeals", "redis", "vikno:", "internal", "duplicate"}},
				step{Text: "ще раз", Not: []string{"щось пішло не так", "something went wrong"}},
			)
			if handled != 0 {
				t.Errorf("the flow got %d updates after failing; want the session reset", handled)
			}
		})
	}
}

func TestErrorReplyOffersTheMenu(t *testing.T) {
	handled := 0
	e := newEngine()
	e.Register(failing{err: errors.New("boom"), handled: &handled})
	e.RoutePayload("f_", "fails")
	dialogtest.Converse(t, e, step{Text: "/start f_1", Want: []string{"щось пішло не так"}, Buttons: mainMenuUK})
}

func TestEveryReplyOffersAWayOn(t *testing.T) {
	inputs := []dialog.Update{
		{Text: "/start"}, {Text: "/start nope"}, {Text: "/help"}, {Text: "меню"}, {Text: "скасувати"},
		{Text: "щось незрозуміле"}, {Text: "\xff"}, {Text: strings.Repeat("a", dialog.MaxTextLen+1)},
		{Action: "gone:1"}, {Action: "menu:faq"}, {Action: "menu:settings"}, {Action: "settings:uk"},
		{Location: &dialog.Location{Lat: 49.84, Lon: 24.03}}, {Contact: &dialog.Contact{Phone: "+380501234567"}},
		{Photo: &dialog.Photo{Ref: "x"}},
	}
	e := newEngine()
	for _, u := range inputs {
		for _, r := range mustHandle(t, e, u) {
			if len(r.AllButtons()) == 0 {
				t.Errorf("%+v: reply %q offers no button", u, r.Text.String())
			}
		}
	}
}

func TestConcurrentUpdatesAreAllAnswered(t *testing.T) {
	e := newEngine()
	const users, perUser = 8, 10
	var wg sync.WaitGroup
	for u := range users {
		for i := range perUser {
			wg.Go(func() {
				user := fmt.Sprintf("user-%d", u)
				words := []string{"/start", "меню", "/help", "Налаштування", "English", "скасувати"}
				upd := dialog.Update{Channel: vikno.Viber, UserID: user, Text: words[i%len(words)]}
				if i%5 == 4 {
					upd = dialog.Update{Channel: vikno.Viber, UserID: user, Action: "menu:queue"}
				}
				replies, err := e.Handle(context.Background(), upd)
				if err != nil || len(replies) == 0 {
					t.Errorf("user %s update %d: %d replies, %v", user, i, len(replies), err)
				}
			})
		}
	}
	wg.Wait()
	// Everyone still has exactly one resident record and a working session.
	for u := range users {
		dialogtest.Converse(t, e, step{In: dialog.Update{Channel: vikno.Viber, UserID: fmt.Sprintf("user-%d", u)},
			Text: "/start", Buttons: []string{"⚙️"}})
	}
}

// counter is a flow that counts the presses of its button in the session.
type counter struct{}

func (counter) Name() string { return "count" }

func (f counter) Start(ctx context.Context, c *dialog.Conv, _ string) error { return f.Handle(ctx, c) }

func (counter) Handle(_ context.Context, c *dialog.Conv) error {
	n, _ := strconv.Atoi(c.Session.Get("n"))
	c.Session.Set("n", strconv.Itoa(n+1))
	c.Say(dialog.Plain(fmt.Sprintf("Натиснуто %d разів", n+1)), c.MenuRow())
	return nil
}

func TestConcurrentUpdatesOfOneResidentAreSerialised(t *testing.T) {
	// Each press loads the session, adds one and saves it: were two presses
	// of one resident handled at once, one of them would be lost.
	e := newEngine()
	e.Register(counter{})
	const n = 50
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			replies, err := e.Handle(context.Background(), dialog.Update{Channel: vikno.Web, UserID: "same", Action: "count:"})
			if err != nil || len(replies) != 1 {
				t.Errorf("Handle = %s, %v", dialogtest.Transcript(replies), err)
			}
		})
	}
	wg.Wait()
	dialogtest.Converse(t, e, step{In: dialog.Update{Channel: vikno.Web, UserID: "same"}, Action: "count:",
		Want: []string{fmt.Sprintf("Натиснуто %d разів", n+1)}})
}

func TestMenuActionWithAnArgumentStartsTheFlowWithIt(t *testing.T) {
	dialogtest.Converse(t, newEngine(),
		step{Action: "menu:settings:en", Want: []string{"we now speak English"}, Buttons: mainMenuEN})
}

// A resident who blocks the bot (or allows it again) is an update like any
// other: recorded, in order, with nothing to answer and the session kept.
func TestBlockingTheBotIsRecordedWithoutAnAnswer(t *testing.T) {
	st := newStores()
	e := st.engine("1580")
	ctx := context.Background()
	dialogtest.Converse(t, e, dialogtest.Step{Action: "menu:faq"})
	for _, subscribed := range []bool{false, true} {
		replies, err := e.Handle(ctx, dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Subscribed: &subscribed})
		if err != nil || len(replies) != 0 {
			t.Fatalf("subscribed=%v: replies %v, %v; want none", subscribed, replies, err)
		}
		res, _ := st.residents.EnsureResident(ctx, dialogtest.Channel, dialogtest.User, "uk")
		if res.Unreachable == subscribed {
			t.Fatalf("subscribed=%v: resident unreachable=%v", subscribed, res.Unreachable)
		}
	}
}

// panicky is a flow with a bug.
type panicky struct{}

func (panicky) Name() string                                      { return "panicky" }
func (panicky) Start(context.Context, *dialog.Conv, string) error { panic("bug") }
func (panicky) Handle(context.Context, *dialog.Conv) error        { panic("bug") }

// A flow's panic gives the resident the polite error and the menu, and the
// engine goes on serving.
func TestAPanickingFlowGetsThePoliteErrorAndTheEngineGoesOn(t *testing.T) {
	e := newEngine()
	e.Register(panicky{})
	dialogtest.Converse(t, e,
		dialogtest.Step{Action: "menu:panicky", Want: []string{"щось пішло не так"}},
		dialogtest.Step{Text: "/start", Want: []string{"Вітаємо"}},
	)
}

// askFlow asks for a location on "де" and answers plainly otherwise.
type askFlow struct{}

func (askFlow) Name() string { return "ask" }

func (f askFlow) Start(ctx context.Context, c *dialog.Conv, _ string) error { return f.Handle(ctx, c) }

func (askFlow) Handle(_ context.Context, c *dialog.Conv) error {
	if c.Update.Text == "де" {
		c.Reply(dialog.Reply{Text: dialog.Plain("Де це?"), Request: dialog.RequestLocation})
		return nil
	}
	c.Say(dialog.Plain("Дякую"))
	return nil
}

// A turn says whether the chat shows a reply keyboard from an earlier
// request: none in a new conversation, shown after a request, none after
// a reply that asked for nothing, unknown in a session from before
// sessions kept it.
func TestTurnSaysWhetherARequestKeyboardIsShown(t *testing.T) {
	st := newStores()
	e := st.engine("1580")
	e.Register(askFlow{})
	e.SetDefaultFlow("ask")
	want := []struct {
		text     string
		keyboard dialog.Keyboard
	}{{"привіт", dialog.KeyboardNone}, {"де", dialog.KeyboardNone}, {"ось", dialog.KeyboardShown},
		{"ще", dialog.KeyboardNone}, {"ще раз", dialog.KeyboardNone}}
	for _, w := range want {
		turn, err := e.HandleTurn(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Text: w.text})
		if err != nil {
			t.Fatal(err)
		}
		if turn.Keyboard != w.keyboard {
			t.Fatalf("turn %q: Keyboard=%q, want %q", w.text, turn.Keyboard, w.keyboard)
		}
		if err := turn.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	old := []byte(`{"flow":"ask","updated":"2026-01-02T03:04:05Z"}`)
	if err := st.kv.Set(context.Background(), dialog.SessionKey(dialogtest.Channel, dialogtest.User), old, time.Hour); err != nil {
		t.Fatal(err)
	}
	turn, err := e.HandleTurn(context.Background(), dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Text: "знову"})
	if err != nil || turn.Keyboard != dialog.KeyboardUnknown {
		t.Fatalf("a turn on an older session: Keyboard=%q err=%v, want unknown", turn.Keyboard, err)
	}
}

// A turn takes the resident row its caller read (the pipeline reads it with
// the pending updates) instead of reading it again, and only for that
// resident.
func TestHandleTurnTakesTheStoredResidentOfItsSender(t *testing.T) {
	st := newStores()
	e := st.engine("1580")
	res, err := st.residents.EnsureResident(context.Background(), dialogtest.Channel, dialogtest.User, "en")
	if err != nil {
		t.Fatal(err)
	}
	st.residents.Err = errors.New("residents down")
	ctx := dialog.WithStoredResident(context.Background(), res)
	turn, err := e.HandleTurn(ctx, dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Text: "/start"})
	if err != nil || turn.ResidentID != res.ID || len(turn.Replies) == 0 {
		t.Fatalf("turn with the stored resident: %+v, %v", turn, err)
	}
	if got := labels(dialogtest.Buttons(turn.Replies)); !strings.Contains(strings.Join(got, "|"), mainMenuEN[0]) {
		t.Errorf("the stored resident's language not taken: %q", got)
	}
	// another resident's turn does not take it: it reads its own (failing here)
	if _, err := e.HandleTurn(ctx, dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User + "2", Text: "/start"}); vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Errorf("another resident's turn: %v, want EUNAVAILABLE", err)
	}
}
