package cases

import (
	"context"
)

// FeedbackStore keeps rating points, ratings, managers and invites.
//
// Access control lives in the store's queries: every method that reads or
// changes ratings on a manager's behalf takes the manager's id and selects
// only ratings of locations the manager's scope covers (level 1: the
// location; level 2: a region and everything below it, by the regions
// SetLocationRegions gave; level 3: all). A rating outside the scope, or a
// revoked manager, gives ENOTFOUND, exactly as a rating that does not exist.
//
// M is the type of the outbox messages a store queues in the same
// transaction as the change that causes them (notify.Message): cases does not
// know how messages are rendered or delivered.
type FeedbackStore[M any] interface {
	ManagerStore

	// EnsureRatingPoint stores p unless its location and point have a token
	// already, and returns the stored point.
	EnsureRatingPoint(ctx context.Context, p RatingPoint) (RatingPoint, error)
	// FindRatingPoint returns the point of a token, or ENOTFOUND.
	FindRatingPoint(ctx context.Context, token string) (RatingPoint, error)
	// SetLocationRegions replaces the regions each location lies in (see
	// LocationRegions); the city configuration is its source.
	SetLocationRegions(ctx context.Context, regions map[string][]string) error

	// SaveRating stores r as the resident's rating of the location for
	// r.Day: a new one with revision 1, or, when one exists, changes its
	// point, score, aspects and comment, sets it new again and raises its
	// revision (the database enforces one per resident, location and day).
	// In the same transaction it calls alerts with the stored rating and the
	// active managers whose scope covers the location, and queues the
	// messages alerts returns. alerts must not use the store.
	SaveRating(ctx context.Context, r Rating, alerts func(stored Rating, managers []Manager) ([]M, error)) (Rating, error)
	// FindResidentRating returns the resident's rating of the location for
	// day, or ENOTFOUND.
	FindResidentRating(ctx context.Context, residentID int64, locationID, day string) (Rating, error)
	// FindRating returns a rating the manager may see, or ENOTFOUND.
	FindRating(ctx context.Context, managerID, id int64) (Rating, error)
	// ListRatings returns the ratings the manager may see that match f,
	// newest first.
	ListRatings(ctx context.Context, managerID int64, f RatingFilter) ([]Rating, error)
	// MarkRatingSeen marks a new rating the manager may see as processed
	// (an answered one stays answered) and returns it; ENOTFOUND otherwise.
	MarkRatingSeen(ctx context.Context, managerID, id int64) (Rating, error)
	// AnswerRating records the manager's answer to a rating the manager may
	// see, adds it to the rating's thread and queues notice (the answer to
	// the resident) in the same transaction (an answer whose notice key is
	// in the thread already changes nothing); ENOTFOUND for a rating outside the scope, and then
	// nothing is queued.
	AnswerRating(ctx context.Context, managerID, id int64, answer string, notice M) (Rating, error)
	// ReplyRating records the resident's reply to the manager's answer on
	// the resident's own rating, adds it to the rating's thread (ref
	// identifies the resident's message: a second reply with the same ref
	// changes nothing and tells nobody), sets the rating new again (a manager who
	// marked it processed sees it reopened) and, in the same transaction,
	// queues the messages notices returns for the managers to tell: the
	// manager who answered last while that manager is active, otherwise
	// the active managers who cover the location. ENOTFOUND for a rating
	// that is not the resident's or has no answer yet; then nothing is
	// saved. notices must not use the store.
	ReplyRating(ctx context.Context, residentID, id int64, reply, ref string,
		notices func(stored Rating, to []Manager) ([]M, error)) (Rating, error)
	// RatingDigest sums up the ratings of a day the manager may see, per
	// location.
	RatingDigest(ctx context.Context, managerID int64, day string) (Digest, error)
}

// ManagerStore keeps managers and their invites.
type ManagerStore interface {
	// CreateInvite stores an invite.
	CreateInvite(ctx context.Context, inv Invite) (Invite, error)
	// RedeemInvite turns an unused, unexpired invite into an active manager
	// for the resident, in one transaction; the resident's previous manager
	// role, if any, is revoked. Errors: ENOTFOUND for an unknown token,
	// ECONFLICT for a used invite, EINVALID for an expired one.
	RedeemInvite(ctx context.Context, token string, residentID int64) (Manager, error)
	// FindManager returns the active manager role of a resident, or
	// ENOTFOUND.
	FindManager(ctx context.Context, residentID int64) (Manager, error)
	// ListManagers returns every manager, revoked ones too, oldest first.
	ListManagers(ctx context.Context) ([]Manager, error)
	// ListInvites returns the invites not used yet, oldest first.
	ListInvites(ctx context.Context) ([]Invite, error)
	// RevokeManager ends a manager's access at once; revoking a revoked
	// manager does nothing. ENOTFOUND for an unknown id.
	RevokeManager(ctx context.Context, id int64) error
}

// MaxRatingList caps how many ratings one list returns.
const MaxRatingList = 500

// RatingFilter selects ratings. Empty fields select everything.
type RatingFilter struct {
	Status     RatingStatus
	LocationID string
	LowOnly    bool
	FromDay    string // inclusive, "2026-05-01"
	ToDay      string // inclusive
	// Limit is at most MaxRatingList; 0 means MaxRatingList.
	Limit int
}

// EffectiveLimit returns the limit a store applies.
func (f RatingFilter) EffectiveLimit() int {
	if f.Limit <= 0 || f.Limit > MaxRatingList {
		return MaxRatingList
	}
	return f.Limit
}

// Digest sums up one day's ratings in a manager's scope.
type Digest struct {
	Day        string
	ByLocation []LocationDigest // ordered by location id
}

// LocationDigest is one location's part of a digest.
type LocationDigest struct {
	LocationID string
	Count      int
	Sum        int // of scores
	Low        int // ratings with a low score
	Open       int // low ratings neither processed nor answered
}

// Average returns the mean score, 0 without ratings.
func (d LocationDigest) Average() float64 {
	if d.Count == 0 {
		return 0
	}
	return float64(d.Sum) / float64(d.Count)
}

// Total sums the locations up.
func (d Digest) Total() LocationDigest {
	var t LocationDigest
	for _, l := range d.ByLocation {
		t.Count += l.Count
		t.Sum += l.Sum
		t.Low += l.Low
		t.Open += l.Open
	}
	return t
}
