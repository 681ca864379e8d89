// Package ephemeraltest is the conformance suite every implementation of
// vikno.Ephemeral (storage/memory, storage/redis) passes.
package ephemeraltest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
)

// Run runs the suite; open returns a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) vikno.Ephemeral) {
	t.Run("KVRoundTripAndExpiry", func(t *testing.T) { testKV(t, open(t)) })
	t.Run("DedupFirstSeenOnceUnderConcurrency", func(t *testing.T) { testDedup(t, open(t)) })
	t.Run("RateLimitAllowsBurstThenWaits", func(t *testing.T) { testRate(t, open(t)) })
	t.Run("SendWindowSharesTheLimitBetweenLanes", func(t *testing.T) { testSendWindow(t, open(t)) })
	t.Run("ChatSendTakesTheChatTokenWithTheSlot", func(t *testing.T) { testChatSend(t, open(t)) })
	t.Run("EventsReachSubscribers", func(t *testing.T) { testEvents(t, open(t)) })
	t.Run("LeaseHasOneHolderAtATime", func(t *testing.T) { testLeaseOneHolder(t, open(t)) })
	t.Run("LeaseExpiresExtendsAndReleases", func(t *testing.T) { testLeaseLifetime(t, open(t)) })
	t.Run("LeaseReleaseReportsKnocks", func(t *testing.T) { testLeaseKnocks(t, open(t)) })
}

func testLeaseOneHolder(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	var holders atomic.Int32
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			ok, err := s.Acquire(ctx, "resident:telegram:7", "replica-"+string(rune('A'+i)), time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				holders.Add(1)
			}
		})
	}
	wg.Wait()
	if n := holders.Load(); n != 1 {
		t.Fatalf("%d holders got the lease at once, want 1", n)
	}
}

