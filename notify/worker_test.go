package notify_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// flakySender fails the first failures sends with err, then records.
type flakySender struct {
	mu       sync.Mutex
	failures int
	err      error
	block    bool // block until ctx ends instead of answering
	sent     map[string]int
}

func (s *flakySender) Send(ctx context.Context, user string, replies []dialog.Reply) error {
	s.mu.Lock()
	block := s.block
	if !block && s.failures > 0 {
		s.failures--
		s.mu.Unlock()
		return s.err
	}
	s.mu.Unlock()
	if block {
		<-ctx.Done()
		return ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == nil {
		s.sent = map[string]int{}
	}
	s.sent[user+":"+replies[0].Text.String()]++
	return nil
}

type senders struct{ s dialog.Sender }

func (r senders) SenderFor(vikno.Channel) (dialog.Sender, bool) { return r.s, true }

func (r senders) Channels() []vikno.Channel { return []vikno.Channel{vikno.Telegram} }

type retryAfter struct{ d time.Duration }

func (e retryAfter) Error() string             { return "too many requests" }
func (e retryAfter) RetryAfter() time.Duration { return e.d }

func openStore(t *testing.T, path string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func enqueue(t *testing.T, s notify.Store, keys ...string) {
	t.Helper()
	var msgs []notify.Message
	for _, k := range keys {
		msgs = append(msgs, notify.Message{Key: k, ResidentID: 1, Channel: vikno.Telegram, UserID: "u", Kind: "alert",
			Replies: []dialog.Reply{{Text: dialog.Plain(k)}}})
	}
	if err := s.Enqueue(context.Background(), msgs); err != nil {
		t.Fatal(err)
	}
}

func noBackoff(int) time.Duration { return 0 }

func drain(t *testing.T, w *notify.Worker) {
	t.Helper()
	for range 50 {
		n, err := w.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("outbox never drained")
}

func TestTemporaryFailuresAreRetriedAndDeliveredOnce(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "a", "b")
	s := &flakySender{failures: 3, err: vikno.Errorf(vikno.EUNAVAILABLE, "bot api 500")}
	w := &notify.Worker{Store: db, Senders: senders{s}, Backoff: noBackoff}
	drain(t, w)
	if s.sent["u:a"] != 1 || s.sent["u:b"] != 1 {
		t.Fatalf("sent = %v, want each once", s.sent)
	}
	counts, _ := db.OutboxCounts(context.Background())
	if counts[notify.StatusSent] != 2 {
		t.Fatalf("counts = %v", counts)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "a")
	s := &flakySender{failures: 1, err: retryAfter{time.Hour}}
	w := &notify.Worker{Store: db, Senders: senders{s}, Backoff: noBackoff}
	drain(t, w)
	msgs, _ := db.FindOutbox(context.Background(), "a")
	if len(s.sent) != 0 || msgs[0].Status != notify.StatusPending || time.Until(msgs[0].NextAt) < 50*time.Minute {
		t.Fatalf("after 429 with retry_after 1h: sent=%v message=%+v", s.sent, msgs[0])
	}
}

func TestPermanentFailureGoesToDeadLetterWithReason(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "a")
	s := &flakySender{failures: 1, err: vikno.Errorf(vikno.EUNAUTHORIZED, "bot was blocked by the user")}
	w := &notify.Worker{Store: db, Senders: senders{s}, Backoff: noBackoff}
	drain(t, w)
	msgs, _ := db.FindOutbox(context.Background(), "a")
	if msgs[0].Status != notify.StatusDead || msgs[0].Error != "bot was blocked by the user" {
		t.Fatalf("message = %+v", msgs[0])
	}
}

func TestTooManyAttemptsGoToDeadLetter(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "a")
	s := &flakySender{failures: 100, err: errors.New("connection refused")}
	w := &notify.Worker{Store: db, Senders: senders{s}, Backoff: noBackoff, MaxAttempts: 3}
	drain(t, w)
	msgs, _ := db.FindOutbox(context.Background(), "a")
	if msgs[0].Status != notify.StatusDead || msgs[0].Attempts != 3 {
		t.Fatalf("message = %+v", msgs[0])
	}
}

func TestWorkerKilledMidDeliveryLosesNothingAndSendsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	db := openStore(t, path)
	enqueue(t, db, "a", "b", "c")
	blocked := &flakySender{block: true}
	ctx, cancel := context.WithCancel(context.Background())
	w1 := &notify.Worker{Store: db, Senders: senders{blocked}, Lease: 50 * time.Millisecond}
	done := make(chan struct{})
	go func() { w1.Run(ctx); close(done) }()
	time.Sleep(100 * time.Millisecond) // the first message is in flight
	cancel()                           // the process dies mid-delivery
	<-done
	db.Close()

	db2 := openStore(t, path) // restart
	time.Sleep(60 * time.Millisecond)
	ok := &flakySender{}
	drain(t, &notify.Worker{Store: db2, Senders: senders{ok}})
	for _, k := range []string{"a", "b", "c"} {
		if ok.sent["u:"+k] != 1 {
			t.Fatalf("after restart sent = %v, want a, b and c once each", ok.sent)
		}
	}
}

// noChannels is a sender registry before any channel has started.
type noChannels struct{}

func (noChannels) SenderFor(vikno.Channel) (dialog.Sender, bool) { return nil, false }
func (noChannels) Channels() []vikno.Channel                     { return nil }

// A worker that starts before the channels takes nothing: the messages wait
// for a process that can send them, instead of failing "no sender".
func TestWorkerTakesOnlyWhatItsChannelsCanSend(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "a")
	n, err := (&notify.Worker{Store: db, Senders: noChannels{}}).RunOnce(context.Background())
	if err != nil || n != 0 {
		t.Fatalf("a worker without channels claimed %d, %v", n, err)
	}
	msgs, _ := db.FindOutbox(context.Background(), "a")
	if msgs[0].Status != notify.StatusPending || msgs[0].Attempts != 0 {
		t.Fatalf("message = %+v, want untouched", msgs[0])
	}
	s := &flakySender{}
	drain(t, &notify.Worker{Store: db, Senders: senders{s}})
	if s.sent["u:a"] != 1 {
		t.Fatalf("sent = %v once a channel is up", s.sent)
	}
}
