package sqlstore

import (
	"context"
	"fmt"
	"strings"
)

// Journal appends of concurrent webhooks are committed together (group.go):
// a burst of updates costs one commit, and every webhook is acknowledged
// only once its row is committed.

// maxAppendBatch bounds one statement (5 parameters a row).
const maxAppendBatch = 64

type appendCall struct {
	key, channel, user, payload string
	at                          any
}

// writeAppends writes calls in one statement and tells each caller whether
// its key was new. Of two calls with one key in a batch only the first can
// be. The statement of each batch size is prepared once.
func (d *DB) writeAppends(ctx context.Context, calls []appendCall) ([]bool, error) {
	var q strings.Builder
	q.WriteString(`INSERT INTO inbound (key, channel, user_id, payload, received_at) VALUES `)
	args := make([]any, 0, 5*len(calls))
	first := make(map[string]int, len(calls))
	for i, c := range calls {
		if _, dup := first[c.key]; dup {
			continue
		}
		first[c.key] = i
		if len(args) > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
		args = append(args, c.key, c.channel, c.user, c.payload, c.at)
	}
	q.WriteString(` ON CONFLICT (key) DO NOTHING RETURNING key`)
	rows, err := d.queryCached(ctx, nil, q.String(), args...)
	fresh, err := collect(rows, err, func(s scanner) (string, error) {
		var k string
		return k, s.Scan(&k)
	})
	if err != nil {
		return nil, fmt.Errorf("append inbound: %w", unavailable(err))
	}
	isFresh := make(map[string]bool, len(fresh))
	for _, k := range fresh {
		isFresh[k] = true
	}
	out := make([]bool, len(calls))
	for i, c := range calls {
		out[i] = first[c.key] == i && isFresh[c.key]
	}
	return out, nil
}
