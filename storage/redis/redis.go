// Package redis implements Vikno's shared ephemeral state on Redis (go-redis
// v9), so that every replica sees the same leases, de-duplication keys, rate
// limits and change events. (Conversation sessions are in the database, each
// written with its turn's replies; MoveAll moves those of earlier versions.)
package redis

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/vikno-city/vikno"
)

// Store is the Redis-backed ephemeral store. Every key it writes starts with
// its prefix, so deployments (and tests) can share one Redis server.
type Store struct {
	client *goredis.Client
	prefix string
}

var _ vikno.Ephemeral = (*Store)(nil)

// Open connects to the Redis server at url (redis://host:port/db) and checks
// that it answers. prefix namespaces all keys ("vikno:" when empty).
func Open(ctx context.Context, url, prefix string) (*Store, error) {
	opts, err := goredis.ParseURL(url)
	if err != nil {
		return nil, vikno.Errorf(vikno.EINVALID, "redis url: %v", err)
	}
	opts.DialTimeout = 3 * time.Second
	if prefix == "" {
		prefix = "vikno:"
	}
	s := &Store{client: goredis.NewClient(opts), prefix: prefix}
	if err := s.Ping(ctx); err != nil {
		s.client.Close()
		return nil, err
	}
	return s, nil
}

// Ping implements vikno.Ephemeral.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx).Err(); err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "redis unreachable: %v", err)
	}
	return nil
}

// Close implements vikno.Ephemeral.
func (s *Store) Close() error { return s.client.Close() }

// Get implements vikno.KV.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	b, err := s.client.Get(ctx, s.prefix+key).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, vikno.Errorf(vikno.ENOTFOUND, "no value")
	}
	if err != nil {
		return nil, fmt.Errorf("redis get: %w", err)
	}
	return b, nil
}

// Set implements vikno.KV.
func (s *Store) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if err := s.client.Set(ctx, s.prefix+key, value, ttl).Err(); err != nil {
		return fmt.Errorf("redis set: %w", err)
	}
	return nil
}

// Delete implements vikno.KV.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.client.Del(ctx, s.prefix+key).Err(); err != nil {
		return fmt.Errorf("redis del: %w", err)
	}
	return nil
}

// FirstSeen implements vikno.Deduplicator with SET NX.
func (s *Store) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	err := s.client.SetArgs(ctx, s.prefix+"dedup:"+key, "1", goredis.SetArgs{Mode: "NX", TTL: ttl}).Err()
	if errors.Is(err, goredis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("redis dedup: %w", err)
	}
	return true, nil
}

// Forget implements vikno.Deduplicator.
func (s *Store) Forget(ctx context.Context, key string) error {
	return s.Delete(ctx, "dedup:"+key)
}

// gcra runs the generic cell rate algorithm atomically on the server's clock
// (the same algorithm as memory.GCRA). KEYS[1] holds the theoretical arrival
// time in microseconds; ARGV: interval µs, burst. Returns {allowed, wait µs}.
var gcra = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nxt = tat + interval
local allow_at = nxt - burst * interval
if now < allow_at then
  return {0, allow_at - now}
end
redis.call('SET', KEYS[1], tostring(nxt), 'PX', math.ceil((nxt - now) / 1000) + 1)
return {1, 0}
`)

// Allow implements vikno.RateLimiter.
func (s *Store) Allow(ctx context.Context, key string, l vikno.Limit) (bool, time.Duration, error) {
	interval := l.Per / time.Duration(max(l.Events, 1))
	res, err := gcra.Run(ctx, s.client, []string{s.prefix + "rate:" + key},
		strconv.FormatInt(interval.Microseconds(), 10), strconv.Itoa(max(l.Burst, 1))).Int64Slice()
	if err != nil {
		return false, 0, fmt.Errorf("redis rate limit: %w", err)
	}
	return res[0] == 1, time.Duration(res[1]) * time.Microsecond, nil
}

// acquireLease takes KEYS[1] for ARGV[1] (holder) for ARGV[2] ms when it
// is free (clearing an old knock, KEYS[2]) or renews it when the holder
// has it (1); else it knocks (0), for as long as the lease lasts and ARGV[2]
// more (the holder may extend it). extendLease renews KEYS[1] if the holder
// has it; releaseLease deletes it on the same condition and returns the
// knock (1 when another holder tried meanwhile).
var (
	acquireLease = goredis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
  return 1
end
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
redis.call('SET', KEYS[2], '1', 'PX', math.max(redis.call('PTTL', KEYS[1]), 0) + ARGV[2])
return 0
`)
	extendLease = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)
	releaseLease = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return redis.call('DEL', KEYS[2])
