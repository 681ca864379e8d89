package terminal_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/terminal"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/memory"
)

// chat runs the terminal channel over input with a real engine on in-memory
// stores and returns what it printed.
func chat(t *testing.T, input string) string {
	t.Helper()
	e := dialog.New(dialog.Config{Residents: &dialogtest.Residents{}, KV: memory.New()})
	out, err := run(e, input)
	if err != nil {
		t.Fatalf("Run: %v\noutput:\n%s", err, out)
	}
	return out
}

func run(h dialog.Handler, input string) (string, error) {
	var out strings.Builder
	c := &terminal.Chat{Handler: h, In: strings.NewReader(input), Out: &out, UserID: "local", Locale: "uk"}
	err := c.Run(context.Background())
	return out.String(), err
}

// recorder is a dialog.Handler that records updates and answers each with
// replies.
type recorder struct {
	mu      sync.Mutex
	updates []dialog.Update
	replies []dialog.Reply
	err     error
}

func (r *recorder) Handle(_ context.Context, u dialog.Update) ([]dialog.Reply, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates = append(r.updates, u)
	return r.replies, r.err
}

func (r *recorder) got() []dialog.Update {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]dialog.Update(nil), r.updates...)
}

func wantLines(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains("\n"+out, "\n"+l+"\n") {
			t.Errorf("output lacks the line %q:\n%s", l, out)
		}
	}
}

func TestStartPrintsTheMenuAsNumberedButtons(t *testing.T) {
	out := chat(t, "/start\n")
	wantLines(t, out,
		"  [1] ❓ Питання та відповіді",
		"  [2] 📝 Подати звернення",
		"  [3] 🔎 Статус звернення",
		"  [4] 📅 Записатися до ЦНАП",
		"  [5] 👥 Черга зараз",
		"  [6] ⭐ Оцінити візит",
		"  [7] ⚙️ Налаштування",
		"  [8] 📂 Мої звернення",
		"  [9] 🗓 Мої записи",
		"  [10] 📍 ЦНАП поруч",
	)
	if !strings.HasPrefix(out, "Вітаємо!") {
		t.Errorf("output does not start with the welcome:\n%s", out)
	}
	if strings.Contains(out, "[11]") {
		t.Errorf("more than 10 buttons:\n%s", out)
	}
}

func TestTypingANumberPressesThatButtonOfTheLatestReply(t *testing.T) {
	// 7 = Налаштування; then 2 = English among the settings buttons.
	out := chat(t, "/start\n7\n2\n/help\n")
	wantLines(t, out, "Оберіть мову спілкування.", "  [1] 🇺🇦 Українська", "  [2] 🇬🇧 English", "  [3] 🏠 Меню",
		"Done, we now speak English.", "  [7] ⚙️ Settings")
	if !strings.Contains(out, "City hotline") {
		t.Errorf("later replies are not in English:\n%s", out)
	}
}

func TestNumberButtonSendsActionAndLabel(t *testing.T) {
	rec := &recorder{replies: []dialog.Reply{{
		Text: dialog.Plain("Оберіть"),
		Buttons: [][]dialog.Button{
			{{Label: "Так", Action: "appeal:yes"}, {Label: "Ні", Action: "appeal:no"}},
			{{Label: "Сайт", URL: "https://example.org"}},
		},
	}}}
	out, err := run(rec, "привіт\n2\n1234\n")
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, out, "  [1] Так", "  [2] Ні", "  [3] Сайт (https://example.org)")
	got := rec.got()
	if len(got) != 3 {
		t.Fatalf("handler got %d updates, want 3: %+v", len(got), got)
	}
	if got[1].Action != "appeal:no" || got[1].Text != "Ні" {
		t.Errorf("pressing 2 sent %+v, want action appeal:no with its label", got[1])
	}
	if got[2].Action != "" || got[2].Text != "1234" { // a PIN, not a button
		t.Errorf("line 1234 sent %+v, want plain text", got[2])
	}
}

// A number with no button behind it is answered by the channel, politely and
// in the resident's language; the engine never sees it as text.
func TestNumberPastTheButtonsSaysSo(t *testing.T) {
	for _, tt := range []struct{ locale, line, want string }{
		{"uk", "7", "Кнопки [7] тут немає. Оберіть номер від 1 до 3 або напишіть відповідь словами."},
		{"uk", "0", "Кнопки [0] тут немає. Оберіть номер від 1 до 3 або напишіть відповідь словами."},
		{"uk", "3", "Кнопка [3] відкриває посилання: https://example.org"},
		{"en", "7", "There is no button [7] here. Choose a number from 1 to 3 or type your answer in words."},
		{"en", "3", "Button [3] opens a link: https://example.org"},
	} {
		t.Run(tt.locale+" "+tt.line, func(t *testing.T) {
			rec := &recorder{replies: []dialog.Reply{{
				Text: dialog.Plain("Оберіть"),
				Buttons: [][]dialog.Button{
					{{Label: "Так", Action: "appeal:yes"}, {Label: "Ні", Action: "appeal:no"}},
					{{Label: "Сайт", URL: "https://example.org"}},
				},
			}}}
			var out strings.Builder
			c := &terminal.Chat{Handler: rec, In: strings.NewReader("привіт\n" + tt.line + "\n"), Out: &out, UserID: "local", Locale: tt.locale}
			if err := c.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			wantLines(t, out.String(), tt.want)
			if got := rec.got(); len(got) != 1 {
				t.Fatalf("handler got %d updates, want only the first line: %+v", len(got), got)
			}
		})
	}
}

