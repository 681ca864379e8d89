// Package storetest is the conformance suite that every relational backend
// (storage/sql on SQLite and on PostgreSQL) passes: the same store tests, run against
// each implementation.
package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/webchat"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
)

// Store is everything a relational backend implements.
type Store interface {
	vikno.ResidentStore
	knowledge.ArticleStore
	cases.VisitStore
	notify.VisitCancelStore
	cases.AppealNoticeStore[notify.Message]
	notify.Store
	notify.Receipts
	notify.ProgressStore
	cases.FeedbackStore[notify.Message]
	cases.InboxStore[notify.Message]
	bots.Journal
	bots.History
	webchat.Store
	staff.Store
	cases.DashboardStore
	knowledge.UnansweredStore
	handoff.Store[notify.Message]
}

// Opener returns a fresh, migrated, empty store for one test.
type Opener func(t *testing.T) Store

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("Residents", func(t *testing.T) { testResidents(t, open) })
	t.Run("Articles", func(t *testing.T) { testArticles(t, open) })
	t.Run("Visits", func(t *testing.T) { testVisits(t, open) })
	t.Run("VisitNotices", func(t *testing.T) { testVisitNotices(t, func(t *testing.T) VisitNoticeStore { return open(t) }) })
	t.Run("Outbox", func(t *testing.T) { testOutbox(t, open) })
	t.Run("Feedback", func(t *testing.T) { testFeedback(t, open) })
	t.Run("Appeals", func(t *testing.T) { RunAppeals(t, func(t *testing.T) AppealsStore { return open(t) }) })
	t.Run("AppealNotices", func(t *testing.T) { testAppealNotices(t, func(t *testing.T) NoticeStore { return open(t) }) })
	t.Run("Journal", func(t *testing.T) { testJournal(t, open) })
	t.Run("WebChat", func(t *testing.T) { testWebChat(t, open) })
	t.Run("WebPhotos", func(t *testing.T) { testWebPhotos(t, open) })
	t.Run("Staff", func(t *testing.T) { testStaff(t, open) })
	t.Run("Dashboard", func(t *testing.T) { testDashboard(t, open) })
	t.Run("Handoffs", func(t *testing.T) { testHandoffs(t, open) })
}

func testResidents(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("EnsureCreatesOnceAndKeepsLocale", func(t *testing.T) {
		s := open(t)
		a, err := s.EnsureResident(ctx, vikno.Telegram, "100", "uk")
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.Channel != vikno.Telegram || a.ExternalID != "100" || a.Locale != "uk" || a.CreatedAt.IsZero() {
			t.Fatalf("created %+v", a)
		}
		b, err := s.EnsureResident(ctx, vikno.Telegram, "100", "en")
		if err != nil || b.ID != a.ID || b.Locale != "uk" {
			t.Fatalf("second ensure = %+v, %v; want id %d with locale kept", b, err, a.ID)
		}
		c, err := s.EnsureResident(ctx, vikno.Viber, "100", "en")
		if err != nil || c.ID == a.ID {
			t.Fatalf("same id in another channel must be another resident: %+v, %v", c, err)
		}
	})
	t.Run("ConcurrentEnsureGivesOneResident", func(t *testing.T) {
		s := open(t)
		ids := make([]int64, 20)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.EnsureResident(ctx, vikno.Web, "same", "uk")
				if err != nil {
					t.Error(err)
				}
				ids[i] = r.ID
			}()
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] || id == 0 {
				t.Fatalf("ids = %v, want all equal", ids)
			}
		}
	})
	t.Run("LocaleAndUnreachableAreSaved", func(t *testing.T) {
		s := open(t)
		r, _ := s.EnsureResident(ctx, vikno.Telegram, "7", "")
		if err := s.SetResidentLocale(ctx, r.ID, "en"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResidentUnreachable(ctx, r.ID, true); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindResident(ctx, r.ID)
		if err != nil || got.Locale != "en" || !got.Unreachable {
			t.Fatalf("FindResident = %+v, %v", got, err)
		}
	})
	t.Run("UnknownResidentIsNotFound", func(t *testing.T) {
		s := open(t)
		if _, err := s.FindResident(ctx, 999999); !vikno.IsNotFound(err) {
			t.Fatalf("FindResident err = %v, want not found", err)
		}
		if err := s.SetResidentLocale(ctx, 999999, "en"); !vikno.IsNotFound(err) {
			t.Fatalf("SetResidentLocale err = %v, want not found", err)
		}
	})
}
