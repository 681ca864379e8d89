package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	f.answer, f.answered_by, f.answered_at, f.revision, f.created_at, f.updated_at`

// EnsureRatingPoint implements cases.FeedbackStore.
func (d *DB) EnsureRatingPoint(ctx context.Context, p cases.RatingPoint) (cases.RatingPoint, error) {
	_, err := d.pool.Exec(ctx, `INSERT INTO rating_points (token, location_id, point, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (location_id, point) DO NOTHING`, p.Token, p.LocationID, p.Point, d.Now())
	if err != nil {
		return cases.RatingPoint{}, fmt.Errorf("insert rating point: %w", err)
	}
	return scanRatingPoint(d.pool.QueryRow(ctx, `SELECT token, location_id, point, created_at FROM rating_points
		WHERE location_id = $1 AND point = $2`, p.LocationID, p.Point))
}

// FindRatingPoint implements cases.FeedbackStore.
func (d *DB) FindRatingPoint(ctx context.Context, token string) (cases.RatingPoint, error) {
	return scanRatingPoint(d.pool.QueryRow(ctx, `SELECT token, location_id, point, created_at FROM rating_points
		WHERE token = $1`, token))
}

func scanRatingPoint(row pgx.Row) (cases.RatingPoint, error) {
	var p cases.RatingPoint
	if err := row.Scan(&p.Token, &p.LocationID, &p.Point, &p.CreatedAt); err != nil {
		return p, notFound(err, "rating point")
	}
	return p, nil
}

// SetLocationRegions implements cases.FeedbackStore.
func (d *DB) SetLocationRegions(ctx context.Context, regions map[string][]string) error {
	return d.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM location_regions`); err != nil {
			return fmt.Errorf("location regions: %w", err)
		}
		locs := make([]string, 0, len(regions))
		for l := range regions {
			locs = append(locs, l)
		}
		slices.Sort(locs)
		for _, loc := range locs {
			for _, r := range regions[loc] {
				if _, err := tx.Exec(ctx, `INSERT INTO location_regions (location_id, region_id) VALUES ($1, $2)
					ON CONFLICT DO NOTHING`, loc, r); err != nil {
					return fmt.Errorf("location regions: %w", err)
				}
			}
		}
		return nil
	})
}

const upsertRating = `INSERT INTO ratings (resident_id, location_id, point, day, score, aspects, comment, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (resident_id, location_id, day) DO UPDATE SET point = excluded.point, score = excluded.score,
	aspects = excluded.aspects, comment = excluded.comment, status = 'new', revision = ratings.revision + 1,
	updated_at = excluded.updated_at
RETURNING id`

// SaveRating implements cases.FeedbackStore.
func (d *DB) SaveRating(ctx context.Context, r cases.Rating,
	alerts func(cases.Rating, []cases.Manager) ([]notify.Message, error)) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx pgx.Tx) error {
		now := d.Now()
		var id int64
		err := tx.QueryRow(ctx, upsertRating, r.ResidentID, r.LocationID, r.Point, r.Day, r.Score,
			cases.JoinAspects(r.Aspects), r.Comment, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("save rating: %w", err)
		}
		if out, err = scanRating(tx.QueryRow(ctx, `SELECT `+ratingColumns+` FROM ratings f WHERE f.id = $1`, id)); err != nil {
			return err
		}
		managers, err := managersCovering(ctx, tx, out.LocationID)
		if err != nil {
			return err
		}
		msgs, err := alerts(out, managers)
		if err != nil {
			return fmt.Errorf("rating alerts: %w", err)
		}
		return enqueueTx(ctx, tx, now, msgs)
	})
	return out, err
}

func managersCovering(ctx context.Context, tx pgx.Tx, locationID string) ([]cases.Manager, error) {
	rows, err := tx.Query(ctx, `WITH f(location_id) AS (SELECT $1::text)
		SELECT `+managerColumns+managerFrom+` CROSS JOIN f
		WHERE m.revoked_at IS NULL AND `+ratingScope("f.location_id")+` ORDER BY m.id`, locationID)
	if err != nil {
		return nil, fmt.Errorf("managers of location: %w", err)
	}
	return scanManagers(rows)
}

// FindRating implements cases.FeedbackStore.
func (d *DB) FindRating(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	return findManagedRating(ctx, d.pool, managerID, id)
}

type ratingQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func findManagedRating(ctx context.Context, q ratingQuerier, managerID, id int64) (cases.Rating, error) {
	return scanRating(q.QueryRow(ctx, `SELECT `+ratingColumns+ratingOfManager+` AND f.id = $2`, managerID, id))
}