func TestNumberPastASingleButtonNamesIt(t *testing.T) {
	rec := &recorder{replies: []dialog.Reply{{Text: dialog.Plain("Оберіть"), Buttons: [][]dialog.Button{{{Label: "Так", Action: "yes"}}}}}}
	out, err := run(rec, "привіт\n2\n")
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, out, "Кнопки [2] тут немає — є лише [1]. Натисніть 1 або напишіть відповідь словами.")
	if n := len(rec.got()); n != 1 {
		t.Fatalf("handler got %d updates, want 1", n)
	}
}

// In a real conversation: «7» among the three settings buttons does not
// open anything else, and the next right number still works.
func TestNumberPastTheButtonsInAConversation(t *testing.T) {
	out := chat(t, "/start\n7\n9\n2\n")
	wantLines(t, out, "  [3] 🏠 Меню", "Кнопки [9] тут немає. Оберіть номер від 1 до 3 або напишіть відповідь словами.",
		"Done, we now speak English.")
	if strings.Contains(out, "Ваші записи") || strings.Contains(out, "немає запланованих записів") {
		t.Errorf("9 pressed the menu's old button:\n%s", out)
	}
}

func TestNumberBeforeAnyButtonsIsText(t *testing.T) {
	rec := &recorder{}
	if _, err := run(rec, "1\n"); err != nil {
		t.Fatal(err)
	}
	if got := rec.got(); len(got) != 1 || got[0].Text != "1" || got[0].Action != "" {
		t.Fatalf("updates = %+v", got)
	}
}

func TestCommandLinesBecomeUpdates(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		check func(u dialog.Update) bool
	}{
		{"Location", "/location 49.84 24.03", func(u dialog.Update) bool {
			return u.Location != nil && *u.Location == dialog.Location{Lat: 49.84, Lon: 24.03} && u.Text == ""
		}},
		{"LocationWithComma", "/location 49.84, 24.03", func(u dialog.Update) bool {
			return u.Location != nil && *u.Location == dialog.Location{Lat: 49.84, Lon: 24.03}
		}},
		{"Contact", "/contact +380501234567", func(u dialog.Update) bool {
			return u.Contact != nil && u.Contact.Phone == "+380501234567" && u.Contact.Own && u.Text == ""
		}},
		{"Photo", "/photo pothole.jpg", func(u dialog.Update) bool {
			return u.Photo != nil && strings.Contains(u.Photo.Ref, "pothole.jpg")
		}},
		{"DeepLink", "/start r_cnap-1", func(u dialog.Update) bool {
			return u.Text == "/start" && u.StartPayload == "r_cnap-1"
		}},
		{"PlainText", "  як оформити ID-картку  ", func(u dialog.Update) bool {
			return strings.TrimSpace(u.Text) == "як оформити ID-картку" && u.Location == nil && u.Action == ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			if _, err := run(rec, tt.line+"\n"); err != nil {
				t.Fatal(err)
			}
			got := rec.got()
			if len(got) != 1 {
				t.Fatalf("handler got %d updates, want 1", len(got))
			}
			u := got[0]
			if !tt.check(u) {
				t.Errorf("update = %+v", u)
			}
			if u.Channel != vikno.Terminal || u.UserID != "local" || u.Locale != "uk" || u.ID == "" || u.Time.IsZero() {
				t.Errorf("update envelope = %+v", u)
			}
		})
	}
}

func TestUpdatesHaveDistinctIDs(t *testing.T) {
	rec := &recorder{}
	if _, err := run(rec, "a\nb\nc\n"); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, u := range rec.got() {
		if seen[u.ID] {
			t.Fatalf("repeated update id %q", u.ID)
		}
		seen[u.ID] = true
	}
}

func TestMalformedCommandPrintsTheFormatWithoutCallingTheHandler(t *testing.T) {
	tests := []struct {
		line, hint string
	}{
		{"/location abc", "Формат: /location"},
		{"/location", "Формат: /location"},
		{"/location 49.84", "Формат: /location"},
		{"/location 91 24", "Формат: /location"},
		{"/location 49 181", "Формат: /location"},
		{"/location 1 2 3", "Формат: /location"},
		{"/location NaN 1", "Формат: /location"},
		{"/contact", "Формат: /contact"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			rec := &recorder{}
			out, err := run(rec, tt.line+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tt.hint) {
				t.Errorf("output %q lacks %q", out, tt.hint)
			}
			if n := len(rec.got()); n != 0 {
				t.Errorf("handler was called %d times", n)
			}
		})
	}
}

