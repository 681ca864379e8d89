// Package memory implements Vikno's shared ephemeral state in process, for a
// single replica: sessions and other values with a TTL, update
// de-duplication, rate limits and change events.
package memory

import (
	"context"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
)

// Store is the in-process ephemeral store.
type Store struct {
	Now func() time.Time

	mu     sync.Mutex
	values map[string]entry
	tats   map[string]time.Time // rate limiter: theoretical arrival times
	sends  map[string]*Window   // send windows
	leases map[string]entry     // lease key → holder
	knocks map[string]bool      // lease key → another holder tried it
	subs   map[string][]chan []byte
	ops    int
}

type entry struct {
	value   []byte
	expires time.Time
}

var _ vikno.Ephemeral = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{Now: time.Now, values: map[string]entry{}, tats: map[string]time.Time{}, sends: map[string]*Window{},
		leases: map[string]entry{}, knocks: map[string]bool{}, subs: map[string][]chan []byte{}}
}

// Get implements vikno.KV.
func (s *Store) Get(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.values[key]
	if !ok || !s.Now().Before(e.expires) {
		return nil, vikno.Errorf(vikno.ENOTFOUND, "no value")
	}
	return append([]byte(nil), e.value...), nil
}

// Set implements vikno.KV.
func (s *Store) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep()
	s.values[key] = entry{value: append([]byte(nil), value...), expires: s.Now().Add(ttl)}
	return nil
}

// Delete implements vikno.KV.
func (s *Store) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.values, key)
	return nil
}

// FirstSeen implements vikno.Deduplicator.
func (s *Store) FirstSeen(_ context.Context, key string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := "dedup:" + key
	if e, ok := s.values[k]; ok && s.Now().Before(e.expires) {
		return false, nil
	}
	s.sweep()
	s.values[k] = entry{expires: s.Now().Add(ttl)}
	return true, nil
}

// Forget implements vikno.Deduplicator.
func (s *Store) Forget(ctx context.Context, key string) error {
	return s.Delete(ctx, "dedup:"+key)
}

// Allow implements vikno.RateLimiter with the generic cell rate algorithm,
// the same one storage/redis runs, so both behave alike.
func (s *Store) Allow(_ context.Context, key string, l vikno.Limit) (bool, time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	ok, wait, tat := GCRA(now, s.tats[key], l)
	if ok {
		s.tats[key] = tat
	}
	return ok, wait, nil
}

// GCRA decides one request at now given the key's theoretical arrival time
// tat: it returns whether the request is allowed, how long to wait if not,
// and the new tat to keep when allowed.
func GCRA(now, tat time.Time, l vikno.Limit) (bool, time.Duration, time.Time) {
	interval := l.Per / time.Duration(max(l.Events, 1))
	burst := max(l.Burst, 1)
	if tat.Before(now) {
		tat = now
	}
	next := tat.Add(interval)
	allowAt := next.Add(-time.Duration(burst) * interval)
	if now.Before(allowAt) {
		return false, allowAt.Sub(now), tat
	}
	return true, 0, next
}

// Publish implements vikno.Events.
func (s *Store) Publish(_ context.Context, topic string, payload []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.subs[topic] {
		select {
		case ch <- append([]byte(nil), payload...):
		default: // a slow subscriber misses events and resyncs
		}
	}
	return nil
}

// Subscribe implements vikno.Events.
func (s *Store) Subscribe(ctx context.Context, topic string) (<-chan []byte, error) {
	ch := make(chan []byte, 64)
	s.mu.Lock()
	s.subs[topic] = append(s.subs[topic], ch)
	s.mu.Unlock()
	go func() {
		<-ctx.Done()
		s.mu.Lock()
		defer s.mu.Unlock()
		subs := s.subs[topic]
		for i, c := range subs {
			if c == ch {
				s.subs[topic] = append(subs[:i], subs[i+1:]...)
				break
			}
		}
		close(ch)
	}()
	return ch, nil
}

// Acquire implements vikno.Leases.
func (s *Store) Acquire(_ context.Context, key, holder string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	l, held := s.leases[key]
	held = held && now.Before(l.expires)
	if held && string(l.value) != holder {
		s.knocks[key] = true
		return false, nil
	}
	if !held {
		delete(s.knocks, key)
	}
	s.leases[key] = entry{value: []byte(holder), expires: now.Add(ttl)}
	return true, nil
}

// Extend implements vikno.Leases.
func (s *Store) Extend(_ context.Context, key, holder string, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	l, ok := s.leases[key]
	if !ok || !now.Before(l.expires) || string(l.value) != holder {
		return false, nil
	}
	s.leases[key] = entry{value: l.value, expires: now.Add(ttl)}
	return true, nil
}

// Release implements vikno.Leases.
func (s *Store) Release(_ context.Context, key, holder string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.leases[key]
	if !ok || string(l.value) != holder {
		return false, nil
	}
	knocked := s.knocks[key]
	delete(s.leases, key)
	delete(s.knocks, key)
	return knocked, nil
}

// Ping implements vikno.Ephemeral.
func (s *Store) Ping(context.Context) error { return nil }

// Close implements vikno.Ephemeral.
func (s *Store) Close() error { return nil }

// sweep drops expired values now and then so that memory stays bounded.
func (s *Store) sweep() {
	s.ops++
	if s.ops%1024 != 0 {
		return
	}
	now := s.Now()
	for k, e := range s.values {
		if !now.Before(e.expires) {
			delete(s.values, k)
		}
	}
	for k, tat := range s.tats {
		if tat.Before(now) {
			delete(s.tats, k)
		}
	}
}
