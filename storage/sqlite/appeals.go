package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.AppealStore = (*DB)(nil)

// appealTimeLayout has a fixed number of fractional digits, so stored times
// compare correctly as text (due_at < ?, created_at ranges).
const appealTimeLayout = "2006-01-02T15:04:05.000000000Z"

func appealTime(t time.Time) string { return t.UTC().Format(appealTimeLayout) }

func appealTimeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return appealTime(t)
}

const appealColumns = `id, number, pin_hash, channel, COALESCE(resident_id, 0), COALESCE(client_token, ''),
	category, executor, description, address, lat, lon, photos, phone, status, note, resolution, rating,
	due_at, created_at, updated_at, closed_at, description_public`

const nextAppealNumber = `INSERT INTO appeal_numbers (year, last) VALUES (?, 1)
ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`

const insertAppeal = `INSERT INTO appeals (number, pin_hash, channel, resident_id, client_token, category, executor,
	description, address, lat, lon, photos, phone, status, note, resolution, rating, due_at, created_at, updated_at, closed_at,
	description_public)
VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resident_id, client_token) DO NOTHING RETURNING id`

const insertAppealEvent = `INSERT INTO appeal_events (appeal_id, at, from_status, to_status, comment, actor_kind, actor)
VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`

const updateAppeal = `UPDATE appeals SET status = ?, note = ?, resolution = ?, rating = ?, due_at = ?,
	updated_at = ?, closed_at = ? WHERE id = ?`

// errAppealExists ends a filing transaction whose client token is taken.
var errAppealExists = errors.New("appeal with this client token exists")

// appealQuerier is *sql.DB or *sql.Tx.
type appealQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// CreateAppeal implements cases.AppealStore.
func (d *DB) CreateAppeal(ctx context.Context, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, bool, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if a.ResidentID != 0 && a.ClientToken != "" {
			_, err := findAppealWhere(ctx, tx, `resident_id = ? AND client_token = ?`, a.ResidentID, a.ClientToken)
			if err == nil {
				return errAppealExists
			}
			if !vikno.IsNotFound(err) {
				return err
			}
		}
		var err error
		a, err = createAppealTx(ctx, tx, a, first)
		return err
	})
	if errors.Is(err, errAppealExists) {
		existing, err := d.FindAppealByToken(ctx, a.ResidentID, a.ClientToken)
		return existing, false, err
	}
	if err != nil {
		return cases.Appeal{}, false, fmt.Errorf("create appeal: %w", err)
	}
	return a, true, nil
}

func createAppealTx(ctx context.Context, tx *sql.Tx, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, nextAppealNumber, a.CreatedAt.Year()).Scan(&seq); err != nil {
		return a, fmt.Errorf("next number: %w", err)
	}
	a.Number = cases.FormatAppealNumber(a.CreatedAt.Year(), seq)
	photos, err := json.Marshal(orNoPhotos(a.Photos))
	if err != nil {
		return a, err
	}
	lat, lon := appealPoint(a.Location)
	err = tx.QueryRowContext(ctx, insertAppeal, a.Number, a.PINHash, a.Channel, a.ResidentID, a.ClientToken,
		a.Category, a.Executor, a.Description, a.Address, lat, lon, string(photos), a.Phone, a.Status, a.Note,
		a.Resolution, a.Rating, appealTime(a.DueAt), appealTime(a.CreatedAt), appealTime(a.UpdatedAt),
		appealTimeOrNull(a.ClosedAt), a.DescriptionPublic).Scan(&a.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return a, errAppealExists
	}
	if err != nil {
		return a, fmt.Errorf("insert: %w", err)
	}
	if first, err = addAppealEvent(ctx, tx, a.ID, first); err != nil {
		return a, err
	}
	a.History = []cases.AppealEvent{first}
	return a, nil
}

func appealPoint(p *cases.GeoPoint) (lat, lon any) {
	if p == nil {
		return nil, nil
	}
	return p.Lat, p.Lon
}

func orNoPhotos(p []string) []string {
	if p == nil {
		return []string{}
	}
	return p
}

func addAppealEvent(ctx context.Context, tx *sql.Tx, appealID int64, e cases.AppealEvent) (cases.AppealEvent, error) {
	err := tx.QueryRowContext(ctx, insertAppealEvent, appealID, appealTime(e.At), e.From, e.To, e.Comment,
		e.Actor.Kind, e.Actor.Name).Scan(&e.ID)
	if err != nil {
		return e, fmt.Errorf("add appeal event: %w", err)
	}
	return e, nil
}

// FindAppeal implements cases.AppealStore.
func (d *DB) FindAppeal(ctx context.Context, number string) (cases.Appeal, error) {
	return findAppealWhere(ctx, d.db, `number = ?`, number)
}

