package cases

import (
	"context"
	"strconv"
	"time"

	"github.com/vikno-city/vikno"
)

// Backoff limits attempts under one key with waits that grow: Burst attempts
// at once, then one after First, the next after twice as long, and so on up
// to Max between attempts; the allowance comes back as time passes without
// attempts. It is built from token buckets of a vikno.RateLimiter (one per
// doubling), so replicas that share the limiter share the back-off.
type Backoff struct {
	Burst int
	First time.Duration
	Max   time.Duration
}

// limits returns the buckets: bucket i refills one attempt per First·2^i and
// holds Burst+i, so after the burst each bucket in turn is the one that
// makes the next attempt wait, twice as long as the one before.
func (b Backoff) limits() []vikno.Limit {
	burst, wait := max(b.Burst, 1), max(b.First, time.Second)
	var out []vikno.Limit
	for i := 0; len(out) == 0 || wait <= b.Max; i++ {
		out = append(out, vikno.Limit{Events: 1, Per: wait, Burst: burst + i})
		wait *= 2
	}
	return out
}

// valid reports whether b is set.
func (b Backoff) valid() bool { return b.Burst > 0 && b.First > 0 }

// allow takes an attempt for key from every bucket, the fastest first. It
// reports false and the wait of the first bucket that has none; a refused
// attempt still counts in the buckets before it.
func (b Backoff) allow(ctx context.Context, l vikno.RateLimiter, key string) (bool, time.Duration, error) {
	for i, lim := range b.limits() {
		ok, wait, err := l.Allow(ctx, key+":"+strconv.Itoa(i), lim)
		if err != nil || !ok {
			return false, wait, err
		}
	}
	return true, 0, nil
}
