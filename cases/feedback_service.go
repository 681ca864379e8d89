package cases

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// dayLayout is how Rating.Day is written.
const dayLayout = "2006-01-02"

// FeedbackMessages renders and queues the messages of ratings: alerts to
// managers, managers' answers to residents and daily digests. The notify
// package implements it for the outbox.
type FeedbackMessages[M any] interface {
	// Alert renders the alert about r for the manager, with the idempotency
	// key. It runs inside the rating's transaction and must not use a store.
	Alert(key string, r Rating, to Manager) (M, error)
	// Answer renders the manager's answer for the resident who left r.
	Answer(ctx context.Context, key string, r Rating, answer string) (M, error)
	// Reply renders the resident's reply to a manager's answer for the
	// manager to, with the idempotency key. It runs inside the reply's
	// transaction and must not use a store.
	Reply(key string, r Rating, to Manager) (M, error)
	// Digest queues a manager's digest; a second call with the same key
	// does nothing.
	Digest(ctx context.Context, key string, to Manager, d Digest) error
	// Queued is called after messages were queued, to wake delivery.
	Queued()
}

// Feedback runs post-visit ratings and the managers who answer them. Its
// methods are what the dialog's rating and manager flows and the `vikno qr`
// and `vikno managers` commands need; they return *vikno.Error values with
// codes the callers map to replies.
type Feedback[M any] struct {
	Store    FeedbackStore[M]
	Messages FeedbackMessages[M]
	City     vikno.City
	Now      func() time.Time
	Logger   *slog.Logger
}

