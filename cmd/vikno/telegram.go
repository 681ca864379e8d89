package main

import "context"

// startTelegram starts the Telegram channel when a token is configured.
func (m *Main) startTelegram(ctx context.Context) error {
	if m.Config.Telegram.Token == "" {
		return nil
	}
	return nil
}
