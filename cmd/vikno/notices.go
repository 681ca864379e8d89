package main

import (
	"context"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/noticesapi"
)

// openNotices wires notices to residents: documents ready (the "track"
// flow and its API) through the outbox.
func (m *Main) openNotices(context.Context) error {
	docs := &notify.Documents{
		Store: m.Store, Outbox: m.Outbox, City: m.Config.City,
		Keep: m.Config.Notices.DocumentsKeep, Now: m.clock(),
	}
	dialog.RegisterTracking(m.Engine, docs, m.Config.City)
	api := &noticesapi.API{Documents: docs, Keys: m.Config.APIKeys, Logger: m.Logger}
	m.mounts = append(m.mounts, func(s *web.Server) { api.Mount(s) })
	return nil
}
