package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/storage/memory"
)

func newVisitQueue(t *testing.T, now *time.Time) *cases.Queue {
	return &cases.Queue{City: visitCity(t), KV: memory.New(), Now: func() time.Time { return *now }}
}

func TestQueueRejectsNegativeAndImplausibleFigures(t *testing.T) {
	now := kyivJuly(t, 14, 10, 0)
	q := newVisitQueue(t, &now)
	tests := []struct {
		name string
		r    cases.QueueReport
		code string
	}{
		{"UnknownLocation", cases.QueueReport{LocationID: "nowhere"}, vikno.ENOTFOUND},
		{"NegativeWaiting", cases.QueueReport{LocationID: "cnap-center", Waiting: -1}, vikno.EINVALID},
		{"AbsurdWaiting", cases.QueueReport{LocationID: "cnap-center", Waiting: 100000}, vikno.EINVALID},
		{"MoreWindowsThanTheHallHas", cases.QueueReport{LocationID: "cnap-shevchenka", WindowsOpen: 9}, vikno.EINVALID},
		{"NegativeWindows", cases.QueueReport{LocationID: "cnap-center", WindowsOpen: -2}, vikno.EINVALID},
		{"AbsurdServiceTime", cases.QueueReport{LocationID: "cnap-center", AvgServiceMinutes: 1000}, vikno.EINVALID},
		{"Valid", cases.QueueReport{LocationID: "cnap-center", Waiting: 5, WindowsOpen: 3, AvgServiceMinutes: 12}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := q.Set(context.Background(), tt.r)
			if got := vikno.ErrorCode(err); got != tt.code {
				t.Fatalf("Set: err = %v, want code %q", err, tt.code)
			}
		})
	}
}

func TestQueueBoardIsSortedByWaitAndMarksStaleAndClosed(t *testing.T) {
	ctx := context.Background()
	now := kyivJuly(t, 14, 10, 0)
	q := newVisitQueue(t, &now)
	set := func(loc string, waiting, windows int) {
		if _, err := q.Set(ctx, cases.QueueReport{LocationID: loc, Waiting: waiting, WindowsOpen: windows, AvgServiceMinutes: 12}); err != nil {
			t.Fatal(err)
		}
	}
	now = kyivJuly(t, 14, 9, 20)
	set("cnap-sykhiv", 2, 5) // 40 minutes old at 10:00: stale
	now = kyivJuly(t, 14, 9, 57)
	set("cnap-center", 5, 3)     // ≈ 20 min
	set("cnap-chuprynky", 12, 2) // ≈ 75 min
	set("cnap-zashkiv", 3, 1)    // closed on Tuesdays
	now = kyivJuly(t, 14, 10, 0)
	board, err := q.Board(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(board) != len(q.City.Locations) {
		t.Fatalf("%d locations on the board, want all %d", len(board), len(q.City.Locations))
	}
	first, second := board[0], board[1]
	if first.Location.ID != "cnap-center" || first.WaitMinutes != 20 || first.Age != 3*time.Minute || first.Stale {
		t.Fatalf("first = %+v, want cnap-center ≈ 20 min, 3 min old", first)
	}
	if second.Location.ID != "cnap-chuprynky" || second.WaitMinutes != 75 {
		t.Fatalf("second = %s ≈ %d", second.Location.ID, second.WaitMinutes)
	}
	byID := map[string]cases.QueueStatus{}
	for _, s := range board {
		byID[s.Location.ID] = s
	}
	if s := byID["cnap-sykhiv"]; !s.Stale || s.WaitMinutes != -1 || s.Age != 40*time.Minute {
		t.Fatalf("sykhiv = %+v, want stale, 40 min old, no estimate", s)
	}
	if s := byID["cnap-zashkiv"]; s.Open || !s.Next.Equal(kyivJuly(t, 15, 9, 0)) {
		t.Fatalf("zashkiv = %+v, want closed until Wednesday 09:00", s)
	}
	if s := byID["cnap-khvylovoho"]; s.HasData || !s.Open {
		t.Fatalf("khvylovoho = %+v, want open without data", s)
	}
	last := board[len(board)-1]
	if last.Open {
		t.Fatalf("the last entry %s is open; closed locations come last", last.Location.ID)
	}
}
