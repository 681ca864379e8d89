package main

import (
	"context"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// digestCheck is how often the digest worker looks at the clock.
const digestCheck = time.Minute

var (
	_ dialog.RatingService  = (*cases.Feedback[notify.Message])(nil)
	_ dialog.ManagerService = (*cases.Feedback[notify.Message])(nil)
	_ dialog.RatingReplies  = (*cases.Feedback[notify.Message])(nil)
)

// openRatings wires post-visit ratings and managers: the feedback service on
// the store (told which regions each location lies in, for scope checks),
// the rating flow behind "/start r_<token>", the manager flow behind
// "/start m_<token>" and the alert buttons, alerts and answers through the
// outbox, and the daily digest worker.
func (m *Main) openRatings(ctx context.Context) error {
	fb := &cases.Feedback[notify.Message]{
		Store: m.Store, City: m.Config.City, Now: m.clock(), Logger: m.Logger,
		Messages: notify.FeedbackMessages{Outbox: m.Outbox, City: m.Config.City},
	}
	if err := fb.SyncRegions(ctx); err != nil {
		return err
	}
	dialog.RegisterRatings(m.Engine, fb, m.Config.City, m.visits)
	dialog.RegisterManagers(m.Engine, fb, m.Config.City)
	dialog.RegisterRatingReplies(m.Engine, fb)
	if hour := m.Config.Ratings.DigestHour; hour >= 0 {
		m.goBackground(func(ctx context.Context) error {
			fb.RunDigests(ctx, hour, digestCheck)
			return nil
		})
	}
	return nil
}
