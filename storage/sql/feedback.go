package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

var _ cases.FeedbackStore[notify.Message] = (*DB)(nil)

// ratingScope is the access rule of managers' scopes for the manager row m
// and the location id expression loc: level 3 sees every location, level 1
// its own, level 2 those in its region or below it.
func ratingScope(loc string) string {
	return `(m.level = 3 OR (m.level = 1 AND m.scope = ` + loc + `) OR (m.level = 2 AND EXISTS (
		SELECT 1 FROM location_regions lr WHERE lr.location_id = ` + loc + ` AND lr.region_id = m.scope)))`
}

// ratingOfManager selects ratings f through the active manager m whose id is
// $1.
var ratingOfManager = ` FROM ratings f JOIN managers m ON m.id = $1 AND m.revoked_at IS NULL WHERE ` + ratingScope("f.location_id")

const ratingColumns = `f.id, f.resident_id, f.location_id, f.point, f.day, f.score, f.aspects, f.comment, f.status,
	f.answer, f.answered_by, f.answered_at, f.reply, f.replied_at, f.revision, f.created_at, f.updated_at`

const upsertRating = `INSERT INTO ratings (resident_id, location_id, point, day, score, aspects, comment, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (resident_id, location_id, day) DO UPDATE SET point = excluded.point, score = excluded.score,
	aspects = excluded.aspects, comment = excluded.comment, status = 'new', revision = ratings.revision + 1,
	updated_at = excluded.updated_at
RETURNING id`

// EnsureRatingPoint implements cases.FeedbackStore.
func (d *DB) EnsureRatingPoint(ctx context.Context, p cases.RatingPoint) (cases.RatingPoint, error) {
	_, err := d.db.ExecContext(ctx, `INSERT INTO rating_points (token, location_id, point, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (location_id, point) DO NOTHING`, p.Token, p.LocationID, p.Point, d.now())
	if err != nil {
		return cases.RatingPoint{}, fmt.Errorf("insert rating point: %w", err)
	}
	return scanRatingPoint(d.db.QueryRowContext(ctx, `SELECT token, location_id, point, created_at FROM rating_points
		WHERE location_id = $1 AND point = $2`, p.LocationID, p.Point))
}

// FindRatingPoint implements cases.FeedbackStore.
func (d *DB) FindRatingPoint(ctx context.Context, token string) (cases.RatingPoint, error) {
	return scanRatingPoint(d.db.QueryRowContext(ctx, `SELECT token, location_id, point, created_at FROM rating_points
		WHERE token = $1`, token))
}

func scanRatingPoint(row scanner) (cases.RatingPoint, error) {
	var p cases.RatingPoint
	if err := row.Scan(&p.Token, &p.LocationID, &p.Point, at(&p.CreatedAt)); err != nil {
		return p, notFound(err, "rating point")
	}
	return p, nil
}

// SetLocationRegions implements cases.FeedbackStore.
func (d *DB) SetLocationRegions(ctx context.Context, regions map[string][]string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM location_regions`); err != nil {
			return fmt.Errorf("location regions: %w", err)
		}
		for _, loc := range slices.Sorted(maps.Keys(regions)) {
			for _, r := range regions[loc] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO location_regions (location_id, region_id) VALUES ($1, $2)
					ON CONFLICT DO NOTHING`, loc, r); err != nil {
					return fmt.Errorf("location regions: %w", err)
				}
			}
		}
		return nil
	})
}

