package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vikno-city/vikno"
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
// the first argument.
var ratingOfManager = ` FROM ratings f JOIN managers m ON m.id = ? AND m.revoked_at = '' WHERE ` + ratingScope("f.location_id")

const ratingColumns = `f.id, f.resident_id, f.location_id, f.point, f.day, f.score, f.aspects, f.comment, f.status,
	f.answer, f.answered_by, f.answered_at, f.revision, f.created_at, f.updated_at`

// EnsureRatingPoint implements cases.FeedbackStore.
func (d *DB) EnsureRatingPoint(ctx context.Context, p cases.RatingPoint) (cases.RatingPoint, error) {
	var out cases.RatingPoint
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rating_points (token, location_id, point, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (location_id, point) DO NOTHING`, p.Token, p.LocationID, p.Point, d.now()); err != nil {
			return fmt.Errorf("insert rating point: %w", err)
		}
		row := tx.QueryRowContext(ctx, `SELECT token, location_id, point, created_at FROM rating_points
			WHERE location_id = ? AND point = ?`, p.LocationID, p.Point)
		var err error
		out, err = scanRatingPoint(row)
		return err
	})
	return out, err
}

// FindRatingPoint implements cases.FeedbackStore.
func (d *DB) FindRatingPoint(ctx context.Context, token string) (cases.RatingPoint, error) {
	row := d.db.QueryRowContext(ctx, `SELECT token, location_id, point, created_at FROM rating_points WHERE token = ?`, token)
	return scanRatingPoint(row)
}

func scanRatingPoint(row *sql.Row) (cases.RatingPoint, error) {
	var p cases.RatingPoint
	var created string
	err := row.Scan(&p.Token, &p.LocationID, &p.Point, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return p, vikno.Errorf(vikno.ENOTFOUND, "rating point not found")
	}
	if err != nil {
		return p, fmt.Errorf("scan rating point: %w", err)
	}
	p.CreatedAt = parseTime(created)
	return p, nil
}

// SetLocationRegions implements cases.FeedbackStore.
func (d *DB) SetLocationRegions(ctx context.Context, regions map[string][]string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM location_regions`); err != nil {
			return fmt.Errorf("location regions: %w", err)
		}
		for _, loc := range sortedKeys(regions) {
			for _, r := range regions[loc] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO location_regions (location_id, region_id) VALUES (?, ?)
					ON CONFLICT DO NOTHING`, loc, r); err != nil {
					return fmt.Errorf("location regions: %w", err)
				}
			}
		}
		return nil
	})
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

const upsertRating = `INSERT INTO ratings (resident_id, location_id, point, day, score, aspects, comment, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resident_id, location_id, day) DO UPDATE SET point = excluded.point, score = excluded.score,
	aspects = excluded.aspects, comment = excluded.comment, status = 'new', revision = ratings.revision + 1,
	updated_at = excluded.updated_at
RETURNING id`

// SaveRating implements cases.FeedbackStore.
func (d *DB) SaveRating(ctx context.Context, r cases.Rating,
	alerts func(cases.Rating, []cases.Manager) ([]notify.Message, error)) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		var id int64
		err := tx.QueryRowContext(ctx, upsertRating, r.ResidentID, r.LocationID, r.Point, r.Day, r.Score,
			cases.JoinAspects(r.Aspects), r.Comment, now, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("save rating: %w", err)
		}
		if out, err = scanRating(tx.QueryRowContext(ctx, `SELECT `+ratingColumns+` FROM ratings f WHERE f.id = ?`, id)); err != nil {
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

func managersCovering(ctx context.Context, tx *sql.Tx, locationID string) ([]cases.Manager, error) {
	rows, err := tx.QueryContext(ctx, `WITH f(location_id) AS (SELECT ?)
		SELECT `+managerColumns+` FROM managers m JOIN residents r ON r.id = m.resident_id CROSS JOIN f
		WHERE m.revoked_at = '' AND `+ratingScope("f.location_id")+` ORDER BY m.id`, locationID)
	if err != nil {
		return nil, fmt.Errorf("managers of location: %w", err)
	}
	return scanManagers(rows)
}

// FindRating implements cases.FeedbackStore.
func (d *DB) FindRating(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	return findManagedRating(ctx, d.db, managerID, id)
}

type ratingQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findManagedRating(ctx context.Context, q ratingQuerier, managerID, id int64) (cases.Rating, error) {
	return scanRating(q.QueryRowContext(ctx, `SELECT `+ratingColumns+ratingOfManager+` AND f.id = ?`, managerID, id))
}

// ListRatings implements cases.FeedbackStore.
func (d *DB) ListRatings(ctx context.Context, managerID int64, f cases.RatingFilter) ([]cases.Rating, error) {
	where, args := ratingFilterSQL(f)
	args = append([]any{managerID}, args...)
	args = append(args, f.EffectiveLimit())
	rows, err := d.db.QueryContext(ctx, `SELECT `+ratingColumns+ratingOfManager+where+` ORDER BY f.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list ratings: %w", err)
	}
	defer rows.Close()
	var out []cases.Rating
	for rows.Next() {
		r, err := scanRating(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func ratingFilterSQL(f cases.RatingFilter) (string, []any) {
	var b strings.Builder
	var args []any
	add := func(cond string, arg any) {
		b.WriteString(" AND " + cond)
		args = append(args, arg)
	}
	if f.Status != "" {
		add("f.status = ?", f.Status)
	}
	if f.LocationID != "" {
		add("f.location_id = ?", f.LocationID)
	}
	if f.LowOnly {
		add("f.score <= ?", cases.LowScore)
	}
	if f.FromDay != "" {
		add("f.day >= ?", f.FromDay)
	}
	if f.ToDay != "" {
		add("f.day <= ?", f.ToDay)
	}
	return b.String(), args
}

// MarkRatingSeen implements cases.FeedbackStore.
func (d *DB) MarkRatingSeen(ctx context.Context, managerID, id int64) (cases.Rating, error) {
	var out cases.Rating
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = findManagedRating(ctx, tx, managerID, id); err != nil {
			return err
		}
		if out.Status != cases.RatingNew {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET status = 'seen' WHERE id = ?`, id); err != nil {
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
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := findManagedRating(ctx, tx, managerID, id); err != nil {
			return err
		}
		now := d.now()
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?
			WHERE id = ?`, answer, managerID, now, id); err != nil {
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
	rows, err := d.db.QueryContext(ctx, `SELECT f.location_id, COUNT(*), SUM(f.score),
		SUM(CASE WHEN f.score <= ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN f.score <= ? AND f.status = 'new' THEN 1 ELSE 0 END)`+
		` FROM ratings f JOIN managers m ON m.id = ? AND m.revoked_at = '' WHERE `+ratingScope("f.location_id")+
		` AND f.day = ? GROUP BY f.location_id ORDER BY f.location_id`,
		cases.LowScore, cases.LowScore, managerID, day)
	if err != nil {
		return cases.Digest{}, fmt.Errorf("rating digest: %w", err)
	}
	defer rows.Close()
	out := cases.Digest{Day: day}
	for rows.Next() {
		var l cases.LocationDigest
		if err := rows.Scan(&l.LocationID, &l.Count, &l.Sum, &l.Low, &l.Open); err != nil {
			return cases.Digest{}, fmt.Errorf("rating digest: %w", err)
		}
		out.ByLocation = append(out.ByLocation, l)
	}
	return out, rows.Err()
}

type ratingScanner interface{ Scan(dest ...any) error }

func scanRating(row ratingScanner) (cases.Rating, error) {
	var r cases.Rating
	var aspects, answeredAt, created, updated string
	err := row.Scan(&r.ID, &r.ResidentID, &r.LocationID, &r.Point, &r.Day, &r.Score, &aspects, &r.Comment, &r.Status,
		&r.Answer, &r.AnsweredBy, &answeredAt, &r.Revision, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return r, vikno.Errorf(vikno.ENOTFOUND, "rating not found")
	}
	if err != nil {
		return r, fmt.Errorf("scan rating: %w", err)
	}
	r.Aspects = cases.SplitAspects(aspects)
	r.AnsweredAt, r.CreatedAt, r.UpdatedAt = parseTime(answeredAt), parseTime(created), parseTime(updated)
	return r, nil
}
