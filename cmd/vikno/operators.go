package main

import (
	"context"
	"time"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web/admin"
)

// expiryCheck is how often the replica looks for residents who waited too
// long for an operator.
const expiryCheck = 30 * time.Second

var _ admin.OperatorDesk = (*handoff.Desk[notify.Message])(nil)

// openOperators wires the live hand-off to the hotline's operators: the
// desk the admin's operator pages use (always, so that conversations and
// call-backs stay visible), and — when operators.hours is set — the
// «оператор» flow, call-back requests and the worker that offers the
// appeal form to residents nobody took in time.
func (m *Main) openOperators(context.Context) error {
	m.operators = &handoff.Desk[notify.Message]{
		Store: m.Store, Messages: notify.HandoffMessages{Outbox: m.Outbox},
		Wait: m.Config.Operators.Wait, Now: m.clock(), Logger: m.Logger,
	}
	if !m.Config.Operators.Enabled() {
		return nil
	}
	hours, err := m.Config.Operators.WorkingHours(m.Config.City.Loc())
	if err != nil {
		return err
	}
	dialog.RegisterOperators(m.Engine, dialog.Operators{Store: m.Store, Hours: hours, Wait: m.Config.Operators.Wait})
	m.goBackground(func(ctx context.Context) error {
		m.operators.RunExpiry(ctx, expiryCheck)
		return nil
	})
	return nil
}

// operatorDesk is the desk for the admin web (nil before openOperators).
func (m *Main) operatorDesk() admin.OperatorDesk {
	if m.operators == nil {
		return nil
	}
	return m.operators
}
