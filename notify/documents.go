package notify

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// Notice kinds in the outbox.
const (
	KindDocuments = "documents_ready"
	KindOutage    = "outage"
)

// Documents sends documents-ready notices: to the residents a case
// reference belongs to at once, and to a resident who links the reference
// later, for as long as the notice is kept.
type Documents struct {
	Store  cases.DocumentsStore
	Outbox *Outbox
	City   vikno.City
	// Keep is how long a notice waits for a resident to link its reference
	// (default 30 days).
	Keep time.Duration
	Now  func() time.Time
}

var _ dialog.CaseTracker = (*Documents)(nil)

func (d *Documents) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// Post stores a documents-ready notice and queues it for the residents the
// reference belongs to; it returns the stored notice and how many residents
// it was queued for. Posting the same RequestKey again queues nothing new
// (outbox keys) but repairs a fan-out a crash interrupted. Errors: EINVALID
// for a bad notice.
func (d *Documents) Post(ctx context.Context, doc cases.DocumentsReady) (cases.DocumentsReady, int, error) {
	if err := doc.Validate(d.City); err != nil {
		return doc, 0, err
	}
	keep := d.Keep
	if keep <= 0 {
		keep = 30 * 24 * time.Hour
	}
	doc.ExpiresAt = d.now().Add(keep)
	doc, owners, err := d.Store.SaveDocumentsReady(ctx, doc)
	if err != nil {
		return doc, 0, err
	}
	n := 0
	for _, r := range owners {
		if err := d.queue(ctx, doc, r.ID); err != nil {
			return doc, n, err
		}
		n++
	}
	return doc, n, nil
}

// queue composes the notice for one resident under a key of its own.
func (d *Documents) queue(ctx context.Context, doc cases.DocumentsReady, residentID int64) error {
	l, ok := d.City.Location(doc.LocationID)
	if !ok {
		return vikno.Errorf(vikno.EINTERNAL, "documents notice %d names an unknown location", doc.ID)
	}
	key := "docs:" + strconv.FormatInt(doc.ID, 10) + ":" + strconv.FormatInt(residentID, 10)
	return d.Outbox.Notify(ctx, key, KindDocuments, residentID, func(c *dialog.Conv) {
		dialog.DocumentsReadyNotice(c, doc, l)
	})
}

// TrackCase implements dialog.CaseTracker: it links the reference and
// returns the notices that wait for it, which the resident reads in the
// reply.
func (d *Documents) TrackCase(ctx context.Context, residentID int64, reference string) (cases.TrackedCase, []cases.DocumentsReady, error) {
	t, err := d.Store.TrackCase(ctx, residentID, reference)
	if err != nil {
		return t, nil, err
	}
	waiting, err := d.Store.WaitingDocuments(ctx, reference, d.now())
	if err != nil {
		return t, nil, fmt.Errorf("track case: %w", err)
	}
	return t, waiting, nil
}

// TrackedCases implements dialog.CaseTracker.
func (d *Documents) TrackedCases(ctx context.Context, residentID int64) ([]cases.TrackedCase, error) {
	return d.Store.TrackedCases(ctx, residentID)
}

// UntrackCase implements dialog.CaseTracker.
func (d *Documents) UntrackCase(ctx context.Context, residentID, id int64) error {
	return d.Store.UntrackCase(ctx, residentID, id)
}
