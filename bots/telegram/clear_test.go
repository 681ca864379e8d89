package telegram_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/botstest"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
)

// engineBot is a bot on the fake Bot API whose updates go through the
// message pipeline to a real dialog engine, wired as in the program.
type engineBot struct {
	fake     *telegramtest.Server
	pipeline *bots.Pipeline
	url      string
}

func newEngineBot(t *testing.T) *engineBot {
	t.Helper()
	fake := telegramtest.New(t)
	state := memory.New()
	store := botstest.New()
	e := dialog.New(dialog.Config{Residents: &dialogtest.Residents{}, KV: memory.New()})
	worker := &notify.Worker{Store: store, Senders: e}
	p := bots.New(bots.Config{Journal: store, Leases: state, Handler: e, Deliver: worker, Senders: e})
	bot, err := telegram.New(telegram.Config{
		Token: telegramtest.Token, APIURL: fake.URL, Mode: telegram.ModeWebhook, WebhookSecret: secret,
		WebhookURL: "https://vikno.example/telegram/webhook", Pipeline: p, State: state,
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		RetryBackoff: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	e.SetSender(vikno.Telegram, bot.Sender())
	srv := httptest.NewServer(bot.WebhookHandler())
	bot.Start(context.Background())
	t.Cleanup(func() {
		bot.Close()
		p.Close()
		srv.Close()
	})
	return &engineBot{fake: fake, pipeline: p, url: srv.URL}
}

// send delivers an update and waits until its replies are sent.
func (b *engineBot) send(t *testing.T, chat int64, update []byte) {
	t.Helper()
	if st, err := b.fake.Deliver(http.DefaultClient, b.url, secret, update); err != nil || st != 200 {
		t.Fatalf("webhook status %d, %v", st, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), telegramtest.WaitTimeout)
	defer cancel()
	if err := b.pipeline.Wait(ctx, bots.Resident{Channel: vikno.Telegram, UserID: strconv.FormatInt(chat, 10)}); err != nil {
		t.Fatal(err)
	}
}

// menuMessage sends /start and returns the menu message and the callback
// data of its first button.
func (b *engineBot) menuMessage(t *testing.T, chat int64) (telegramtest.Message, string) {
	t.Helper()
	b.send(t, chat, telegramtest.Text(1, chat, "/start"))
	sent := b.fake.Sent(chat)
	if len(sent) != 1 || len(sent[0].Buttons()) == 0 {
		t.Fatalf("want one menu message with buttons, got %+v", sent)
	}
	return sent[0], sent[0].Buttons()[0].CallbackData
}

// counts fails unless the fake saw edits editMessageReplyMarkup calls and
// the chat got sent messages.
func (b *engineBot) counts(t *testing.T, chat int64, edits, sent int) {
	t.Helper()
	if n := len(b.fake.Calls("editMessageReplyMarkup")); n != edits {
		t.Fatalf("%d editMessageReplyMarkup calls, want %d", n, edits)
	}
	if n := len(b.fake.Sent(chat)); n != sent {
		t.Fatalf("%d messages in the chat, want %d", n, sent)
	}
}

// A pressed menu button's message loses its keyboard once the reply is
// sent: old buttons disappear from the chat.
func TestPressedButtonsMessageLosesItsKeyboard(t *testing.T) {
	b := newEngineBot(t)
	const chat = 61
	menu, data := b.menuMessage(t, chat)
	if !strings.HasPrefix(data, "menu:") {
		t.Fatalf("first menu button %q", data)
	}
	b.send(t, chat, telegramtest.CallbackOn(2, chat, menu.ID, data))
	b.counts(t, chat, 1, 2)
	if got := b.fake.Calls("editMessageReplyMarkup")[0].Params["message_id"]; got != strconv.Itoa(menu.ID) {
		t.Fatalf("edited message %s, want %d", got, menu.ID)
	}
	sent := b.fake.Sent(chat)
	if n := len(sent[0].Buttons()); n != 0 {
		t.Fatalf("the pressed message still has %d buttons", n)
	}
	if len(sent[1].Buttons()) == 0 {
		t.Fatal("the reply lost its buttons")
	}
}

// A button that carries no step token and is not a menu button (one sent
// in a notice) stays where it is: it stays valid.
func TestNoticeButtonsAreNotCleared(t *testing.T) {
	b := newEngineBot(t)
	const chat = 62
	b.send(t, chat, telegramtest.CallbackOn(1, chat, 40, "settings:en"))
	b.counts(t, chat, 0, 1)
}

// A failing edit is tried once and does not hold the reply back.
func TestFailingEditIsTriedOnceAndTheReplyIsSent(t *testing.T) {
	b := newEngineBot(t)
	const chat = 63
	menu, data := b.menuMessage(t, chat)
	b.fake.Fail("editMessageReplyMarkup", telegramtest.InternalError(), telegramtest.InternalError())
	b.send(t, chat, telegramtest.CallbackOn(2, chat, menu.ID, data))
	b.counts(t, chat, 1, 2)
}
