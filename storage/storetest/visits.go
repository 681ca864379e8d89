package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// VisitBackend is what the visits suite needs of a store.
type VisitBackend interface {
	vikno.ResidentStore
	cases.VisitStore
}

// base is Tuesday 14 July 2026, 10:00 in Kyiv.
var base = time.Date(2026, 7, 14, 7, 0, 0, 0, time.UTC)

func resident(t *testing.T, s VisitBackend, ext string) int64 {
	t.Helper()
	r, err := s.EnsureResident(context.Background(), vikno.Telegram, ext, "uk")
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

var codeSeq struct {
	sync.Mutex
	n int
}

func nextCode() string {
	codeSeq.Lock()
	defer codeSeq.Unlock()
	codeSeq.n++
	return fmt.Sprintf("T%05d", codeSeq.n)
}

// booking returns a booking of service at loc from start for minutes.
func booking(residentID int64, loc, service string, start time.Time, minutes, capacity int) cases.Booking {
	return cases.Booking{
		Visit: cases.Visit{
			Code: nextCode(), ResidentID: residentID, LocationID: loc, ServiceID: service,
			Start: start, End: start.Add(time.Duration(minutes) * time.Minute), Name: "Олена Петренко",
			Phone: "+380671234567", CreatedAt: base, UpdatedAt: base,
		},
		Capacity: capacity, PerService: 1, Now: base,
	}
}

func mustBook(t *testing.T, s VisitBackend, b cases.Booking) cases.Visit {
	t.Helper()
	v, err := s.BookVisit(context.Background(), b)
	if err != nil {
		t.Fatalf("BookVisit(%s at %s): %v", b.Visit.ServiceID, b.Visit.Start.Format(time.Kitchen), err)
	}
	return v
}

// RunVisits runs the visits part of the suite against any VisitStore.
func RunVisits(t *testing.T, open func(t *testing.T) VisitBackend) {
	t.Run("BookTakesTheLowestFreeSeatAndCancelFreesItAtOnce", func(t *testing.T) { testSeats(t, open(t)) })
	t.Run("VisitsOfDifferentLengthsNeverOverlapOnASeat", func(t *testing.T) { testOverlap(t, open(t)) })
	t.Run("OneActiveBookingPerService", func(t *testing.T) { testPerService(t, open(t)) })
	t.Run("RescheduleIsAllOrNothing", func(t *testing.T) { testReschedule(t, open(t)) })
	t.Run("ConcurrentResidentsGetExactlyTheLastThreeSeats", func(t *testing.T) { testConcurrentSeats(t, open(t)) })
	t.Run("RemindersAreDueOnceAndHourHidesDay", func(t *testing.T) { testReminders(t, open(t)) })
	t.Run("ListsFindAndStatuses", func(t *testing.T) { testVisitLists(t, open(t)) })
	t.Run("SlotWatchesAreClaimedOnce", func(t *testing.T) { testWatches(t, open(t)) })
}

func testVisits(t *testing.T, open Opener) {
	RunVisits(t, func(t *testing.T) VisitBackend { return open(t) })
}

func testSeats(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b, c := resident(t, s, "a"), resident(t, s, "b"), resident(t, s, "c")
	start := base.Add(2 * time.Hour)
	va := mustBook(t, s, booking(a, "loc", "svc", start, 20, 2))
	vb := mustBook(t, s, booking(b, "loc", "svc", start, 20, 2))
	if va.Seat != 1 || vb.Seat != 2 || va.Status != cases.VisitBooked || va.ID == 0 || va.Code == "" {
		t.Fatalf("seats %d, %d; visit %+v", va.Seat, vb.Seat, va)
	}
	if !va.Start.Equal(start) || !va.End.Equal(start.Add(20*time.Minute)) || va.Name != "Олена Петренко" {
		t.Fatalf("visit read back as %+v", va)
	}
	if _, err := s.BookVisit(ctx, booking(c, "loc", "svc", start, 20, 2)); !errors.Is(err, cases.ErrSlotTaken) {
		t.Fatalf("third booking of a 2-seat slot: err = %v, want ErrSlotTaken", err)
	}
	uses, err := s.SeatUses(ctx, "loc", start, start.Add(time.Hour))
	if err != nil || len(uses) != 8 {
		t.Fatalf("SeatUses = %d rows, %v; want 2 seats × 4 units", len(uses), err)
	}
	got, err := s.CancelVisit(ctx, va.ID, cases.ByResident, "", base)
	if err != nil || got.Status != cases.VisitCancelled || got.CancelledBy != cases.ByResident {
		t.Fatalf("CancelVisit = %+v, %v", got, err)
	}
	if uses, _ := s.SeatUses(ctx, "loc", start, start.Add(time.Hour)); len(uses) != 4 {
		t.Fatalf("after cancel %d seat units in use, want 4", len(uses))
	}
	if vc := mustBook(t, s, booking(c, "loc", "svc", start, 20, 2)); vc.Seat != 1 {
		t.Fatalf("rebooking the freed seat got seat %d", vc.Seat)
	}
	if _, err := s.BookVisit(ctx, booking(a, "other-loc", "svc", start, 20, 1)); err != nil {
		t.Fatalf("another location is not affected: %v", err)
	}
}

func testOverlap(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b := resident(t, s, "a"), resident(t, s, "b")
	nine := base.Add(time.Hour)
	mustBook(t, s, booking(a, "loc", "long", nine, 30, 1))
	if _, err := s.BookVisit(ctx, booking(b, "loc", "short", nine.Add(20*time.Minute), 20, 1)); !errors.Is(err, cases.ErrSlotTaken) {
		t.Fatalf("a visit inside a 30-minute one: err = %v, want ErrSlotTaken", err)
	}
	if v := mustBook(t, s, booking(b, "loc", "short", nine.Add(30*time.Minute), 20, 1)); v.Seat != 1 {
		t.Fatalf("seat %d", v.Seat)
	}
}

func testPerService(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a := resident(t, s, "a")
	mustBook(t, s, booking(a, "loc", "id-card", base.Add(time.Hour), 20, 3))
	_, err := s.BookVisit(ctx, booking(a, "loc2", "id-card", base.Add(48*time.Hour), 20, 3))
	if !errors.Is(err, cases.ErrAlreadyBooked) || vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("second booking of a service: err = %v, want ErrAlreadyBooked", err)
	}
	family := booking(a, "loc2", "id-card", base.Add(48*time.Hour), 20, 3) // the same service for another person
	family.Visit.Name, family.Visit.Phone = "Ганна Петренко", "+380501112233"
	mustBook(t, s, family)
	mustBook(t, s, booking(a, "loc", "subsidy", base.Add(time.Hour), 20, 3))
	unlimited := booking(a, "loc2", "id-card", base.Add(48*time.Hour), 20, 3)
	unlimited.PerService = 0
	mustBook(t, s, unlimited)
	mustBook(t, s, booking(a, "loc", "passport", base.Add(-time.Hour), 20, 3)) // a past visit...
	next := booking(a, "loc", "passport", base.Add(3*time.Hour), 20, 3)        // ...does not count
	mustBook(t, s, next)
	if _, err := s.BookVisit(ctx, booking(999999, "loc", "x", base.Add(time.Hour), 20, 3)); !vikno.IsNotFound(err) {
		t.Fatalf("unknown resident: err = %v, want not found", err)
	}
	dup := booking(resident(t, s, "b"), "loc", "y", base.Add(5*time.Hour), 20, 3)
	mustBook(t, s, dup)
	dup.Visit.ResidentID = resident(t, s, "c")
	if _, err := s.BookVisit(ctx, dup); !errors.Is(err, cases.ErrCodeTaken) {
		t.Fatalf("a code in use: err = %v, want ErrCodeTaken", err)
	}
}

