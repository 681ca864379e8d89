package redis

import (
	"context"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/vikno-city/vikno"
)

// takeSend runs memory.Window.Take atomically on the server's clock.
// KEYS[1] is a sorted set of the slots held (member: ticket, score: time in
// µs), KEYS[2] a hash of bulk_at, waiting (µs) and seq (the last ticket).
// ARGV: period µs, events, "1" for bulk. Returns {ticket or 0, wait µs}.
var takeSend = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local per = tonumber(ARGV[1])
local room = tonumber(ARGV[2])
local bulk = ARGV[3] == '1'
local interval = math.floor(per / room)
local ttl = math.ceil(per / 1000) * 2 + 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - per)
local count = redis.call('ZCARD', KEYS[1])
local st = redis.call('HMGET', KEYS[2], 'bulk_at', 'waiting')
local bulk_at = tonumber(st[1] or '0')
local waiting = tonumber(st[2] or '0')
local wait = 0
if bulk then
  if now < waiting then room = room - 1 end
  if room < 1 then return {0, waiting - now} end
  wait = bulk_at - now
end
if count >= room then
  local e = redis.call('ZRANGE', KEYS[1], count - room, count - room, 'WITHSCORES')
  local free = tonumber(e[2]) + per - now
  if free > wait then wait = free end
  if not bulk then
    redis.call('HSET', KEYS[2], 'waiting', string.format('%.0f', now + free + interval))
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
end
if wait > 0 then return {0, wait} end
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
redis.call('ZADD', KEYS[1], now, seq)
redis.call('PEXPIRE', KEYS[1], ttl)
if bulk then
  local from = bulk_at
  if from < now - math.floor(interval / 2) then from = now end
  redis.call('HSET', KEYS[2], 'bulk_at', string.format('%.0f', from + interval))
else
  redis.call('HDEL', KEYS[2], 'waiting')
end
redis.call('PEXPIRE', KEYS[2], ttl)
return {seq, 0}
`)

// sendDone runs memory.Window.Done: KEYS[1] as in takeSend; ARGV: ticket.
// The set keeps the expiry takeSend gave it; one that had expired gets a
// minute.
var sendDone = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local ttl = redis.call('PTTL', KEYS[1])
redis.call('ZADD', KEYS[1], now, ARGV[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], 60000) end
return 1
`)

// TakeSend implements vikno.SendWindow.
func (s *Store) TakeSend(ctx context.Context, key string, l vikno.Limit, bulk bool) (int64, time.Duration, error) {
	lane := "0"
	if bulk {
		lane = "1"
	}
	keys := []string{s.prefix + "send:" + key, s.prefix + "send:" + key + ":lanes"}
	res, err := takeSend.Run(ctx, s.client, keys,
		strconv.FormatInt(l.Per.Microseconds(), 10), strconv.Itoa(max(l.Events, 1)), lane).Int64Slice()
	if err != nil {
		return 0, 0, fmt.Errorf("redis send window: %w", err)
	}
	return res[0], time.Duration(res[1]) * time.Microsecond, nil
}

// SendDone implements vikno.SendWindow.
func (s *Store) SendDone(ctx context.Context, key string, ticket int64) error {
	err := sendDone.Run(ctx, s.client, []string{s.prefix + "send:" + key}, strconv.FormatInt(ticket, 10)).Err()
	if err != nil {
		return fmt.Errorf("redis send done: %w", err)
	}
	return nil
}
