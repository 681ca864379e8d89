package dialogtest_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// These mirror the resident part of storage/storetest, so that engine tests on
// the fake mean what they would mean on a real database.

func TestResidentsEnsureCreatesOnceAndKeepsLocale(t *testing.T) {
	ctx := context.Background()
	s := &dialogtest.Residents{}
	a, err := s.EnsureResident(ctx, vikno.Telegram, "100", "uk")
	if err != nil || a.ID == 0 || a.Channel != vikno.Telegram || a.ExternalID != "100" || a.Locale != "uk" || a.CreatedAt.IsZero() {
		t.Fatalf("created %+v, %v", a, err)
	}
	b, err := s.EnsureResident(ctx, vikno.Telegram, "100", "en")
	if err != nil || b.ID != a.ID || b.Locale != "uk" {
		t.Fatalf("second ensure = %+v, %v; want id %d with locale kept", b, err, a.ID)
	}
	c, err := s.EnsureResident(ctx, vikno.Viber, "100", "en")
	if err != nil || c.ID == a.ID {
		t.Fatalf("same id in another channel must be another resident: %+v, %v", c, err)
	}
}

func TestResidentsConcurrentEnsureGivesOneResident(t *testing.T) {
	s := &dialogtest.Residents{}
	ids := make([]int64, 20)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			r, err := s.EnsureResident(context.Background(), vikno.Web, "same", "uk")
			if err != nil {
				t.Error(err)
			}
			ids[i] = r.ID
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] || id == 0 {
			t.Fatalf("ids = %v, want all equal", ids)
		}
	}
}

func TestResidentsLocaleAndUnreachableAreSaved(t *testing.T) {
	ctx := context.Background()
	s := &dialogtest.Residents{}
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
	again, _ := s.EnsureResident(ctx, vikno.Telegram, "7", "uk")
	if again.Locale != "en" {
		t.Fatalf("EnsureResident after SetResidentLocale = %+v, want locale en", again)
	}
}

func TestResidentsUnknownResidentIsNotFound(t *testing.T) {
	ctx := context.Background()
	s := &dialogtest.Residents{}
	if _, err := s.FindResident(ctx, 42); !vikno.IsNotFound(err) {
		t.Errorf("FindResident err = %v, want not found", err)
	}
	if err := s.SetResidentLocale(ctx, 42, "en"); !vikno.IsNotFound(err) {
		t.Errorf("SetResidentLocale err = %v, want not found", err)
	}
	if err := s.SetResidentUnreachable(ctx, 42, true); !vikno.IsNotFound(err) {
		t.Errorf("SetResidentUnreachable err = %v, want not found", err)
	}
}

func TestResidentsErrIsReturnedByEveryMethod(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	s := &dialogtest.Residents{}
	r, err := s.EnsureResident(ctx, vikno.Web, "1", "uk")
	if err != nil {
		t.Fatal(err)
	}
	s.Err = boom
	if _, err := s.EnsureResident(ctx, vikno.Web, "1", "uk"); !errors.Is(err, boom) {
		t.Errorf("EnsureResident err = %v", err)
	}
	if _, err := s.FindResident(ctx, r.ID); !errors.Is(err, boom) {
		t.Errorf("FindResident err = %v", err)
	}
	if err := s.SetResidentLocale(ctx, r.ID, "en"); !errors.Is(err, boom) {
		t.Errorf("SetResidentLocale err = %v", err)
	}
	if err := s.SetResidentUnreachable(ctx, r.ID, true); !errors.Is(err, boom) {
		t.Errorf("SetResidentUnreachable err = %v", err)
	}
}