func testLeaseLifetime(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	must := func(ok bool, err error) bool {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !must(s.Acquire(ctx, "l", "a", 150*time.Millisecond)) {
		t.Fatal("a could not take a free lease")
	}
	if !must(s.Acquire(ctx, "l", "a", 150*time.Millisecond)) {
		t.Fatal("a could not renew its own lease")
	}
	if must(s.Acquire(ctx, "l", "b", time.Minute)) || must(s.Extend(ctx, "l", "b", time.Minute)) {
		t.Fatal("b took or extended a's lease")
	}
	if _, err := s.Release(ctx, "l", "b"); err != nil {
		t.Fatal(err)
	}
	if must(s.Acquire(ctx, "l", "b", time.Minute)) {
		t.Fatal("b's release freed a's lease")
	}
	time.Sleep(300 * time.Millisecond) // a died: the lease runs out
	if must(s.Extend(ctx, "l", "a", time.Minute)) {
		t.Fatal("a extended a lease that had run out")
	}
	if !must(s.Acquire(ctx, "l", "b", time.Minute)) {
		t.Fatal("b could not take a lease that had run out")
	}
	if _, err := s.Release(ctx, "l", "b"); err != nil {
		t.Fatal(err)
	}
	if !must(s.Acquire(ctx, "l", "a", time.Minute)) {
		t.Fatal("a could not take a released lease")
	}
}

// testLeaseKnocks: a holder's release reports whether another holder tried
// the lease while it was held, once; a knock from before the lease was
// taken is not reported.
func testLeaseKnocks(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	step := func(ok bool, err error) bool {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !step(s.Acquire(ctx, "k", "a", time.Minute)) {
		t.Fatal("a could not take a free lease")
	}
	if step(s.Release(ctx, "k", "a")) {
		t.Fatal("a's release reported a knock nobody made")
	}
	step(s.Acquire(ctx, "k", "a", time.Minute))
	if step(s.Acquire(ctx, "k", "b", time.Minute)) {
		t.Fatal("b took a's lease")
	}
	if step(s.Release(ctx, "k", "b")) {
		t.Fatal("b's release of a lease it does not hold reported a knock")
	}
	if !step(s.Release(ctx, "k", "a")) {
		t.Fatal("a's release did not report b's knock")
	}
	step(s.Acquire(ctx, "k", "a", time.Minute))
	if step(s.Release(ctx, "k", "a")) {
		t.Fatal("a knock was reported twice")
	}
	// A knock left by a holder whose lease then ran out is not carried to
	// the next holder.
	step(s.Acquire(ctx, "k", "a", 100*time.Millisecond))
	step(s.Acquire(ctx, "k", "b", time.Minute))
	time.Sleep(200 * time.Millisecond)
	if !step(s.Acquire(ctx, "k", "c", time.Minute)) {
		t.Fatal("c could not take a lease that had run out")
	}
	if step(s.Release(ctx, "k", "c")) {
		t.Fatal("c's release reported a knock made on a's lease")
	}
}

func testKV(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	if _, err := s.Get(ctx, "missing"); !vikno.IsNotFound(err) {
		t.Fatalf("Get(missing) err = %v, want not found", err)
	}
	if err := s.Set(ctx, "k", []byte("значення"), time.Minute); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "k")
	if err != nil || string(got) != "значення" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if err := s.Delete(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "k"); !vikno.IsNotFound(err) {
		t.Fatalf("after Delete err = %v, want not found", err)
	}
	if err := s.Set(ctx, "short", []byte("x"), 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := s.Get(ctx, "short"); !vikno.IsNotFound(err) {
		t.Fatalf("expired key err = %v, want not found", err)
	}
}

func testDedup(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.FirstSeen(ctx, "update:42", time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				firsts.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := firsts.Load(); n != 1 {
		t.Fatalf("FirstSeen true %d times, want 1", n)
	}
	if err := s.Forget(ctx, "update:42"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.FirstSeen(ctx, "update:42", time.Minute); !ok {
		t.Fatal("after Forget the key should be new again")
	}
	if ok, _ := s.FirstSeen(ctx, "update:43", time.Minute); !ok {
		t.Fatal("another key must be independent")
	}
}

func testRate(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	l := vikno.Limit{Events: 1, Per: time.Hour, Burst: 3}
	for i := range 3 {
		ok, _, err := s.Allow(ctx, "chat:1", l)
		if err != nil || !ok {
			t.Fatalf("request %d: ok=%v err=%v, want allowed", i, ok, err)
		}
	}
	ok, wait, err := s.Allow(ctx, "chat:1", l)
	if err != nil || ok {
		t.Fatalf("4th request ok=%v err=%v, want refused", ok, err)
	}
	if wait < 50*time.Minute || wait > time.Hour {
		t.Fatalf("wait = %v, want about an hour", wait)
	}
	if ok, _, _ := s.Allow(ctx, "chat:2", l); !ok {
		t.Fatal("another key must have its own budget")
	}
}

func testSendWindow(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	l := vikno.Limit{Events: 3, Per: time.Hour}
	take := func(key string, bulk bool) (bool, time.Duration) {
		t.Helper()
		ticket, wait, err := s.TakeSend(ctx, key, l, bulk)
		if err != nil {
			t.Fatal(err)
		}
		return ticket > 0, wait
	}
	first, _, err := s.TakeSend(ctx, "tg:global", l, true)
	if err != nil || first == 0 {
		t.Fatalf("the first bulk send: ticket=%d err=%v, want taken", first, err)
	}
	if err := s.SendDone(ctx, "tg:global", first); err != nil {
		t.Fatal(err)
	}
	if ok, wait := take("tg:global", true); ok || wait < 15*time.Minute || wait > 20*time.Minute {
		t.Fatalf("a second bulk send at once: ok=%v wait=%v, want refused for about an interval (20 min)", ok, wait)
	}
	for i := range 2 {
		if ok, _ := take("tg:global", false); !ok {
			t.Fatalf("reply %d must be taken while the window has room", i)
		}
	}
	if ok, wait := take("tg:global", false); ok || wait < 50*time.Minute || wait > time.Hour {
		t.Fatalf("a reply in a full window: ok=%v wait=%v, want refused until the first send leaves it", ok, wait)
	}
	if ok, _ := take("tg:other", true); !ok {
		t.Fatal("another key must have its own window")
	}
}

func testChatSend(t *testing.T, s vikno.Ephemeral) {
	ctx := context.Background()
	chat := vikno.Limit{Events: 1, Per: time.Hour, Burst: 2}
	global := vikno.Limit{Events: 3, Per: time.Hour}
	take := func(chatKey string) (int64, time.Duration) {
		t.Helper()
		ticket, wait, err := s.TakeChatSend(ctx, chatKey, chat, "tg:global", global, false)
		if err != nil {
			t.Fatal(err)
		}
		return ticket, wait
	}
	for i := range 2 {
		if ticket, _ := take("tg:chat:1"); ticket == 0 {
			t.Fatalf("send %d within the chat's burst must be taken", i)
		}
	}
	if ticket, wait := take("tg:chat:1"); ticket != 0 || wait < 50*time.Minute || wait > time.Hour {
		t.Fatalf("a third send to the chat: ticket=%d wait=%v, want refused for about an hour", ticket, wait)
	}
	if ok, _, err := s.Allow(ctx, "tg:chat:1", chat); err != nil || ok {
		t.Fatalf("Allow on the chat's key: ok=%v err=%v, want refused: both share the token", ok, err)
	}
	if ticket, _ := take("tg:chat:2"); ticket == 0 {
		t.Fatal("another chat must have its own token while the window has room")
	}
	// The window is full now: a chat with tokens is refused for the window
	// and keeps its token for later.
	if ticket, wait := take("tg:chat:3"); ticket != 0 || wait < 50*time.Minute {
		t.Fatalf("a send in a full window: ticket=%d wait=%v, want refused until a slot frees", ticket, wait)
	}
	for i := range 2 {
		if ok, _, err := s.Allow(ctx, "tg:chat:3", chat); err != nil || !ok {
			t.Fatalf("token %d of a chat refused only for the window: ok=%v err=%v, want free", i, ok, err)
		}
	}
}

func testEvents(t *testing.T, s vikno.Ephemeral) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := s.Subscribe(ctx, "kb")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, "kb", []byte("article:1")); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-ch:
		if string(m) != "article:1" {
			t.Fatalf("got %q", m)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("event not delivered")
	}
	cancel()
	for range ch { // the channel closes once the subscription ends
	}
}
