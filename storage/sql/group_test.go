package sqlstore

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Calls racing Close all return: written, or told the database is closed;
// none waits for ever. Every call written got its own result.
func TestGroupCallsRacingCloseAllReturn(t *testing.T) {
	g := &group[int, int]{what: "test", max: 4, write: func(_ context.Context, calls []int) ([]int, error) {
		time.Sleep(time.Millisecond)
		out := make([]int, len(calls))
		for i, c := range calls {
			out[i] = c * 10
		}
		return out, nil
	}}
	var wg sync.WaitGroup
	var written, refused atomic.Int32
	for i := range 200 {
		wg.Go(func() {
			r, err := g.do(context.Background(), i)
			switch {
			case err == nil && r == i*10:
				written.Add(1)
			case err != nil && strings.Contains(err.Error(), "database closed"):
				refused.Add(1)
			default:
				t.Errorf("call %d: %d, %v", i, r, err)
			}
		})
		if i == 100 {
			go g.close()
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("calls still waiting 10 s after Close")
	}
	if written.Load()+refused.Load() != 200 || written.Load() == 0 {
		t.Fatalf("%d written, %d refused", written.Load(), refused.Load())
	}
}
