package bots

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/vikno-city/vikno"
)

// Pacer keeps a channel's sending within the platform's limits: a rate per
// chat and a global rate, in the shared state so that every replica
// together keeps them. When the shared state keeps send windows
// (vikno.SendWindow), the global rate is a window both lanes share: the
// interactive lane (replies to residents who are chatting) takes a slot
// whenever one is free and goes first when it waits, the bulk lane
// (notices, broadcasts) is spaced evenly and takes what replies leave, so
// the two together never exceed the global rate in any one second.
// Otherwise bulk takes the global token with no burst, leaving the burst to
// replies. Channel senders call Wait before each platform call.
type Pacer struct {
	Limiter vikno.RateLimiter
	// Prefix namespaces the limiter keys ("tg:<bot>", "viber").
	Prefix string
	Chat   vikno.Limit
	Global vikno.Limit
	Logger *slog.Logger
}

// Wait takes a token from the chat's limit and then a slot of the global
// one, sleeping while none is free. When the shared state cannot answer,
// sending goes on: the platform's own "too many requests" is the last line
// of defence. It fails only when ctx ends. Do is Wait for senders that can
// say when the platform call ended.
func (p *Pacer) Wait(ctx context.Context, chat string, bulk bool) error {
	_, err := p.turn(ctx, chat, bulk)
	return err
}

// Do waits for a turn as Wait does and runs send in it. With send windows,
// the turn's slot is held for the window from when send returns, because
// the platform counts the message at some moment while send runs: so a
// slow call never lets the next turn into the platform's window early. It
// returns send's error, or Wait's.
func (p *Pacer) Do(ctx context.Context, chat string, bulk bool, send func() error) error {
	done, err := p.turn(ctx, chat, bulk)
	if err != nil {
		return err
	}
	err = send()
	done()
	return err
}

// Try is Do without waiting: when the chat's limit or the global one has
// no turn free at once, send is not called and Try returns false. It is
// for best-effort calls that must not hold up what follows them (taking
// the buttons off an answered message): they spend a chat's budget only
// when some is left, never making the next reply wait. When the shared
// state cannot answer, send is called, as with Wait.
func (p *Pacer) Try(ctx context.Context, chat string, send func() error) (bool, error) {
	chatKey, key := p.Prefix+":chat:"+chat, p.Prefix+":global"
	w, ok := p.Limiter.(vikno.SendWindow)
	if !ok {
		for _, l := range []struct {
			key   string
			limit vikno.Limit
		}{{chatKey, p.Chat}, {key, p.Global}} {
			if ok, _, err := p.Limiter.Allow(ctx, l.key, l.limit); err == nil && !ok {
				return false, nil
			}
		}
		return true, send()
	}
	ticket, _, err := w.TakeChatSend(ctx, chatKey, p.Chat, key, vikno.Limit{Events: p.Global.Events, Per: p.Global.Per}, false)
	if err == nil && ticket == 0 {
		return false, nil
	}
	err = send()
	if ticket > 0 {
		if derr := w.SendDone(context.WithoutCancel(ctx), key, ticket); derr != nil && p.Logger != nil {
			p.Logger.Warn("rate limiter unavailable, send not recorded", "err", derr)
		}
	}
	return true, err
}

// turn waits for a turn and returns what to call when the send has ended.
// With send windows the chat's token and the slot are taken in one step.
func (p *Pacer) turn(ctx context.Context, chat string, bulk bool) (func(), error) {
	none := func() {}
	chatKey, key := p.Prefix+":chat:"+chat, p.Prefix+":global"
	w, ok := p.Limiter.(vikno.SendWindow)
	if !ok {
		if err := p.take(ctx, chatKey, p.Chat); err != nil {
			return none, err
		}
		global := p.Global
		if bulk {
			global.Burst = 1
		}
		return none, p.take(ctx, key, global)
	}
	var ticket int64
	err := p.await(ctx, func() (bool, time.Duration, error) {
		t, wait, err := w.TakeChatSend(ctx, chatKey, p.Chat, key, vikno.Limit{Events: p.Global.Events, Per: p.Global.Per}, bulk)
		ticket = t
		return t > 0, wait, err
	})
	if err != nil || ticket == 0 {
		return none, err // ticket 0: the shared state did not answer
	}
	return func() {
		if err := w.SendDone(context.WithoutCancel(ctx), key, ticket); err != nil && p.Logger != nil {
			p.Logger.Warn("rate limiter unavailable, send not recorded", "err", err)
		}
	}, nil
}

func (p *Pacer) take(ctx context.Context, key string, l vikno.Limit) error {
	return p.await(ctx, func() (bool, time.Duration, error) { return p.Limiter.Allow(ctx, key, l) })
}

// await asks try until it allows, sleeping the wait it names in between.
func (p *Pacer) await(ctx context.Context, try func() (bool, time.Duration, error)) error {
	for {
		ok, wait, err := try()
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("rate limit: %w", ctx.Err())
			}
			if p.Logger != nil {
				p.Logger.Warn("rate limiter unavailable, sending anyway", "err", err)
			}
			return nil
		}
		if ok {
			return nil
		}
		if err := Sleep(ctx, wait); err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
	}
}

// RateLimit turns a rate in messages per second into a Limit.
func RateLimit(rate float64) vikno.Limit {
	if rate >= 1 {
		return vikno.Limit{Events: int(rate), Per: time.Second, Burst: int(rate)}
	}
	return vikno.Limit{Events: 1, Per: time.Duration(float64(time.Second) / rate), Burst: 1}
}

// Sleep waits d or until ctx ends, and returns ctx's error if it ended.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Backoff returns base·2^attempt, at most limit.
func Backoff(base time.Duration, attempt int, limit time.Duration) time.Duration {
	d := base << min(attempt, 20)
	if d <= 0 || d > limit {
		return limit
	}
	return d
}
