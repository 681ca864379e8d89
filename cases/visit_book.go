package cases

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// VisitRules are the booking rules a deployment may tune.
type VisitRules struct {
	// PerService is how many active bookings of one service a resident may
	// hold at once for one person (one phone); 0 means no limit.
	PerService int
	// Days is how many working days ahead can be booked, today included.
	Days int
	// CancelBefore is how long before the start a visit can still be
	// cancelled or moved; 0 means until it starts.
	CancelBefore time.Duration
	// EveningHour is the local hour of the reminder the day before.
	EveningHour int
	// HourBefore is how long before the start the last reminder goes.
	HourBefore time.Duration
}

// DefaultVisitRules are the rules residents expect: one booking per service, two
// weeks ahead, cancel until the start, reminders at 18:00 the day before and
// an hour before.
func DefaultVisitRules() VisitRules {
	return VisitRules{PerService: 1, Days: 14, EveningHour: 18, HourBefore: time.Hour}
}

// Visits is the booking service: it computes slots from the city's
// configuration, applies the rules and keeps visits in a VisitStore.
type Visits struct {
	City     vikno.City
	Store    VisitStore
	Notifier VisitNotifier // may be nil: notices are then dropped
	// CancelNotices, when set, saves a staff cancellation together with
	// its notice; without it the notice goes through Notifier afterwards.
	CancelNotices CancelNotices
	Logger        *slog.Logger
	Now           func() time.Time
	Rules         VisitRules
}

// BookRequest is a resident's choice of a slot.
type BookRequest struct {
	ResidentID int64
	LocationID string
	ServiceID  string
	Start      time.Time
	Name       string
	Phone      string
}

// DayFree is a bookable day and how many of its times are free.
type DayFree struct {
	Day  time.Time // midnight, city time
	Free int
}

func (v *Visits) now() time.Time {
	if v.Now == nil {
		return time.Now()
	}
	return v.Now()
}

func (v *Visits) logger() *slog.Logger {
	if v.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return v.Logger
}

// Calendar returns the calendar of the visits' city.
func (v *Visits) Calendar() Calendar { return Calendar{City: v.City} }

// Clock returns the current time as the service sees it.
func (v *Visits) Clock() time.Time { return v.now() }

// Services returns the services that can be booked at a location, in
// configuration order.
func (v *Visits) Services(locationID string) []vikno.Service {
	l, ok := v.City.Location(locationID)
	if !ok {
		return nil
	}
	var out []vikno.Service
	for _, s := range v.City.Services {
		if s.Bookable && l.Offers(s.ID) {
			out = append(out, s)
		}
	}
	return out
}

// Locations returns the locations where serviceID can be booked, or every
// location with a bookable service when serviceID is "".
func (v *Visits) Locations(serviceID string) []vikno.Location {
	var out []vikno.Location
	for _, l := range v.City.Locations {
		if v.booksAt(l, serviceID) {
			out = append(out, l)
		}
	}
	return out
}

// booksAt reports whether serviceID (any service when "") can be booked at
// l, without building the location's list of services: the booking flow
// asks this for every location on every step.
func (v *Visits) booksAt(l vikno.Location, serviceID string) bool {
	for _, s := range v.City.Services {
		if s.Bookable && (serviceID == "" || s.ID == serviceID) && l.Offers(s.ID) {
			return true
		}
	}
	return false
}

// pair returns the location and service, checking that the service can be
// booked there.
func (v *Visits) pair(locationID, serviceID string) (vikno.Location, vikno.Service, error) {
	l, ok := v.City.Location(locationID)
	if !ok {
		return l, vikno.Service{}, vikno.Errorf(vikno.ENOTFOUND, "location %q not found", locationID)
	}
	s, ok := v.City.Service(serviceID)
	if !ok {
		return l, s, vikno.Errorf(vikno.ENOTFOUND, "service %q not found", serviceID)
	}
	if !s.Bookable || !l.Offers(s.ID) {
		return l, s, vikno.Errorf(vikno.EINVALID, "service %q cannot be booked at %q", serviceID, locationID)
	}
	return l, s, nil
}

