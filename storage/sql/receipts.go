package sqlstore

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/notify"
)

var _ notify.Receipts = (*DB)(nil)

// receiptRank orders receipt states: a state moves only to a higher rank.
const receiptRank = `CASE %s WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1 WHEN 'seen' THEN 2 ELSE 3 END`

var (
	recordSent = `INSERT INTO receipts (channel, token, outbox_id, state, updated_at)
	VALUES ($1, $2, $3, 'sent', $4)
	ON CONFLICT (channel, token) DO UPDATE SET outbox_id = excluded.outbox_id`
	recordReceipt = `INSERT INTO receipts (channel, token, state, reason, updated_at)
	VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT (channel, token) DO UPDATE SET state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
	WHERE ` + fmt.Sprintf(receiptRank, "receipts.state") + ` < ` + fmt.Sprintf(receiptRank, "excluded.state")
)

// RecordSent implements notify.Receipts. The write may be lost in a
// database crash (DB.lazy): a receipt is information, not a promise.
func (d *DB) RecordSent(ctx context.Context, channel vikno.Channel, token string, outboxID int64) error {
	if _, err := d.lazy.ExecContext(ctx, recordSent, string(channel), token, outboxID, d.t(d.Now())); err != nil {
		return fmt.Errorf("record sent: %w", unavailable(err))
	}
	return nil
}

// RecordReceipt implements notify.Receipts.
func (d *DB) RecordReceipt(ctx context.Context, channel vikno.Channel, token, state, reason string, at time.Time) error {
	switch state {
	case notify.ReceiptSent, notify.ReceiptDelivered, notify.ReceiptSeen, notify.ReceiptFailed:
	default:
		return vikno.Errorf(vikno.EINVALID, "unknown receipt state %q", state)
	}
	if at.IsZero() {
		at = d.Now()
	}
	if _, err := d.lazy.ExecContext(ctx, recordReceipt, string(channel), token, state, reason, d.t(at)); err != nil {
		return fmt.Errorf("record receipt: %w", unavailable(err))
	}
	return nil
}

const outboxProgress = `SELECT o.status, COUNT(*),
	SUM(CASE WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.outbox_id = o.id AND r.state IN ('delivered', 'seen')) THEN 1 ELSE 0 END),
	SUM(CASE WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.outbox_id = o.id AND r.state = 'seen') THEN 1 ELSE 0 END),
	SUM(CASE WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.outbox_id = o.id AND r.state = 'failed') THEN 1 ELSE 0 END)
	FROM outbox o WHERE substr(o.key, 1, $1) = $2 GROUP BY o.status`

// OutboxProgress returns where the outbox messages whose key starts with
// keyPrefix are (one notice's messages share a prefix).
func (d *DB) OutboxProgress(ctx context.Context, keyPrefix string) (notify.Progress, error) {
	var p notify.Progress
	rows, err := d.db.QueryContext(ctx, outboxProgress, utf8.RuneCountInString(keyPrefix), keyPrefix)
	if err != nil {
		return p, fmt.Errorf("outbox progress: %w", unavailable(err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			status                  string
			n, delivered, seen, bad int
		)
		if err := rows.Scan(&status, &n, &delivered, &seen, &bad); err != nil {
			return p, fmt.Errorf("outbox progress: %w", err)
		}
		switch status {
		case notify.StatusPending:
			p.Pending += n
		case notify.StatusSending:
			p.Sending += n
		case notify.StatusSent:
			p.Sent += n
		case notify.StatusDead:
			p.Dead += n
		}
		p.Delivered += delivered
		p.Seen += seen
		p.Failed += bad
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("outbox progress: %w", unavailable(err))
	}
	return p, nil
}
