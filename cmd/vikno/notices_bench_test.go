package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/internal/testenv"
)

// broadcastRun is what one broadcast under load measured.
type broadcastRun struct {
	mu          sync.Mutex
	subscribers map[int64]bool
	first, last time.Time
	delivered   int
	asked       map[int64]time.Time // interactive chat → when its update was posted
	latencies   []time.Duration
	replies     []time.Time // when each interactive reply reached the Bot API
}

func (r *broadcastRun) sent(m telegramtest.Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.subscribers[m.ChatID] {
		if r.first.IsZero() {
			r.first = m.At
		}
		r.last = m.At
		r.delivered++
		return
	}
	if t, ok := r.asked[m.ChatID]; ok {
		r.latencies = append(r.latencies, m.At.Sub(t))
		delete(r.asked, m.ChatID)
	}
	r.replies = append(r.replies, m.At)
}

// BenchmarkNoticesBroadcast posts one outage notice for 5,000 subscribers
// (the API answers at once; the fan-out runs in the background) and
// delivers it through a fake Bot API that refuses (429) anything over 30
// messages a second, while residents chat at 2 updates a second over the
// webhook. It reports the broadcast's rate, the replies' rate, both
// together against the 30/s Telegram allows, the broadcast against what
// replies leave of it, the 429s, and the interactive replies' latency from
// webhook to sendMessage. Set VIKNO_BENCH_PG=1 to run it on PostgreSQL and
// Redis.
func BenchmarkNoticesBroadcast(b *testing.B) {
	const subscribers, allowed = 5000, 30
	cfg := tgConfig(b)
	if os.Getenv("VIKNO_BENCH_PG") != "" {
		cfg.DatabaseURL = testenv.PostgresURL(b)
		cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(b)
	}
	cfg.Telegram.GlobalRate = benchGlobalRate(allowed)
	cfg.APIKeys = []string{noticeTestKey}
	bot := tgRun(b, cfg, "webhook")
	bot.fake.SetRecording(false)
	bot.fake.EnforceGlobalRate(allowed)
	ctx := context.Background()
	run := &broadcastRun{subscribers: map[int64]bool{}, asked: map[int64]time.Time{}}
	base := 5e11 + time.Now().UnixNano()%1e9*1e3
	for i := range subscribers {
		chat := int64(base) + int64(i)
		res, err := bot.m.Store.EnsureResident(ctx, vikno.Telegram, strconv.FormatInt(chat, 10), "uk")
		if err == nil {
			_, err = bot.m.Store.Subscribe(ctx, cases.Subscription{ResidentID: res.ID, District: "sykhivskyi"})
		}
		if err != nil {
			b.Fatal(err)
		}
		run.subscribers[chat] = true
	}
	bot.fake.OnSend(run.sent)
	b.ResetTimer()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); chatAlong(b, bot, run, stop) }()
	start := time.Now()
	id := fmt.Sprintf("bench-%d", start.UnixNano())
	status, v := noticePostB(b, bot, map[string]any{"id": id, "kind": "electricity",
		"districts": []string{"sykhivskyi"}, "text": "Планові роботи."})
	if status != http.StatusAccepted {
		b.Fatalf("outage = %d %v", status, v)
	}
	answered := time.Since(start)
	outageWaitFanOut(b, bot.m, id)
	queued := time.Since(start)
	deadline := time.Now().Add(10 * time.Minute)
	for {
		run.mu.Lock()
		done := run.delivered
		run.mu.Unlock()
		if done >= subscribers || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	b.StopTimer()

	run.mu.Lock()
	defer run.mu.Unlock()
	if run.delivered < subscribers {
		b.Fatalf("%d of %d notices delivered", run.delivered, subscribers)
	}
	span := run.last.Sub(run.first).Seconds()
	rate := float64(run.delivered-1) / span
	replies := 0
	for _, at := range run.replies {
		if !at.Before(run.first) && !at.After(run.last) {
			replies++
		}
	}
	replyRate := float64(replies) / span
	slices.Sort(run.latencies)
	p := func(q float64) float64 {
		if len(run.latencies) == 0 {
			return 0
		}
		return float64(run.latencies[int(q*float64(len(run.latencies)-1))].Milliseconds())
	}
	b.ReportMetric(rate, "notices/s")
	b.ReportMetric(replyRate, "replies/s")
	b.ReportMetric(100*(rate+replyRate)/allowed, "%_channel")
	b.ReportMetric(100*rate/(allowed-replyRate), "%_of_left")
	b.ReportMetric(float64(bot.fake.Refused()), "429s")
	b.ReportMetric(float64(answered.Milliseconds()), "post_ms")
	b.ReportMetric(queued.Seconds(), "fanout_s")
	b.ReportMetric(float64(len(run.latencies)), "replies")
	b.ReportMetric(p(0.5), "reply_p50_ms")
	b.ReportMetric(p(0.99), "reply_p99_ms")
	b.ReportMetric(float64(run.latencies[len(run.latencies)-1].Milliseconds()), "reply_max_ms")
}

// chatAlong posts /start from a new chat twice a second until stop.
func chatAlong(b *testing.B, bot *tgBot, run *broadcastRun, stop chan struct{}) {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		chat := tgChat()
		id := int(bot.nextID.Add(1))
		run.mu.Lock()
		run.asked[chat] = time.Now()
		run.mu.Unlock()
		if status, err := telegramtest.Deliver(http.DefaultClient, bot.webhookURL(), tgSecret, telegramtest.Text(id, chat, "/start")); err != nil || status != http.StatusOK {
			b.Errorf("webhook: %d %v", status, err)
		}
	}
}

// benchGlobalRate is the pacer's global rate: VIKNO_BENCH_RATE, or one
// under the allowed rate.
func benchGlobalRate(allowed int) float64 {
	if r, err := strconv.ParseFloat(os.Getenv("VIKNO_BENCH_RATE"), 64); err == nil && r > 0 {
		return r
	}
	return float64(allowed - 1)
}
