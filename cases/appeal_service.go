package cases

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
)

// Default limits on PIN lookups. Every attempt counts, so a brute force of a
// 6-digit PIN meets the per-number back-off after a few tries and then waits
// ever longer, up to hours between tries: ages for the whole space. The
// resident who filed an appeal is never limited on it.
var (
	PINNumberBackoff = Backoff{Burst: 5, First: time.Minute, Max: 4 * time.Hour}
	PINClientBackoff = Backoff{Burst: 10, First: time.Minute, Max: 4 * time.Hour}
)

// AppealService applies the rules of appeals on top of an AppealStore: it
// validates and routes new appeals, hashes PINs, limits lookups, enforces the
// transition table and notifies residents of executors' changes.
type AppealService struct {
	Store AppealStore
	City  vikno.City
	// Limiter limits PIN lookups per number and per client; required. It is
	// shared by all replicas (storage/redis) or a single process's
	// (storage/memory).
	Limiter vikno.RateLimiter
	// Hasher hashes PINs (bcrypt at the default cost when nil).
	Hasher PINHasher
	// Notices saves an executor's status change together with the
	// resident's notice of it, in one transaction. When nil, ChangeStatus
	// saves the change alone and then tells Notifier.
	Notices StatusNotices
	// Notifier tells residents about executors' changes after they are
	// saved, when Notices is nil (none when both are nil).
	Notifier AppealNotifier
	Logger   *slog.Logger
	Now      func() time.Time
	// NumberBackoff and ClientBackoff override the default lookup limits.
	NumberBackoff Backoff
	ClientBackoff Backoff

	dummyOnce sync.Once
	dummyHash string
}

// FiledAppeal is the result of filing: the appeal, and its PIN in the clear when
// it was created now, or for a repeated filing with the same token when the
// hasher derives PINs from tokens (PINDeriver); else empty: the PIN was given
// the first time and is not kept.
type FiledAppeal struct {
	Appeal  Appeal
	PIN     string
	Created bool
}

// RetryError is an ELIMITED error that says when to try again.
type RetryError struct {
	Err  *vikno.Error
	Wait time.Duration
}

func (e *RetryError) Error() string { return e.Err.Error() }
func (e *RetryError) Unwrap() error { return e.Err }

// RetryAfter returns how long to wait before trying again.
func (e *RetryError) RetryAfter() time.Duration { return e.Wait }

func (s *AppealService) now() time.Time {
	if s.Now != nil {
		return s.Now().In(s.City.Loc())
	}
	return time.Now().In(s.City.Loc())
}

func (s *AppealService) hasher() PINHasher {
	if s.Hasher == nil {
		return Bcrypt{}
	}
	return s.Hasher
}

func (s *AppealService) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// Category returns the category with id or an EINVALID error.
func (s *AppealService) Category(id string) (vikno.Category, error) {
	c, _, ok := s.City.Category(id)
	if !ok {
		return vikno.Category{}, vikno.Errorf(vikno.EINVALID, "unknown category %q", id)
	}
	return c, nil
}

// File validates d, routes it to its category's executor, gives it a number,
// a PIN and a due time, and stores it. Bad input is an EINVALID error and
// nothing is stored. Filing again with the same resident and client token
// returns the first appeal with Created false.
func (s *AppealService) File(ctx context.Context, d AppealDraft) (FiledAppeal, error) {
	cat, err := d.check(s.City)
	if err != nil {
		return FiledAppeal{}, err
	}
	derived := s.derivedPIN(d)
	if d.ResidentID != 0 && d.ClientToken != "" {
		if a, err := s.Store.FindAppealByToken(ctx, d.ResidentID, d.ClientToken); err == nil {
			return FiledAppeal{Appeal: a, PIN: s.samePIN(a, derived)}, nil
		} else if !vikno.IsNotFound(err) {
			return FiledAppeal{}, fmt.Errorf("file appeal: %w", err)
		}
	}
	pin := derived
	if pin == "" {
		if pin, err = NewPIN(PINLen); err != nil {
			return FiledAppeal{}, err
		}
	}
	hash, err := s.hasher().Hash(pin)
	if err != nil {
		return FiledAppeal{}, err
	}
	a, first := s.newAppeal(d, cat, hash)
	stored, created, err := s.Store.CreateAppeal(ctx, a, first)
	if err != nil {
		return FiledAppeal{}, fmt.Errorf("file appeal: %w", err)
	}
	if !created {
		pin = s.samePIN(stored, derived)
	}
	return FiledAppeal{Appeal: stored, PIN: pin, Created: created}, nil
}

// derivedPIN is the PIN of a resident's filing with a client token when the
// hasher can derive it (see PINDeriver), else "": a random PIN is made.
func (s *AppealService) derivedPIN(d AppealDraft) string {
	der, ok := s.hasher().(PINDeriver)
	if !ok || d.ResidentID == 0 || d.ClientToken == "" {
		return ""
	}
	return der.DerivePIN(d.ResidentID, d.ClientToken)
}

// samePIN returns the derived PIN of an appeal filed before with the same
// token if it is that appeal's PIN (it is not when the appeal was filed
// before the key was set), else "": the PIN was given the first time and is
// not kept.
func (s *AppealService) samePIN(a Appeal, derived string) string {
	if derived == "" || !s.hasher().Verify(a.PINHash, derived) {
		return ""
	}
	return derived
}

func (s *AppealService) newAppeal(d AppealDraft, cat vikno.Category, pinHash string) (Appeal, AppealEvent) {
	now := s.now()
	by := d.By
	if by.Kind == "" {
		by = ResidentActor(d.ResidentID)
	}
	a := Appeal{
		PINHash: pinHash, Channel: d.Channel, ResidentID: d.ResidentID, ClientToken: d.ClientToken,
		Category: cat.ID, Executor: cat.Executor, Description: strings.TrimSpace(d.Description),
		Address: d.Address, Location: d.Location, Photos: d.Photos, Phone: d.Phone, DescriptionPublic: d.DescriptionPublic,
		Status: AppealRegistered, DueAt: TermOf(cat).Due(now), CreatedAt: now, UpdatedAt: now,
	}
	return a, AppealEvent{At: now, To: AppealRegistered, Actor: by}
}

// ResidentActor is the actor of a resident's own actions.
func ResidentActor(residentID int64) Actor {
	return Actor{Kind: ActorResident, Name: fmt.Sprintf("resident:%d", residentID)}
}

// Find returns the appeal with the number (typed in any form ParseAppealNumber
// reads) and its history. A malformed number is EINVALID, an unknown one
// ENOTFOUND. It checks no PIN: it is for executors and the resident's own
// appeals.
func (s *AppealService) Find(ctx context.Context, number string) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	return s.Store.FindAppeal(ctx, n)
}

// FindByToken returns the resident's appeal filed with the client token.
func (s *AppealService) FindByToken(ctx context.Context, residentID int64, token string) (Appeal, error) {
	return s.Store.FindAppealByToken(ctx, residentID, token)
}

// List returns the appeals that match f.
func (s *AppealService) List(ctx context.Context, f AppealFilter) ([]Appeal, error) {
	return s.Store.ListAppeals(ctx, f)
}

// Overdue returns the appeals an executor (any when executor is "") still
// owes work on after their due time, the most overdue first.
func (s *AppealService) Overdue(ctx context.Context, executor string, limit int) ([]Appeal, error) {
	return s.Store.ListAppeals(ctx, AppealFilter{
		Statuses: WorkAppealStatuses(), DueBefore: s.now(), Executor: executor, Order: AppealsDueFirst, Limit: limit,
	})
}
