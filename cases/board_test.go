package cases_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

func TestStatusChangeOnAStalePageIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	filed := f.mustFile(t, draft(7)).Appeal
	seen := filed.History[0].ID
	olena := cases.Actor{Kind: cases.ActorExecutor, Name: "staff:olena"}
	petro := cases.Actor{Kind: cases.ActorExecutor, Name: "staff:petro"}
	first, err := f.svc.ChangeStatus(ctx, filed.Number, cases.AppealChange{To: cases.AppealInProgress, By: olena, Seen: seen})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.ChangeStatus(ctx, filed.Number, cases.AppealChange{To: cases.AppealRejected, Comment: "Не наша зона", By: petro, Seen: seen})
	if vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("a change from a page opened before another's change = %v, want conflict", err)
	}
	again, err := f.svc.ChangeStatus(ctx, filed.Number, cases.AppealChange{To: cases.AppealInProgress, By: olena, Seen: seen})
	if err != nil || len(again.History) != 2 {
		t.Fatalf("the same executor's double click = %d events, %v; want the first change kept", len(again.History), err)
	}
	last, _ := first.LastEvent()
	done, err := f.svc.ChangeStatus(ctx, filed.Number, cases.AppealChange{To: cases.AppealDone, By: petro, Seen: last.ID})
	if err != nil || done.Status != cases.AppealDone {
		t.Fatalf("a change from the current page = %v, %v", done.Status, err)
	}
	if got := f.notices.statuses(); len(got) != 2 {
		t.Fatalf("notified %v, want the two changes made", got)
	}
}

func TestReassignHandsTheAppealToAnotherExecutor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	filed := f.mustFile(t, draft(7)).Appeal
	if filed.Executor != "teplomerezha" {
		t.Fatalf("filed to %q", filed.Executor)
	}
	if _, err := f.svc.Reassign(ctx, filed.Number, "teplomerezha", "nobody"); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("to an unknown executor = %v, want invalid", err)
	}
	got, err := f.svc.Reassign(ctx, filed.Number, "teplomerezha", "vodokanal")
	if err != nil || got.Executor != "vodokanal" || len(got.History) != 1 {
		t.Fatalf("Reassign = %q (%d events), %v", got.Executor, len(got.History), err)
	}
	if _, err := f.svc.Reassign(ctx, filed.Number, "teplomerezha", "zhytloservis"); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("from a stale executor = %v, want conflict", err)
	}
	if got, err := f.svc.Reassign(ctx, filed.Number, "teplomerezha", "vodokanal"); err != nil || got.Executor != "vodokanal" {
		t.Fatalf("repeating the same reassignment = %q, %v; want no error", got.Executor, err)
	}
	if _, err := f.svc.Reassign(ctx, "2026-999999", "vodokanal", "teplomerezha"); !vikno.IsNotFound(err) {
		t.Fatalf("an unknown appeal = %v, want not found", err)
	}
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "staff:olena"}
	if _, err := f.svc.ChangeStatus(ctx, filed.Number, cases.AppealChange{To: cases.AppealRejected, Comment: "Дубль", By: executor}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Reassign(ctx, filed.Number, "vodokanal", "teplomerezha"); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("reassigning a rejected appeal = %v, want conflict", err)
	}
}

func TestSetDistrictTakesOnlyTheCitysDistricts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.mustFile(t, draft(7)).Appeal.Number
	if _, err := f.svc.SetDistrict(ctx, n, "atlantis"); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("an unknown district = %v, want invalid", err)
	}
	got, err := f.svc.SetDistrict(ctx, n, "sykhivskyi")
	if err != nil || got.District != "sykhivskyi" {
		t.Fatalf("SetDistrict = %q, %v", got.District, err)
	}
	list, err := f.svc.List(ctx, cases.AppealFilter{District: "sykhivskyi"})
	if err != nil || len(list) != 1 {
		t.Fatalf("by district: %d, %v", len(list), err)
	}
	if got, err := f.svc.SetDistrict(ctx, n, ""); err != nil || got.District != "" {
		t.Fatalf("clearing the district = %q, %v", got.District, err)
	}
}
