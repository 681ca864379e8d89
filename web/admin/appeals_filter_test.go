package admin

import (
	"fmt"
	"testing"
	"time"

	"github.com/vikno-city/vikno/staff"
)

func TestBoardQueryKeepsAnExecutorInItsCategories(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	exec := staff.User{ID: 2, Role: staff.RoleExecutor, Categories: []string{"no-hot-water", "pothole"}}
	admin := staff.User{ID: 1, Role: staff.RoleAdmin}
	for _, tc := range []struct {
		name string
		u    staff.User
		q    boardQuery
		ok   bool
		want string // categories, statuses, due before, order
	}{
		{"ExecutorGetsItsCategories", exec, boardQuery{}, true, "[no-hot-water pothole] [] false 0"},
		{"ExecutorOneOfItsCategories", exec, boardQuery{Category: "pothole"}, true, "[pothole] [] false 0"},
		{"ExecutorAnotherCategoryMatchesNothing", exec, boardQuery{Category: "lift-broken"}, false, ""},
		{"ExecutorWithoutCategoriesMatchesNothing", staff.User{ID: 3, Role: staff.RoleExecutor}, boardQuery{}, false, ""},
		{"AdminEverything", admin, boardQuery{}, true, "[] [] false 0"},
		{"OpenStatuses", admin, boardQuery{Status: "open"}, true, "[] [registered in_progress done reopened] false 0"},
		{"OverdueAreWorkStatusesDueFirst", admin, boardQuery{Overdue: true}, true, "[] [registered in_progress reopened] true 1"},
		{"OverdueOfAChosenStatus", admin, boardQuery{Status: "in_progress", Overdue: true}, true, "[] [in_progress] true 1"},
		{"OverdueClosedMatchesNothing", admin, boardQuery{Status: "closed", Overdue: true}, false, ""},
		{"UnknownStatusIsIgnored", admin, boardQuery{Status: "bogus"}, true, "[] [] false 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := tc.q.filter(tc.u, now)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			got := fmt.Sprintf("%v %v %v %d", f.Categories, f.Statuses, f.DueBefore.Equal(now), f.Order)
			if got != tc.want {
				t.Fatalf("filter = %s, want %s", got, tc.want)
			}
		})
	}
}
