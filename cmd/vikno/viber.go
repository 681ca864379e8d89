package main

import (
	"context"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/viber"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
)

// startViber starts the Viber channel when a token is configured: it mounts
// the webhook on m.HTTP, registers it with Viber at PublicURL +
// /viber/webhook in the background (retried, never fatal), delivers answers
// and the notice kinds the operator chose (viber.notices) through its
// sender.
func (m *Main) startViber(ctx context.Context) error {
	cfg := m.Config.Viber
	if cfg.Token == "" {
		return nil
	}
	bot, err := viber.New(viber.Config{
		Token:       cfg.Token,
		APIURL:      cfg.APIURL,
		Name:        cfg.Name,
		Avatar:      cfg.Avatar,
		WebhookURL:  viberWebhookURL(m.Config.PublicURL),
		Pipeline:    m.Pipeline,
		Limiter:     m.Ephemeral,
		Logger:      m.Logger,
		Receipts:    m.Store,
		Shared:      m.Ephemeral,
		Menu:        []dialog.Button{{Label: m.Engine.Catalog().String(dialog.UK, "btn.menu"), Action: "menu:"}},
		SlowWelcome: viberSlowWelcome(m.Engine.Catalog()),
		Observe: func(event string) {
			m.Metrics.Outbox.WithLabelValues("viber_receipt", event).Inc()
		},
	})
	if err != nil {
		return err
	}
	notices := cfg.Notices
	if len(notices) == 0 {
		notices = viber.DefaultNotices
	}
	m.Outbox.Worker.Allow = viber.NoticeFilter(notices)
	m.HTTP.Handle("POST "+viber.WebhookPath, bot.WebhookHandler())
	m.Engine.SetSender(vikno.Viber, bot.Sender())
	bot.Start()
	m.onClose(bot.Close)
	return nil
}

// viberSlowWelcome gives the Viber welcome answered when the engine's is
// late, in the resident's Viber language (English for en-*, else
// Ukrainian): its text and its button's label.
func viberSlowWelcome(texts *dialog.Catalog) func(locale string) (string, string) {
	return func(locale string) (string, string) {
		lang := dialog.UK
		if strings.HasPrefix(strings.ToLower(locale), dialog.EN) {
			lang = dialog.EN
		}
		return texts.String(lang, "viber.slow_welcome"), texts.String(lang, "viber.btn_start")
	}
}

// viberWebhookURL is where Viber posts callbacks, or "" when the public URL
// is not configured.
func viberWebhookURL(public string) string {
	if public == "" {
		return ""
	}
	return strings.TrimRight(public, "/") + viber.WebhookPath
}

// viberURI asks Viber for the account's URI (get_account_info), for deep
// links when viber.uri is not set. Errors never contain the token.
func viberURI(ctx context.Context, v configs.Viber) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c := &viber.Client{BaseURL: v.APIURL, Token: v.Token, HTTP: viber.NewHTTPClient()}
	info, err := c.AccountInfo(ctx)
	if err != nil || info.URI == "" {
		return "", vikno.Errorf(vikno.EUNAVAILABLE, "viber get_account_info failed; check viber.token or set viber.uri (VIKNO_VIBER_URI)")
	}
	return info.URI, nil
}
