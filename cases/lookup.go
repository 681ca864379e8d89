package cases

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/vikno-city/vikno"
)

// Lookup returns the appeal with the number if pin is its PIN. client names
// who asks ("ip:203.0.113.5"): attempts are limited per client and, across
// all clients, per number, with waits that grow (Backoff), whatever their
// outcome, so guessing PINs fails. A wrong PIN and an unknown number give
// the same ENOTFOUND error; too many attempts give a *RetryError
// (ELIMITED); a malformed number or PIN is EINVALID and costs no attempt.
func (s *AppealService) Lookup(ctx context.Context, number, pin, client string) (Appeal, error) {
	return s.lookup(ctx, number, pin, client, 0)
}

// LookupByResident is Lookup for a resident in a chat, limited as the client
// "resident:ID". The resident who filed the appeal is not limited on it:
// whoever else guesses its PIN, its owner can always check it.
func (s *AppealService) LookupByResident(ctx context.Context, residentID int64, number, pin string) (Appeal, error) {
	return s.lookup(ctx, number, pin, "resident:"+strconv.FormatInt(residentID, 10), residentID)
}

func (s *AppealService) lookup(ctx context.Context, number, pin, client string, residentID int64) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	if !ValidPIN(pin) {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "a PIN is %d to %d digits", MinPINLen, MaxPINLen)
	}
	if residentID != 0 {
		a, err := s.Store.FindAppeal(ctx, n)
		if err == nil && a.ResidentID == residentID {
			return s.verify(a, pin)
		}
		if err != nil && !vikno.IsNotFound(err) {
			return Appeal{}, err
		}
	}
	if err := s.allow(ctx, "appeal-pin:client:"+client, s.backoff(s.ClientBackoff, PINClientBackoff)); err != nil {
		return Appeal{}, err
	}
	if err := s.allow(ctx, "appeal-pin:number:"+n, s.backoff(s.NumberBackoff, PINNumberBackoff)); err != nil {
		return Appeal{}, err
	}
	a, err := s.Store.FindAppeal(ctx, n)
	if vikno.IsNotFound(err) {
		s.hasher().Verify(s.dummy(), pin) // same work as for a real appeal
		return Appeal{}, errPINMismatch()
	}
	if err != nil {
		return Appeal{}, err
	}
	return s.verify(a, pin)
}

func (s *AppealService) verify(a Appeal, pin string) (Appeal, error) {
	if !s.hasher().Verify(a.PINHash, pin) {
		if k, ok := s.hasher().(KeyedPIN); ok && k.HashedUnderAnotherKey(a.PINHash) {
			s.logger().Error("an appeal's PIN was hashed under another VIKNO_PIN_KEY and cannot be checked", "appeal", a.Number)
		}
		return Appeal{}, errPINMismatch()
	}
	return a, nil
}

func errPINMismatch() error {
	return vikno.Errorf(vikno.ENOTFOUND, "no appeal matches this number and PIN")
}

func (s *AppealService) backoff(set, def Backoff) Backoff {
	if set.valid() {
		return set
	}
	return def
}

func (s *AppealService) allow(ctx context.Context, key string, b Backoff) error {
	if s.Limiter == nil {
		return vikno.Errorf(vikno.EINTERNAL, "appeal lookups need a rate limiter")
	}
	ok, wait, err := b.allow(ctx, s.Limiter, key)
	if err != nil {
		return fmt.Errorf("appeal lookup limit: %w", err)
	}
	if !ok {
		return &RetryError{Err: vikno.Errorf(vikno.ELIMITED, "too many attempts; try again later"), Wait: wait}
	}
	return nil
}

// dummy returns a hash of no real PIN, to spend on unknown numbers the time
// a real check takes.
func (s *AppealService) dummy() string {
	s.dummyOnce.Do(func() {
		s.dummyHash, _ = s.hasher().Hash("no-such-pin")
	})
	return s.dummyHash
}

// retryMinutes rounds a wait up to whole minutes, at least one.
func retryMinutes(wait time.Duration) int {
	m := int((wait + time.Minute - 1) / time.Minute)
	return max(m, 1)
}

// Minutes returns how many whole minutes (at least one) to wait.
func (e *RetryError) Minutes() int { return retryMinutes(e.Wait) }
