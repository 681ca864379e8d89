package cases_test

import (
	"context"
	"slices"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

func open311Draft() cases.AppealDraft {
	return cases.AppealDraft{
		Channel: cases.Open311, Category: "pothole", Description: "Яма на дорозі",
		Address: "вул. Городоцька, 100", By: cases.Actor{Kind: cases.ActorIntegration, Name: "open311:test"},
	}
}

func TestExecutorClosesAnOpen311AppealOnceDone(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.mustFile(t, open311Draft()).Appeal.Number
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "api:test"}
	if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealClosed, By: executor}); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("closing before done = %v, want conflict", err)
	}
	done, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealDone, Comment: "Яму залатано", By: executor})
	if err != nil {
		t.Fatal(err)
	}
	if got := done.AllowedMoves(cases.ActorExecutor); !slices.Equal(got, []cases.AppealStatus{cases.AppealClosed}) {
		t.Fatalf("executor moves from done = %v, want [closed]", got)
	}
	closed, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealClosed, By: executor})
	if err != nil || closed.Status != cases.AppealClosed || closed.ClosedAt.IsZero() || closed.Note != "Яму залатано" {
		t.Fatalf("closed = %+v, %v", closed, err)
	}
	if ev, _ := closed.LastEvent(); ev.Actor != executor || ev.From != cases.AppealDone {
		t.Fatalf("last event = %+v", ev)
	}
	if len(f.notices.statuses()) != 0 {
		t.Fatalf("an appeal without a resident notified %v", f.notices.statuses())
	}
}

func TestExecutorStillCannotCloseAResidentsAppeal(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.mustFile(t, draft(7)).Appeal.Number
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "api:test"}
	done, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealDone, By: executor})
	if err != nil {
		t.Fatal(err)
	}
	if got := done.AllowedMoves(cases.ActorExecutor); len(got) != 0 {
		t.Fatalf("executor moves from a resident's done appeal = %v, want none", got)
	}
	if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealClosed, By: executor}); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("executor closing a resident's appeal = %v, want invalid", err)
	}
}
