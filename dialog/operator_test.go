package dialog_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// operatorEnv is an engine with the hand-off on a real store of one
// dialect, its clock on a Monday at 10:00 in Kyiv (working hours
// Mon-Fri 08:00-20:00), and the operators' desk on the same store.
type operatorEnv struct {
	db     *sqlstore.DB
	engine *dialog.Engine
	desk   *handoff.Desk[notify.Message]
	now    time.Time
}

var operatorDialects = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "v.db") }},
	{"postgres", func(t *testing.T) string { return testenv.PostgresURL(t) }},
}

func newOperatorEnv(t *testing.T, url string, now time.Time) *operatorEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	hours, err := handoff.ParseHours("Mon-Fri 08:00-20:00", kyiv)
	if err != nil {
		t.Fatal(err)
	}
	env := &operatorEnv{db: db, now: now}
	clock := func() time.Time { return env.now }
	db.Now = clock
	env.engine = dialog.New(dialog.Config{Residents: db, KV: memory.New(), Now: clock, Hotline: "1580"})
	dialog.RegisterOperators(env.engine, dialog.Operators{Store: db, Hours: hours, Wait: 10 * time.Minute})
	outbox := &notify.Outbox{Store: db, Engine: env.engine}
	env.desk = &handoff.Desk[notify.Message]{Store: db, Messages: notify.HandoffMessages{Outbox: outbox}, Now: clock, Wait: 10 * time.Minute}
	return env
}

func monday10() time.Time { return time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC) } // 10:00 in Kyiv

// queued returns the only open hand-off.
func (env *operatorEnv) queued(t *testing.T) handoff.Handoff {
	t.Helper()
	list, err := env.desk.Queue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var open []handoff.Handoff
	for _, h := range list {
		if h.Open() {
			open = append(open, h)
		}
	}
	if len(open) != 1 {
		t.Fatalf("open hand-offs = %+v, want one", open)
	}
	return open[0]
}

// sent returns the text of the outbox messages with the key prefix.
func (env *operatorEnv) sent(t *testing.T, prefix string) string {
	t.Helper()
	msgs, err := env.db.FindOutbox(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	var all []dialog.Reply
	for _, m := range msgs {
		all = append(all, m.Replies...)
	}
	return dialogtest.Texts(all)
}

func TestOperatorHandOffFromAskingToTheBotAgain(t *testing.T) {
	for _, d := range operatorDialects {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			env := newOperatorEnv(t, d.url(t), monday10())
			dialogtest.Converse(t, env.engine,
				step{Text: "хочу поговорити з людиною", Want: []string{"Передаю розмову оператору", "за 10 хвилин"}, Buttons: []string{"Повернутися до бота"}},
				step{Text: "Не можу записатися до ЦНАП", Want: []string{"оператор побачить його"}},
				step{Text: "Допоможіть, будь ласка", Not: []string{"Чим можу допомогти", "оператор побачить"}},
			)
			h := env.queued(t)
			if h.Status != handoff.StatusWaiting || h.Channel != dialogtest.Channel || h.UserID != dialogtest.User {
				t.Fatalf("queued %+v", h)
			}
			anna := handoff.Operator{ID: 5, Name: "Анна Коваль"}
			if _, err := env.desk.Take(ctx, h.ID, anna); err != nil {
				t.Fatal(err)
			}
			if _, err := env.desk.Take(ctx, h.ID, handoff.Operator{ID: 6, Name: "Богдан"}); vikno.ErrorCode(err) != vikno.ECONFLICT {
				t.Fatalf("second operator taking it = %v, want conflict", err)
			}
			if _, err := env.desk.Send(ctx, h.ID, anna, "Добрий день! Який у Вас номер запису?", "f1"); err != nil {
				t.Fatal(err)
			}
			got := env.sent(t, "handoff:")
			for _, want := range []string{"Вам відповідає Анна Коваль", "Анна Коваль: Добрий день! Який у Вас номер запису?"} {
				if !strings.Contains(got, want) {
					t.Fatalf("the resident's outbox lacks %q:\n%s", want, got)
				}
			}
			// The resident's answer goes to the operator, not to the bot.
			dialogtest.Converse(t, env.engine, step{Text: "меню вже не допоможе, запис 17", Not: []string{"Чим можу допомогти"}})
			_, msgs, err := env.desk.Conversation(ctx, h.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, m := range msgs {
				texts = append(texts, string(m.Author)+": "+m.Text)
			}
			want := []string{"resident: хочу поговорити з людиною", "resident: Не можу записатися до ЦНАП", "resident: Допоможіть, будь ласка",
				"operator: Добрий день! Який у Вас номер запису?", "resident: меню вже не допоможе, запис 17"}
			if len(texts) != len(want) {
				t.Fatalf("history = %q, want %q", texts, want)
			}
			for i := range want {
				if texts[i] != want[i] {
					t.Fatalf("history = %q, want %q", texts, want)
				}
			}
			if _, err := env.desk.Return(ctx, h.ID, anna); err != nil {
				t.Fatal(err)
			}
			if got := env.sent(t, "handoff:"); !strings.Contains(got, "Знову відповідає бот") {
				t.Fatalf("no notice that the bot is back:\n%s", got)
			}
			dialogtest.Converse(t, env.engine, step{Text: "привіт", Want: []string{"Чим можу допомогти"}})
		})
	}
}

