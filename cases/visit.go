package cases

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/vikno-city/vikno"
)

// VisitStatus is where a booked visit stands.
type VisitStatus string

// Visit statuses. Only a booked visit holds a seat that can still be
// cancelled; attended and no-show visits keep their seat as history.
const (
	VisitBooked    VisitStatus = "booked"
	VisitCancelled VisitStatus = "cancelled"
	VisitAttended  VisitStatus = "attended"
	VisitNoShow    VisitStatus = "no_show"
)

// Valid reports whether s is a known status.
func (s VisitStatus) Valid() bool {
	switch s {
	case VisitBooked, VisitCancelled, VisitAttended, VisitNoShow:
		return true
	}
	return false
}

// Who cancelled a visit.
const (
	ByResident = "resident"
	ByStaff    = "staff"
)

// Visit is a booked CNAP visit: one seat (a booking window) at a location for
// the length of one service's visit.
type Visit struct {
	ID         int64
	Code       string // shown to the resident and to staff, e.g. "K7M4Q2"
	ResidentID int64
	LocationID string
	ServiceID  string
	Start, End time.Time
	Seat       int // 1..capacity of the slot
	Name       string
	Phone      string // +380XXXXXXXXX
	Status     VisitStatus
	// CancelledBy is ByResident or ByStaff; CancelReason is staff's reason.
	CancelledBy  string
	CancelReason string
	// RemindDayAt and RemindHourAt are when the reminders are due; zero when
	// the visit was booked too late for one.
	RemindDayAt  time.Time
	RemindHourAt time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Active reports whether the visit still holds its seat and lies ahead.
func (v Visit) Active(now time.Time) bool {
	return v.Status == VisitBooked && v.Start.After(now)
}

// Booking is what VisitStore.BookVisit needs to save a visit: the visit
// (without ID, Seat and Status) and the rules the database enforces with it.
type Booking struct {
	Visit Visit
	// Capacity is how many seats the slot has (the location's booking
	// windows); the store takes the lowest seat free for the whole visit.
	Capacity int
	// PerService is how many active bookings of one service a resident may
	// hold for one person (the visit's phone); 0 means no limit. A resident
	// may book the same service for a family member under another phone.
	PerService int
	// Now decides which of the resident's bookings are still active.
	Now time.Time
}

// Reminder kinds.
const (
	RemindDay  = "day"  // the evening before
	RemindHour = "hour" // an hour before
)

// Reminder is a reminder that is due.
type Reminder struct {
	Kind  string
	Visit Visit
}

// SlotWatch is a resident's wish to hear when a seat frees up at a location
// on a day that was full.
type SlotWatch struct {
	ID         int64
	ResidentID int64
	LocationID string
	ServiceID  string
	Day        string // YYYY-MM-DD in the city's time zone
	CreatedAt  time.Time
	NotifiedAt time.Time // zero until the resident was told
}

// SeatUse is one occupied unit of a seat.
type SeatUse struct {
	Unit time.Time // start of a SlotUnit-long piece of time
	Seat int
}

// VisitStore keeps visits, their seats, reminders and slot watches. Seats are
// kept per SlotUnit: a visit holds its seat in every unit from its start to
// its end, and the database refuses a second holder of a (location, unit,
// seat), so no seat is ever booked twice, however many residents press the
// same time at once.
type VisitStore interface {
	// BookVisit saves b.Visit on the lowest seat 1..b.Capacity free for all
	// of the visit's units and returns it with ID, Seat and Status set. It
	// returns ErrSlotTaken when no seat is free, ErrAlreadyBooked when the
	// resident already holds b.PerService active bookings of the service, a
	// conflict error when the code is in use, and ENOTFOUND for an unknown
	// resident.
	BookVisit(ctx context.Context, b Booking) (Visit, error)
	// RescheduleVisit cancels visit oldID (by its resident) and books b in
	// one transaction: when the new booking fails, the old one stays. The
	// old visit must be b's resident's, booked and not started at b.Now
	// (ENOTFOUND / EINVALID otherwise).
	RescheduleVisit(ctx context.Context, oldID int64, b Booking) (Visit, error)
	// FindVisit returns ENOTFOUND for an unknown id.
	FindVisit(ctx context.Context, id int64) (Visit, error)
	// ResidentVisits returns the resident's booked visits that start at or
	// after from, soonest first.
	ResidentVisits(ctx context.Context, residentID int64, from time.Time) ([]Visit, error)
	// AttendedVisits returns up to limit of the resident's visits marked
	// attended that started at or after since, latest first.
	AttendedVisits(ctx context.Context, residentID int64, since time.Time, limit int) ([]Visit, error)
	// LatestVisit returns the resident's most recently created visit of any
	// status, or ENOTFOUND.
	LatestVisit(ctx context.Context, residentID int64) (Visit, error)
	// LocationVisits returns the visits of every status at a location that
	// start in [from, to), by start and seat.
	LocationVisits(ctx context.Context, locationID string, from, to time.Time) ([]Visit, error)
	// SeatUses returns the occupied units of a location in [from, to).
	SeatUses(ctx context.Context, locationID string, from, to time.Time) ([]SeatUse, error)
	// CancelVisit marks a booked visit cancelled and frees its seat at once.
	// It returns ENOTFOUND for an unknown id and ErrNotCancellable when the
	// visit is not booked.
	CancelVisit(ctx context.Context, id int64, by, reason string, at time.Time) (Visit, error)
	// MarkVisit sets a booked (or already marked) visit to attended or
	// no-show. It returns ErrNotCancellable for a cancelled visit.
	MarkVisit(ctx context.Context, id int64, status VisitStatus, at time.Time) (Visit, error)

	// DueReminders returns up to limit reminders due at now for visits still
	// booked and not started, each at most once: an hour reminder hides the
	// day reminder of the same visit.
	DueReminders(ctx context.Context, now time.Time, limit int) ([]Reminder, error)
	// ClaimReminder marks a reminder sent; it reports false when it already
	// was (by another worker or before a restart).
	ClaimReminder(ctx context.Context, visitID int64, kind string, at time.Time) (bool, error)

	// WatchSlots saves (or renews) a slot watch and returns it.
	WatchSlots(ctx context.Context, w SlotWatch) (SlotWatch, error)
	// FindSlotWatch returns ENOTFOUND for an unknown id.
	FindSlotWatch(ctx context.Context, id int64) (SlotWatch, error)
	// SlotWatches returns the watches of a location and day not yet
	// notified, oldest first.
	SlotWatches(ctx context.Context, locationID, day string) ([]SlotWatch, error)
	// ClaimSlotWatch marks a watch notified; false when it already was.
	ClaimSlotWatch(ctx context.Context, id int64, at time.Time) (bool, error)
}

// Errors of booking. They carry ECONFLICT or EINVALID codes, so every
// surface maps them like other application errors; compare with errors.Is.
var (
	ErrSlotTaken      = &vikno.Error{Code: vikno.ECONFLICT, Message: "this time has just been taken"}
	ErrAlreadyBooked  = &vikno.Error{Code: vikno.ECONFLICT, Message: "the resident already has a booking for this service"}
	ErrNotCancellable = &vikno.Error{Code: vikno.ECONFLICT, Message: "the visit is not booked any more"}
	ErrCodeTaken      = &vikno.Error{Code: vikno.ECONFLICT, Message: "visit code in use"}
	ErrStarted        = &vikno.Error{Code: vikno.EINVALID, Message: "the visit has already started"}
	ErrNoSuchSlot     = &vikno.Error{Code: vikno.EINVALID, Message: "no such slot: closed, in the past or outside the booking days"}
)

// VisitNoticeKind names a notice to a resident about a visit.
type VisitNoticeKind string

// Notices about visits.
const (
	NoticeRemindDay   VisitNoticeKind = "visit_remind_day"
	NoticeRemindHour  VisitNoticeKind = "visit_remind_hour"
	NoticeStaffCancel VisitNoticeKind = "visit_staff_cancel"
	NoticeSlotFreed   VisitNoticeKind = "visit_slot_freed"
	NoticeRateVisit   VisitNoticeKind = "visit_rate" // after staff marked it attended
)

// VisitNotice is a message for a resident about a visit, sent outside a
// conversation turn.
type VisitNotice struct {
	Kind   VisitNoticeKind
	Visit  Visit     // reminders and cancellations
	Watch  SlotWatch // NoticeSlotFreed
	Free   []Slot    // NoticeSlotFreed: the free times of the watched day
	Reason string    // NoticeStaffCancel
}

// CancelNotices cancels a visit on the CNAP's side and queues the
// resident's notice of it in one transaction (notify.VisitCancelNotices),
// so that a crash never keeps the cancellation and loses the notice.
type CancelNotices interface {
	// StaffCancelVisit behaves as VisitStore.CancelVisit by ByStaff and
	// queues the NoticeStaffCancel notice with reason with it.
	StaffCancelVisit(ctx context.Context, id int64, reason string, at time.Time) (Visit, error)
}

// VisitNotifier delivers notices to residents. The dialog engine's push
// implements it today; the notify outbox will.
type VisitNotifier interface {
	Notify(ctx context.Context, residentID int64, n VisitNotice) error
}

// codeAlphabet has no 0/O, 1/I/L, so codes can be read over the phone.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// NewVisitCode returns a random 6-character booking code.
func NewVisitCode() string {
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}