// SaveRating implements cases.FeedbackStore: the rating and the alerts to
// the managers who cover its location are saved in one transaction.
func (d *DB) SaveRating(ctx context.Context, r cases.Rating,
	alerts func(cases.Rating, []cases.Manager) ([]notify.Message, error)) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, upsertRating, r.ResidentID, r.LocationID, r.Point, r.Day, r.Score,
			cases.JoinAspects(r.Aspects), r.Comment, d.now()).Scan(&id)
		if err != nil {
			return fmt.Errorf("save rating: %w", err)
		}
		if out, err = scanRating(tx.QueryRowContext(ctx, `SELECT `+ratingColumns+` FROM ratings f WHERE f.id = $1`, id)); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `WITH f(location_id) AS (SELECT CAST($1 AS TEXT))
			SELECT `+managerColumns+managerFrom+` CROSS JOIN f
			WHERE m.revoked_at IS NULL AND `+ratingScope("f.location_id")+` ORDER BY m.id`, out.LocationID)
		managers, err := collect(rows, err, scanManager)
		if err != nil {
			return fmt.Errorf("managers of location: %w", err)
		}
		msgs, err := alerts(out, managers)
		if err != nil {
			return fmt.Errorf("rating alerts: %w", err)
		}
		return d.enqueueTx(ctx, tx, msgs)
	})
	return out, err
}

// FindResidentRating implements cases.FeedbackStore.
func (d *DB) FindResidentRating(ctx context.Context, residentID int64, locationID, day string) (cases.Rating, error) {
	return scanRating(d.db.QueryRowContext(ctx, `SELECT `+ratingColumns+` FROM ratings f
		WHERE f.resident_id = $1 AND f.location_id = $2 AND f.day = $3`, residentID, locationID, day))
}

// FindRating implements cases.FeedbackStore.
func (d *DB) FindRating(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	return findManagedRating(ctx, d.db, managerID, id)
}

func findManagedRating(ctx context.Context, q querier, managerID, id int64) (cases.Rating, error) {
	return scanRating(q.QueryRowContext(ctx, `SELECT `+ratingColumns+ratingOfManager+` AND f.id = $2`, managerID, id))
}

// ListRatings implements cases.FeedbackStore.
func (d *DB) ListRatings(ctx context.Context, managerID int64, f cases.RatingFilter) ([]cases.Rating, error) {
	w := where{args: []any{managerID}}
	w.add("f.status = ?", f.Status != "", f.Status)
	w.add("f.location_id = ?", f.LocationID != "", f.LocationID)
	w.add("f.score <= ?", f.LowOnly, cases.LowScore)
	w.add("f.day >= ?", f.FromDay != "", f.FromDay)
	w.add("f.day <= ?", f.ToDay != "", f.ToDay)
	rows, err := d.db.QueryContext(ctx, `SELECT `+ratingColumns+ratingOfManager+` AND `+w.sql()+
		` ORDER BY f.id DESC LIMIT `+w.arg(f.EffectiveLimit()), w.args...)
	out, err := collect(rows, err, scanRating)
	if err != nil {
		return nil, fmt.Errorf("list ratings: %w", err)
	}
	return out, nil
}

// MarkRatingSeen implements cases.FeedbackStore.
func (d *DB) MarkRatingSeen(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = findManagedRating(ctx, tx, managerID, id); err != nil || out.Status != cases.RatingNew {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET status = 'seen' WHERE id = $1 AND status = 'new'`, id); err != nil {
			return fmt.Errorf("mark rating seen: %w", err)
		}
		out.Status = cases.RatingSeen
		return nil
	})
	return out, err
}

// AnswerRating implements cases.FeedbackStore: the answer, its place in the
// thread and its notice to the resident are saved in one transaction; an
// answer whose notice key is in the thread already changes nothing.
func (d *DB) AnswerRating(ctx context.Context, managerID, id int64, answer string, notice notify.Message) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := findManagedRating(ctx, tx, managerID, id); err != nil {
			return err
		}
		_, err := d.answer(ctx, tx, id, cases.ThreadMessage{Author: cases.AuthorManager, ManagerID: managerID,
			Text: answer, Key: notice.Key}, notice)
		if err != nil {
			return err
		}
		out, err = findManagedRating(ctx, tx, managerID, id)
		return err
	})
	return out, err
}

// ReplyRating implements cases.FeedbackStore: the reply, its place in the
// thread, the reopened status and the notices to the managers are saved in
// one transaction. A reply with a ref already in the thread changes nothing.
func (d *DB) ReplyRating(ctx context.Context, residentID, id int64, reply, ref string,
	notices func(cases.Rating, []cases.Manager) ([]notify.Message, error)) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanRating(tx.QueryRowContext(ctx, `SELECT `+ratingColumns+` FROM ratings f
			WHERE f.id = $1 AND f.resident_id = $2 AND f.answer <> ''`+d.dialect.forUpdate, id, residentID))
		if err != nil {
			return err
		}
		now := d.now()
		added, err := affected(tx.ExecContext(ctx, `INSERT INTO rating_messages (rating_id, author, body, key, created_at)
			VALUES ($1, 'resident', $2, $3, $4) ON CONFLICT (key) DO NOTHING`, id, reply, replyThreadKey(id, ref), now))
		if err != nil || added == 0 {
			return wrapErr("reply to rating", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET reply = $1, replied_at = $2, status = 'new' WHERE id = $3`,
			reply, now, id); err != nil {
			return fmt.Errorf("reply to rating: %w", err)
		}
		if out, err = scanRating(tx.QueryRowContext(ctx, `SELECT `+ratingColumns+` FROM ratings f WHERE f.id = $1`, id)); err != nil {
			return err
		}
		to, err := replyRecipients(ctx, tx, out)
		if err != nil {
			return err
		}
		msgs, err := notices(out, to)
		if err != nil {
			return fmt.Errorf("reply notices: %w", err)
		}
		return d.enqueueTx(ctx, tx, msgs)
	})
	return out, err
}

