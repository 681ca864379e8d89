package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.AppealStore = (*DB)(nil)

const appealColumns = `id, number, pin_hash, channel, COALESCE(resident_id, 0), COALESCE(client_token, ''),
	category, executor, description, address, lat, lon, photos, phone, status, note, resolution, rating,
	due_at, created_at, updated_at, closed_at, description_public`

// nextAppealNumber takes the next number of a year. The row lock it takes is
// held until the filing commits, so concurrent filings get distinct numbers,
// and a filing that rolls back gives its number back.
const nextAppealNumber = `INSERT INTO appeal_numbers (year, last) VALUES ($1, 1)
ON CONFLICT (year) DO UPDATE SET last = appeal_numbers.last + 1 RETURNING last`

const insertAppeal = `INSERT INTO appeals (number, pin_hash, channel, resident_id, client_token, category, executor,
	description, address, lat, lon, photos, phone, status, note, resolution, rating, due_at, created_at, updated_at, closed_at,
	description_public)
VALUES ($1, $2, $3, NULLIF($4::bigint, 0), NULLIF($5, ''), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
	$18, $19, $20, $21, $22)
ON CONFLICT (resident_id, client_token) DO NOTHING RETURNING id`

const insertAppealEvent = `INSERT INTO appeal_events (appeal_id, at, from_status, to_status, comment, actor_kind, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`

const updateAppeal = `UPDATE appeals SET status = $1, note = $2, resolution = $3, rating = $4, due_at = $5,
	updated_at = $6, closed_at = $7 WHERE id = $8`

// errAppealExists ends a filing transaction whose client token is taken.
var errAppealExists = errors.New("appeal with this client token exists")

