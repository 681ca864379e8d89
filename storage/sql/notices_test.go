package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

func TestDocumentsReachTheResidentsOfAReference(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		a, _ := db.EnsureResident(ctx, vikno.Telegram, "1", "uk")
		b, _ := db.EnsureResident(ctx, vikno.Telegram, "2", "uk")
		blocked, _ := db.EnsureResident(ctx, vikno.Telegram, "3", "uk")
		for _, r := range []vikno.Resident{a, blocked} {
			if _, err := db.TrackCase(ctx, r.ID, "AB-1"); err != nil {
				t.Fatal(err)
			}
		}
		again, err := db.TrackCase(ctx, a.ID, "AB-1")
		if err != nil || again.Reference != "AB-1" {
			t.Fatalf("tracking twice: %+v %v", again, err)
		}
		if _, err := db.TrackCase(ctx, b.ID, "AB-2"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetResidentUnreachable(ctx, blocked.ID, true); err != nil {
			t.Fatal(err)
		}
		doc := cases.DocumentsReady{RequestKey: "r1", Reference: "AB-1", LocationID: "x", ExpiresAt: time.Now().Add(time.Hour)}
		for range 2 {
			saved, owners, err := db.SaveDocumentsReady(ctx, doc)
			if err != nil || saved.ID == 0 || len(owners) != 1 || owners[0].ID != a.ID {
				t.Fatalf("saved %+v owners %+v: %v", saved, owners, err)
			}
		}
		waiting, err := db.WaitingDocuments(ctx, "AB-1", time.Now())
		if err != nil || len(waiting) != 1 {
			t.Fatalf("waiting %+v %v", waiting, err)
		}
		if waiting, _ := db.WaitingDocuments(ctx, "AB-1", time.Now().Add(2*time.Hour)); len(waiting) != 0 {
			t.Errorf("an expired notice still waits: %+v", waiting)
		}
		list, err := db.TrackedCases(ctx, a.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("tracked %+v %v", list, err)
		}
		if err := db.UntrackCase(ctx, b.ID, list[0].ID); !vikno.IsNotFound(err) {
			t.Errorf("another resident untracked a case: %v", err)
		}
		if err := db.UntrackCase(ctx, a.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.TrackedCases(ctx, a.ID); len(list) != 0 {
			t.Errorf("untracked case still listed: %+v", list)
		}
	})
}