func TestResidentEndsTheHandOffWithMenu(t *testing.T) {
	for _, d := range operatorDialects {
		t.Run(d.name, func(t *testing.T) {
			env := newOperatorEnv(t, d.url(t), monday10())
			dialogtest.Converse(t, env.engine,
				step{Text: "оператор", Want: []string{"Передаю розмову оператору"}},
				step{Text: "оператор", Want: []string{"Ви вже в черзі"}},
			)
			h := env.queued(t)
			dialogtest.Converse(t, env.engine,
				step{Text: "меню", Want: []string{"Розмову з оператором завершено", "Знову відповідає бот"}, Buttons: []string{"Подати звернення"}})
			got, err := env.db.FindHandoff(context.Background(), h.ID)
			if err != nil || got.Status != handoff.StatusClosed || got.EndedBy != handoff.EndedByResident {
				t.Fatalf("after «меню» the hand-off is %+v, %v", got, err)
			}
			if _, err := env.desk.Take(context.Background(), h.ID, handoff.Operator{ID: 1, Name: "Анна"}); vikno.ErrorCode(err) != vikno.ECONFLICT {
				t.Fatalf("taking a conversation the resident left = %v, want conflict", err)
			}
		})
	}
}

func TestNobodyTakesItInTimeTheResidentIsOfferedAppealAndCallback(t *testing.T) {
	env := newOperatorEnv(t, filepath.Join(t.TempDir(), "v.db"), monday10())
	dialogtest.Converse(t, env.engine, step{Text: "з оператором", Want: []string{"Передаю розмову оператору"}})
	if n, err := env.desk.Expire(context.Background()); err != nil || n != 0 {
		t.Fatalf("Expire at once = %d, %v; want none", n, err)
	}
	env.now = env.now.Add(11 * time.Minute)
	if n, err := env.desk.Expire(context.Background()); err != nil || n != 1 {
		t.Fatalf("Expire after 11 min = %d, %v; want one", n, err)
	}
	if got := env.sent(t, "handoff:"); !strings.Contains(got, "усі оператори зараз зайняті") || !strings.Contains(got, "1580") {
		t.Fatalf("expiry notice:\n%s", got)
	}
	msgs, _ := env.db.FindOutbox(context.Background(), "handoff:")
	if !hasLabel(msgs[0].Replies, "📞 Замовити дзвінок") {
		t.Fatalf("the expiry notice offers no call-back: %+v", msgs[0].Replies)
	}
	// The next message is the bot's again.
	dialogtest.Converse(t, env.engine, step{Text: "привіт", Want: []string{"Чим можу допомогти"}})
}

