package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.OutageStore = (*DB)(nil)

const outageColumns = `id, kind, emergency, districts, streets, starts_at, ends_at, text, status, version, updated_at`

const outageFanOutColumns = `, fanout_version, fanout_queued`

const subscriptionColumns = `id, resident_id, district, street, street_key, created_at`

// SaveOutage implements cases.OutageStore. The row is locked while the new
// version is decided, so two dispatchers posting at once raise it once each.
func (d *DB) SaveOutage(ctx context.Context, o cases.Outage) (cases.Outage, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanOutage(tx.QueryRowContext(ctx, `SELECT `+outageColumns+outageFanOutColumns+` FROM outages WHERE id = $1`+d.dialect.forUpdate, o.ID))
		switch {
		case vikno.IsNotFound(err):
			o.Version = 1
		case err != nil:
			return err
		case old.SameContent(o):
			o = old
			return nil
		default:
			o.Version = old.Version + 1
		}
		o.UpdatedAt = d.Now().UTC()
		districts, _ := json.Marshal(nonNil(o.Districts))
		streets, _ := json.Marshal(nonNil(o.Streets))
		args := []any{o.ID, o.Kind, o.Emergency, string(districts), string(streets), d.tOrNull(o.From), d.tOrNull(o.To),
			o.Text, o.Status, o.Version, d.t(o.UpdatedAt)}
		if o.Version == 1 {
			_, err = tx.ExecContext(ctx, `INSERT INTO outages (`+outageColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, args...)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE outages SET kind = $2, emergency = $3, districts = $4, streets = $5, starts_at = $6,
				ends_at = $7, text = $8, status = $9, version = $10, updated_at = $11, fanout_queued = 0 WHERE id = $1`, args...)
		}
		return err
	})
	if err != nil {
		return o, fmt.Errorf("save outage: %w", unavailable(err))
	}
	return o, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// FindOutage implements cases.OutageStore.
func (d *DB) FindOutage(ctx context.Context, id string) (cases.Outage, error) {
	return scanOutage(d.db.QueryRowContext(ctx, `SELECT `+outageColumns+outageFanOutColumns+` FROM outages WHERE id = $1`, id))
}

// ActiveOutages implements cases.OutageStore.
func (d *DB) ActiveOutages(ctx context.Context, now time.Time) ([]cases.Outage, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+outageColumns+outageFanOutColumns+` FROM outages
		WHERE status = $1 AND (ends_at IS NULL OR ends_at > $2) ORDER BY updated_at DESC, id`, cases.OutageActive, d.t(now))
	out, err := collect(rows, err, scanOutage)
	if err != nil {
		return nil, fmt.Errorf("active outages: %w", err)
	}
	return out, nil
}

// RecentOutages implements cases.OutageStore.
func (d *DB) RecentOutages(ctx context.Context, since time.Time, limit int) ([]cases.Outage, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+outageColumns+outageFanOutColumns+` FROM outages
		WHERE updated_at >= $1 ORDER BY updated_at DESC, id LIMIT $2`, d.t(since), limit)
	out, err := collect(rows, err, scanOutage)
	if err != nil {
		return nil, fmt.Errorf("recent outages: %w", err)
	}
	return out, nil
}

// OutageRecipients implements cases.OutageStore.
func (d *DB) OutageRecipients(ctx context.Context, o cases.Outage, match func(cases.Subscription) bool) ([]cases.NoticeRecipient, error) {
	w := &where{}
	cond := "s.street <> ''"
	if len(o.Districts) > 0 {
		in(w, "s.district", o.Districts)
		cond = "(" + w.conds[0] + " OR s.street <> '')"
	}
	reachable := w.arg(false)
	rows, err := d.db.QueryContext(ctx, `SELECT s.id, s.resident_id, s.district, s.street, s.street_key, s.created_at,
		r.id, r.channel, r.external_id, r.locale, r.unreachable, r.created_at, r.updated_at
		FROM outage_subscriptions s JOIN residents r ON r.id = s.resident_id
		WHERE r.unreachable = `+reachable+` AND `+cond+`
		UNION ALL
		SELECT 0, 0, '', '', '', r.created_at, r.id, r.channel, r.external_id, r.locale, r.unreachable, r.created_at, r.updated_at
		FROM outage_recipients p JOIN residents r ON r.id = p.resident_id
		WHERE p.outage_id = `+w.arg(o.ID)+` AND r.unreachable = `+reachable+`
		AND EXISTS (SELECT 1 FROM outage_subscriptions s WHERE s.resident_id = r.id)`, w.args...)
	type cand struct {
		s cases.Subscription
		r vikno.Resident
	}
	cands, err := collect(rows, err, func(sc scanner) (c cand, err error) {
		err = sc.Scan(&c.s.ID, &c.s.ResidentID, &c.s.District, &c.s.Street, &c.s.StreetKey, at(&c.s.CreatedAt),
			&c.r.ID, &c.r.Channel, &c.r.ExternalID, &c.r.Locale, &c.r.Unreachable, at(&c.r.CreatedAt), at(&c.r.UpdatedAt))
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("outage recipients: %w", unavailable(err))
	}
	seen := map[int64]bool{}
	var out []cases.NoticeRecipient
	for _, c := range cands {
		if seen[c.r.ID] || (c.s.ID != 0 && !match(c.s)) {
			continue
		}
		seen[c.r.ID] = true
		out = append(out, c.r)
	}
	return out, nil
}

// RecordOutageRecipients implements cases.OutageStore.
func (d *DB) RecordOutageRecipients(ctx context.Context, id string, residentIDs []int64) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range residentIDs {
			if _, err := d.execCached(ctx, tx, `INSERT INTO outage_recipients (outage_id, resident_id) VALUES ($1, $2)
				ON CONFLICT (outage_id, resident_id) DO NOTHING`, id, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record outage recipients: %w", unavailable(err))
	}
	return nil
}

// Subscribe implements cases.OutageStore.
func (d *DB) Subscribe(ctx context.Context, s cases.Subscription) (cases.Subscription, error) {
	_, err := d.db.ExecContext(ctx, `INSERT INTO outage_subscriptions (resident_id, district, street, street_key, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (resident_id, district, street_key) DO NOTHING`,
		s.ResidentID, s.District, s.Street, s.StreetKey, d.now())
	if err != nil {
		return s, fmt.Errorf("subscribe: %w", unavailable(err))
	}
	return scanSubscription(d.db.QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM outage_subscriptions
		WHERE resident_id = $1 AND district = $2 AND street_key = $3`, s.ResidentID, s.District, s.StreetKey))
}

