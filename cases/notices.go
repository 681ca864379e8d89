package cases

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// Limits of what a notice may carry.
const (
	MaxReferenceLen = 40
	MaxNoticeText   = 1500
	MaxRequestKey   = 100
)

// TrackedCase is a CNAP case reference (from the receipt given when the
// documents were handed in) a resident asked to be told about.
type TrackedCase struct {
	ID         int64
	ResidentID int64
	Reference  string // normalised: NormalizeReference
	CreatedAt  time.Time
}

// DocumentsReady says that the documents of a case can be collected. It
// names the case by the reference the resident holds: a CNAP case
// reference, a booking code or an appeal number.
type DocumentsReady struct {
	ID int64
	// RequestKey makes posting idempotent: the integration's own id of the
	// notice; a repeat with the same key changes nothing.
	RequestKey string
	Reference  string
	LocationID string // vikno.Location.ID where to collect them
	Details    string // pickup details: window, what to bring
	Until      string // optional last day to collect, "2026-12-20"
	CreatedAt  time.Time
	// ExpiresAt ends the wait for a resident who has not linked the
	// reference yet: a later subscription still gets the notice until then.
	ExpiresAt time.Time
}

// NoticeRecipient is a resident a notice goes to.
type NoticeRecipient = vikno.Resident

// DocumentsStore keeps tracked case references and documents-ready notices.
type DocumentsStore interface {
	// TrackCase links a reference to a resident; tracking it again returns
	// the existing link.
	TrackCase(ctx context.Context, residentID int64, reference string) (TrackedCase, error)
	// TrackedCases returns the resident's references, oldest first.
	TrackedCases(ctx context.Context, residentID int64) ([]TrackedCase, error)
	// UntrackCase removes one of the resident's references; ENOTFOUND when
	// the resident has no such reference.
	UntrackCase(ctx context.Context, residentID, id int64) error
	// SaveDocumentsReady stores d unless its RequestKey is stored already
	// (then it returns the stored one) and returns the reachable residents
	// the reference belongs to: those tracking it, the owner of an appeal
	// with that number and of a booking with that code.
	SaveDocumentsReady(ctx context.Context, d DocumentsReady) (DocumentsReady, []NoticeRecipient, error)
	// WaitingDocuments returns the notices for a reference that have not
	// expired at now.
	WaitingDocuments(ctx context.Context, reference string, now time.Time) ([]DocumentsReady, error)
}

// NormalizeReference turns what a resident types or an integration sends
// into the form references are compared in: upper case, without spaces, a
// leading "№" or "#". It returns EINVALID for anything that is not 3 to
// MaxReferenceLen letters, digits, '-', '/' or '.'.
func NormalizeReference(s string) (string, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "№#")
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
	n := utf8.RuneCountInString(s)
	if n < 3 || n > MaxReferenceLen {
		return "", vikno.Errorf(vikno.EINVALID, "reference must be 3 to %d characters", MaxReferenceLen)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-/.", r) {
			return "", vikno.Errorf(vikno.EINVALID, "reference may hold letters, digits, '-', '/' and '.' only")
		}
	}
	return s, nil
}

// Validate checks a documents-ready notice against the city and fills its
// normalised reference; errors are EINVALID with a reason.
func (d *DocumentsReady) Validate(city vikno.City) error {
	d.RequestKey = strings.TrimSpace(d.RequestKey)
	if d.RequestKey == "" || len(d.RequestKey) > MaxRequestKey || strings.ContainsFunc(d.RequestKey, unicode.IsControl) {
		return vikno.Errorf(vikno.EINVALID, "request_id must be 1 to %d characters", MaxRequestKey)
	}
	ref, err := NormalizeReference(d.Reference)
	if err != nil {
		return err
	}
	d.Reference = ref
	if _, ok := city.Location(d.LocationID); !ok {
		return vikno.Errorf(vikno.EINVALID, "location %q is not a CNAP of this city", d.LocationID)
	}
	d.Details = strings.TrimSpace(d.Details)
	if utf8.RuneCountInString(d.Details) > MaxNoticeText {
		return vikno.Errorf(vikno.EINVALID, "details must be up to %d characters", MaxNoticeText)
	}
	if d.Until != "" {
		if _, err := time.Parse(time.DateOnly, d.Until); err != nil {
			return vikno.Errorf(vikno.EINVALID, "until must be a date YYYY-MM-DD")
		}
	}
	return nil
}
