package cases

import (
	"context"
	"time"
)

// SendReminders sends the reminders that are due now and returns how many
// were sent. Each is claimed in the store before it is sent, so a restart or
// a second replica never sends one twice.
func (v *Visits) SendReminders(ctx context.Context) (int, error) {
	due, err := v.Store.DueReminders(ctx, v.now(), 100)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range due {
		claimed, err := v.Store.ClaimReminder(ctx, r.Visit.ID, r.Kind, v.now())
		if err != nil {
			return sent, err
		}
		if !claimed {
			continue
		}
		kind := NoticeRemindDay
		if r.Kind == RemindHour {
			kind = NoticeRemindHour
		}
		if err := v.notify(ctx, r.Visit.ResidentID, VisitNotice{Kind: kind, Visit: r.Visit}); err != nil {
			v.logger().WarnContext(ctx, "visit reminder failed", "visit", r.Visit.ID, "kind", r.Kind, "err", err)
			continue
		}
		sent++
	}
	return sent, nil
}

// RunReminders sends due reminders every interval until ctx ends.
func (v *Visits) RunReminders(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := v.SendReminders(ctx); err != nil && ctx.Err() == nil {
			v.logger().ErrorContext(ctx, "visit reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