// ListRatings implements cases.FeedbackStore.
func (d *DB) ListRatings(ctx context.Context, managerID int64, f cases.RatingFilter) ([]cases.Rating, error) {
	where, args := ratingFilterSQL(f, []any{managerID})
	args = append(args, f.EffectiveLimit())
	rows, err := d.pool.Query(ctx, `SELECT `+ratingColumns+ratingOfManager+where+
		` ORDER BY f.id DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("list ratings: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (cases.Rating, error) { return scanRating(row) })
}

func ratingFilterSQL(f cases.RatingFilter, args []any) (string, []any) {
	var b strings.Builder
	add := func(cond string, arg any) {
		args = append(args, arg)
		b.WriteString(" AND " + cond + " $" + strconv.Itoa(len(args)))
	}
	if f.Status != "" {
		add("f.status =", string(f.Status))
	}
	if f.LocationID != "" {
		add("f.location_id =", f.LocationID)
	}
	if f.LowOnly {
		add("f.score <=", cases.LowScore)
	}
	if f.FromDay != "" {
		add("f.day >=", f.FromDay)
	}
	if f.ToDay != "" {
		add("f.day <=", f.ToDay)
	}
	return b.String(), args
}

// MarkRatingSeen implements cases.FeedbackStore.
func (d *DB) MarkRatingSeen(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx pgx.Tx) error {
		var err error
		if out, err = findManagedRating(ctx, tx, managerID, id); err != nil {
			return err
		}
		if out.Status != cases.RatingNew {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE ratings SET status = 'seen' WHERE id = $1 AND status = 'new'`, id); err != nil {
			return fmt.Errorf("mark rating seen: %w", err)
		}
		out.Status = cases.RatingSeen
		return nil
	})
	return out, err
}

// AnswerRating implements cases.FeedbackStore.
func (d *DB) AnswerRating(ctx context.Context, managerID, id int64, answer string, notice notify.Message) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx pgx.Tx) error {
		if _, err := findManagedRating(ctx, tx, managerID, id); err != nil {
			return err
		}
		now := d.Now()
		if _, err := tx.Exec(ctx, `UPDATE ratings SET status = 'answered', answer = $1, answered_by = $2, answered_at = $3
			WHERE id = $4`, answer, managerID, now, id); err != nil {
			return fmt.Errorf("answer rating: %w", err)
		}
		if err := enqueueTx(ctx, tx, now, []notify.Message{notice}); err != nil {
			return err
		}
		var err error
		out, err = findManagedRating(ctx, tx, managerID, id)
		return err
	})
	return out, err
}

// RatingDigest implements cases.FeedbackStore.
func (d *DB) RatingDigest(ctx context.Context, managerID int64, day string) (cases.Digest, error) {
	rows, err := d.pool.Query(ctx, `SELECT f.location_id, COUNT(*)::int, SUM(f.score)::int,
		COUNT(*) FILTER (WHERE f.score <= $3)::int,
		COUNT(*) FILTER (WHERE f.score <= $3 AND f.status = 'new')::int`+
		ratingOfManager+` AND f.day = $2 GROUP BY f.location_id ORDER BY f.location_id`,
		managerID, day, cases.LowScore)
	if err != nil {
		return cases.Digest{}, fmt.Errorf("rating digest: %w", err)
	}
	out := cases.Digest{Day: day}
	var l cases.LocationDigest
	_, err = pgx.ForEachRow(rows, []any{&l.LocationID, &l.Count, &l.Sum, &l.Low, &l.Open}, func() error {
		out.ByLocation = append(out.ByLocation, l)
		return nil
	})
	if err != nil {
		return cases.Digest{}, fmt.Errorf("rating digest: %w", err)
	}
	return out, nil
}

func scanRating(row pgx.Row) (cases.Rating, error) {
	var r cases.Rating
	var aspects string
	var answeredAt *time.Time
	err := row.Scan(&r.ID, &r.ResidentID, &r.LocationID, &r.Point, &r.Day, &r.Score, &aspects, &r.Comment, &r.Status,
		&r.Answer, &r.AnsweredBy, &answeredAt, &r.Revision, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return r, notFound(err, "rating")
	}
	r.Aspects = cases.SplitAspects(aspects)
	if answeredAt != nil {
		r.AnsweredAt = *answeredAt
	}
	return r, nil
}
