package cases

import (
	"testing"
)

func TestEachScoreHasALevelOfItsOwnAndLowScoresStayLow(t *testing.T) {
	want := map[int]Satisfaction{1: VeryPoor, 2: Poor, 3: Fair, 4: Good, 5: Excellent}
	for score, level := range want {
		if got := SatisfactionOf(score); got != level {
			t.Errorf("SatisfactionOf(%d) = %s, want %s", score, got, level)
		}
		low := level == Fair || level == Poor || level == VeryPoor
		if low != (Rating{Score: score}).Low() {
			t.Errorf("score %d is %s but Low() = %v", score, level, !low)
		}
	}
}

func TestSummaryCountsScalesAndWeeks(t *testing.T) {
	counts := []ScoreCount{
		{LocationID: "b", Day: "2026-05-04", Score: 5, Count: 2}, // Monday
		{LocationID: "b", Day: "2026-05-10", Score: 1, Count: 1}, // Sunday, same week
		{LocationID: "a", Day: "2026-05-13", Score: 3, Count: 1},
		{LocationID: "a", Day: "2026-05-13", Score: 4, Count: 3},
	}
	s := summarize(counts, "", "2026-05-14")
	if s.Total.Count != 7 || s.Total.Level(Excellent) != 2 || s.Total.Level(Good) != 3 || s.Total.Level(Fair) != 1 ||
		s.Total.Level(Poor) != 0 || s.Total.Level(VeryPoor) != 1 || len(SatisfactionLevels()) != MaxScore {
		t.Fatalf("total = %+v", s.Total)
	}
	if got := s.Total.Average(); got < 3.71 || got > 3.72 { // 26 / 7
		t.Fatalf("average = %v", got)
	}
	if s.FirstWeek != "2026-05-04" || s.LastWeek != "2026-05-11" || len(s.ByLocation) != 2 || s.ByLocation[0].LocationID != "a" {
		t.Fatalf("summary = %+v", s)
	}
	b := s.ByLocation[1]
	if len(b.Weeks) != 2 || b.Weeks[0].Count != 3 || b.Weeks[0].Average() != 11.0/3 || b.Weeks[1].Count != 0 {
		t.Fatalf("weeks of b = %+v", b.Weeks)
	}
	if a := s.ByLocation[0]; a.Weeks[1].Monday != "2026-05-11" || a.Weeks[1].Count != 4 || a.Share(Good) != 0.75 {
		t.Fatalf("location a = %+v", a)
	}
	long := summarize([]ScoreCount{{LocationID: "a", Day: "2020-01-01", Score: 5, Count: 1}}, "", "2026-05-14")
	if len(long.ByLocation[0].Weeks) != MaxSummaryWeeks || long.ByLocation[0].Count != 1 {
		t.Fatalf("a summary of years charts %d weeks", len(long.ByLocation[0].Weeks))
	}
	if empty := summarize(nil, "", "2026-05-14"); empty.Total.Count != 0 || empty.FirstWeek != "" {
		t.Fatalf("empty summary = %+v", empty)
	}
}
