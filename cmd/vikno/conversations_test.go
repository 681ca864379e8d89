package main

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/bots/viber/vibertest"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/notify"
)

// The same conversations run against every messenger channel, each through
// its fake platform and the whole program: what a resident can do in one
// channel they can do in every other. A channel joins the table by
// implementing convChannel (the web chat can, with its JSON API).

// convButton is a button the resident sees: its label and the dialog
// action pressing it sends.
type convButton struct {
	Label, Action string
}

// convOut is what a resident saw in answer to one input, whatever the
// channel: the visible text of every message, the buttons of the last one,
// and the one-tap requests shown ("location", "contact").
type convOut struct {
	Text     string
	Buttons  []convButton
	Requests []string
	// echo is what the client sends back with the next message (Viber's
	// tracking data).
	echo string
}

func (o convOut) button(label, action string) (convButton, bool) {
	for _, b := range o.Buttons {
		stepless, _, _ := strings.Cut(b.Action, "~") // without the step token
		if action != "" && stepless == action || action == "" && label != "" && strings.Contains(b.Label, label) {
			return b, true
		}
	}
	return convButton{}, false
}

// convChannel drives one channel of a running program as a resident would.
type convChannel interface {
	// User returns a resident no other run used.
	User() string
	// Open is the resident's first contact: a deep link with payload, or
	// just opening the chat ("").
	Open(t *testing.T, user, payload string) convOut
	Say(t *testing.T, user, text string) convOut
	// Press presses a button of last.
	Press(t *testing.T, user string, last convOut, b convButton) convOut
	ShareLocation(t *testing.T, user string, last convOut, lat, lon float64) convOut
	// SharePhone shares the resident's own number.
	SharePhone(t *testing.T, user string, last convOut, phone string) convOut
}

// convStep is one input and what its answer must contain. Exactly one of
// open, say, tap/press, location and phone is set.
type convStep struct {
	open     bool
	payload  string // with open: the deep link's payload
	say      string
	tap      string // press the button whose label contains this
	press    string // press the button with this action
	location *[2]float64
	phone    string
	want     []string
	request  string // the answer must show this one-tap request
}

// convEnv is what conversations may depend on: payloads made for the run.
type convEnv struct {
	ratePayload string // rating deep link of cnap-center
}