// replyThreadKey is the thread key of a resident's reply; ref identifies
// the resident's message.
func replyThreadKey(ratingID int64, ref string) string {
	return fmt.Sprintf("rating:%d:reply:%s", ratingID, ref)
}

// replyRecipients returns the manager who answered r while that manager is
// active and still covers its location, otherwise the active managers who
// cover it.
func replyRecipients(ctx context.Context, tx *sql.Tx, r cases.Rating) ([]cases.Manager, error) {
	const covering = `WITH f(location_id) AS (SELECT CAST($1 AS TEXT))
		SELECT ` + managerColumns + managerFrom + ` CROSS JOIN f WHERE m.revoked_at IS NULL AND `
	rows, err := tx.QueryContext(ctx, covering+`m.id = $2 AND `+ratingScope("f.location_id"), r.LocationID, r.AnsweredBy)
	to, err := collect(rows, err, scanManager)
	if err != nil || len(to) > 0 {
		return to, wrapErr("manager who answered", err)
	}
	rows, err = tx.QueryContext(ctx, covering+ratingScope("f.location_id")+` ORDER BY m.id`, r.LocationID)
	to, err = collect(rows, err, scanManager)
	return to, wrapErr("managers of location", err)
}

func wrapErr(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// RatingDigest implements cases.FeedbackStore.
func (d *DB) RatingDigest(ctx context.Context, managerID int64, day string) (cases.Digest, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT f.location_id, COUNT(*), SUM(f.score),
		COUNT(*) FILTER (WHERE f.score <= $3),
		COUNT(*) FILTER (WHERE f.score <= $3 AND f.status = 'new')`+ratingOfManager+
		` AND f.day = $2 GROUP BY f.location_id ORDER BY f.location_id`, managerID, day, cases.LowScore)
	locs, err := collect(rows, err, func(s scanner) (l cases.LocationDigest, err error) {
		return l, s.Scan(&l.LocationID, &l.Count, &l.Sum, &l.Low, &l.Open)
	})
	if err != nil {
		return cases.Digest{}, fmt.Errorf("rating digest: %w", err)
	}
	return cases.Digest{Day: day, ByLocation: locs}, nil
}

func scanRating(row scanner) (cases.Rating, error) {
	var r cases.Rating
	var aspects string
	err := row.Scan(&r.ID, &r.ResidentID, &r.LocationID, &r.Point, &r.Day, &r.Score, &aspects, &r.Comment, &r.Status,
		&r.Answer, &r.AnsweredBy, at(&r.AnsweredAt), &r.Reply, at(&r.RepliedAt), &r.Revision, at(&r.CreatedAt), at(&r.UpdatedAt))
	if err != nil {
		return r, notFound(err, "rating")
	}
	r.Aspects = cases.SplitAspects(aspects)
	return r, nil
}
