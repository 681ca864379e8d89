package cases

import (
	"context"
	"time"

	"github.com/vikno-city/vikno"
)

// Lookup returns the appeal with the number if pin is its PIN. client names
// who asks ("resident:17", "ip:203.0.113.5"): attempts are limited per
// number and per client, whatever their outcome, so guessing PINs fails. A
// wrong PIN and an unknown number give the same ENOTFOUND error; too many
// attempts give a *RetryError (ELIMITED); a malformed number or PIN is
// EINVALID and costs no attempt.
func (s *AppealService) Lookup(ctx context.Context, number, pin, client string) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	if !ValidPIN(pin) {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "a PIN is %d to %d digits", MinPINLen, MaxPINLen)
	}
	if err := s.allow(ctx, "appeal-pin:client:"+client, s.limit(s.ClientLimit, PINClientLimit)); err != nil {
		return Appeal{}, err
	}
	if err := s.allow(ctx, "appeal-pin:number:"+n, s.limit(s.NumberLimit, PINNumberLimit)); err != nil {
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
	if !s.hasher().Verify(a.PINHash, pin) {
		return Appeal{}, errPINMismatch()
	}
	return a, nil
}

func errPINMismatch() error {
	return vikno.Errorf(vikno.ENOTFOUND, "no appeal matches this number and PIN")
}

func (s *AppealService) limit(set, def vikno.Limit) vikno.Limit {
	if set.Events > 0 && set.Per > 0 {
		return set
	}
	return def
}

func (s *AppealService) allow(ctx context.Context, key string, l vikno.Limit) error {
	if s.Limiter == nil {
		return vikno.Errorf(vikno.EINTERNAL, "appeal lookups need a rate limiter")
	}
	ok, wait, err := s.Limiter.Allow(ctx, key, l)
	if err != nil {
		return err
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
