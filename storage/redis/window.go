package redis

import (
	"context"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/vikno-city/vikno"
)

// serverNow reads the server's clock in µs into now.
const serverNow = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
`

// chatToken runs memory.GCRA for a chat before the window (as gcra does):
// KEYS[3] holds the chat's theoretical arrival time in µs; ARGV[4] is its
// interval µs, ARGV[5] its burst. Without a token free it returns
// {0, wait µs} at once; taken() keeps the token, called once a slot is.
const chatToken = `
local c_interval = tonumber(ARGV[4])
local c_burst = tonumber(ARGV[5])
local c_tat = tonumber(redis.call('GET', KEYS[3]) or '0')
if c_tat < now then c_tat = now end
local c_next = c_tat + c_interval
local c_allow = c_next - c_burst * c_interval
if now < c_allow then
  return {0, c_allow - now}
end
local function taken()
  redis.call('SET', KEYS[3], string.format('%.0f', c_next), 'PX', math.ceil((c_next - now) / 1000) + 1)
end
`

// windowTake runs memory.Window.Take atomically on the server's clock.
// KEYS[1] is a sorted set of the slots held (member: ticket, score: time in
// µs), KEYS[2] a hash of bulk_at, waiting (µs) and seq (the last ticket).
// ARGV: period µs, events, "1" for bulk. Returns {ticket or 0, wait µs};
// it calls taken() when it gives a ticket.
const windowTake = `
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
taken()
return {seq, 0}
`

var (
	// takeSend is the window alone; takeChatSend takes the chat's token
	// too (vikno.SendWindow.TakeChatSend), one round trip for both.
	takeSend     = goredis.NewScript(serverNow + "local function taken() end\n" + windowTake)
	takeChatSend = goredis.NewScript(serverNow + chatToken + windowTake)
)

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
	res, err := takeSend.Run(ctx, s.client, s.windowKeys(key),
		strconv.FormatInt(l.Per.Microseconds(), 10), strconv.Itoa(max(l.Events, 1)), lane(bulk)).Int64Slice()
	if err != nil {
		return 0, 0, fmt.Errorf("redis send window: %w", err)
	}
	return res[0], time.Duration(res[1]) * time.Microsecond, nil
}

// TakeChatSend implements vikno.SendWindow. The chat's token is kept under
// the key Allow uses, so replicas of an older version share it.
func (s *Store) TakeChatSend(ctx context.Context, chatKey string, chat vikno.Limit, key string, l vikno.Limit, bulk bool) (int64, time.Duration, error) {
	interval := chat.Per / time.Duration(max(chat.Events, 1))
	keys := append(s.windowKeys(key), s.prefix+"rate:"+chatKey)
	res, err := takeChatSend.Run(ctx, s.client, keys,
		strconv.FormatInt(l.Per.Microseconds(), 10), strconv.Itoa(max(l.Events, 1)), lane(bulk),
		strconv.FormatInt(interval.Microseconds(), 10), strconv.Itoa(max(chat.Burst, 1))).Int64Slice()
	if err != nil {
		return 0, 0, fmt.Errorf("redis send window: %w", err)
	}
	return res[0], time.Duration(res[1]) * time.Microsecond, nil
}

// windowKeys are a send window's slots and lanes.
func (s *Store) windowKeys(key string) []string {
	return []string{s.prefix + "send:" + key, s.prefix + "send:" + key + ":lanes"}
}

func lane(bulk bool) string {
	if bulk {
		return "1"
	}
	return "0"
}

// SendDone implements vikno.SendWindow.
func (s *Store) SendDone(ctx context.Context, key string, ticket int64) error {
	err := sendDone.Run(ctx, s.client, []string{s.prefix + "send:" + key}, strconv.FormatInt(ticket, 10)).Err()
	if err != nil {
		return fmt.Errorf("redis send done: %w", err)
	}
	return nil
}