func TestHugeLineGetsTheTooLongReplyAndTheNextLineIsRead(t *testing.T) {
	huge := strings.Repeat("щ", 1<<20/2) // 1 MB
	out := chat(t, huge+"\n/menu\n")
	if !strings.Contains(out, "Повідомлення задовге") {
		t.Errorf("no too-long reply in:\n%.500s", out)
	}
	if !strings.Contains(out, "Чим можу допомогти?") {
		t.Errorf("the line after the huge one was not answered:\n%.500s", out)
	}
	if len(out) > 10_000 {
		t.Errorf("printed %d bytes: the huge line leaked into the output", len(out))
	}
}

func TestHugeLineIsOneUpdate(t *testing.T) {
	rec := &recorder{}
	if _, err := run(rec, strings.Repeat("x", 1<<20)+"\nnext\n"); err != nil {
		t.Fatal(err)
	}
	got := rec.got()
	if len(got) != 2 || got[1].Text != "next" {
		t.Fatalf("got %d updates (last %.20q), want the huge line and then %q", len(got), got[len(got)-1].Text, "next")
	}
	if n := len(got[0].Text); n == 0 || n > terminal.MaxLine {
		t.Errorf("huge line passed on with %d bytes, want 1..%d", n, terminal.MaxLine)
	}
}

func TestLastLineWithoutNewlineIsHandled(t *testing.T) {
	out := chat(t, "/start\n/help")
	if !strings.Contains(out, "Гаряча лінія") {
		t.Errorf("the last line was not answered:\n%s", out)
	}
}

func TestWindowsLineEndingsAndBlankLines(t *testing.T) {
	rec := &recorder{}
	if _, err := run(rec, "\r\n\n   \n/start\r\nменю\r\n"); err != nil {
		t.Fatal(err)
	}
	got := rec.got()
	if len(got) != 2 || got[0].Text != "/start" || got[1].Text != "меню" {
		t.Fatalf("updates = %+v, want /start and меню only", got)
	}
}

func TestEmptyInputEndsAtOnce(t *testing.T) {
	rec := &recorder{}
	out, err := run(rec, "")
	if err != nil || out != "" || len(rec.got()) != 0 {
		t.Fatalf("Run on empty input = %q, %v, %d updates", out, err, len(rec.got()))
	}
}

func TestRequestsArePrintedWithTheCommandToAnswerThem(t *testing.T) {
	rec := &recorder{replies: []dialog.Reply{
		{Text: dialog.Plain("Де це?"), Request: dialog.RequestLocation, RequestLabel: "📍 Надіслати місце"},
		{Text: dialog.Plain("Ваш телефон?"), Request: dialog.RequestContact, RequestLabel: "📞 Надіслати номер"},
		{Image: &dialog.Image{Name: "qr.png"}},
	}}
	out, err := run(rec, "x\n")
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, out, "  [/location LAT LON] 📍 Надіслати місце", "  [/contact +380...] 📞 Надіслати номер", "[зображення: qr.png]")
}

func TestHandlerErrorStopsTheChat(t *testing.T) {
	rec := &recorder{err: errors.New("database down")}
	_, err := run(rec, "a\nb\n")
	if err == nil || !strings.Contains(err.Error(), "database down") {
		t.Fatalf("Run err = %v", err)
	}
	if n := len(rec.got()); n != 1 {
		t.Errorf("handler called %d times after the error, want 1", n)
	}
}

func TestCancelledContextStopsTheChatBeforeReading(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := &recorder{}
	c := &terminal.Chat{Handler: rec, In: strings.NewReader("/start\n"), Out: io.Discard, UserID: "u"}
	if err := c.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if len(rec.got()) != 0 {
		t.Error("a line was handled after the context ended")
	}
}

// stdin gives one line, then blocks in Read (as a terminal does while the
// resident is thinking) until released.
type stdin struct {
	line     string
	waiting  chan struct{}
	released chan struct{}
}

func (s *stdin) Read(p []byte) (int, error) {
	if s.line != "" {
		n := copy(p, s.line)
		s.line = s.line[n:]
		return n, nil
	}
	close(s.waiting)
	<-s.released
	return 0, io.EOF
}

// An interactive `vikno chat` blocks reading the terminal; Ctrl-C cancels the
// context (signal.NotifyContext in main), and Run must return then rather
// than wait for the next line.
func TestCancelWhileWaitingForInputEndsTheChat(t *testing.T) {
	in := &stdin{line: "/start\n", waiting: make(chan struct{}), released: make(chan struct{})}
	defer close(in.released)
	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{}
	c := &terminal.Chat{Handler: rec, In: in, Out: io.Discard, UserID: "u"}
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	<-in.waiting
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run still waits for input 5 s after its context was cancelled")
	}
	if n := len(rec.got()); n != 1 {
		t.Errorf("handler got %d updates, want 1", n)
	}
}