func TestOutsideWorkingHoursOperatorOffersAppealAndCallback(t *testing.T) {
	sunday := time.Date(2026, 12, 13, 10, 0, 0, 0, time.UTC)
	for _, d := range operatorDialects {
		t.Run(d.name, func(t *testing.T) {
			env := newOperatorEnv(t, d.url(t), sunday)
			dialogtest.Converse(t, env.engine,
				step{Text: "оператор", Want: []string{"пн–пт 08:00–20:00", "зараз їх немає на зв’язку", "1580"},
					Buttons: []string{"Замовити дзвінок", "Меню"}},
				step{Action: "menu:callback", Want: []string{"номер телефону"}},
				step{In: dialog.Update{Contact: &dialog.Contact{Phone: "+380671112233", Own: false}}, Want: []string{"лише власний номер"}},
				step{In: dialog.Update{ID: "tg:cb:1", Contact: &dialog.Contact{Phone: "+380501234567", Own: true}},
					Want: []string{"Дякуємо", "+380501234567", "пн–пт 08:00–20:00"}},
			)
			list, err := env.db.ListHandoffs(context.Background(), 10)
			if err != nil || len(list) != 0 {
				t.Fatalf("outside hours nobody is queued: %+v, %v", list, err)
			}
			cbs, err := env.db.ListCallbacks(context.Background(), 10)
			if err != nil || len(cbs) != 1 || cbs[0].Phone != "+380501234567" || cbs[0].Channel != dialogtest.Channel {
				t.Fatalf("call-backs = %+v, %v", cbs, err)
			}
		})
	}
}

func TestPhotosAndPlacesReachTheOperatorAndAButtonLeavesTheQueue(t *testing.T) {
	env := newOperatorEnv(t, filepath.Join(t.TempDir(), "v.db"), monday10())
	dialogtest.Converse(t, env.engine,
		step{Text: "оператор", Want: []string{"Передаю розмову оператору"}},
		step{In: dialog.Update{Photo: &dialog.Photo{Ref: "file-1"}}, Want: []string{"оператор побачить його"}},
		step{In: dialog.Update{Location: &dialog.Location{Lat: 49.84191, Lon: 24.03152}}, Not: []string{"Чим можу допомогти"}},
	)
	h := env.queued(t)
	_, msgs, err := env.desk.Conversation(context.Background(), h.ID, 0)
	if err != nil || len(msgs) != 3 || msgs[1].Text != "[фото]" || msgs[2].Text != "[місцезнаходження: 49.84191, 24.03152]" {
		t.Fatalf("history = %+v, %v", msgs, err)
	}
	// A menu button from an earlier message leaves the queue and does what
	// it says.
	dialogtest.Converse(t, env.engine,
		step{Action: "menu:settings", Want: []string{"Розмову з оператором завершено", "Оберіть мову"}})
	if got, _ := env.db.FindHandoff(context.Background(), h.ID); got.Status != handoff.StatusClosed {
		t.Fatalf("the hand-off is %+v after another button", got)
	}
}

func TestALostSessionStillReachesTheOperator(t *testing.T) {
	env := newOperatorEnv(t, filepath.Join(t.TempDir(), "v.db"), monday10())
	dialogtest.Converse(t, env.engine, step{Text: "оператор", Want: []string{"Передаю розмову оператору"}})
	h := env.queued(t)
	if _, err := env.desk.Take(context.Background(), h.ID, handoff.Operator{ID: 3, Name: "Анна"}); err != nil {
		t.Fatal(err)
	}
	// Another replica whose session store lost the resident's session.
	forgetful := dialog.New(dialog.Config{Residents: env.db, KV: memory.New(), Now: func() time.Time { return env.now }})
	dialog.RegisterOperators(forgetful, dialog.Operators{Store: env.db, Hours: handoff.Hours{}})
	dialogtest.Converse(t, forgetful, step{Text: "Ви ще тут?", Not: []string{"Чим можу допомогти"}})
	_, msgs, _ := env.desk.Conversation(context.Background(), h.ID, 0)
	if last := msgs[len(msgs)-1]; last.Text != "Ви ще тут?" {
		t.Fatalf("the message after a lost session went to %+v, not the operator", last)
	}
}