func testReschedule(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b := resident(t, s, "a"), resident(t, s, "b")
	old := mustBook(t, s, booking(a, "loc", "id-card", base.Add(time.Hour), 20, 1))
	full := base.Add(2 * time.Hour)
	mustBook(t, s, booking(b, "loc", "id-card", full, 20, 1))
	if _, err := s.RescheduleVisit(ctx, old.ID, booking(a, "loc", "id-card", full, 20, 1)); !errors.Is(err, cases.ErrSlotTaken) {
		t.Fatalf("moving to a full slot: err = %v, want ErrSlotTaken", err)
	}
	if v, _ := s.FindVisit(ctx, old.ID); v.Status != cases.VisitBooked {
		t.Fatalf("after a failed move the old visit is %s, want booked", v.Status)
	}
	moved, err := s.RescheduleVisit(ctx, old.ID, booking(a, "loc", "id-card", base.Add(3*time.Hour), 20, 1))
	if err != nil || moved.ID == old.ID || moved.Seat != 1 {
		t.Fatalf("RescheduleVisit = %+v, %v", moved, err)
	}
	if v, _ := s.FindVisit(ctx, old.ID); v.Status != cases.VisitCancelled {
		t.Fatalf("after a move the old visit is %s, want cancelled", v.Status)
	}
	if _, err := s.RescheduleVisit(ctx, moved.ID, booking(b, "loc", "id-card", base.Add(4*time.Hour), 20, 1)); !vikno.IsNotFound(err) {
		t.Fatalf("moving another resident's visit: err = %v, want not found", err)
	}
	if _, err := s.RescheduleVisit(ctx, old.ID, booking(a, "loc", "id-card", base.Add(4*time.Hour), 20, 1)); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("moving a cancelled visit: err = %v, want ErrNotCancellable", err)
	}
}

