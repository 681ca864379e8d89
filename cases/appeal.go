package cases

import (
	"time"

	"github.com/vikno-city/vikno"
)

// AppealStatus is where an appeal is in its life.
type AppealStatus string

// Statuses of an appeal. An appeal starts registered; executors move it to
// in progress and done; the resident confirms (closed) or reopens it. An
// appeal outside the city's competence is explained and taken off the books
// rather than worked on.
const (
	AppealRegistered      AppealStatus = "registered"
	AppealInProgress      AppealStatus = "in_progress"
	AppealDone            AppealStatus = "done" // awaiting the resident's confirmation
	AppealClosed          AppealStatus = "closed"
	AppealRejected        AppealStatus = "rejected"
	AppealReopened        AppealStatus = "reopened"
	AppealOutOfCompetence AppealStatus = "out_of_competence"
)

// AppealStatuses lists every status in the order of an appeal's life.
var AppealStatuses = []AppealStatus{
	AppealRegistered, AppealInProgress, AppealDone, AppealClosed,
	AppealRejected, AppealReopened, AppealOutOfCompetence,
}

// Valid reports whether s is a known status.
func (s AppealStatus) Valid() bool {
	for _, v := range AppealStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Final reports whether nothing more happens to an appeal in status s.
func (s AppealStatus) Final() bool {
	return s == AppealClosed || s == AppealRejected || s == AppealOutOfCompetence
}

// InWork reports whether an executor still owes work on an appeal in status
// s, so that it counts as overdue once its due time passes.
func (s AppealStatus) InWork() bool {
	return s == AppealRegistered || s == AppealInProgress || s == AppealReopened
}

// OpenAppealStatuses are the statuses that are not final.
func OpenAppealStatuses() []AppealStatus {
	return filterAppealStatuses(func(s AppealStatus) bool { return !s.Final() })
}

// FinalAppealStatuses are the statuses after which nothing happens.
func FinalAppealStatuses() []AppealStatus { return filterAppealStatuses(AppealStatus.Final) }

// WorkAppealStatuses are the statuses in which an appeal can be overdue.
func WorkAppealStatuses() []AppealStatus { return filterAppealStatuses(AppealStatus.InWork) }

func filterAppealStatuses(keep func(AppealStatus) bool) []AppealStatus {
	var out []AppealStatus
	for _, s := range AppealStatuses {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// ActorKind says who made a change.
type ActorKind string

// Kinds of actors.
const (
	ActorResident    ActorKind = "resident"
	ActorExecutor    ActorKind = "executor"    // a city service through the API or the admin UI
	ActorIntegration ActorKind = "integration" // an Open311 client filing on someone's behalf
	// ActorSystem is Vikno itself: it closes an appeal whose resident left
	// «Проблему вирішено?» unanswered (CloseUnconfirmed).
	ActorSystem ActorKind = "system"
)

// Actor is who made a change: its kind and a name for the record
// ("resident:17", "api:3f9a1c2e Диспетчер"). Names never hold phone numbers.
type Actor struct {
	Kind ActorKind
	Name string
}

// AppealEvent is one entry in an appeal's history: a status change with the
// comment and the actor that made it. The first event has an empty From.
type AppealEvent struct {
	ID      int64
	At      time.Time
	From    AppealStatus
	To      AppealStatus
	Comment string
	Actor   Actor
}

// Resolution is the resident's answer to "Is the problem solved?".
type Resolution string

// Answers to the confirmation question.
const (
	ResolvedYes    Resolution = "yes"
	ResolvedNo     Resolution = "no"
	ResolvedPartly Resolution = "partly"
)

// Valid reports whether r is a known answer.
func (r Resolution) Valid() bool {
	return r == ResolvedYes || r == ResolvedNo || r == ResolvedPartly
}

// GeoPoint is a WGS84 location.
type GeoPoint struct {
	Lat, Lon float64
}

// Open311 is the channel of appeals filed through the Open311 API; such
// appeals have no resident to notify.
const Open311 vikno.Channel = "open311"

// Appeal is a resident's report of a problem the city must solve.
type Appeal struct {
	ID int64
	// Number is what people read and say on the phone: "2026-000123", the
	// year of filing and a sequence that restarts each year.
	Number string
	// PINHash is the PIN's hash; the PIN itself is shown once and never kept.
	PINHash string
	Channel vikno.Channel
	// ResidentID is 0 for an appeal filed through an integration.
	ResidentID int64
	// ClientToken makes filing idempotent: one appeal per (resident, token).
	ClientToken string
	Category    string // vikno.Category.ID
	Executor    string // vikno.Executor.ID
	Description string
	Address     string
	// District is the vikno.District id staff put the appeal in ("" until
	// then), for filtering.
	District string
	Location *GeoPoint // nil when only an address was given
	Photos   []string  // channel file references or media URLs
	Phone    string    // optional; never shown publicly
	// DescriptionPublic is the resident's consent to show the description
	// (masked) publicly; see Public.
	DescriptionPublic bool
	Status            AppealStatus
	// Note is the executor's latest comment, shown to the resident and in
	// public status notes. Residents' own comments stay in History.
	Note       string
	Resolution Resolution
	Rating     int // 1..5, 0 when not rated
	DueAt      time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ClosedAt   time.Time // zero while the appeal is open
	// History is every status change, oldest first (FindAppeal fills it).
	History []AppealEvent
}

// Overdue reports whether an executor still owes work on a and its due time
// has passed at now.
func (a Appeal) Overdue(now time.Time) bool {
	return a.Status.InWork() && now.After(a.DueAt)
}

// LastEvent returns the newest history entry.
func (a Appeal) LastEvent() (AppealEvent, bool) {
	if len(a.History) == 0 {
		return AppealEvent{}, false
	}
	return a.History[len(a.History)-1], true
}