// Subscriptions implements cases.OutageStore.
func (d *DB) Subscriptions(ctx context.Context, residentID int64) ([]cases.Subscription, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM outage_subscriptions WHERE resident_id = $1 ORDER BY id`, residentID)
	out, err := collect(rows, err, scanSubscription)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	return out, nil
}

// Unsubscribe implements cases.OutageStore.
func (d *DB) Unsubscribe(ctx context.Context, residentID, id int64) error {
	n, err := affected(d.db.ExecContext(ctx, `DELETE FROM outage_subscriptions WHERE id = $1 AND resident_id = $2`, id, residentID))
	if err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	if n == 0 {
		return vikno.Errorf(vikno.ENOTFOUND, "no such subscription")
	}
	return nil
}

func scanOutage(s scanner) (cases.Outage, error) {
	var o cases.Outage
	var districts, streets []byte
	err := s.Scan(&o.ID, &o.Kind, &o.Emergency, &districts, &streets, at(&o.From), at(&o.To), &o.Text, &o.Status,
		&o.Version, at(&o.UpdatedAt), &o.FanOutVersion, &o.FanOutQueued)
	if errors.Is(err, sql.ErrNoRows) {
		return o, vikno.Errorf(vikno.ENOTFOUND, "outage notice not found")
	}
	if err != nil {
		return o, fmt.Errorf("scan outage: %w", err)
	}
	if err := json.Unmarshal(districts, &o.Districts); err != nil {
		return o, fmt.Errorf("scan outage: %w", err)
	}
	if err := json.Unmarshal(streets, &o.Streets); err != nil {
		return o, fmt.Errorf("scan outage: %w", err)
	}
	return o, nil
}

func scanSubscription(s scanner) (cases.Subscription, error) {
	var sub cases.Subscription
	if err := s.Scan(&sub.ID, &sub.ResidentID, &sub.District, &sub.Street, &sub.StreetKey, at(&sub.CreatedAt)); err != nil {
		return sub, notFound(err, "subscription")
	}
	return sub, nil
}
