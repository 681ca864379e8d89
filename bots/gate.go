package bots

import (
	"sync"
	"time"
)

// Gate counts a channel's webhook calls (or polled batches) in flight so
// that closing can refuse new ones and wait for those under way. The zero
// value is open.
type Gate struct {
	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
}

// Enter registers a call in flight; false once Shut began (answer 503 so
// the platform delivers it again).
func (g *Gate) Enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.inflight.Add(1)
	return true
}

// Leave ends a call Enter let in.
func (g *Gate) Leave() { g.inflight.Done() }

// Shut refuses new calls and waits up to wait for those in flight. It
// reports false if it was shut already, and whether the calls drained.
func (g *Gate) Shut(wait time.Duration) (first, drained bool) {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return false, true
	}
	g.closed = true
	g.mu.Unlock()
	done := make(chan struct{})
	go func() {
		g.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true, true
	case <-time.After(wait):
		return true, false
	}
}