func TestOutageVersionsAndRecipients(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		whole, _ := db.EnsureResident(ctx, vikno.Telegram, "1", "uk")
		moved, _ := db.EnsureResident(ctx, vikno.Telegram, "2", "uk")
		for _, s := range []cases.Subscription{
			{ResidentID: whole.ID, District: "sykhivskyi"},
			{ResidentID: whole.ID, District: "sykhivskyi"}, // twice: one subscription
			{ResidentID: moved.ID, District: "halytskyi", Street: "вул. Зелена", StreetKey: "зелена"},
		} {
			if _, err := db.Subscribe(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if subs, _ := db.Subscriptions(ctx, whole.ID); len(subs) != 1 {
			t.Fatalf("subscriptions %+v", subs)
		}
		o := cases.Outage{ID: "o1", Kind: cases.OutageHotWater, Districts: []string{"sykhivskyi"}, Text: "a",
			From: time.Date(2026, 12, 8, 7, 0, 0, 0, time.UTC), Status: cases.OutageActive}
		saved, err := db.SaveOutage(ctx, o)
		if err != nil || saved.Version != 1 {
			t.Fatalf("saved %+v %v", saved, err)
		}
		if again, _ := db.SaveOutage(ctx, o); again.Version != 1 {
			t.Errorf("the same content raised the version to %d", again.Version)
		}
		o.Status = cases.OutageRestored
		if upd, _ := db.SaveOutage(ctx, o); upd.Version != 2 {
			t.Errorf("restored has version %d", upd.Version)
		}
		all := func(cases.Subscription) bool { return true }
		none := func(cases.Subscription) bool { return false }
		got, err := db.OutageRecipients(ctx, o, none)
		if err != nil || len(got) != 0 {
			t.Fatalf("recipients before any delivery %+v %v", got, err)
		}
		got, _ = db.OutageRecipients(ctx, o, all)
		if len(got) != 2 {
			t.Fatalf("district and street subscribers: %+v", got)
		}
		if err := db.RecordOutageRecipients(ctx, "o1", []int64{moved.ID, moved.ID}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.OutageRecipients(ctx, o, none); len(got) != 1 || got[0].ID != moved.ID {
			t.Errorf("an earlier recipient who still subscribes: %+v", got)
		}
		if err := db.SetResidentUnreachable(ctx, moved.ID, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.OutageRecipients(ctx, o, all); len(got) != 1 || got[0].ID != whole.ID {
			t.Errorf("an unreachable resident is a recipient: %+v", got)
		}
		if active, _ := db.ActiveOutages(ctx, time.Now()); len(active) != 0 {
			t.Errorf("a restored notice is active: %+v", active)
		}
		db.Now = func() time.Time { return time.Now().Add(time.Minute) }
		if _, err := db.SaveOutage(ctx, cases.Outage{ID: "o2", Kind: cases.OutageHeating, Districts: []string{"halytskyi"},
			Text: "b", Status: cases.OutageActive}); err != nil {
			t.Fatal(err)
		}
		recent, err := db.RecentOutages(ctx, time.Now().Add(-time.Hour), 10)
		if err != nil || len(recent) != 2 || recent[0].ID != "o2" || recent[1].ID != "o1" {
			t.Errorf("recent outages, newest first: %+v %v", recent, err)
		}
		if recent, _ := db.RecentOutages(ctx, time.Now().Add(-time.Hour), 1); len(recent) != 1 {
			t.Errorf("limit 1 gave %d", len(recent))
		}
		if recent, _ := db.RecentOutages(ctx, time.Now().Add(time.Hour), 10); len(recent) != 0 {
			t.Errorf("nothing changed in the future: %+v", recent)
		}
	})
}

func TestOutageFanOutIsClaimedByOneOwnerAtATime(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustMigrate(t, url(t))
		o := cases.Outage{ID: "f1", Kind: cases.OutageHeating, Districts: []string{"sykhivskyi"}, Text: "a", Status: cases.OutageActive}
		if _, err := db.SaveOutage(ctx, o); err != nil {
			t.Fatal(err)
		}
		got, err := db.ClaimFanOut(ctx, "a", time.Minute)
		if err != nil || got.ID != "f1" || got.Version != 1 || got.FannedOut() {
			t.Fatalf("claim = %+v %v", got, err)
		}
		if _, err := db.ClaimFanOut(ctx, "b", time.Minute); !vikno.IsNotFound(err) {
			t.Fatalf("a second owner claimed a held fan-out: %v", err)
		}
		if err := db.HoldFanOut(ctx, "f1", "b", 5, time.Minute); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("another owner held the claim: %v", err)
		}
		if err := db.HoldFanOut(ctx, "f1", "a", 500, time.Minute); err != nil {
			t.Fatal(err)
		}
		if f, _ := db.FindOutage(ctx, "f1"); f.FanOutQueued != 500 || f.FannedOut() {
			t.Fatalf("progress %+v", f)
		}
		// The owner dies; after its lease another owner resumes.
		db.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
		if got, err := db.ClaimFanOut(ctx, "b", time.Minute); err != nil || got.ID != "f1" {
			t.Fatalf("claim after the lease = %+v %v", got, err)
		}
		if err := db.FinishFanOut(ctx, "f1", "a", 1, 500); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("the dead owner finished a fan-out it lost: %v", err)
		}
		if err := db.FinishFanOut(ctx, "f1", "b", 1, 800); err != nil {
			t.Fatal(err)
		}
		if f, _ := db.FindOutage(ctx, "f1"); !f.FannedOut() || f.FanOutQueued != 800 {
			t.Fatalf("finished %+v", f)
		}
		if _, err := db.ClaimFanOut(ctx, "c", time.Minute); !vikno.IsNotFound(err) {
			t.Fatalf("a finished fan-out was claimed: %v", err)
		}
		o.Status = cases.OutageRestored
		if upd, err := db.SaveOutage(ctx, o); err != nil || upd.FannedOut() {
			t.Fatalf("a new version is fanned out already: %+v %v", upd, err)
		}
		if got, err := db.ClaimFanOut(ctx, "c", time.Minute); err != nil || got.Version != 2 {
			t.Fatalf("the new version's claim = %+v %v", got, err)
		}
	})
}
