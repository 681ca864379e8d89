package notify_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// gatedSender holds the sends to one user until release is closed and
// records every send in order.
type gatedSender struct {
	held    string
	release chan struct{}
	mu      sync.Mutex
	sent    []string
}

func (s *gatedSender) Send(ctx context.Context, user string, replies []dialog.Reply) error {
	if user == s.held {
		select {
		case <-s.release:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, replies[0].Text.String())
	return nil
}

func (s *gatedSender) log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sent...)
}

func TestWorkerSendsOtherChatsWhileOneWaitsAndKeepsEachChatsOrder(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	var msgs []notify.Message
	for _, m := range [][2]string{{"slow", "slow 1"}, {"fast", "fast 1"}, {"slow", "slow 2"}} {
		msgs = append(msgs, notify.Message{Key: m[1], ResidentID: 1, Channel: vikno.Telegram, UserID: m[0], Kind: "alert",
			Replies: []dialog.Reply{{Text: dialog.Plain(m[1])}}})
	}
	if err := db.Enqueue(context.Background(), msgs); err != nil {
		t.Fatal(err)
	}
	s := &gatedSender{held: "slow", release: make(chan struct{})}
	w := &notify.Worker{Store: db, Senders: senders{s}, Parallel: 2}
	done := make(chan int)
	go func() {
		n, _ := w.RunOnce(context.Background())
		done <- n
	}()
	deadline := time.Now().Add(30 * time.Second)
	for len(s.log()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the other chat's message waited for the held one")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := s.log(); len(got) != 1 || got[0] != "fast 1" {
		t.Fatalf("sent while one chat is held: %q", got)
	}
	close(s.release)
	if n := <-done; n != 3 {
		t.Fatalf("RunOnce handled %d", n)
	}
	if got := s.log(); len(got) != 3 || got[1] != "slow 1" || got[2] != "slow 2" {
		t.Fatalf("sends %q, want the held chat's in order", got)
	}
}
