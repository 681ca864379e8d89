package main

import (
	"context"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/appealsapi"
	"github.com/vikno-city/vikno/web/open311"
)

// unconfirmedCheck is how often appeals awaiting confirmation are looked at.
const unconfirmedCheck = time.Hour

// openAppeals wires appeals: the service on the store and the shared rate
// limiter, the filing, status and confirmation flows, status notices sent
// through the notify outbox, the executors' API under /api/v1/appeals/ and
// Open311 under /open311/v2/, and the worker that closes appeals their
// residents left unconfirmed (appeals.confirm_wait).
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
	if wait := m.Config.Appeals.ConfirmWait; wait > 0 {
		m.goBackground(func(ctx context.Context) error {
			svc.RunCloseUnconfirmed(ctx, wait, unconfirmedCheck)
			return nil
		})
	}
	m.mounts = append(m.mounts, func(s *web.Server) {
		s.Handle(open311.Prefix, open311.New(svc, m.Config.APIKeys, m.Logger))
		s.Handle("/api/v1/appeals/", appealsapi.New(svc, m.Config.APIKeys, m.Logger))
	})
	return nil
}
