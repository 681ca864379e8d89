package main

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/internal/testenv"
)

// tgButton returns the callback data of the first button of msgs whose
// data starts with prefix.
func tgButton(t *testing.T, msgs []telegramtest.Message, prefix string) string {
	t.Helper()
	for _, m := range msgs {
		for _, b := range m.Buttons() {
			if strings.HasPrefix(b.CallbackData, prefix) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no button %q* in %q", prefix, tgVisible(msgs))
	return ""
}

// Through the whole program on PostgreSQL and Redis: a pressed menu
// button's message loses its keyboard, and two quick taps on the booking's
// confirm button book one visit; the second tap is told the button is
// from an earlier step.
func TestTelegramDoubleTapOnConfirmBooksOnceAndOldButtonsGo(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	welcome := b.send(t, chat, tgText(chat, "/start"))
	menu := welcome[len(welcome)-1]
	msgs := b.send(t, chat, func(id int) []byte { return telegramtest.CallbackOn(id, chat, menu.ID, "menu:book:id-card") })
	edits := b.fake.Calls("editMessageReplyMarkup")
	if len(edits) != 1 || edits[0].Params["message_id"] != strconv.Itoa(menu.ID) {
		t.Fatalf("edits %+v, want the menu message's keyboard taken off", edits)
	}
	msgs = b.send(t, chat, tgText(chat, "ЦНАП на Виговського")) // a reply keyboard button
	msgs = b.send(t, chat, tgPress(chat, tgButton(t, msgs, "book:d:")))
	slot := tgButton(t, msgs, "book:t:")
	b.send(t, chat, tgPress(chat, slot))
	b.send(t, chat, tgText(chat, "Олена Петренко"))
	msgs = b.send(t, chat, tgText(chat, "067 123 45 67"))
	ok := tgButton(t, msgs, "book:ok")

	before := len(b.fake.Sent(chat))
	var wg sync.WaitGroup
	for range 2 {
		id := int(b.nextID.Add(1))
		wg.Add(1)
		go func() {
			defer wg.Done()
			if st, err := b.fake.Deliver(http.DefaultClient, b.webhookURL(), tgSecret, telegramtest.Callback(id, chat, ok)); err != nil || st != http.StatusOK {
				t.Errorf("webhook: status %d, %v", st, err)
			}
		}()
	}
	wg.Wait()
	settle(t, b.m, chat)
	got := tgVisible(b.fake.Sent(chat)[before:])
	if n := strings.Count(got, "Номер запису"); n != 1 {
		t.Fatalf("%d bookings confirmed after a double tap, want 1:\n%s", n, got)
	}
	if !strings.Contains(got, "з попереднього кроку") {
		t.Fatalf("the second tap was not told the button is old:\n%s", got)
	}
	// The old slot button does not book again either.
	if got := tgVisible(b.send(t, chat, tgPress(chat, slot))); !strings.Contains(got, "з попереднього кроку") {
		t.Fatalf("an old slot button answered %q", got)
	}
}
