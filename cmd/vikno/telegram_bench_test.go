package main

import (
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/internal/testenv"
)

// BenchmarkTelegramWebhook drives the webhook path of the whole program with
// many chats at once, each a short conversation (/start, the FAQ menu
// button, a question), against a fake Bot API on loopback. It reports
// updates/s and the p50/p99 latency from the webhook request to the fake's
// receipt of the update's last sendMessage. Telegram's 25 messages/s cap is
// lifted so that the path is measured, not the cap.
//
//	go test -run '^$' -bench BenchmarkTelegramWebhook -benchtime 3000x ./cmd/vikno
func BenchmarkTelegramWebhook(b *testing.B) {
	b.Run("sqlite+memory", func(b *testing.B) {
		benchTelegramWebhook(b, tgConfig(b))
	})
	b.Run("postgres+redis", func(b *testing.B) {
		cfg := tgConfig(b)
		cfg.DatabaseURL = testenv.PostgresURL(b)
		cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(b)
		benchTelegramWebhook(b, cfg)
	})
}

// tgBenchWorkers is how many chats talk at the same time.
const tgBenchWorkers = 32

var tgBenchQuestions = []string{
	"скільки коштує ID-картка",
	"як оформити житлову субсидію",
	"де взяти довідку про несудимість",
	"як перевірити статус звернення",
}

// tgBenchStep builds step n of a conversation in chat.
func tgBenchStep(n int, chat int64, id, q int) []byte {
	switch n {
	case 0:
		return telegramtest.Text(id, chat, "/start")
	case 1:
		return telegramtest.Callback(id, chat, "menu:faq")
	default:
		return telegramtest.Text(id, chat, tgBenchQuestions[q%len(tgBenchQuestions)])
	}
}

func benchTelegramWebhook(b *testing.B, cfg configs.Config) {
	cfg.Telegram.GlobalRate = 1e6
	bot := tgRun(b, cfg, telegram.ModeWebhook)
	bot.fake.SetRecording(false)
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: tgBenchWorkers, MaxIdleConnsPerHost: tgBenchWorkers}}
	defer client.CloseIdleConnections()
	url := bot.webhookURL()

	var (
		next    atomic.Int64
		missing atomic.Int64
		wg      sync.WaitGroup
	)
	lat := make([][]time.Duration, tgBenchWorkers)
	b.ResetTimer()
	start := time.Now()
	for w := range tgBenchWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat, step := tgChat(), 0
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				if step == 3 {
					chat, step = tgChat(), 0
				}
				body := tgBenchStep(step, chat, int(bot.nextID.Add(1)), int(i))
				t0 := time.Now()
				status, err := telegramtest.Deliver(client, url, tgSecret, body)
				if err != nil || status != http.StatusOK {
					b.Errorf("webhook: status %d, %v", status, err)
					return
				}
				if sent := bot.fake.LastSentAt(chat); sent.After(t0) {
					lat[w] = append(lat[w], sent.Sub(t0))
				} else {
					missing.Add(1)
				}
				step++
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	all := slices.Concat(lat...)
	slices.Sort(all)
	if n := missing.Load(); n > 0 {
		b.Errorf("%d updates sent no message", n)
	}
	if len(all) == 0 {
		return
	}
	pct := func(p float64) float64 {
		return float64(all[min(len(all)-1, int(p*float64(len(all))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
}
