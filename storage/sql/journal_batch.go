package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Journal appends of concurrent webhooks are committed together (group
// commit): one goroutine writes whatever calls queued while its previous
// write ran, as one multi-row statement, so a burst of updates costs one
// commit — one WAL flush on PostgreSQL, one turn of SQLite's single writer
// — instead of one each. A call alone is written at once: no timer adds
// latency at low load. Every caller waits for the commit of its row.

// maxAppendBatch bounds one statement (5 parameters a row).
const maxAppendBatch = 64

type appendCall struct {
	key, channel, user, payload string
	at                          any
	done                        chan appendResult
}

type appendResult struct {
	fresh bool
	err   error
}

// appendBatched queues the row and waits for the commit that holds it.
func (d *DB) appendBatched(ctx context.Context, c *appendCall) (bool, error) {
	c.done = make(chan appendResult, 1)
	d.startAppends()
	select {
	case d.appends <- c:
	case <-d.appendStop:
		return false, fmt.Errorf("append inbound: database closed")
	case <-ctx.Done():
		return false, ctx.Err()
	}
	select {
	case r := <-c.done:
		return r.fresh, r.err
	case <-ctx.Done():
		// The row may still be committed: the platform's redelivery then
		// finds it (not fresh) and it is handled once.
		return false, ctx.Err()
	}
}

// startAppends starts the append goroutine once.
func (d *DB) startAppends() {
	d.appendOnce.Do(func() {
		d.appends = make(chan *appendCall, 4*maxAppendBatch)
		d.appendStop = make(chan struct{})
		d.appendDone = make(chan struct{})
		go d.appendLoop()
	})
}

func (d *DB) appendLoop() {
	defer close(d.appendDone)
	for {
		var batch []*appendCall
		select {
		case c := <-d.appends:
			batch = append(batch, c)
		case <-d.appendStop:
			return
		}
	more:
		for len(batch) < maxAppendBatch {
			select {
			case c := <-d.appends:
				batch = append(batch, c)
			default:
				break more
			}
		}
		d.flushAppends(batch)
	}
}

// stopAppends ends the append goroutine (Close), after its current write.
func (d *DB) stopAppends() {
	d.startAppends()
	d.appendClose.Do(func() { close(d.appendStop) })
	<-d.appendDone
	for { // calls queued after the last write fail; their webhooks are retried
		select {
		case c := <-d.appends:
			c.done <- appendResult{err: fmt.Errorf("append inbound: database closed")}
		default:
			return
		}
	}
}

// flushAppends writes a batch in one statement and tells each caller
// whether its key was new. Of two calls with one key in a batch only the
// first can be.
func (d *DB) flushAppends(batch []*appendCall) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var q strings.Builder
	q.WriteString(`INSERT INTO inbound (key, channel, user_id, payload, received_at) VALUES `)
	args := make([]any, 0, 5*len(batch))
	first := make(map[string]*appendCall, len(batch))
	for _, c := range batch {
		if _, dup := first[c.key]; dup {
			continue
		}
		first[c.key] = c
		if len(args) > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
		args = append(args, c.key, c.channel, c.user, c.payload, c.at)
	}
	q.WriteString(` ON CONFLICT (key) DO NOTHING RETURNING key`)
	fresh := map[string]bool{}
	rows, err := d.db.QueryContext(ctx, q.String(), args...)
	if err == nil {
		for rows.Next() {
			var k string
			if err = rows.Scan(&k); err != nil {
				break
			}
			fresh[k] = true
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
	}
	if err != nil {
		err = fmt.Errorf("append inbound: %w", unavailable(err))
	}
	for _, c := range batch {
		r := appendResult{err: err}
		if err == nil && first[c.key] == c {
			r.fresh = fresh[c.key]
		}
		c.done <- r
	}
}
