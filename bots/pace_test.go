package bots_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/storage/memory"
)

// onlyAllow hides the send window of a store: the pacer's plain limiter path.
type onlyAllow struct{ vikno.RateLimiter }

func TestTryUsesAChatsBudgetOnlyWhenSomeIsLeft(t *testing.T) {
	for name, limiter := range map[string]vikno.RateLimiter{
		"send window":   memory.New(),
		"plain limiter": onlyAllow{memory.New()},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			p := &bots.Pacer{Limiter: limiter, Prefix: "tg:test", Chat: vikno.Limit{Events: 1, Per: time.Hour, Burst: 2},
				Global: bots.RateLimit(1000)}
			sends := 0
			send := func() error { sends++; return nil }
			if err := p.Wait(ctx, "7", false); err != nil { // a reply spends one of the chat's two
				t.Fatal(err)
			}
			if ok, err := p.Try(ctx, "7", send); !ok || err != nil || sends != 1 {
				t.Fatalf("try with one left = %v, %v, %d sends; want it sent", ok, err, sends)
			}
			if ok, err := p.Try(ctx, "7", send); ok || err != nil || sends != 1 {
				t.Fatalf("try with none left = %v, %v, %d sends; want it skipped", ok, err, sends)
			}
			if ok, err := p.Try(ctx, "8", send); !ok || err != nil || sends != 2 {
				t.Fatalf("another chat = %v, %v, %d sends; want it sent", ok, err, sends)
			}
		})
	}
}