// appealQuerier is the pool or a transaction.
type appealQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// CreateAppeal implements cases.AppealStore. Two filings with the same
// client token race on the unique (resident_id, client_token): the loser's
// insert does nothing, its transaction (and number) is rolled back, and it
// returns the winner's appeal.
func (d *DB) CreateAppeal(ctx context.Context, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, bool, error) {
	if a.ResidentID != 0 && a.ClientToken != "" {
		existing, err := d.FindAppealByToken(ctx, a.ResidentID, a.ClientToken)
		if err == nil {
			return existing, false, nil
		}
		if !vikno.IsNotFound(err) {
			return cases.Appeal{}, false, err
		}
	}
	err := d.tx(ctx, func(tx pgx.Tx) error {
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

func createAppealTx(ctx context.Context, tx pgx.Tx, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, error) {
	var seq int64
	if err := tx.QueryRow(ctx, nextAppealNumber, a.CreatedAt.Year()).Scan(&seq); err != nil {
		return a, fmt.Errorf("next number: %w", err)
	}
	a.Number = cases.FormatAppealNumber(a.CreatedAt.Year(), seq)
	photos := a.Photos
	if photos == nil {
		photos = []string{}
	}
	var lat, lon *float64
	if a.Location != nil {
		lat, lon = &a.Location.Lat, &a.Location.Lon
	}
	err := tx.QueryRow(ctx, insertAppeal, a.Number, a.PINHash, string(a.Channel), a.ResidentID, a.ClientToken,
		a.Category, a.Executor, a.Description, a.Address, lat, lon, photos, a.Phone, string(a.Status), a.Note,
		string(a.Resolution), a.Rating, a.DueAt, a.CreatedAt, a.UpdatedAt, timeOrNull(a.ClosedAt),
		a.DescriptionPublic).Scan(&a.ID)
	if errors.Is(err, pgx.ErrNoRows) {
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

func addAppealEvent(ctx context.Context, tx pgx.Tx, appealID int64, e cases.AppealEvent) (cases.AppealEvent, error) {
	err := tx.QueryRow(ctx, insertAppealEvent, appealID, e.At, string(e.From), string(e.To), e.Comment,
		string(e.Actor.Kind), e.Actor.Name).Scan(&e.ID)
	if err != nil {
		return e, fmt.Errorf("add appeal event: %w", err)
	}
	return e, nil
}

// FindAppeal implements cases.AppealStore.
func (d *DB) FindAppeal(ctx context.Context, number string) (cases.Appeal, error) {
	return findAppealWhere(ctx, d.pool, `number = $1`, number)
}

// FindAppealByToken implements cases.AppealStore.
func (d *DB) FindAppealByToken(ctx context.Context, residentID int64, token string) (cases.Appeal, error) {
	if token == "" {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	return findAppealWhere(ctx, d.pool, `resident_id = $1 AND client_token = $2`, residentID, token)
}

// findAppealWhere returns the one appeal matching where (which may end in
// FOR UPDATE), with its history.
func findAppealWhere(ctx context.Context, q appealQuerier, where string, args ...any) (cases.Appeal, error) {
	a, err := scanAppeal(q.QueryRow(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+where, args...))
	if err != nil {
		return cases.Appeal{}, notFound(err, "appeal")
	}
	a.History, err = appealHistory(ctx, q, a.ID)
	return a, err
}

func appealHistory(ctx context.Context, q appealQuerier, appealID int64) ([]cases.AppealEvent, error) {
	rows, err := q.Query(ctx, `SELECT id, at, from_status, to_status, comment, actor_kind, actor
		FROM appeal_events WHERE appeal_id = $1 ORDER BY id`, appealID)
	if err != nil {
		return nil, fmt.Errorf("appeal history: %w", err)
	}
	defer rows.Close()
	var out []cases.AppealEvent
	for rows.Next() {
		var e cases.AppealEvent
		var from, to, kind string
		if err := rows.Scan(&e.ID, &e.At, &from, &to, &e.Comment, &kind, &e.Actor.Name); err != nil {
			return nil, fmt.Errorf("appeal history: %w", err)
		}
		e.From, e.To, e.Actor.Kind = cases.AppealStatus(from), cases.AppealStatus(to), cases.ActorKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanAppeal(row pgx.Row) (cases.Appeal, error) {
	var (
		a                           cases.Appeal
		lat, lon                    *float64
		closed                      *time.Time
		channel, status, resolution string
		rating                      int16
	)
	err := row.Scan(&a.ID, &a.Number, &a.PINHash, &channel, &a.ResidentID, &a.ClientToken, &a.Category, &a.Executor,
		&a.Description, &a.Address, &lat, &lon, &a.Photos, &a.Phone, &status, &a.Note, &resolution, &rating,
		&a.DueAt, &a.CreatedAt, &a.UpdatedAt, &closed, &a.DescriptionPublic)
	if err != nil {
		return a, err
	}
	a.Channel, a.Status, a.Resolution, a.Rating = vikno.Channel(channel), cases.AppealStatus(status), cases.Resolution(resolution), int(rating)
	if lat != nil && lon != nil {
		a.Location = &cases.GeoPoint{Lat: *lat, Lon: *lon}
	}
	if len(a.Photos) == 0 {
		a.Photos = nil
	}
	if closed != nil {
		a.ClosedAt = *closed
	}
	return a, nil
}

// UpdateAppeal implements cases.AppealStore. The appeal's row is locked (FOR
// UPDATE) for the whole change, so concurrent changes see each other.
func (d *DB) UpdateAppeal(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	var out cases.Appeal
	err := d.tx(ctx, func(tx pgx.Tx) error {
		a, err := findAppealWhere(ctx, tx, `number = $1 FOR UPDATE`, number)
		if err != nil {
			return err
		}
		ev, err := change(&a)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, updateAppeal, string(a.Status), a.Note, string(a.Resolution), a.Rating, a.DueAt,
			a.UpdatedAt, timeOrNull(a.ClosedAt), a.ID)
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
	args = append(args, f.EffectiveLimit())
	rows, err := d.pool.Query(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+where+
		` ORDER BY `+order+` LIMIT $`+strconv.Itoa(len(args)), args...)
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
	add := func(cond string, ok bool, v any) {
		if ok {
			args = append(args, v)
			conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
		}
	}
	statuses := make([]string, len(f.Statuses))
	for i, s := range f.Statuses {
		statuses[i] = string(s)
	}
	add("number = ANY(?)", len(f.Numbers) > 0, f.Numbers)
	add("category = ANY(?)", len(f.Categories) > 0, f.Categories)
	add("status = ANY(?)", len(statuses) > 0, statuses)
	add("executor = ?", f.Executor != "", f.Executor)
	add("resident_id = ?", f.ResidentID != 0, f.ResidentID)
	add("created_at >= ?", !f.CreatedFrom.IsZero(), f.CreatedFrom)
	add("created_at <= ?", !f.CreatedTo.IsZero(), f.CreatedTo)
	add("due_at < ?", !f.DueBefore.IsZero(), f.DueBefore)
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}