func (f *Feedback[M]) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f *Feedback[M]) logger() *slog.Logger {
	if f.Logger != nil {
		return f.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Today returns the local calendar day of t in the city's time zone.
func (f *Feedback[M]) Today(t time.Time) string { return t.In(f.City.Loc()).Format(dayLayout) }

// SyncRegions tells the store which regions each location lies in, from the
// city configuration; call it at start-up before serving managers.
func (f *Feedback[M]) SyncRegions(ctx context.Context) error {
	if err := f.Store.SetLocationRegions(ctx, LocationRegions(f.City)); err != nil {
		return fmt.Errorf("sync location regions: %w", err)
	}
	return nil
}

// EnsurePoints returns the rating point of every location (or of the one
// location named, EINVALID if the city has no such location), and of each
// of its windows when windows is true, creating tokens that do not exist
// yet: printing posters again keeps the codes already in the halls valid.
func (f *Feedback[M]) EnsurePoints(ctx context.Context, locationID string, windows bool) ([]RatingPoint, error) {
	if _, ok := f.City.Location(locationID); locationID != "" && !ok {
		return nil, vikno.Errorf(vikno.EINVALID, "unknown location %q", locationID)
	}
	var out []RatingPoint
	for _, l := range f.City.Locations {
		if locationID != "" && l.ID != locationID {
			continue
		}
		points := []string{""}
		for n := 1; windows && n <= l.Windows; n++ {
			points = append(points, WindowPoint(n))
		}
		for _, pt := range points {
			p, err := f.Store.EnsureRatingPoint(ctx, RatingPoint{Token: NewToken(), LocationID: l.ID, Point: pt})
			if err != nil {
				return nil, fmt.Errorf("rating point %s %s: %w", l.ID, pt, err)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// RatingPoint returns the point of a deep-link token. A token that is
// malformed, unknown or points to a location no longer in the city is
// ENOTFOUND.
func (f *Feedback[M]) RatingPoint(ctx context.Context, token string) (RatingPoint, error) {
	if !ValidToken(token) {
		return RatingPoint{}, vikno.Errorf(vikno.ENOTFOUND, "rating link not found")
	}
	p, err := f.Store.FindRatingPoint(ctx, token)
	if err != nil {
		return RatingPoint{}, err
	}
	if _, ok := f.City.Location(p.LocationID); !ok {
		return RatingPoint{}, vikno.Errorf(vikno.ENOTFOUND, "rating link of a closed location")
	}
	return p, nil
}

// SubmitRating saves the resident's rating for today and, in the same
// transaction, queues an alert to every active manager whose scope covers
// the location. A second rating of the same location on the same day
// replaces the first (the result has Revision > 1) and alerts again, up to
// MaxAlertedRevisions times. The result's Managers counts the managers who
// cover the location. EINVALID for bad input.
func (f *Feedback[M]) SubmitRating(ctx context.Context, r Rating) (Rating, error) {
	r.Day = f.Today(f.now())
	r.Comment = strings.TrimSpace(r.Comment)
	if _, ok := f.City.Location(r.LocationID); !ok {
		return Rating{}, vikno.Errorf(vikno.EINVALID, "unknown location %q", r.LocationID)
	}
	if err := r.Validate(); err != nil {
		return Rating{}, err
	}
	covering := 0
	stored, err := f.Store.SaveRating(ctx, r, func(stored Rating, managers []Manager) ([]M, error) {
		covering = len(managers)
		var msgs []M
		if stored.Revision > MaxAlertedRevisions {
			return nil, nil
		}
		for _, m := range managers {
			if m.Resident.Unreachable {
				continue // blocked the bot; the digest and the inbox still show it
			}
			msg, err := f.Messages.Alert(AlertKey(stored, m.ID), stored, m)
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, msg)
		}
		return msgs, nil
	})
	if err != nil {
		return Rating{}, fmt.Errorf("submit rating: %w", err)
	}
	f.Messages.Queued()
	stored.Managers = covering
	return stored, nil
}

// TodaysRating returns the resident's rating of the location left today,
// which a new rating would replace, or ENOTFOUND.
func (f *Feedback[M]) TodaysRating(ctx context.Context, residentID int64, locationID string) (Rating, error) {
	return f.Store.FindResidentRating(ctx, residentID, locationID, f.Today(f.now()))
}

// CreateInvite makes a one-time invite for a manager of the given level and
// scope, valid for ttl. EINVALID for a scope the city does not have.
func (f *Feedback[M]) CreateInvite(ctx context.Context, level Level, scope, name string, ttl time.Duration) (Invite, error) {
	scope, err := CheckScope(f.City, level, scope)
	if err != nil {
		return Invite{}, err
	}
	if ttl < time.Minute {
		return Invite{}, vikno.Errorf(vikno.EINVALID, "an invite must be valid for at least a minute")
	}
	now := f.now()
	inv := Invite{Token: NewToken(), Level: level, Scope: scope, Name: strings.TrimSpace(name),
		CreatedAt: now, ExpiresAt: now.Add(ttl)}
	return f.Store.CreateInvite(ctx, inv)
}

// JoinManagers accepts an invite for the resident. Errors: ENOTFOUND for an
// unknown or malformed token, ECONFLICT for a used invite, EINVALID for an
// expired one.
func (f *Feedback[M]) JoinManagers(ctx context.Context, token string, residentID int64) (Manager, error) {
	if !ValidToken(token) {
		return Manager{}, vikno.Errorf(vikno.ENOTFOUND, "invite not found")
	}
	return f.Store.RedeemInvite(ctx, token, residentID)
}

// Manager returns the active manager role of a resident, or ENOTFOUND.
func (f *Feedback[M]) Manager(ctx context.Context, residentID int64) (Manager, error) {
	return f.Store.FindManager(ctx, residentID)
}

// ManagedRating returns a rating the resident, as a manager, may see. A
// resident who is not an active manager, or a rating outside the scope, is
// ENOTFOUND.
func (f *Feedback[M]) ManagedRating(ctx context.Context, residentID, id int64) (Rating, error) {
	m, err := f.Store.FindManager(ctx, residentID)
	if err != nil {
		return Rating{}, err
	}
	return f.Store.FindRating(ctx, m.ID, id)
}

// ManagedRatings lists the ratings the resident, as a manager, may see.
func (f *Feedback[M]) ManagedRatings(ctx context.Context, residentID int64, filter RatingFilter) ([]Rating, error) {
	m, err := f.Store.FindManager(ctx, residentID)
	if err != nil {
		return nil, err
	}
	return f.Store.ListRatings(ctx, m.ID, filter)
}

// MarkRatingSeen marks a rating processed on behalf of the resident as a
// manager; ENOTFOUND as for ManagedRating.
func (f *Feedback[M]) MarkRatingSeen(ctx context.Context, residentID, id int64) (Rating, error) {
	m, err := f.Store.FindManager(ctx, residentID)
	if err != nil {
		return Rating{}, err
	}
	return f.Store.MarkRatingSeen(ctx, m.ID, id)
}

// AnswerRating sends the manager's answer to the resident who left the
// rating, through the outbox, and records it. ref identifies the manager's
// message, so that a redelivered message is answered once. ENOTFOUND as for
// ManagedRating; EINVALID for an empty or too long answer.
func (f *Feedback[M]) AnswerRating(ctx context.Context, residentID, id int64, answer, ref string) (Rating, error) {
	answer = strings.TrimSpace(answer)
	if answer == "" || utf8.RuneCountInString(answer) > MaxAnswerLen {
		return Rating{}, vikno.Errorf(vikno.EINVALID, "an answer must have 1 to %d characters", MaxAnswerLen)
	}
	m, err := f.Store.FindManager(ctx, residentID)
	if err != nil {
		return Rating{}, err
	}
	r, err := f.Store.FindRating(ctx, m.ID, id)
	if err != nil {
		return Rating{}, err
	}
	notice, err := f.Messages.Answer(ctx, AnswerKey(r.ID, ref), r, answer)
	if err != nil {
		return Rating{}, err
	}
	r, err = f.Store.AnswerRating(ctx, m.ID, id, answer, notice)
	if err != nil {
		return Rating{}, err
	}
	f.Messages.Queued()
	return r, nil
}

// ReplyRating sends the resident's reply to the manager who answered the
// resident's rating (a thread), through the outbox, and records it; the
// rating is open again in the managers' inbox. ref identifies the
// resident's message, so that a redelivered message is passed on once. The
// result's Managers counts the managers told. ENOTFOUND for a rating that is
// not the resident's or was never answered; EINVALID for an empty or too
// long reply.
func (f *Feedback[M]) ReplyRating(ctx context.Context, residentID, id int64, reply, ref string) (Rating, error) {
	reply = strings.TrimSpace(reply)
	if reply == "" || utf8.RuneCountInString(reply) > MaxReplyLen {
		return Rating{}, vikno.Errorf(vikno.EINVALID, "a reply must have 1 to %d characters", MaxReplyLen)
	}
	told := 0
	stored, err := f.Store.ReplyRating(ctx, residentID, id, reply, ref, func(stored Rating, to []Manager) ([]M, error) {
		var msgs []M
		for _, m := range to {
			if m.Resident.Unreachable {
				continue
			}
			msg, err := f.Messages.Reply(ReplyKey(stored.ID, m.ID, ref), stored, m)
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, msg)
		}
		told = len(msgs)
		return msgs, nil
	})
	if err != nil {
		return Rating{}, fmt.Errorf("reply to rating: %w", err)
	}
	f.Messages.Queued()
	stored.Managers = told
	return stored, nil
}

// SendDigests queues the digest of day to every active manager who has
// ratings that day, and returns how many were queued. Digests are keyed by
// manager and day, so running it again (another replica, a restart) sends
// nothing twice.
func (f *Feedback[M]) SendDigests(ctx context.Context, day string) (int, error) {
	managers, err := f.Store.ListManagers(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, m := range managers {
		if !m.Active() || m.Resident.Unreachable {
			continue
		}
		d, err := f.Store.RatingDigest(ctx, m.ID, day)
		if err == nil && d.Total().Count > 0 {
			err = f.Messages.Digest(ctx, DigestKey(m.ID, day), m, d)
			n++
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("digest for manager %d: %w", m.ID, err))
		}
	}
	if n > 0 {
		f.Messages.Queued()
	}
	return n, errors.Join(errs...)
}

// RunDigests sends each day, at the first check at or after hour (local
// time), the digest of the day before; it checks every interval until ctx
// ends.
func (f *Feedback[M]) RunDigests(ctx context.Context, hour int, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	done := ""
	for {
		local := f.now().In(f.City.Loc())
		today := local.Format(dayLayout)
		if local.Hour() >= hour && done != today {
			day := local.AddDate(0, 0, -1).Format(dayLayout)
			n, err := f.SendDigests(ctx, day)
			if err != nil && ctx.Err() == nil {
				f.logger().ErrorContext(ctx, "rating digests", "day", day, "err", err)
			} else {
				done = today
				f.logger().InfoContext(ctx, "rating digests queued", "day", day, "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
