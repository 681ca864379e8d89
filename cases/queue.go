package cases

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/vikno-city/vikno"
)

// Plausibility limits of a queue report: anything beyond them is a broken
// feed, not a queue.
const (
	MaxQueueWaiting          = 2000
	MaxQueueServiceMinutes   = 240
	DefaultQueueStaleAfter   = 15 * time.Minute
	DefaultQueueKeep         = 24 * time.Hour
	DefaultQueueServiceMins  = 12.0
	queueKeyPrefix           = "queue:"
	queueSourceAPI           = "api"
	queueSourceManual        = "manual"
	maxQueueSourceLen        = 40
	queueWaitRoundingMinutes = 5
)

// Sources of a queue report.
const (
	QueueFromAPI    = queueSourceAPI    // the CNAP's electronic queue system
	QueueFromManual = queueSourceManual // set by hand by a manager
)

// QueueReport is a location's live queue as its electronic queue system or
// a manager reported it.
type QueueReport struct {
	LocationID  string `json:"location_id"`
	Waiting     int    `json:"waiting"`
	WindowsOpen int    `json:"windows_open"`
	// AvgServiceMinutes is the average time one visitor takes, 0 if unknown.
	AvgServiceMinutes float64   `json:"avg_service_minutes,omitempty"`
	UpdatedAt         time.Time `json:"updated_at"`
	Source            string    `json:"source"`
}

// Queue keeps the live queue of every location in the shared ephemeral
// store, so every replica sees the same figures with their time.
type Queue struct {
	City vikno.City
	KV   vikno.KV
	Now  func() time.Time
	// StaleAfter is the age after which figures are no longer shown as
	// current (default 15 minutes).
	StaleAfter time.Duration
	// Keep is how long a report is kept at all (default 24 hours).
	Keep time.Duration
	// ServiceMinutes is the time per visitor assumed when a report does not
	// give one (default 12).
	ServiceMinutes float64
}

func (q *Queue) now() time.Time {
	if q.Now == nil {
		return time.Now()
	}
	return q.Now()
}

// Clock returns the current time as the queue sees it.
func (q *Queue) Clock() time.Time { return q.now() }

func (q *Queue) staleAfter() time.Duration {
	return cmp.Or(q.StaleAfter, DefaultQueueStaleAfter)
}

// Validate checks a report against the location it is for. It returns
// ENOTFOUND for an unknown location and EINVALID, naming the field, for
// negative or implausible figures.
func (q *Queue) Validate(r QueueReport) error {
	l, ok := q.City.Location(r.LocationID)
	if !ok {
		return vikno.Errorf(vikno.ENOTFOUND, "location %q not found", r.LocationID)
	}
	switch {
	case r.Waiting < 0 || r.Waiting > MaxQueueWaiting:
		return vikno.Errorf(vikno.EINVALID, "waiting: %d must be within 0..%d", r.Waiting, MaxQueueWaiting)
	case r.WindowsOpen < 0 || r.WindowsOpen > l.Windows:
		return vikno.Errorf(vikno.EINVALID, "windows_open: %d must be within 0..%d (the windows of %s)", r.WindowsOpen, l.Windows, l.ID)
	case math.IsNaN(r.AvgServiceMinutes) || r.AvgServiceMinutes < 0 || r.AvgServiceMinutes > MaxQueueServiceMinutes:
		return vikno.Errorf(vikno.EINVALID, "avg_service_minutes: %g must be within 1..%d", r.AvgServiceMinutes, MaxQueueServiceMinutes)
	case r.AvgServiceMinutes > 0 && r.AvgServiceMinutes < 0.5:
		return vikno.Errorf(vikno.EINVALID, "avg_service_minutes: %g must be within 1..%d", r.AvgServiceMinutes, MaxQueueServiceMinutes)
	case len(r.Source) > maxQueueSourceLen:
		return vikno.Errorf(vikno.EINVALID, "source: longer than %d characters", maxQueueSourceLen)
	}
	return nil
}

// Set validates and stores a report, stamped with the current time; Source
// defaults to QueueFromAPI. A manager's manual entry uses QueueFromManual.
// It returns the errors of Validate.
func (q *Queue) Set(ctx context.Context, r QueueReport) (QueueReport, error) {
	if err := q.Validate(r); err != nil {
		return QueueReport{}, err
	}
	r.UpdatedAt = q.now().UTC()
	r.Source = cmp.Or(r.Source, QueueFromAPI)
	data, err := json.Marshal(r)
	if err != nil {
		return QueueReport{}, fmt.Errorf("encode queue report: %w", err)
	}
	if err := q.KV.Set(ctx, queueKeyPrefix+r.LocationID, data, cmp.Or(q.Keep, DefaultQueueKeep)); err != nil {
		return QueueReport{}, fmt.Errorf("save queue report: %w", err)
	}
	return r, nil
}

