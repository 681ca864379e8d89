package notify

import (
	"context"
	"sync"
)

// flight runs a worker's deliveries a few at a time, so that while one
// waits for the platform or the store the next takes its turn at the rate
// limit; the messages of one chat go one after another, in the order they
// were started.
type flight struct {
	slots chan struct{}
	mu    sync.Mutex
	chats map[string]chan struct{} // chat in flight → closed when its delivery ends
	wg    sync.WaitGroup
}

func newFlight(n int) *flight {
	return &flight{slots: make(chan struct{}, max(n, 1)), chats: map[string]chan struct{}{}}
}

// start runs deliver in the background once a slot is free and no
// delivery to chat is in flight; it returns false, running nothing, when
// ctx ends first.
func (f *flight) start(ctx context.Context, chat string, deliver func()) bool {
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	done, ok := f.enter(ctx, chat)
	if !ok {
		<-f.slots
		return false
	}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		deliver()
		f.mu.Lock()
		delete(f.chats, chat)
		f.mu.Unlock()
		close(done)
		<-f.slots
	}()
	return true
}

// enter waits until no delivery to chat is in flight and marks one.
func (f *flight) enter(ctx context.Context, chat string) (chan struct{}, bool) {
	for {
		f.mu.Lock()
		busy, ok := f.chats[chat]
		if !ok {
			done := make(chan struct{})
			f.chats[chat] = done
			f.mu.Unlock()
			return done, true
		}
		f.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return nil, false
		}
	}
}

// wait returns when every started delivery has ended.
func (f *flight) wait() { f.wg.Wait() }

// chatOf names the chat a message goes to.
func chatOf(m Message) string { return string(m.Channel) + ":" + m.UserID }