// conversations is the table every channel runs.
var conversations = []struct {
	name  string
	steps func(env convEnv) []convStep
}{
	{"faq", func(convEnv) []convStep {
		return []convStep{
			{open: true, want: []string{"Вітаємо"}},
			{tap: "Питання та відповіді"},
			{say: "скільки коштує ID-картка", want: []string{"ID-карт"}},
		}
	}},
	{"small talk", func(convEnv) []convStep {
		return []convStep{
			{open: true},
			{say: "Добрий день! Вибачте, що турбую.", want: []string{"Вітаю! Напишіть, будь ласка, своє запитання"}},
			{say: "ти бот?", want: []string{"Я бот-помічник ЦНАП"}},
			{say: "Дуже дякую за допомогу!", want: []string{"Будь ласка!"}},
			{say: "як справи?", want: []string{"Усе добре, дякую"}},
			{say: "👍", want: []string{"Будь ласка!"}},
			{say: "🙏", want: []string{"Будь ласка!"}},
			{say: "Добрий день, скільки коштує ID-картка?", want: []string{"ID-карт"}},
		}
	}},
	{"english speaker", func(convEnv) []convStep {
		return []convStep{
			{open: true},
			{say: "How much does an ID card cost?", want: []string{"Shall I continue in English?"}},
			{tap: "Continue in English", want: []string{"we now speak English"}},
			{say: "How much does an ID card cost?", want: []string{"UAH", "Did this answer help?"}},
		}
	}},
	{"appeal with location", func(convEnv) []convStep {
		return []convStep{
			{open: true},
			{tap: "Подати звернення"},
			{say: "гарячої води немає"},
			{tap: "Немає гарячої води", want: []string{"Тема: Немає гарячої води"}, request: "location"},
			{location: &[2]float64{49.8419, 24.0315}, want: []string{"Опишіть"}},
			{say: "Не тече гаряча вода з понеділка в усьому під’їзді"},
			{tap: "Далі", request: "contact"},
			{phone: "+380501234567"},
			{tap: "Так, показати", want: []string{"біля адреси м. Львів, пл. Ринок, 1 — точка на карті (49.84190, 24.03150)", "Телефон: +380501234567"}},
			{tap: "Підтвердити", want: []string{"зареєстровано", "PIN для перевірки статусу"}},
		}
	}},
	{"booking", func(convEnv) []convStep {
		return []convStep{
			{open: true},
			{tap: "Записатися до ЦНАП", want: []string{"Оберіть ЦНАП"}, request: "location"},
			{tap: "ЦНАП на Виговського", want: []string{"Оберіть групу послуг"}},
			{tap: "Паспортні послуги", want: []string{"Оберіть послугу"}},
			{tap: "Паспорт (ID-картка)", want: []string{"Оберіть день"}},
			{tap: "вт 14.07", want: []string{"вівторок, 14 липня"}},
			{tap: "10:20", want: []string{"Як Вас звати"}},
			{say: "Олена Петренко", want: []string{"номер телефону"}, request: "contact"},
			{phone: "+380671234567", want: []string{"Олена Петренко, +380671234567"}},
			{tap: "Підтвердити", want: []string{"Ви записані", "Номер запису:"}},
		}
	}},
	{"rating link in the middle of an appeal", func(env convEnv) []convStep {
		return []convStep{
			{open: true},
			{tap: "Подати звернення"},
			{say: "гарячої води немає"},
			{tap: "Немає гарячої води", want: []string{"Тема: Немає гарячої води"}},
			{open: true, payload: env.ratePayload, want: []string{"незавершене звернення збережено", "Як пройшов Ваш візит"}},
			{say: "меню"},
			{tap: "Продовжити звернення", want: []string{"Тема: Немає гарячої води"}, request: "location"},
		}
	}},
	{"rating link in the middle of a booking", func(env convEnv) []convStep {
		return []convStep{
			{open: true},
			{tap: "Записатися до ЦНАП"},
			{tap: "ЦНАП на Виговського", want: []string{"Оберіть групу послуг"}},
			{open: true, payload: env.ratePayload, want: []string{"незавершений запис до ЦНАП збережено", "Як пройшов Ваш візит"}},
			{say: "меню"},
			{tap: "Записатися до ЦНАП", want: []string{"Оберіть групу послуг"}},
		}
	}},
	{"two drafts put aside", func(env convEnv) []convStep {
		return []convStep{
			{open: true},
			{tap: "Подати звернення"},
			{say: "гарячої води немає"},
			{tap: "Немає гарячої води"},
			{open: true, payload: env.ratePayload, want: []string{"незавершене звернення збережено"}},
			{say: "меню"},
			{tap: "Записатися до ЦНАП"},
			{tap: "ЦНАП на Виговського", want: []string{"Оберіть групу послуг"}},
			{open: true, payload: env.ratePayload, want: []string{"незавершений запис до ЦНАП збережено"}},
			{say: "меню"},
			{tap: "Продовжити звернення", want: []string{"Тема: Немає гарячої води"}},
			{say: "меню"},
			{tap: "Так, скасувати"},
			{tap: "Продовжити запис", want: []string{"Оберіть групу послуг"}},
		}
	}},
	{"rating deep link", func(env convEnv) []convStep {
		return []convStep{
			{open: true, payload: env.ratePayload, want: []string{"Як пройшов Ваш візит до ЦНАП у Ратуші"}},
			{press: "rate:s:2", want: []string{"Що саме було не так"}},
			{press: "rate:a:wait", want: []string{"Позначено: час очікування"}},
			{press: "rate:next", want: []string{"Опишіть кількома словами"}},
			{say: "Чекала дві години", want: []string{"Дякуємо за чесну оцінку"}},
		}
	}},
}

// channels are the drivers of the table, each booting its own program (a
// fresh database) on the visits tests' fixed clock.
var channels = []struct {
	name  string
	start func(t *testing.T, cfg configs.Config) (convChannel, *Main)
}{
	{"telegram", startTelegramConv},
	{"viber", startViberConv},
	{"web", startWebConv},
}

func TestConversationsInEveryChannel(t *testing.T) {
	for _, ch := range channels {
		t.Run(ch.name, func(t *testing.T) {
			cfg := testConfig(t)
			drv, m := ch.start(t, cfg)
			env := convEnv{ratePayload: ratePayload(t, m, "cnap-center")}
			for _, c := range conversations {
				t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
					playConversation(t, drv, c.steps(env))
				})
			}
		})
	}
}

// playConversation plays steps as a new resident and checks every answer:
// it contains what the step wants, shows the request it names, and offers
// a way on (at least one button).
func playConversation(t *testing.T, drv convChannel, steps []convStep) {
	t.Helper()
	playConversationAs(t, drv, drv.User(), steps)
}

