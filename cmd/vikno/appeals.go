package main

import (
	"context"
	"fmt"

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
	svc := &cases.AppealService{
		Store:    m.Store,
		City:     m.Config.City,
		Limiter:  m.Ephemeral,
		Notifier: appealOutbox{m.Outbox},
		Logger:   m.Logger,
	}
	dialog.RegisterAppeals(m.Engine, svc)
	m.mounts = append(m.mounts, func(s *web.Server) {
		s.Handle(open311.Prefix, open311.New(svc, m.Config.APIKeys, m.Logger))
		s.Handle("/api/v1/appeals/", appealsapi.New(svc, m.Config.APIKeys, m.Logger))
	})
	return nil
}

// appealOutbox queues a status notice per appeal event; the key makes a
// repeated notice for the same event a no-op.
type appealOutbox struct{ outbox *notify.Outbox }

func (n appealOutbox) AppealChanged(ctx context.Context, a cases.Appeal, e cases.AppealEvent) error {
	key := fmt.Sprintf("appeal:%s:event:%d", a.Number, e.ID)
	return n.outbox.Notify(ctx, key, "appeal_status", a.ResidentID, func(c *dialog.Conv) {
		dialog.BuildAppealNotice(c, a, e)
	})
}
