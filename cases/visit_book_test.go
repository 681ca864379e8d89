package cases_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/visitstest"
)

// visitNotices records what the service asked to send.
type visitNotices struct {
	mu  sync.Mutex
	got []cases.VisitNotice
	to  []int64
}

func (n *visitNotices) Notify(_ context.Context, residentID int64, v cases.VisitNotice) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got, n.to = append(n.got, v), append(n.to, residentID)
	return nil
}

type visitFixture struct {
	v       *cases.Visits
	store   *visitstest.Store
	notices *visitNotices
	now     time.Time
}

// newVisits returns the booking service on the demo city at Tuesday 14 July
// 2026, 10:00 Kyiv time.
func newVisits(t *testing.T) *visitFixture {
	f := &visitFixture{store: &visitstest.Store{}, notices: &visitNotices{}, now: kyivJuly(t, 14, 10, 0)}
	f.v = &cases.Visits{City: visitCity(t), Store: f.store, Notifier: f.notices, Rules: cases.DefaultVisitRules(),
		Now: func() time.Time { return f.now }}
	return f
}

func (f *visitFixture) resident(t *testing.T, ext string) int64 {
	r, err := f.store.EnsureResident(context.Background(), vikno.Telegram, ext, "uk")
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func (f *visitFixture) request(id int64, loc, svc string, start time.Time) cases.BookRequest {
	return cases.BookRequest{ResidentID: id, LocationID: loc, ServiceID: svc, Start: start, Name: "Олена", Phone: "067 123 45 67"}
}

func TestBookRefusesTimesThatAreNotBookable(t *testing.T) {
	f := newVisits(t)
	r := f.resident(t, "a")
	tests := []struct {
		name     string
		loc, svc string
		start    time.Time
		want     error
	}{
		{"Past", "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 9, 40), cases.ErrNoSuchSlot},
		{"Now", "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 10, 0), cases.ErrNoSuchSlot},
		{"InTheBreak", "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 13, 20), cases.ErrNoSuchSlot},
		{"OffTheGrid", "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 10, 25), cases.ErrNoSuchSlot},
		{"Closure", "cnap-lysynychi", "residence-extract", kyivJuly(t, 16, 10, 0), cases.ErrNoSuchSlot},
		{"BeyondTheHorizon", "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 10, 20).AddDate(0, 1, 0), cases.ErrNoSuchSlot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.v.Book(context.Background(), f.request(r, tt.loc, tt.svc, tt.start))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	notOffered := f.request(r, "cnap-zashkiv", "id-card", kyivJuly(t, 15, 10, 0))
	if _, err := f.v.Book(context.Background(), notOffered); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("a service the location does not offer: err = %v", err)
	}
	badPhone := f.request(r, "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 10, 20))
	badPhone.Phone = "+48 600"
	if _, err := f.v.Book(context.Background(), badPhone); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("a phone too short: err = %v", err)
	}
}

func TestBookSetsRemindersAndNormalisesThePhone(t *testing.T) {
	f := newVisits(t)
	r := f.resident(t, "a")
	v, err := f.v.Book(context.Background(), f.request(r, "cnap-vyhovskoho", "id-card", kyivJuly(t, 15, 9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if v.Phone != "+380671234567" || len(v.Code) != 6 || !v.End.Equal(kyivJuly(t, 15, 9, 20)) {
		t.Fatalf("visit %+v", v)
	}
	if !v.RemindDayAt.Equal(kyivJuly(t, 14, 18, 0)) || !v.RemindHourAt.Equal(kyivJuly(t, 15, 8, 0)) {
		t.Fatalf("reminders at %v and %v, want 18:00 the day before and 08:00", v.RemindDayAt, v.RemindHourAt)
	}
	today, err := f.v.Book(context.Background(), f.request(r, "cnap-vyhovskoho", "subsidy", kyivJuly(t, 14, 10, 40)))
	if err != nil {
		t.Fatal(err)
	}
	if !today.RemindDayAt.IsZero() || !today.RemindHourAt.IsZero() {
		t.Fatalf("a visit booked 40 minutes ahead has reminders %v, %v", today.RemindDayAt, today.RemindHourAt)
	}
}

func TestRemindersAreSentOnceAtTheirTime(t *testing.T) {
	f := newVisits(t)
	r := f.resident(t, "a")
	if _, err := f.v.Book(context.Background(), f.request(r, "cnap-vyhovskoho", "id-card", kyivJuly(t, 15, 9, 0))); err != nil {
		t.Fatal(err)
	}
	send := func() int {
		n, err := f.v.SendReminders(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := send(); n != 0 {
		t.Fatalf("%d reminders at 10:00 the day before", n)
	}
	f.now = kyivJuly(t, 14, 18, 1)
	if n := send(); n != 1 || f.notices.got[0].Kind != cases.NoticeRemindDay {
		t.Fatalf("evening: %d sent, visitNotices %+v", n, f.notices.got)
	}
	if n := send(); n != 0 {
		t.Fatalf("the evening reminder was sent again (%d)", n)
	}
	f.now = kyivJuly(t, 15, 8, 0)
	if n := send(); n != 1 || f.notices.got[1].Kind != cases.NoticeRemindHour || f.notices.to[1] != r {
		t.Fatalf("an hour before: %d sent, visitNotices %+v", n, f.notices.got)
	}
}

func TestCancelFreesTheSlotAndTellsTheWatchers(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	l, s := "cnap-dubliany", "residence-extract" // one booking window
	day := kyivJuly(t, 15, 0, 0)
	slots, err := f.v.Slots(ctx, l, s, day)
	if err != nil || len(slots) == 0 {
		t.Fatalf("Slots = %v, %v", slots, err)
	}
	var mine cases.Visit
	for i, sl := range slots { // fill the whole day
		v, err := f.v.Book(ctx, f.request(f.resident(t, "filler"+sl.Start.Format("1504")), l, s, sl.Start))
		if err != nil {
			t.Fatalf("booking %d: %v", i, err)
		}
		if i == 3 {
			mine = v
		}
	}
	days, _ := f.v.Days(ctx, l, s)
	if days[1].Free != 0 || days[1].Day.Format(cases.DateLayout) != "2026-07-15" {
		t.Fatalf("day 2 = %+v, want 15 July full", days[1])
	}
	waiter := f.resident(t, "waiter")
	if _, err := f.v.Watch(ctx, waiter, l, s, "2026-07-15"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Cancel(ctx, waiter, mine.ID); !vikno.IsNotFound(err) {
		t.Fatalf("cancelling someone else's visit: err = %v", err)
	}
	if _, err := f.v.Cancel(ctx, mine.ResidentID, mine.ID); err != nil {
		t.Fatal(err)
	}
	free, _ := f.v.Slots(ctx, l, s, day)
	if len(free) != 1 || !free[0].Start.Equal(mine.Start) {
		t.Fatalf("free after cancel = %+v, want just the cancelled time", free)
	}
	if len(f.notices.got) != 1 || f.notices.got[0].Kind != cases.NoticeSlotFreed || f.notices.to[0] != waiter {
		t.Fatalf("visitNotices = %+v to %v", f.notices.got, f.notices.to)
	}
	if _, err := f.v.Cancel(ctx, mine.ResidentID, mine.ID); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("cancelling twice: err = %v", err)
	}
}

func TestCancelOnlyUntilTheStart(t *testing.T) {
	f := newVisits(t)
	r := f.resident(t, "a")
	v, err := f.v.Book(context.Background(), f.request(r, "cnap-vyhovskoho", "id-card", kyivJuly(t, 14, 10, 20)))
	if err != nil {
		t.Fatal(err)
	}
	f.now = kyivJuly(t, 14, 10, 20)
	if _, err := f.v.Cancel(context.Background(), r, v.ID); !errors.Is(err, cases.ErrStarted) {
		t.Fatalf("cancel at the start: err = %v, want ErrStarted", err)
	}
}

func TestRescheduleKeepsTheOldVisitWhenTheNewTimeIsTaken(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	a, b := f.resident(t, "a"), f.resident(t, "b")
	l, s := "cnap-dubliany", "id-card"
	old, err := f.v.Book(ctx, f.request(a, l, s, kyivJuly(t, 16, 9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Book(ctx, f.request(b, l, s, kyivJuly(t, 16, 9, 20))); err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Reschedule(ctx, old.ID, f.request(a, l, s, kyivJuly(t, 16, 9, 20))); !errors.Is(err, cases.ErrSlotTaken) {
		t.Fatalf("moving to a taken time: err = %v", err)
	}
	moved, err := f.v.Reschedule(ctx, old.ID, f.request(a, l, s, kyivJuly(t, 16, 9, 40)))
	if err != nil || !moved.Start.Equal(kyivJuly(t, 16, 9, 40)) {
		t.Fatalf("Reschedule = %+v, %v", moved, err)
	}
	list, _ := f.v.Upcoming(ctx, a)
	if len(list) != 1 || list[0].ID != moved.ID {
		t.Fatalf("upcoming after a move = %+v", list)
	}
}

func TestNearestOffersTheClosestFreeTimes(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	l, s := "cnap-dubliany", "id-card"
	want := kyivJuly(t, 16, 10, 0)
	if _, err := f.v.Book(ctx, f.request(f.resident(t, "a"), l, s, want)); err != nil {
		t.Fatal(err)
	}
	near, err := f.v.Nearest(ctx, l, s, want, 4)
	if err != nil || len(near) != 4 {
		t.Fatalf("Nearest = %v, %v", near, err)
	}
	if got := visitClocks([]time.Time{near[0].Start, near[1].Start, near[2].Start, near[3].Start}); got[0] != "09:20" || got[3] != "10:40" {
		t.Fatalf("nearest = %v, want 09:20 09:40 10:20 10:40", got)
	}
}

func TestStaffCancelTellsTheResidentWhy(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	r := f.resident(t, "a")
	v, err := f.v.Book(ctx, f.request(r, "cnap-vyhovskoho", "id-card", kyivJuly(t, 15, 9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.StaffCancel(ctx, v.ID, "  "); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("without a reason: err = %v", err)
	}
	got, err := f.v.StaffCancel(ctx, v.ID, "Технічна перерва в реєстрах")
	if err != nil || got.CancelledBy != cases.ByStaff {
		t.Fatalf("StaffCancel = %+v, %v", got, err)
	}
	if len(f.notices.got) != 1 || f.notices.got[0].Kind != cases.NoticeStaffCancel || f.notices.got[0].Reason == "" {
		t.Fatalf("visitNotices %+v", f.notices.got)
	}
	if _, err := f.v.Mark(ctx, v.ID, cases.VisitAttended); !errors.Is(err, cases.ErrNotCancellable) {
		t.Fatalf("marking a cancelled visit: err = %v", err)
	}
}

func TestCleanPersonName(t *testing.T) {
	for in, want := range map[string]string{
		"  Олена   Петренко ": "Олена Петренко",
		"Мар'яна":             "Мар'яна",
		"Ян":                  "Ян",
		"Я":                   "",
		"12345":               "",
		"<script>":            "",
	} {
		if got, ok := cases.CleanPersonName(in); got != want || ok != (want != "") {
			t.Errorf("CleanPersonName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// cancelInTx is a CancelNotices over the fixture's store that records the
// notice it would save with the cancellation.
type cancelInTx struct {
	store  cases.VisitStore
	reason []string
}

func (c *cancelInTx) StaffCancelVisit(ctx context.Context, id int64, reason string, at time.Time) (cases.Visit, error) {
	c.reason = append(c.reason, reason)
	return c.store.CancelVisit(ctx, id, cases.ByStaff, reason, at)
}

func TestStaffCancelSavesTheNoticeWithTheCancellationWhenItCan(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	tx := &cancelInTx{store: f.store}
	f.v.CancelNotices = tx
	v, err := f.v.Book(ctx, f.request(f.resident(t, "a"), "cnap-vyhovskoho", "id-card", kyivJuly(t, 15, 9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.v.StaffCancel(ctx, v.ID, "Технічна перерва"); err != nil || got.Status != cases.VisitCancelled {
		t.Fatalf("StaffCancel = %+v, %v", got, err)
	}
	if len(tx.reason) != 1 || tx.reason[0] != "Технічна перерва" || len(f.notices.got) != 0 {
		t.Fatalf("cancelled with its notice %q; notices sent apart %+v (want none)", tx.reason, f.notices.got)
	}
}

// claimDies is a store whose claim of a watch never commits: the process
// dies as it claims.
type claimDies struct{ *visitstest.Store }

func (claimDies) ClaimSlotWatch(context.Context, int64, time.Time) (bool, error) {
	return false, errors.New("killed")
}

// A freed time's notice is queued before its watch is claimed: a process
// that dies as it claims leaves the notice queued (its key is the watch's,
// so the next claim sends it once), where claiming first lost it.
func TestAWatchersNoticeSurvivesADeathAtTheClaim(t *testing.T) {
	f := newVisits(t)
	ctx := context.Background()
	l, s := "cnap-dubliany", "residence-extract"
	slots, err := f.v.Slots(ctx, l, s, kyivJuly(t, 15, 0, 0))
	if err != nil || len(slots) == 0 {
		t.Fatalf("Slots = %v, %v", slots, err)
	}
	var last cases.Visit
	for _, sl := range slots {
		if last, err = f.v.Book(ctx, f.request(f.resident(t, "filler"+sl.Start.Format("1504")), l, s, sl.Start)); err != nil {
			t.Fatal(err)
		}
	}
	waiter := f.resident(t, "waiter")
	if _, err := f.v.Watch(ctx, waiter, l, s, "2026-07-15"); err != nil {
		t.Fatal(err)
	}
	f.v.Store = claimDies{f.store}
	if _, err := f.v.Cancel(ctx, last.ResidentID, last.ID); err != nil {
		t.Fatal(err)
	}
	if len(f.notices.got) != 1 || f.notices.got[0].Kind != cases.NoticeSlotFreed || f.notices.to[0] != waiter {
		t.Fatalf("after a death at the claim the watcher's notices are %+v", f.notices.got)
	}
}
