package cases_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
)

// An appeal whose resident never answers «Проблему вирішено?» does not wait
// for ever: once the wait is over, Vikno closes it and the resident is told.
func TestAnAppealLeftUnconfirmedIsClosedAfterTheWait(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "api:test"}
	silent := f.mustFile(t, draft(7)).Appeal.Number
	answered := f.mustFile(t, draft(8)).Appeal.Number
	late := f.mustFile(t, draft(9)).Appeal.Number
	inWork := f.mustFile(t, draft(10)).Appeal.Number
	for _, n := range []string{silent, answered} {
		if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealDone, Comment: "Відновили подачу", By: executor}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.ChangeStatus(ctx, inWork, cases.AppealChange{To: cases.AppealInProgress, By: executor}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Confirm(ctx, 8, answered, cases.ResolvedNo, "Вода ледь тепла"); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(10 * 24 * time.Hour)
	if _, err := f.svc.ChangeStatus(ctx, late, cases.AppealChange{To: cases.AppealDone, By: executor}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(5 * 24 * time.Hour)

	closed, err := f.svc.CloseUnconfirmed(ctx, 14*24*time.Hour)
	if err != nil || closed != 1 {
		t.Fatalf("CloseUnconfirmed = %d, %v; want the one appeal done 15 days ago", closed, err)
	}
	a, _ := f.svc.Find(ctx, silent)
	ev, _ := a.LastEvent()
	if a.Status != cases.AppealClosed || ev.Actor.Kind != cases.ActorSystem || a.Resolution != "" || a.Note != "Відновили подачу" {
		t.Fatalf("the silent resident's appeal = %s by %+v (resolution %q, note %q)", a.Status, ev.Actor, a.Resolution, a.Note)
	}
	for n, want := range map[string]cases.AppealStatus{answered: cases.AppealReopened, late: cases.AppealDone, inWork: cases.AppealInProgress} {
		if a, _ := f.svc.Find(ctx, n); a.Status != want {
			t.Errorf("appeal %s is %s, want %s", n, a.Status, want)
		}
	}
	if got := f.notices.statuses(); !slices.Contains(got, cases.AppealClosed) {
		t.Errorf("the resident was not told of the closing: %v", got)
	}
	if again, err := f.svc.CloseUnconfirmed(ctx, 14*24*time.Hour); err != nil || again != 0 {
		t.Fatalf("a second run closed %d, %v; want none", again, err)
	}
	// Nobody else may close a resident's appeal in its name.
	if _, err := f.svc.ChangeStatus(ctx, late, cases.AppealChange{To: cases.AppealReopened, Comment: "x",
		By: cases.Actor{Kind: cases.ActorSystem, Name: "vikno"}}); err == nil {
		t.Fatal("the system reopened an appeal")
	}
}
