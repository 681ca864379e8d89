package main

import (
	"context"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/dialog"
)

// startTelegram starts the Telegram channel when a token is configured: in
// webhook mode it mounts the webhook on m.HTTP (registered with Telegram at
// PublicURL + /telegram/webhook), in polling mode it polls. Its sender also
// delivers notices. Start-up calls to Telegram run in the background and
// never stop the server.
func (m *Main) startTelegram(ctx context.Context) error {
	cfg := m.Config.Telegram
	if cfg.Token == "" {
		return nil
	}
	bot, err := telegram.New(telegram.Config{
		Token:         cfg.Token,
		APIURL:        cfg.APIURL,
		Mode:          cfg.Mode,
		WebhookSecret: cfg.WebhookSecret,
		WebhookURL:    telegramWebhookURL(m.Config.PublicURL),
		GlobalRate:    cfg.GlobalRate,
		Pipeline:      m.Pipeline,
		State:         m.Ephemeral,
		Logger:        m.Logger,
		Texts:         m.Texts,
		Commands:      commandNames(m.Engine.Commands()),
	})
	if err != nil {
		return err
	}
	if cfg.Mode == telegram.ModeWebhook {
		m.HTTP.Handle("POST "+telegram.WebhookPath, bot.WebhookHandler())
	}
	m.Engine.SetSender(vikno.Telegram, bot.Sender())
	m.photos.set(vikno.Telegram, bot.Photo)
	bot.Start(ctx)
	m.onClose(bot.Close)
	return nil
}

// telegramWebhookURL is where Telegram posts updates, or "" when the public
// URL is not configured.
func telegramWebhookURL(public string) string {
	if public == "" {
		return ""
	}
	return strings.TrimRight(public, "/") + telegram.WebhookPath
}

// commandNames are the names of the engine's slash commands.
func commandNames(cmds []dialog.Command) []string {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.Name
	}
	return names
}