end
return 0
`)
)

// Acquire implements vikno.Leases.
func (s *Store) Acquire(ctx context.Context, key, holder string, ttl time.Duration) (bool, error) {
	n, err := acquireLease.Run(ctx, s.client, s.leaseKeys(key), holder, ttl.Milliseconds()).Int64()
	if err != nil {
		return false, fmt.Errorf("redis lease: %w", err)
	}
	return n == 1, nil
}

// leaseKeys are a lease's key and its knock's.
func (s *Store) leaseKeys(key string) []string {
	k := s.prefix + "lease:" + key
	return []string{k, k + ":knock"}
}

// Extend implements vikno.Leases.
func (s *Store) Extend(ctx context.Context, key, holder string, ttl time.Duration) (bool, error) {
	n, err := extendLease.Run(ctx, s.client, []string{s.prefix + "lease:" + key}, holder, ttl.Milliseconds()).Int64()
	if err != nil {
		return false, fmt.Errorf("redis lease extend: %w", err)
	}
	return n == 1, nil
}

// Release implements vikno.Leases.
func (s *Store) Release(ctx context.Context, key, holder string) (bool, error) {
	n, err := releaseLease.Run(ctx, s.client, s.leaseKeys(key), holder).Int64()
	if err != nil {
		return false, fmt.Errorf("redis lease release: %w", err)
	}
	return n == 1, nil
}

// Publish implements vikno.Events.
func (s *Store) Publish(ctx context.Context, topic string, payload []byte) error {
	if err := s.client.Publish(ctx, s.prefix+"events:"+topic, payload).Err(); err != nil {
		return fmt.Errorf("redis publish: %w", err)
	}
	return nil
}

// Subscribe implements vikno.Events. The subscription is confirmed by the
// server before Subscribe returns, so nothing published afterwards is missed.
func (s *Store) Subscribe(ctx context.Context, topic string) (<-chan []byte, error) {
	ps := s.client.Subscribe(ctx, s.prefix+"events:"+topic)
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, fmt.Errorf("redis subscribe: %w", err)
	}
	out := make(chan []byte, 64)
	go func() {
		defer close(out)
		defer ps.Close()
		in := ps.Channel()
		for {
			select {
			case <-ctx.Done():
				return
			case m, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- []byte(m.Payload):
				default:
				}
			}
		}
	}()
	return out, nil
}

// Moved is one value MoveAll hands over: its key without the store's
// prefix, the value and the time it had left (0: no expiry).
type Moved struct {
	Key   string
	Value []byte
	TTL   time.Duration
}

// moveBatch is how many keys one step of MoveAll scans and hands over.
const moveBatch = 200

// MoveAll hands every value whose key starts with keyPrefix to put, a batch
// at a time, and deletes each batch once put accepted it; it reports how
// many it moved. A value that expired or changed between its read and the
// delete is still deleted (what put stored stands). It is for moving state
// an earlier version kept here into the database, once, at start.
func (s *Store) MoveAll(ctx context.Context, keyPrefix string, put func([]Moved) error) (int, error) {
	moved := 0
	var cursor uint64
	for {
		keys, next, err := s.client.Scan(ctx, cursor, s.prefix+keyPrefix+"*", moveBatch).Result()
		if err != nil {
			return moved, fmt.Errorf("redis scan: %w", err)
		}
		if len(keys) > 0 {
			n, err := s.moveKeys(ctx, keys, put)
			moved += n
			if err != nil {
				return moved, err
			}
		}
		if next == 0 {
			return moved, nil
		}
		cursor = next
	}
}

// moveKeys reads keys with their time to live, hands the live ones to put
// and deletes them all.
func (s *Store) moveKeys(ctx context.Context, keys []string, put func([]Moved) error) (int, error) {
	pipe := s.client.Pipeline()
	gets := make([]*goredis.StringCmd, len(keys))
	ttls := make([]*goredis.DurationCmd, len(keys))
	for i, k := range keys {
		gets[i], ttls[i] = pipe.Get(ctx, k), pipe.PTTL(ctx, k)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, goredis.Nil) {
		return 0, fmt.Errorf("redis read: %w", err)
	}
	batch := make([]Moved, 0, len(keys))
	for i, k := range keys {
		v, err := gets[i].Bytes()
		if err != nil {
			continue // expired since the scan
		}
		ttl := ttls[i].Val()
		if ttl < 0 {
			ttl = 0 // no expiry (-1); -2 (gone) left no value above
		}
		batch = append(batch, Moved{Key: k[len(s.prefix):], Value: v, TTL: ttl})
	}
	if len(batch) > 0 {
		if err := put(batch); err != nil {
			return 0, err
		}
	}
	if err := s.client.Del(ctx, keys...).Err(); err != nil {
		return len(batch), fmt.Errorf("redis del: %w", err)
	}
	return len(batch), nil
}
