package main

import (
	"context"
	"strings"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/admin"
)

// openAdmin mounts the admin web at /admin/.
func (m *Main) openAdmin(context.Context) error {
	h, err := admin.New(admin.Config{
		Staff:      m.Store,
		Articles:   m.Store,
		KB:         m.Knowledge,
		Feedback:   m.feedbackInbox(),
		Residents:  m.Store,
		Limiter:    m.Ephemeral,
		City:       m.Config.City,
		Dashboard:  m.Store,
		Unanswered: m.Store,
		Leases:     m.Ephemeral,
		// The same shared figures the bot's queue flow reads.
		Queue:         &cases.Queue{City: m.Config.City, KV: m.Ephemeral, Now: m.clock()},
		Appeals:       m.appeals,
		Photos:        &m.photos,
		Outages:       m.outages,
		SecureCookies: strings.HasPrefix(m.Config.PublicURL, "https://"),
		Logger:        m.Logger,
		Operators:     m.operatorDesk(),
		History:       m.Store,
	})
	if err != nil {
		return err
	}
	m.mounts = append(m.mounts, func(s *web.Server) { s.Handle("/admin/", h) })
	return nil
}

// feedbackInbox is the ratings' inbox of the admin web: answers go through
// the outbox as a Telegram manager's do.
func (m *Main) feedbackInbox() *cases.Inbox[notify.Message] {
	return &cases.Inbox[notify.Message]{
		Store: m.Store, City: m.Config.City, Now: m.clock(),
		Messages: notify.FeedbackMessages{Outbox: m.Outbox, City: m.Config.City},
	}
}
