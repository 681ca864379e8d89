package main

import (
	"context"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/noticesapi"
)

// openNotices wires notices to residents through the outbox: documents
// ready (the "track" flow) and outages (the "outages" flow, in the bulk
// lane), with their API.
func (m *Main) openNotices(context.Context) error {
	docs := &notify.Documents{
		Store: m.Store, Outbox: m.Outbox, City: m.Config.City,
		Keep: m.Config.Notices.DocumentsKeep, Now: m.clock(),
	}
	dialog.RegisterTracking(m.Engine, docs, m.Config.City)
	m.outages = &notify.Outages{
		Store: m.Store, Outbox: m.Outbox, Progress: m.Store, City: m.Config.City, Now: m.clock(), Logger: m.Logger,
		Queued: func(kind string, n int) { m.Metrics.NoticesQueued.WithLabelValues(kind).Add(float64(n)) },
	}
	dialog.RegisterOutages(m.Engine, m.outages, m.Config.City)
	api := &noticesapi.API{Documents: docs, Outages: m.outages, Keys: m.Config.APIKeys, Logger: m.Logger}
	m.mounts = append(m.mounts, func(s *web.Server) { api.Mount(s) })
	return nil
}
