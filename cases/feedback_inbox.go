package cases

import (
	"context"
	"time"
)

// Author is who wrote one message of a rating's thread.
type Author string

// Authors of thread messages.
const (
	AuthorManager  Author = "manager"  // a manager, from the Telegram alert
	AuthorStaff    Author = "staff"    // a staff account, from the admin web
	AuthorResident Author = "resident" // the resident who left the rating
)

// ThreadMessage is one message of a rating's thread: a manager's answer or
// the resident's reply. Every answer and reply is kept, oldest first, so
// that two managers who answer at once both stay in the thread.
type ThreadMessage struct {
	ID       int64
	RatingID int64
	Author   Author
	// ManagerID is the Telegram manager who answered, StaffID the admin
	// web account; zero otherwise.
	ManagerID int64
	StaffID   int64
	// Name is the author's name as it was when the message was written
	// (empty for residents).
	Name string
	Text string
	// Key makes writing idempotent: it is the outbox key of the message it
	// sent, so a redelivered or double-submitted answer is kept once.
	Key string
	At  time.Time
}

// MaxInboxPage caps one page of the inbox; MaxInboxExport caps a CSV export.
const (
	MaxInboxPage   = 100
	MaxInboxExport = 10000
)

// InboxFilter selects ratings in the admin web's feedback inbox. Empty
// fields select everything.
type InboxFilter struct {
	LocationID string
	Score      int // 1..5, 0 for any
	Aspect     Aspect
	Status     RatingStatus
	FromDay    string // inclusive, "2026-05-01"
	ToDay      string // inclusive
	Offset     int
	// Limit is at most MaxInboxExport; 0 means MaxInboxPage.
	Limit int
}

// EffectiveLimit returns the limit a store applies.
func (f InboxFilter) EffectiveLimit() int {
	switch {
	case f.Limit <= 0:
		return MaxInboxPage
	case f.Limit > MaxInboxExport:
		return MaxInboxExport
	}
	return f.Limit
}

// ScoreCount is how many ratings of one location on one day have one score:
// what the inbox's summary and chart are computed from.
type ScoreCount struct {
	LocationID string
	Day        string
	Score      int
	Count      int
}

// InboxStore is the admin web's view of ratings. staffID is a staff account
// (package staff): every method applies that account's role and scope in its
// query — an admin sees every rating, a manager those of the locations its
// level and scope cover (as FeedbackStore does for Telegram managers), any
// other role or a disabled account nothing. A rating outside the scope is
// ENOTFOUND, exactly as one that does not exist. Changes write the audit
// entry staff.WithAudit put into ctx in the same transaction.
type InboxStore[M any] interface {
	// InboxRatings returns the ratings matching f, newest first.
	InboxRatings(ctx context.Context, staffID int64, f InboxFilter) ([]Rating, error)
	// InboxScores counts the ratings matching f (Offset and Limit aside)
	// by location, day and score.
	InboxScores(ctx context.Context, staffID int64, f InboxFilter) ([]ScoreCount, error)
	// InboxRating returns one rating and its thread, oldest first.
	InboxRating(ctx context.Context, staffID, id int64) (Rating, []ThreadMessage, error)
	// InboxAnswer adds the account's answer msg (its Text and Key) to the
	// rating's thread, makes it the rating's latest answer (status
	// answered) and queues notice to the resident, in one transaction. A
	// second answer with the same Key changes nothing and queues nothing;
	// added reports whether this call added it.
	InboxAnswer(ctx context.Context, staffID, id int64, msg ThreadMessage, notice M) (r Rating, added bool, err error)
	// InboxMarkSeen marks a new rating processed (an answered one stays
	// answered); changed reports whether this call changed it, and the
	// audit entry is written only then.
	InboxMarkSeen(ctx context.Context, staffID, id int64) (r Rating, changed bool, err error)
}

// Satisfaction is the grade a 1–5 score stands for: each score has its
// own, so that a 2 and a 3 read differently.
type Satisfaction string

// Levels of the satisfaction scale, best first; Fair, Poor and VeryPoor
// are the low scores (up to LowScore).
const (
	Excellent Satisfaction = "excellent" // відмінно: 5
	Good      Satisfaction = "good"      // добре: 4
	Fair      Satisfaction = "fair"      // задовільно: 3
	Poor      Satisfaction = "poor"      // погано: 2
	VeryPoor  Satisfaction = "very_poor" // дуже погано: 1
)

// SatisfactionLevels returns the scale, best first: one level a score.
func SatisfactionLevels() []Satisfaction {
	return []Satisfaction{Excellent, Good, Fair, Poor, VeryPoor}
}

// SatisfactionOf maps a score to its level; a score outside the scale
// takes the nearest end.
func SatisfactionOf(score int) Satisfaction {
	levels := SatisfactionLevels()
	return levels[MaxScore-min(max(score, MinScore), MaxScore)]
}