// horizon returns the bookable days of a location.
func (v *Visits) horizon(l vikno.Location) []time.Time {
	return v.Calendar().WorkingDays(l, v.now(), v.Rules.Days)
}

// Days returns the bookable working days of a location for a service, with
// the number of free times on each (0 for a full day).
func (v *Visits) Days(ctx context.Context, locationID, serviceID string) ([]DayFree, error) {
	l, s, err := v.pair(locationID, serviceID)
	if err != nil {
		return nil, err
	}
	days := v.horizon(l)
	if len(days) == 0 {
		return nil, nil
	}
	uses, err := v.Store.SeatUses(ctx, l.ID, days[0], days[len(days)-1].AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	now, cal, busy := v.now(), v.Calendar(), occupancy(uses)
	var out []DayFree
	for _, d := range days {
		starts := cal.Starts(l, s, d)
		if !slices.ContainsFunc(starts, func(t time.Time) bool { return t.After(now) }) {
			continue // today after the last time
		}
		out = append(out, DayFree{Day: d, Free: countFree(l, s, starts, busy, now)})
	}
	return out, nil
}

// Slots returns the free times of a service at a location on day, soonest
// first; an empty list means the day is full or closed.
func (v *Visits) Slots(ctx context.Context, locationID, serviceID string, day time.Time) ([]Slot, error) {
	l, s, err := v.pair(locationID, serviceID)
	if err != nil {
		return nil, err
	}
	cal := v.Calendar()
	day = cal.Day(day)
	uses, err := v.Store.SeatUses(ctx, l.ID, day, day.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	return FreeSlots(l, s, cal.Starts(l, s, day), uses, v.now(), false), nil
}

// Nearest returns up to n free times closest to around: first on its day,
// nearest first, then on the following bookable days.
func (v *Visits) Nearest(ctx context.Context, locationID, serviceID string, around time.Time, n int) ([]Slot, error) {
	same, err := v.Slots(ctx, locationID, serviceID, around)
	if err != nil {
		return nil, err
	}
	dist := func(s Slot) time.Duration { return max(s.Start.Sub(around), around.Sub(s.Start)) }
	slices.SortStableFunc(same, func(a, b Slot) int { return int(dist(a) - dist(b)) })
	out := same[:min(n, len(same))]
	days, err := v.Days(ctx, locationID, serviceID)
	if err != nil {
		return nil, err
	}
	aroundDay := v.Calendar().Day(around)
	for _, d := range days {
		if len(out) >= n {
			break
		}
		if !d.Day.After(aroundDay) || d.Free == 0 {
			continue
		}
		more, err := v.Slots(ctx, locationID, serviceID, d.Day)
		if err != nil {
			return nil, err
		}
		out = append(out, more[:min(n-len(out), len(more))]...)
	}
	slices.SortFunc(out, func(a, b Slot) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// booking checks a request against the configuration and the rules and
// returns what the store needs.
func (v *Visits) booking(r BookRequest) (Booking, error) {
	l, s, err := v.pair(r.LocationID, r.ServiceID)
	if err != nil {
		return Booking{}, err
	}
	name, ok := CleanPersonName(r.Name)
	if !ok {
		return Booking{}, vikno.Errorf(vikno.EINVALID, "name is missing or not a name")
	}
	phone, ok := Phone(r.Phone)
	if !ok {
		return Booking{}, vikno.Errorf(vikno.EINVALID, "phone must be a number with its country code, +380XXXXXXXXX for Ukraine")
	}
	if err := v.checkStart(l, s, r.Start); err != nil {
		return Booking{}, err
	}
	now := v.now()
	visit := Visit{
		ResidentID: r.ResidentID, LocationID: l.ID, ServiceID: s.ID,
		Start: r.Start, End: r.Start.Add(VisitLength(s)), Name: name, Phone: phone,
		CreatedAt: now, UpdatedAt: now,
	}
	visit.RemindDayAt, visit.RemindHourAt = v.reminderTimes(visit.Start, now)
	return Booking{Visit: visit, Capacity: l.BookingWindows, PerService: v.Rules.PerService, Now: now}, nil
}

// checkStart refuses times in the past, on closed days, outside the
// horizon or off the location's slot grid.
func (v *Visits) checkStart(l vikno.Location, s vikno.Service, start time.Time) error {
	if !start.After(v.now()) {
		return ErrNoSuchSlot
	}
	cal := v.Calendar()
	day := cal.Day(start)
	if !slices.ContainsFunc(v.horizon(l), day.Equal) {
		return ErrNoSuchSlot
	}
	if !slices.ContainsFunc(cal.Starts(l, s, day), start.Equal) {
		return ErrNoSuchSlot
	}
	return nil
}

// reminderTimes returns when the reminders of a visit starting at start are
// due; a reminder that would be due before the booking is made is skipped.
func (v *Visits) reminderTimes(start, now time.Time) (day, hour time.Time) {
	cal := v.Calendar()
	eve := cal.Day(start).AddDate(0, 0, -1)
	day = time.Date(eve.Year(), eve.Month(), eve.Day(), v.Rules.EveningHour, 0, 0, 0, eve.Location())
	if !day.After(now) {
		day = time.Time{}
	}
	if v.Rules.HourBefore > 0 {
		hour = start.Add(-v.Rules.HourBefore)
		if !hour.After(now) {
			hour = time.Time{}
		}
	}
	return day, hour
}

// Book books a visit. It returns EINVALID errors for a bad name, phone or
// time (ErrNoSuchSlot for a time that is not bookable), ErrSlotTaken when
// the last seat was just taken and ErrAlreadyBooked when the resident holds
// a booking of the service already.
func (v *Visits) Book(ctx context.Context, r BookRequest) (Visit, error) {
	b, err := v.booking(r)
	if err != nil {
		return Visit{}, err
	}
	return v.withCode(b, func(b Booking) (Visit, error) { return v.Store.BookVisit(ctx, b) })
}

// withCode runs book with a fresh code, again if the code was in use.
func (v *Visits) withCode(b Booking, book func(Booking) (Visit, error)) (Visit, error) {
	for range 5 {
		b.Visit.Code = NewVisitCode()
		visit, err := book(b)
		if !errors.Is(err, ErrCodeTaken) {
			return visit, err
		}
	}
	return Visit{}, fmt.Errorf("book visit: no free code after 5 tries")
}

// Reschedule moves a resident's visit to another time (and possibly another
// location or service) in one step: when the new time is taken, the old
// booking stays. Errors are those of Book and of Cancel.
func (v *Visits) Reschedule(ctx context.Context, visitID int64, r BookRequest) (Visit, error) {
	old, err := v.Find(ctx, r.ResidentID, visitID)
	if err != nil {
		return Visit{}, err
	}
	if err := v.checkCancellable(old); err != nil {
		return Visit{}, err
	}
	b, err := v.booking(r)
	if err != nil {
		return Visit{}, err
	}
	visit, err := v.withCode(b, func(b Booking) (Visit, error) { return v.Store.RescheduleVisit(ctx, visitID, b) })
	if err != nil {
		return Visit{}, err
	}
	old.Status = VisitCancelled
	v.slotFreed(ctx, old)
	return visit, nil
}

// Find returns a resident's visit; another resident's visit is ENOTFOUND.
func (v *Visits) Find(ctx context.Context, residentID, visitID int64) (Visit, error) {
	visit, err := v.Store.FindVisit(ctx, visitID)
	if err != nil {
		return Visit{}, err
	}
	if visit.ResidentID != residentID {
		return Visit{}, vikno.Errorf(vikno.ENOTFOUND, "visit not found")
	}
	return visit, nil
}

// Upcoming returns the resident's booked visits that have not started yet.
func (v *Visits) Upcoming(ctx context.Context, residentID int64) ([]Visit, error) {
	return v.Store.ResidentVisits(ctx, residentID, v.now())
}

// Latest returns the resident's most recent visit (to offer the same name
// and phone again), or ENOTFOUND.
func (v *Visits) Latest(ctx context.Context, residentID int64) (Visit, error) {
	return v.Store.LatestVisit(ctx, residentID)
}

func (v *Visits) checkCancellable(visit Visit) error {
	if visit.Status != VisitBooked {
		return ErrNotCancellable
	}
	if !visit.Start.Add(-v.Rules.CancelBefore).After(v.now()) {
		return ErrStarted
	}
	return nil
}

// Cancel cancels a resident's own visit until its start (or the rules'
// CancelBefore); the seat is free for others at once and residents waiting
// for that day are told. It returns ENOTFOUND, ErrNotCancellable or
// ErrStarted.
func (v *Visits) Cancel(ctx context.Context, residentID, visitID int64) (Visit, error) {
	visit, err := v.Find(ctx, residentID, visitID)
	if err != nil {
		return Visit{}, err
	}
	if err := v.checkCancellable(visit); err != nil {
		return Visit{}, err
	}
	visit, err = v.Store.CancelVisit(ctx, visitID, ByResident, "", v.now())
	if err != nil {
		return Visit{}, err
	}
	v.slotFreed(ctx, visit)
	return visit, nil
}

// Watch remembers that the resident wants to hear when a time frees up at a
// location on a day (YYYY-MM-DD).
func (v *Visits) Watch(ctx context.Context, residentID int64, locationID, serviceID, day string) (SlotWatch, error) {
	if _, _, err := v.pair(locationID, serviceID); err != nil {
		return SlotWatch{}, err
	}
	if _, ok := v.Calendar().ParseDay(day); !ok {
		return SlotWatch{}, vikno.Errorf(vikno.EINVALID, "day %q is not YYYY-MM-DD", day)
	}
	return v.Store.WatchSlots(ctx, SlotWatch{
		ResidentID: residentID, LocationID: locationID, ServiceID: serviceID, Day: day, CreatedAt: v.now(),
	})
}

// FindWatch returns a resident's slot watch; another resident's is
// ENOTFOUND.
func (v *Visits) FindWatch(ctx context.Context, residentID, id int64) (SlotWatch, error) {
	w, err := v.Store.FindSlotWatch(ctx, id)
	if err != nil {
		return SlotWatch{}, err
	}
	if w.ResidentID != residentID {
		return SlotWatch{}, vikno.Errorf(vikno.ENOTFOUND, "watch not found")
	}
	return w, nil
}

// slotFreed tells the residents watching the day of a cancelled visit that
// a time is free, once each. Failures are logged: the cancellation stands.
func (v *Visits) slotFreed(ctx context.Context, visit Visit) {
	day := visit.Start.In(v.City.Loc()).Format(DateLayout)
	watches, err := v.Store.SlotWatches(ctx, visit.LocationID, day)
	if err != nil {
		v.logger().ErrorContext(ctx, "slot watches", "err", err)
		return
	}
	for _, w := range watches {
		if err := v.notifyWatch(ctx, w); err != nil {
			v.logger().WarnContext(ctx, "slot freed notice failed", "watch", w.ID, "err", err)
		}
	}
}

// notifyWatch tells the watcher of w that a time of their day is free and
// marks the watch done. The notice is queued before the watch is claimed:
// its key is the watch's, so a process that dies between the two leaves
// the notice queued and the watch open, and the next freed time claims it
// without a second notice; two replicas that both queue it queue it once.
// Claiming first lost the notice when the process died in between.
func (v *Visits) notifyWatch(ctx context.Context, w SlotWatch) error {
	day, _ := v.Calendar().ParseDay(w.Day)
	free, err := v.Slots(ctx, w.LocationID, w.ServiceID, day)
	if err != nil || len(free) == 0 {
		return err // the freed time does not fit this service
	}
	if err := v.notify(ctx, w.ResidentID, VisitNotice{Kind: NoticeSlotFreed, Watch: w, Free: free}); err != nil {
		return err
	}
	_, err = v.Store.ClaimSlotWatch(ctx, w.ID, v.now())
	return err
}

func (v *Visits) notify(ctx context.Context, residentID int64, n VisitNotice) error {
	if v.Notifier == nil {
		return nil
	}
	return v.Notifier.Notify(ctx, residentID, n)
}

// RecentAttended returns the resident's visits marked attended in the last
// week, latest first, at most five: what the menu offers to rate.
func (v *Visits) RecentAttended(ctx context.Context, residentID int64) ([]Visit, error) {
	return v.Store.AttendedVisits(ctx, residentID, v.now().AddDate(0, 0, -7), 5)
}

// DayVisits returns every visit at a location on day, for staff.
func (v *Visits) DayVisits(ctx context.Context, locationID string, day time.Time) ([]Visit, error) {
	if _, ok := v.City.Location(locationID); !ok {
		return nil, vikno.Errorf(vikno.ENOTFOUND, "location %q not found", locationID)
	}
	day = v.Calendar().Day(day)
	return v.Store.LocationVisits(ctx, locationID, day, day.AddDate(0, 0, 1))
}

// Mark records that the resident came (VisitAttended) or did not
// (VisitNoShow); a resident who came is asked to rate the visit
// (NoticeRateVisit, once per visit: the notice's key is the visit's). It
// returns EINVALID for another status and ErrNotCancellable for a
// cancelled visit.
func (v *Visits) Mark(ctx context.Context, visitID int64, status VisitStatus) (Visit, error) {
	if status != VisitAttended && status != VisitNoShow {
		return Visit{}, vikno.Errorf(vikno.EINVALID, "status must be attended or no_show")
	}
	visit, err := v.Store.MarkVisit(ctx, visitID, status, v.now())
	if err != nil || visit.Status != VisitAttended {
		return visit, err
	}
	if err := v.notify(ctx, visit.ResidentID, VisitNotice{Kind: NoticeRateVisit, Visit: visit}); err != nil {
		v.logger().WarnContext(ctx, "rate visit notice failed", "visit", visit.ID, "err", err)
	}
	return visit, nil
}

// staffCancel cancels the visit and tells its resident: in one transaction
// with CancelNotices, or through Notifier after the cancellation.
func (v *Visits) staffCancel(ctx context.Context, visitID int64, reason string) (Visit, error) {
	if v.CancelNotices != nil {
		return v.CancelNotices.StaffCancelVisit(ctx, visitID, reason, v.now())
	}
	visit, err := v.Store.CancelVisit(ctx, visitID, ByStaff, reason, v.now())
	if err != nil {
		return Visit{}, err
	}
	if err := v.notify(ctx, visit.ResidentID, VisitNotice{Kind: NoticeStaffCancel, Visit: visit, Reason: reason}); err != nil {
		v.logger().WarnContext(ctx, "staff cancel notice failed", "visit", visit.ID, "err", err)
	}
	return visit, nil
}

// StaffCancel cancels a visit on the CNAP's side with a reason the resident
// is told; the seat is free at once. It returns EINVALID without a reason,
// ENOTFOUND and ErrNotCancellable.
func (v *Visits) StaffCancel(ctx context.Context, visitID int64, reason string) (Visit, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return Visit{}, vikno.Errorf(vikno.EINVALID, "reason must be 1..500 characters")
	}
	visit, err := v.staffCancel(ctx, visitID, reason)
	if err != nil {
		return Visit{}, err
	}
	v.slotFreed(ctx, visit)
	return visit, nil
}

// CleanPersonName trims a person's name and checks that it looks like one: 2 to
// 100 characters of letters, spaces, hyphens, dots and apostrophes.
func CleanPersonName(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 100 {
		return "", false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ', r == '-', r == '.', r == '\'', r == '’', r == 'ʼ', r == '`':
		default:
			return "", false
		}
	}
	return s, letters >= 2
}
