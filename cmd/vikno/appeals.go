package main

import (
	"context"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/appealsapi"
	"github.com/vikno-city/vikno/web/open311"
)

// openAppeals wires appeals: the service on the store and the shared rate
// limiter, the filing, status and confirmation flows, status notices sent
// through the notify outbox, the executors' API under /api/v1/appeals/ and
// Open311 under /open311/v2/.
func (m *Main) openAppeals(ctx context.Context) error {
	hasher, err := m.pinHasher()
	if err != nil {
		return err
	}
	svc := &cases.AppealService{
		Store:   m.Store,
		City:    m.Config.City,
		Limiter: m.Ephemeral,
		Notices: notify.AppealNotices{Store: m.Store, Residents: m.Store, Outbox: m.Outbox},
		Hasher:  hasher,
		Logger:  m.Logger,
	}
	dialog.RegisterAppeals(m.Engine, svc)
	m.appeals = svc
	m.mounts = append(m.mounts, func(s *web.Server) {
		s.Handle(open311.Prefix, open311.New(svc, m.Config.APIKeys, m.Logger))
		s.Handle("/api/v1/appeals/", appealsapi.New(svc, m.Config.APIKeys, m.Logger))
	})
	return nil
}
