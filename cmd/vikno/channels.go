package main

import "context"

// startChannels starts the messenger channels that are configured. Each one
// mounts its webhook on m.HTTP (not yet listening) and registers its own
// shutdown with onClose.
func (m *Main) startChannels(ctx context.Context) error {
	m.startWebChat()
	if err := m.startTelegram(ctx); err != nil {
		return err
	}
	return m.startViber(ctx)
}