// FindAppealByToken implements cases.AppealStore.
func (d *DB) FindAppealByToken(ctx context.Context, residentID int64, token string) (cases.Appeal, error) {
	if token == "" {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	return findAppealWhere(ctx, d.db, `resident_id = ? AND client_token = ?`, residentID, token)
}

// findAppealWhere returns the one appeal matching where, with its history.
func findAppealWhere(ctx context.Context, q appealQuerier, where string, args ...any) (cases.Appeal, error) {
	a, err := scanAppeal(q.QueryRowContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	if err != nil {
		return cases.Appeal{}, err
	}
	a.History, err = appealHistory(ctx, q, a.ID)
	return a, err
}

func appealHistory(ctx context.Context, q appealQuerier, appealID int64) ([]cases.AppealEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, from_status, to_status, comment, actor_kind, actor
		FROM appeal_events WHERE appeal_id = ? ORDER BY id`, appealID)
	if err != nil {
		return nil, fmt.Errorf("appeal history: %w", err)
	}
	defer rows.Close()
	var out []cases.AppealEvent
	for rows.Next() {
		var e cases.AppealEvent
		var at string
		if err := rows.Scan(&e.ID, &at, &e.From, &e.To, &e.Comment, &e.Actor.Kind, &e.Actor.Name); err != nil {
			return nil, fmt.Errorf("appeal history: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

type appealScanner interface{ Scan(dest ...any) error }

func scanAppeal(s appealScanner) (cases.Appeal, error) {
	var (
		a                        cases.Appeal
		lat, lon                 sql.NullFloat64
		photos, due, created, up string
		closed                   sql.NullString
	)
	err := s.Scan(&a.ID, &a.Number, &a.PINHash, &a.Channel, &a.ResidentID, &a.ClientToken, &a.Category, &a.Executor,
		&a.Description, &a.Address, &lat, &lon, &photos, &a.Phone, &a.Status, &a.Note, &a.Resolution, &a.Rating,
		&due, &created, &up, &closed, &a.DescriptionPublic)
	if err != nil {
		return a, err
	}
	if lat.Valid && lon.Valid {
		a.Location = &cases.GeoPoint{Lat: lat.Float64, Lon: lon.Float64}
	}
	if err := json.Unmarshal([]byte(photos), &a.Photos); err != nil {
		return a, fmt.Errorf("appeal %d photos: %w", a.ID, err)
	}
	if len(a.Photos) == 0 {
		a.Photos = nil
	}
	a.DueAt, a.CreatedAt, a.UpdatedAt = parseTime(due), parseTime(created), parseTime(up)
	if closed.Valid {
		a.ClosedAt = parseTime(closed.String)
	}
	return a, nil
}

// UpdateAppeal implements cases.AppealStore. The transaction takes SQLite's
// write lock at its start (_txlock=immediate), so changes never interleave.
func (d *DB) UpdateAppeal(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	var out cases.Appeal
	err := d.tx(ctx, func(tx *sql.Tx) error {
		a, err := findAppealWhere(ctx, tx, `number = ?`, number)
		if err != nil {
			return err
		}
		ev, err := change(&a)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, updateAppeal, a.Status, a.Note, a.Resolution, a.Rating, appealTime(a.DueAt),
			appealTime(a.UpdatedAt), appealTimeOrNull(a.ClosedAt), a.ID)
		if err != nil {
			return fmt.Errorf("update appeal: %w", err)
		}
		if ev.To != "" {
			if ev, err = addAppealEvent(ctx, tx, a.ID, ev); err != nil {
				return err
			}
			a.History = append(a.History, ev)
		}
		out = a
		return nil
	})
	return out, err
}

// ListAppeals implements cases.AppealStore.
func (d *DB) ListAppeals(ctx context.Context, f cases.AppealFilter) ([]cases.Appeal, error) {
	where, args := appealFilterSQL(f)
	order := `created_at DESC, id DESC`
	if f.Order == cases.AppealsDueFirst {
		order = `due_at, id`
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+where+
		` ORDER BY `+order+` LIMIT ?`, append(args, f.EffectiveLimit())...)
	if err != nil {
		return nil, fmt.Errorf("list appeals: %w", err)
	}
	defer rows.Close()
	var out []cases.Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, fmt.Errorf("list appeals: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func appealFilterSQL(f cases.AppealFilter) (string, []any) {
	var conds []string
	var args []any
	in := func(col string, vals []any) {
		if len(vals) > 0 {
			conds = append(conds, col+` IN (`+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+`)`)
			args = append(args, vals...)
		}
	}
	eq := func(cond string, ok bool, v any) {
		if ok {
			conds = append(conds, cond)
			args = append(args, v)
		}
	}
	in("number", appealArgs(f.Numbers))
	in("category", appealArgs(f.Categories))
	in("status", appealArgs(f.Statuses))
	eq("executor = ?", f.Executor != "", f.Executor)
	eq("resident_id = ?", f.ResidentID != 0, f.ResidentID)
	eq("created_at >= ?", !f.CreatedFrom.IsZero(), appealTime(f.CreatedFrom))
	eq("created_at <= ?", !f.CreatedTo.IsZero(), appealTime(f.CreatedTo))
	eq("due_at < ?", !f.DueBefore.IsZero(), appealTime(f.DueBefore))
	if len(conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(conds, " AND "), args
}

func appealArgs[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}
