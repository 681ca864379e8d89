package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/internal/testenv"
)

// Three replicas on one PostgreSQL and Redis, webhooks delivered to them
// round-robin: every update is handled once, each resident's replies go
// out in the order of their updates, and no request fails.
func TestThreeReplicasAnswerEachResidentInOrder(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	fake := telegramtest.New(t)
	cfg.Telegram.Token, cfg.Telegram.APIURL = telegramtest.Token, fake.URL
	cfg.Telegram.Mode, cfg.Telegram.WebhookSecret = telegram.ModeWebhook, tgSecret
	cfg.Telegram.GlobalRate = 1000
	cfg.PublicURL = "https://vikno.example/"
	var replicas []*Main
	for range 3 {
		m := NewMain(cfg, slog.New(slog.DiscardHandler))
		t.Cleanup(func() { m.Close() })
		if err := m.Run(context.Background()); err != nil {
			t.Fatalf("Run: %v", err)
		}
		replicas = append(replicas, m)
	}
	// Each resident types the numbers of menu items: every one answers
	// with a message of its own, so the order is visible.
	steps := []string{"/start", "/help", "/menu", "/start", "/help", "/menu"}
	const residents = 8
	var wg sync.WaitGroup
	for r := range residents {
		wg.Go(func() {
			chat := int64(5000 + r)
			for i, text := range steps {
				m := replicas[(r+i)%len(replicas)]
				status, err := telegramtest.Deliver(http.DefaultClient, m.HTTP.URL()+telegram.WebhookPath, tgSecret,
					telegramtest.Text(r*100+i+1, chat, text))
				if err != nil || status != http.StatusOK {
					t.Errorf("webhook: %d, %v", status, err)
				}
			}
		})
	}
	wg.Wait()
	for r := range residents {
		chat := int64(5000 + r)
		for _, m := range replicas {
			settle(t, m, chat)
		}
		got := fake.Sent(chat)
		if len(got) != len(steps) {
			t.Fatalf("chat %d got %d messages for %d updates", chat, len(got), len(steps))
		}
		// /start, /help and /menu answer differently; the pattern repeats.
		for i := range 3 {
			if got[i].Text != got[i+3].Text || got[i].Text == got[(i+1)%3].Text {
				t.Fatalf("chat %d answers out of order:\n%q", chat, texts(got))
			}
		}
	}
	var handled float64
	for _, m := range replicas {
		handled += tgUpdatesHandled(m, "telegram")
	}
	if handled != residents*float64(len(steps)) {
		t.Fatalf("the replicas handled %v updates, want %d", handled, residents*len(steps))
	}
}

func texts(msgs []telegramtest.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Text
	}
	return out
}
