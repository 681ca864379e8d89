package telegram

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestChatLocksServeOneChatInArrivalOrder(t *testing.T) {
	var l chatLocks
	ctx := context.Background()
	unlock, _ := l.lock(ctx, 1)
	var (
		mu    sync.Mutex
		order []int
		wg    sync.WaitGroup
	)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		ready := make(chan struct{})
		go func(i int) {
			defer wg.Done()
			go func() {
				// Wait until this goroutine is queued before starting the next.
				for {
					l.mu.Lock()
					n := len(l.m[1].waiters)
					l.mu.Unlock()
					if n == i+1 {
						close(ready)
						return
					}
					time.Sleep(time.Millisecond)
				}
			}()
			u, err := l.lock(ctx, 1)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			u()
		}(i)
		<-ready
	}
	// Another chat is not held up.
	other, err := l.lock(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	other()
	unlock()
	wg.Wait()
	for i, got := range order {
		if got != i {
			t.Fatalf("order %v", order)
		}
	}
	if len(l.m) != 0 {
		t.Errorf("%d chats left locked", len(l.m))
	}
}

func TestChatLocksGiveUpWithTheContext(t *testing.T) {
	var l chatLocks
	unlock, _ := l.lock(context.Background(), 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.lock(ctx, 1); err == nil {
		t.Fatal("lock of a held chat with a cancelled context succeeded")
	}
	unlock()
	again, err := l.lock(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	again()
	if len(l.m) != 0 {
		t.Errorf("%d chats left locked", len(l.m))
	}
}