// playConversationAs is playConversation as a given resident.
func playConversationAs(t *testing.T, drv convChannel, user string, steps []convStep) {
	t.Helper()
	var last convOut
	for i, s := range steps {
		var out convOut
		switch {
		case s.open:
			out = drv.Open(t, user, s.payload)
		case s.say != "":
			out = drv.Say(t, user, s.say)
		case s.tap != "" || s.press != "":
			b, ok := last.button(s.tap, s.press)
			if !ok {
				t.Fatalf("step %d: no button %q%q among %+v after:\n%s", i, s.tap, s.press, last.Buttons, last.Text)
			}
			out = drv.Press(t, user, last, b)
		case s.location != nil:
			out = drv.ShareLocation(t, user, last, s.location[0], s.location[1])
		case s.phone != "":
			out = drv.SharePhone(t, user, last, s.phone)
		}
		for _, w := range s.want {
			if !strings.Contains(out.Text, w) {
				t.Fatalf("step %d: answer lacks %q:\n%s", i, w, out.Text)
			}
		}
		if s.request != "" && !containsString(out.Requests, s.request) {
			t.Fatalf("step %d: no %s request in the answer (requests %v):\n%s", i, s.request, out.Requests, out.Text)
		}
		if len(out.Buttons) == 0 && len(out.Requests) == 0 {
			t.Fatalf("step %d: an answer without a way on:\n%s", i, out.Text)
		}
		if strings.Contains(out.Text, "щось пішло не так") {
			t.Fatalf("step %d: an error reply:\n%s", i, out.Text)
		}
		last = out
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ratePayload makes the rating point of a location and returns its payload.
func ratePayload(t *testing.T, m *Main, location string) string {
	t.Helper()
	fb := &cases.Feedback[notify.Message]{Store: m.Store, City: m.Config.City}
	points, err := fb.EnsurePoints(context.Background(), location, false)
	if err != nil || len(points) == 0 {
		t.Fatalf("rating point of %s: %v", location, err)
	}
	return points[0].Payload()
}

// fixClock sets the visits tests' clock on a Main before it runs.
func fixClock(t *testing.T, cfg configs.Config) func(*Main) {
	return func(m *Main) { m.Now = visitsNow(t, cfg) }
}

// tgConv drives the Telegram channel through the fake Bot API.
type tgConv struct{ b *tgBot }

func startTelegramConv(t *testing.T, cfg configs.Config) (convChannel, *Main) {
	b := tgRunWith(t, cfg, telegram.ModeWebhook, fixClock(t, cfg))
	return tgConv{b}, b.m
}

func (d tgConv) User() string { return strconv.FormatInt(tgChat(), 10) }

func (d tgConv) chat(t *testing.T, user string) int64 {
	id, err := strconv.ParseInt(user, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (d tgConv) send(t *testing.T, user string, build func(chat int64, id int) []byte) convOut {
	chat := d.chat(t, user)
	msgs := d.b.send(t, chat, func(id int) []byte { return build(chat, id) })
	out := convOut{Text: tgVisible(msgs)}
	if len(msgs) == 0 {
		return out
	}
	lastMsg := msgs[len(msgs)-1]
	for _, b := range lastMsg.Buttons() {
		out.Buttons = append(out.Buttons, convButton{Label: b.Text, Action: b.CallbackData})
	}
	for _, m := range msgs {
		for _, row := range m.Markup.Keyboard {
			for _, k := range row {
				switch {
				case k.RequestLocation:
					out.Requests = append(out.Requests, "location")
				case k.RequestContact:
					out.Requests = append(out.Requests, "contact")
				case m.ID == lastMsg.ID:
					// A reply keyboard button sends its label as text.
					out.Buttons = append(out.Buttons, convButton{Label: k.Text})
				}
			}
		}
	}
	return out
}

func (d tgConv) Open(t *testing.T, user, payload string) convOut {
	return d.Say(t, user, strings.TrimSpace("/start "+payload))
}

func (d tgConv) Say(t *testing.T, user, text string) convOut {
	return d.send(t, user, func(chat int64, id int) []byte { return telegramtest.Text(id, chat, text) })
}

func (d tgConv) Press(t *testing.T, user string, _ convOut, b convButton) convOut {
	if b.Action == "" {
		return d.Say(t, user, b.Label)
	}
	return d.send(t, user, func(chat int64, id int) []byte { return telegramtest.Callback(id, chat, b.Action) })
}

func (d tgConv) ShareLocation(t *testing.T, user string, _ convOut, lat, lon float64) convOut {
	return d.send(t, user, func(chat int64, id int) []byte { return telegramtest.Location(id, chat, lat, lon) })
}

func (d tgConv) SharePhone(t *testing.T, user string, _ convOut, phone string) convOut {
	return d.send(t, user, func(chat int64, id int) []byte { return telegramtest.Contact(id, chat, phone, chat) })
}

// vbConv drives the Viber channel through the fake Viber API.
type vbConv struct{ a *vbApp }

func startViberConv(t *testing.T, cfg configs.Config) (convChannel, *Main) {
	a := vbRun(t, cfg, fixClock(t, cfg))
	return vbConv{a}, a.m
}

func (d vbConv) User() string { return vbUser() }

func (d vbConv) out(msgs []viber.Message) convOut {
	out := convOut{Text: vbVisible(msgs)}
	for _, m := range msgs {
		if m.TrackingData != "" {
			out.echo = m.TrackingData
		}
	}
	if len(msgs) == 0 || msgs[len(msgs)-1].Keyboard == nil {
		return out
	}
	for _, b := range msgs[len(msgs)-1].Keyboard.Buttons {
		switch b.ActionType {
		case viber.ActionReply:
			out.Buttons = append(out.Buttons, convButton{Label: b.Text, Action: strings.TrimPrefix(b.ActionBody, viber.ActionPrefix)})
		case viber.ActionLocationPicker:
			out.Requests = append(out.Requests, "location")
		case viber.ActionSharePhone:
			out.Requests = append(out.Requests, "contact")
		}
	}
	return out
}

func (d vbConv) Open(t *testing.T, user, payload string) convOut {
	return d.out(d.a.send(t, user, vibertest.ConversationStarted(user, payload)))
}

func (d vbConv) Say(t *testing.T, user, text string) convOut {
	return d.out(d.a.send(t, user, vibertest.Text(user, text)))
}

// Press sends the button's ActionBody as text, as the Viber client does.
func (d vbConv) Press(t *testing.T, user string, last convOut, b convButton) convOut {
	return d.out(d.a.send(t, user, vibertest.Tracked(user, viber.ActionPrefix+b.Action, last.echo)))
}

func (d vbConv) ShareLocation(t *testing.T, user string, _ convOut, lat, lon float64) convOut {
	return d.out(d.a.send(t, user, vibertest.Location(user, lat, lon)))
}

// SharePhone shares the number with the share-phone button: the client
// echoes the tracking data of the message that asked.
func (d vbConv) SharePhone(t *testing.T, user string, last convOut, phone string) convOut {
	return d.out(d.a.send(t, user, vibertest.Contact(user, phone, last.echo)))
}

// webConv drives the web chat through its JSON API and event stream, a
// visitor (cookie jar) per resident.
type webConv struct {
	base     string
	mu       sync.Mutex
	visitors map[string]*visitor
}

func startWebConv(t *testing.T, cfg configs.Config) (convChannel, *Main) {
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	fixClock(t, cfg)(m)
	t.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return &webConv{base: m.HTTP.URL(), visitors: map[string]*visitor{}}, m
}

var webUsers atomic.Int64

func (d *webConv) User() string { return "visitor-" + strconv.FormatInt(webUsers.Add(1), 10) }

func (d *webConv) visitor(t *testing.T, user string) *visitor {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := d.visitors[user]
	if v == nil {
		v = newVisitor(t, d.base)
		d.visitors[user] = v
	}
	v.t = t
	return v
}

func (d *webConv) ask(t *testing.T, user string, body map[string]any) convOut {
	t.Helper()
	msgs := d.visitor(t, user).ask(body)
	out := convOut{Text: allText(msgs)}
	for _, m := range msgs {
		if m.Request != "" {
			out.Requests = append(out.Requests, m.Request)
		}
		if len(m.Buttons) > 0 {
			out.Buttons = nil
			for _, row := range m.Buttons {
				for _, b := range row {
					out.Buttons = append(out.Buttons, convButton{Label: b.Label, Action: b.Action})
				}
			}
		}
	}
	return out
}

func (d *webConv) Open(t *testing.T, user, payload string) convOut {
	d.visitor(t, user).listen()
	return d.ask(t, user, map[string]any{"begin": true, "start": payload})
}

func (d *webConv) Say(t *testing.T, user, text string) convOut {
	return d.ask(t, user, map[string]any{"text": text})
}

func (d *webConv) Press(t *testing.T, user string, _ convOut, b convButton) convOut {
	return d.ask(t, user, map[string]any{"action": b.Action, "label": b.Label})
}

func (d *webConv) ShareLocation(t *testing.T, user string, _ convOut, lat, lon float64) convOut {
	return d.ask(t, user, map[string]any{"location": map[string]float64{"Lat": lat, "Lon": lon}})
}

// SharePhone types the number: a page cannot share a contact.
func (d *webConv) SharePhone(t *testing.T, user string, _ convOut, phone string) convOut {
	return d.Say(t, user, phone)
}