// testConcurrentSeats: 200 residents press the same time when 3 of its 5
// seats are left.
func testConcurrentSeats(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	const capacity, taken, n = 5, 2, 200
	start := base.Add(4 * time.Hour)
	for i := range taken {
		mustBook(t, s, booking(resident(t, s, fmt.Sprint("early-", i)), "loc", "svc", start, 20, capacity))
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = resident(t, s, fmt.Sprint("r-", i))
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	began := time.Now()
	gate := make(chan struct{})
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			_, errs[i] = s.BookVisit(ctx, booking(ids[i], "loc", "svc", start, 20, capacity))
		}()
	}
	close(gate)
	wg.Wait()
	t.Logf("%d concurrent bookings of the last %d seats took %v", n, capacity-taken, time.Since(began))
	booked, conflicts := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			booked++
		case errors.Is(err, cases.ErrSlotTaken):
			conflicts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if booked != capacity-taken || conflicts != n-booked {
		t.Fatalf("%d booked, %d ErrSlotTaken; want %d and %d", booked, conflicts, capacity-taken, n-capacity+taken)
	}
	visits, err := s.LocationVisits(ctx, "loc", start, start.Add(time.Minute))
	if err != nil || len(visits) != capacity {
		t.Fatalf("LocationVisits = %d, %v; want %d", len(visits), err, capacity)
	}
	for i, v := range visits {
		if v.Seat != i+1 {
			t.Fatalf("seats %v: each of 1..%d exactly once", seatsOf(visits), capacity)
		}
	}
}

func seatsOf(vs []cases.Visit) []int {
	out := make([]int, len(vs))
	for i, v := range vs {
		out[i] = v.Seat
	}
	return out
}

