package cases_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// guessWaitingOut guesses a wrong PIN from a new client each time, waiting
// out every refusal as long as it was told; it returns the time between
// each answered guess and the one before.
func guessWaitingOut(t *testing.T, f fixture, number, pin string, guesses int) []time.Duration {
	t.Helper()
	var gaps []time.Duration
	last := f.clock.Now()
	for i, tries := 0, 0; i < guesses; tries++ {
		_, err := f.svc.Lookup(context.Background(), number, wrongPIN(pin), "ip:10.1."+strconv.Itoa(tries))
		var re *cases.RetryError
		switch {
		case errors.As(err, &re):
			f.clock.Add(re.Wait)
		case vikno.IsNotFound(err):
			gaps = append(gaps, f.clock.Now().Sub(last))
			last = f.clock.Now()
			i++
		default:
			t.Fatalf("guess %d = %v", i, err)
		}
	}
	return gaps
}

func TestLookupBacksOffExponentiallyPerNumber(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	b := cases.PINNumberBackoff
	gaps := guessWaitingOut(t, f, filed.Appeal.Number, filed.PIN, b.Burst+10)
	for i, g := range gaps[:b.Burst] {
		if g != 0 {
			t.Fatalf("guess %d of the burst waited %v", i+1, g)
		}
	}
	past := gaps[b.Burst:]
	if past[0] < b.First {
		t.Fatalf("the first guess past the burst waited %v, want at least %v", past[0], b.First)
	}
	for i := 2; i < len(past); i++ {
		if past[i] < 2*past[i-1] && past[i] < b.Max/2 {
			t.Fatalf("gaps between guesses %v do not double up to %v", past, b.Max)
		}
	}
	if past[len(past)-1] < b.Max/2 {
		t.Fatalf("gaps between guesses %v never come near %v", past, b.Max)
	}
}

func TestOwnerLooksUpWhileOthersGuess(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	ctx := context.Background()
	for i := range 3 * cases.PINNumberBackoff.Burst {
		_, _ = f.svc.LookupByResident(ctx, int64(100+i), filed.Appeal.Number, wrongPIN(filed.PIN))
		_, _ = f.svc.Lookup(ctx, filed.Appeal.Number, wrongPIN(filed.PIN), "ip:10.0.0."+strconv.Itoa(i))
	}
	if _, err := f.svc.LookupByResident(ctx, 99, filed.Appeal.Number, filed.PIN); vikno.ErrorCode(err) != vikno.ELIMITED {
		t.Fatalf("another resident with the right PIN during the guessing = %v, want rate limited", err)
	}
	for range 3 {
		a, err := f.svc.LookupByResident(ctx, 7, filed.Appeal.Number, filed.PIN)
		if err != nil || a.Number != filed.Appeal.Number {
			t.Fatalf("the owner's lookup during the guessing = %+v, %v", a, err)
		}
	}
	if _, err := f.svc.LookupByResident(ctx, 7, filed.Appeal.Number, wrongPIN(filed.PIN)); !vikno.IsNotFound(err) {
		t.Fatalf("the owner's wrong PIN = %v, want not found", err)
	}
}

func TestLookupByResidentLimitsThatResidentOnOthersAppeals(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	ctx := context.Background()
	var last error
	for i := range cases.PINClientBackoff.Burst + 1 {
		_, last = f.svc.LookupByResident(ctx, 8, cases.FormatAppealNumber(2026, int64(i+2)), "1234")
	}
	if vikno.ErrorCode(last) != vikno.ELIMITED {
		t.Fatalf("resident 8 trying %d numbers = %v, want rate limited", cases.PINClientBackoff.Burst+1, last)
	}
	if _, err := f.svc.LookupByResident(ctx, 8, filed.Appeal.Number, filed.PIN); vikno.ErrorCode(err) != vikno.ELIMITED {
		t.Fatalf("resident 8 on another's appeal = %v, want rate limited", err)
	}
}