// Get returns a location's last report, ENOTFOUND when there is none.
func (q *Queue) Get(ctx context.Context, locationID string) (QueueReport, error) {
	if _, ok := q.City.Location(locationID); !ok {
		return QueueReport{}, vikno.Errorf(vikno.ENOTFOUND, "location %q not found", locationID)
	}
	data, err := q.KV.Get(ctx, queueKeyPrefix+locationID)
	if err != nil {
		return QueueReport{}, err
	}
	var r QueueReport
	if err := json.Unmarshal(data, &r); err != nil {
		return QueueReport{}, vikno.Errorf(vikno.ENOTFOUND, "no readable queue report")
	}
	return r, nil
}

// QueueStatus is what a resident is told about one location's queue now.
type QueueStatus struct {
	Location vikno.Location
	Report   QueueReport
	HasData  bool
	Age      time.Duration // how old the report is
	Stale    bool          // older than StaleAfter: never shown as current
	Open     bool
	// Next is when an open location closes (or starts a break), or when a
	// closed one opens (zero when not within two weeks).
	Next time.Time
	// WaitMinutes estimates the wait of a fresh report at an open location;
	// -1 when it cannot be estimated (no open windows, stale or no data).
	WaitMinutes int
}

// Status returns the queue status of one location.
func (q *Queue) Status(ctx context.Context, l vikno.Location) (QueueStatus, error) {
	now := q.now()
	st := QueueStatus{Location: l, WaitMinutes: -1}
	st.Open, st.Next = Calendar{City: q.City}.OpenAt(l, now)
	r, err := q.Get(ctx, l.ID)
	switch {
	case vikno.IsNotFound(err):
		return st, nil
	case err != nil:
		return st, err
	}
	st.Report, st.HasData = r, true
	st.Age = max(now.Sub(r.UpdatedAt), 0)
	st.Stale = st.Age > q.staleAfter()
	if st.Open && !st.Stale {
		st.WaitMinutes = q.estimate(r)
	}
	return st, nil
}

// estimate is waiting × minutes per visitor ÷ open windows, rounded up to 5
// minutes; -1 when people wait and no window is open.
func (q *Queue) estimate(r QueueReport) int {
	if r.Waiting == 0 {
		return 0
	}
	if r.WindowsOpen == 0 {
		return -1
	}
	per := r.AvgServiceMinutes
	if per <= 0 {
		per = cmp.Or(q.ServiceMinutes, DefaultQueueServiceMins)
	}
	m := int(math.Ceil(float64(r.Waiting) * per / float64(r.WindowsOpen)))
	if m > queueWaitRoundingMinutes {
		m = (m + queueWaitRoundingMinutes - 1) / queueWaitRoundingMinutes * queueWaitRoundingMinutes
	}
	return max(m, 1)
}

// Board returns the status of every location, sorted by wait: open ones
// with current figures first (shortest wait first), then those whose
// figures are stale, then those without figures, then closed ones (soonest
// opening first).
func (q *Queue) Board(ctx context.Context) ([]QueueStatus, error) {
	out := make([]QueueStatus, 0, len(q.City.Locations))
	for _, l := range q.City.Locations {
		st, err := q.Status(ctx, l)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	slices.SortStableFunc(out, compareByWait)
	return out, nil
}

// rank orders the groups of the board.
func (s QueueStatus) rank() int {
	switch {
	case !s.Open:
		return 4
	case !s.HasData:
		return 3
	case s.Stale:
		return 2
	case s.WaitMinutes < 0:
		return 1
	}
	return 0
}

func compareByWait(a, b QueueStatus) int {
	if c := cmp.Compare(a.rank(), b.rank()); c != 0 {
		return c
	}
	switch a.rank() {
	case 0:
		return cmp.Or(cmp.Compare(a.WaitMinutes, b.WaitMinutes), cmp.Compare(a.Report.Waiting, b.Report.Waiting))
	case 4:
		return a.Next.Compare(b.Next)
	}
	return 0
}