func testReminders(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b := resident(t, s, "a"), resident(t, s, "b")
	tomorrow := base.Add(24 * time.Hour)
	bk := booking(a, "loc", "svc", tomorrow, 20, 2)
	bk.Visit.RemindDayAt = base.Add(8 * time.Hour)
	bk.Visit.RemindHourAt = tomorrow.Add(-time.Hour)
	v := mustBook(t, s, bk)
	if !v.RemindDayAt.Equal(bk.Visit.RemindDayAt) || !v.RemindHourAt.Equal(bk.Visit.RemindHourAt) {
		t.Fatalf("reminder times read back as %v, %v", v.RemindDayAt, v.RemindHourAt)
	}
	none := booking(b, "loc", "svc", tomorrow, 20, 2) // booked too late for reminders
	mustBook(t, s, none)

	due := mustDue(t, s, base.Add(7*time.Hour))
	if len(due) != 0 {
		t.Fatalf("due before the evening: %+v", due)
	}
	due = mustDue(t, s, base.Add(9*time.Hour))
	if len(due) != 1 || due[0].Kind != cases.RemindDay || due[0].Visit.ID != v.ID || due[0].Visit.Phone == "" {
		t.Fatalf("due in the evening = %+v", due)
	}
	if ok, err := s.ClaimReminder(ctx, v.ID, cases.RemindDay, base); !ok || err != nil {
		t.Fatalf("first claim = %v, %v", ok, err)
	}
	if ok, _ := s.ClaimReminder(ctx, v.ID, cases.RemindDay, base); ok {
		t.Fatal("a reminder was claimed twice")
	}
	if due = mustDue(t, s, base.Add(10*time.Hour)); len(due) != 0 {
		t.Fatalf("a sent reminder is due again: %+v", due)
	}
	due = mustDue(t, s, tomorrow.Add(-30*time.Minute))
	if len(due) != 1 || due[0].Kind != cases.RemindHour {
		t.Fatalf("due an hour before = %+v", due)
	}
	if due = mustDue(t, s, tomorrow.Add(time.Minute)); len(due) != 0 {
		t.Fatalf("reminders of a started visit: %+v", due)
	}
	// A missed evening reminder is not sent once the hour reminder is due.
	c := resident(t, s, "c")
	late := booking(c, "loc", "svc2", tomorrow.Add(time.Hour), 20, 2)
	late.Visit.RemindDayAt, late.Visit.RemindHourAt = base.Add(8*time.Hour), tomorrow
	lv := mustBook(t, s, late)
	due = mustDue(t, s, tomorrow.Add(5*time.Minute))
	if len(due) != 1 || due[0].Kind != cases.RemindHour || due[0].Visit.ID != lv.ID {
		t.Fatalf("missed evening + hour due = %+v, want only the hour reminder", due)
	}
	if _, err := s.CancelVisit(ctx, lv.ID, cases.ByResident, "", base); err != nil {
		t.Fatal(err)
	}
	if due = mustDue(t, s, tomorrow.Add(5*time.Minute)); len(due) != 0 {
		t.Fatalf("reminders of a cancelled visit: %+v", due)
	}
	if _, err := s.ClaimReminder(ctx, v.ID, "week", base); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("unknown kind: err = %v", err)
	}
}

func mustDue(t *testing.T, s VisitBackend, now time.Time) []cases.Reminder {
	t.Helper()
	due, err := s.DueReminders(context.Background(), now, 100)
	if err != nil {
		t.Fatal(err)
	}
	return due
}

