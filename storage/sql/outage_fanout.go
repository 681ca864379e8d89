package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// claimFanOut takes the oldest notice to fan out that no live claim holds.
// The outer WHERE repeats the test, so that of two replicas racing for one
// row (PostgreSQL re-checks it after the first commits) one gets it.
const claimFanOut = `UPDATE outages SET fanout_owner = $1, fanout_until = $2
	WHERE id = (SELECT id FROM outages WHERE fanout_version < version AND (fanout_until IS NULL OR fanout_until < $3)
		ORDER BY updated_at, id LIMIT 1)
	AND fanout_version < version AND (fanout_until IS NULL OR fanout_until < $3)
	RETURNING ` + outageColumns + outageFanOutColumns

// ClaimFanOut implements cases.OutageStore.
func (d *DB) ClaimFanOut(ctx context.Context, owner string, lease time.Duration) (cases.Outage, error) {
	now := d.Now().UTC()
	o, err := scanOutage(d.db.QueryRowContext(ctx, claimFanOut, owner, d.t(now.Add(lease)), d.t(now)))
	if err != nil && !vikno.IsNotFound(err) {
		return o, fmt.Errorf("claim outage fan-out: %w", unavailable(err))
	}
	return o, err
}

// HoldFanOut implements cases.OutageStore.
func (d *DB) HoldFanOut(ctx context.Context, id, owner string, queued int, lease time.Duration) error {
	res, err := d.db.ExecContext(ctx, `UPDATE outages SET fanout_queued = $3, fanout_until = $4
		WHERE id = $1 AND fanout_owner = $2`, id, owner, queued, d.t(d.Now().UTC().Add(lease)))
	return fanOutHeld(res, err, "hold")
}

// FinishFanOut implements cases.OutageStore.
func (d *DB) FinishFanOut(ctx context.Context, id, owner string, version, queued int) error {
	res, err := d.db.ExecContext(ctx, `UPDATE outages SET fanout_version = $3, fanout_queued = $4, fanout_owner = '',
		fanout_until = NULL WHERE id = $1 AND fanout_owner = $2`, id, owner, version, queued)
	return fanOutHeld(res, err, "finish")
}

// fanOutHeld turns the result of an update by the claim's owner into
// ECONFLICT when it changed no row: the claim lapsed and another took it.
func fanOutHeld(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s outage fan-out: %w", what, unavailable(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return vikno.Errorf(vikno.ECONFLICT, "the notice's fan-out is no longer held")
	}
	return nil
}
