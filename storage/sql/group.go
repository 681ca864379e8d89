package sqlstore

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// group commits the writes of concurrent callers together (group commit):
// one goroutine writes whatever calls queued while its previous write ran,
// as one statement, so a burst costs one commit — one WAL flush on
// PostgreSQL, one turn of SQLite's single writer — instead of one each. A
// call alone is written at once: no timer adds latency at low load. Every
// caller waits for the commit that holds its call.
type group[C, R any] struct {
	what string // names the write in errors
	max  int    // calls in one write at most
	// write writes calls at once and returns one result per call, in order.
	write func(ctx context.Context, calls []C) ([]R, error)

	startOnce, closeOnce sync.Once
	queue                chan *groupCall[C, R]
	stop, done           chan struct{}
}

type groupCall[C, R any] struct {
	call C
	done chan groupResult[R]
}

type groupResult[R any] struct {
	res R
	err error
}

// do queues c and waits for the write that holds it. When ctx ends first,
// c may still be written.
func (g *group[C, R]) do(ctx context.Context, c C) (R, error) {
	var zero R
	gc := &groupCall[C, R]{call: c, done: make(chan groupResult[R], 1)}
	g.start()
	select {
	case g.queue <- gc:
	case <-g.stop:
		return zero, g.closed()
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	select {
	case r := <-gc.done:
		return r.res, r.err
	case <-g.done: // closed: c was written, failed by close, or never taken
		select {
		case r := <-gc.done:
			return r.res, r.err
		default:
			return zero, g.closed()
		}
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

func (g *group[C, R]) closed() error { return fmt.Errorf("%s: database closed", g.what) }

func (g *group[C, R]) start() {
	g.startOnce.Do(func() {
		g.queue = make(chan *groupCall[C, R], 4*g.max)
		g.stop = make(chan struct{})
		g.done = make(chan struct{})
		go g.loop()
	})
}

func (g *group[C, R]) loop() {
	defer close(g.done)
	for {
		var batch []*groupCall[C, R]
		select {
		case c := <-g.queue:
			batch = append(batch, c)
		case <-g.stop:
			return
		}
	more:
		for len(batch) < g.max {
			select {
			case c := <-g.queue:
				batch = append(batch, c)
			default:
				break more
			}
		}
		g.flush(batch)
	}
}

func (g *group[C, R]) flush(batch []*groupCall[C, R]) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	calls := make([]C, len(batch))
	for i, c := range batch {
		calls[i] = c.call
	}
	res, err := g.write(ctx, calls)
	if err == nil && len(res) != len(batch) {
		err = fmt.Errorf("%s: %d results for %d calls", g.what, len(res), len(batch))
	}
	for i, c := range batch {
		r := groupResult[R]{err: err}
		if err == nil {
			r.res = res[i]
		}
		c.done <- r
	}
}

// close ends the goroutine (Close) after its current write; calls queued
// after it fail.
func (g *group[C, R]) close() {
	g.start()
	g.closeOnce.Do(func() { close(g.stop) })
	<-g.done
	for {
		select {
		case c := <-g.queue:
			c.done <- groupResult[R]{err: g.closed()}
		default:
			return
		}
	}
}