func testVisitLists(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b := resident(t, s, "a"), resident(t, s, "b")
	if _, err := s.LatestVisit(ctx, a); !vikno.IsNotFound(err) {
		t.Fatalf("LatestVisit without visits: err = %v", err)
	}
	past := mustBook(t, s, booking(a, "loc", "s0", base.Add(-2*time.Hour), 20, 2))
	later := mustBook(t, s, booking(a, "loc", "s1", base.Add(26*time.Hour), 20, 2))
	sooner := mustBook(t, s, booking(a, "loc", "s2", base.Add(2*time.Hour), 20, 2))
	gone := mustBook(t, s, booking(a, "loc", "s3", base.Add(3*time.Hour), 20, 2))
	mustBook(t, s, booking(b, "loc", "s1", base.Add(2*time.Hour), 20, 2))
	if _, err := s.CancelVisit(ctx, gone.ID, cases.ByStaff, "Вікно на ремонті", base); err != nil {
		t.Fatal(err)
	}
	list, err := s.ResidentVisits(ctx, a, base)
	if err != nil || len(list) != 2 || list[0].ID != sooner.ID || list[1].ID != later.ID {
		t.Fatalf("ResidentVisits = %+v, %v; want sooner then later", list, err)
	}
	if _, err := s.MarkVisit(ctx, past.ID, cases.VisitAttended, base); err != nil {
		t.Fatal(err)
	}
	if got, err := s.AttendedVisits(ctx, a, base.Add(-24*time.Hour), 5); err != nil || len(got) != 1 || got[0].ID != past.ID {
		t.Fatalf("AttendedVisits = %+v, %v; want the past visit", got, err)
	}
	if got, err := s.AttendedVisits(ctx, a, base, 5); err != nil || len(got) != 0 {
		t.Fatalf("AttendedVisits since after it = %+v, %v; want none", got, err)
	}
	day, err := s.LocationVisits(ctx, "loc", base, base.Add(24*time.Hour))
	if err != nil || len(day) != 3 || day[0].Start.After(day[2].Start) {
		t.Fatalf("LocationVisits = %+v, %v; want 3 of the day incl. the cancelled one", day, err)
	}
	latest, err := s.LatestVisit(ctx, a)
	if err != nil || latest.ID != gone.ID || latest.CancelReason != "Вікно на ремонті" || latest.CancelledBy != cases.ByStaff {
		t.Fatalf("LatestVisit = %+v, %v", latest, err)
	}
	if _, err := s.CancelVisit(ctx, gone.ID, cases.ByResident, "", base); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("cancelling twice: err = %v", err)
	}
	if m, err := s.MarkVisit(ctx, past.ID, cases.VisitAttended, base); err != nil || m.Status != cases.VisitAttended {
		t.Fatalf("MarkVisit = %+v, %v", m, err)
	}
	if m, err := s.MarkVisit(ctx, past.ID, cases.VisitNoShow, base); err != nil || m.Status != cases.VisitNoShow {
		t.Fatalf("correcting a mark = %+v, %v", m, err)
	}
	if _, err := s.MarkVisit(ctx, gone.ID, cases.VisitAttended, base); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("marking a cancelled visit: err = %v", err)
	}
	if _, err := s.FindVisit(ctx, 999999); !vikno.IsNotFound(err) {
		t.Fatalf("FindVisit(unknown): err = %v", err)
	}
	if _, err := s.CancelVisit(ctx, 999999, cases.ByStaff, "x", base); !vikno.IsNotFound(err) {
		t.Fatalf("CancelVisit(unknown): err = %v", err)
	}
	if _, err := s.MarkVisit(ctx, 999999, cases.VisitAttended, base); !vikno.IsNotFound(err) {
		t.Fatalf("MarkVisit(unknown): err = %v", err)
	}
}

func testWatches(t *testing.T, s VisitBackend) {
	ctx := context.Background()
	a, b := resident(t, s, "a"), resident(t, s, "b")
	w := cases.SlotWatch{ResidentID: a, LocationID: "loc", ServiceID: "svc", Day: "2026-07-15", CreatedAt: base}
	first, err := s.WatchSlots(ctx, w)
	if err != nil || first.ID == 0 || first.Day != "2026-07-15" || !first.NotifiedAt.IsZero() {
		t.Fatalf("WatchSlots = %+v, %v", first, err)
	}
	again, err := s.WatchSlots(ctx, w)
	if err != nil || again.ID != first.ID {
		t.Fatalf("watching twice = %+v, %v; want the same watch", again, err)
	}
	w.ResidentID = b
	if _, err := s.WatchSlots(ctx, w); err != nil {
		t.Fatal(err)
	}
	list, err := s.SlotWatches(ctx, "loc", "2026-07-15")
	if err != nil || len(list) != 2 || list[0].ResidentID != a {
		t.Fatalf("SlotWatches = %+v, %v", list, err)
	}
	if ok, err := s.ClaimSlotWatch(ctx, first.ID, base); !ok || err != nil {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	if ok, _ := s.ClaimSlotWatch(ctx, first.ID, base); ok {
		t.Fatal("a watch was claimed twice")
	}
	if list, _ := s.SlotWatches(ctx, "loc", "2026-07-15"); len(list) != 1 {
		t.Fatalf("after a claim %d watches wait, want 1", len(list))
	}
	got, err := s.FindSlotWatch(ctx, first.ID)
	if err != nil || got.NotifiedAt.IsZero() || got.ServiceID != "svc" {
		t.Fatalf("FindSlotWatch = %+v, %v", got, err)
	}
	w.ResidentID = a
	if renewed, _ := s.WatchSlots(ctx, w); !renewed.NotifiedAt.IsZero() {
		t.Fatal("watching again does not renew a notified watch")
	}
	if _, err := s.FindSlotWatch(ctx, 999999); !vikno.IsNotFound(err) {
		t.Fatalf("FindSlotWatch(unknown): err = %v", err)
	}
}
