package main

import (
	"context"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/visitsapi"
)

// reminderInterval is how often the reminder worker looks for due
// reminders.
const reminderInterval = time.Minute

// clock returns Main's clock of bookings and the live queue.
func (m *Main) clock() func() time.Time {
	if m.Now != nil {
		return m.Now
	}
	return time.Now
}

// openVisits wires CNAP visits: the booking service on the store, the live
// queue in the shared ephemeral store, the "book", "mybookings" and "queue"
// flows, notices through the outbox (or pushed at once without one), the
// reminder worker, and the staff and queue-ingest API under /api/v1/.
func (m *Main) openVisits(ctx context.Context) error {
	now := m.clock()
	notices := dialog.NewVisitNotices(m.Engine, m.Config.City)
	if m.Outbox != nil {
		notices.Deliver = m.Outbox.Notify
	}
	visits := &cases.Visits{
		City: m.Config.City, Store: m.Store, Notifier: notices, Logger: m.Logger,
		Now: now, Rules: cases.DefaultVisitRules(),
	}
	if m.Outbox != nil {
		// a staff cancellation and its notice in one transaction
		visits.CancelNotices = notify.VisitCancelNotices{Store: m.Store, Residents: m.Store, Outbox: m.Outbox, Notices: notices}
	}
	m.visits = visits
	queue := &cases.Queue{City: m.Config.City, KV: m.Ephemeral, Now: now}
	dialog.RegisterBooking(m.Engine, visits)
	dialog.RegisterQueue(m.Engine, queue)
	api := &visitsapi.API{
		Visits: visits, Queue: queue, Logger: m.Logger,
		Keys: visitsapi.Keys{Integration: m.Config.APIKeys, Locations: m.Config.LocationKeys},
	}
	m.mounts = append(m.mounts, func(s *web.Server) { api.Mount(s) })
	m.startReminders(visits)
	return nil
}

// startReminders runs the reminder worker until Close.
func (m *Main) startReminders(visits *cases.Visits) {
	m.goBackground(func(ctx context.Context) error {
		visits.RunReminders(ctx, reminderInterval)
		return nil
	})
}
