package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
)

var (
	_ cases.AppealStore                       = (*DB)(nil)
	_ cases.AppealNoticeStore[notify.Message] = (*DB)(nil)
)

const appealColumns = `id, number, pin_hash, channel, COALESCE(resident_id, 0), COALESCE(client_token, ''),
	category, executor, description, address, lat, lon, photos, phone, status, note, resolution, rating,
	due_at, created_at, updated_at, closed_at, description_public, district`

// nextAppealNumber takes the next number of a year. On PostgreSQL the row
// lock it takes is held until the filing commits, so concurrent filings get
// distinct numbers, and a filing that rolls back gives its number back.
const nextAppealNumber = `INSERT INTO appeal_numbers (year, last) VALUES ($1, 1)
ON CONFLICT (year) DO UPDATE SET last = appeal_numbers.last + 1 RETURNING last`

const insertAppeal = `INSERT INTO appeals (number, pin_hash, channel, resident_id, client_token, category, executor,
	description, address, lat, lon, photos, phone, status, note, resolution, rating, due_at, created_at, updated_at, closed_at,
	description_public, district)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
ON CONFLICT (resident_id, client_token) DO NOTHING RETURNING id`

const insertAppealEvent = `INSERT INTO appeal_events (appeal_id, at, from_status, to_status, comment, actor_kind, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`

const updateAppeal = `UPDATE appeals SET status = $1, note = $2, resolution = $3, rating = $4, due_at = $5,
	updated_at = $6, closed_at = $7, executor = $8, district = $9, photos = $10 WHERE id = $11`

const byToken = `resident_id = $1 AND client_token = $2`

// errAppealExists ends a filing transaction whose client token is taken.
var errAppealExists = errors.New("appeal with this client token exists")

// CreateAppeal implements cases.AppealStore. The client token is checked in
// the filing's transaction; two filings racing with the same token meet on
// the unique (resident_id, client_token): the loser's insert does nothing,
// its transaction (and number) is rolled back, and it returns the winner's
// appeal.
func (d *DB) CreateAppeal(ctx context.Context, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, bool, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if a.ResidentID != 0 && a.ClientToken != "" {
			_, err := d.findAppeal(ctx, tx, byToken, a.ResidentID, a.ClientToken)
			if err == nil {
				return errAppealExists
			}
			if !vikno.IsNotFound(err) {
				return err
			}
		}
		var err error
		a, err = d.createAppealTx(ctx, tx, a, first)
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

func (d *DB) createAppealTx(ctx context.Context, tx *sql.Tx, a cases.Appeal, first cases.AppealEvent) (cases.Appeal, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, nextAppealNumber, a.CreatedAt.Year()).Scan(&seq); err != nil {
		return a, fmt.Errorf("next number: %w", err)
	}
	a.Number = cases.FormatAppealNumber(a.CreatedAt.Year(), seq)
	photos, err := json.Marshal(orEmpty(a.Photos))
	if err != nil {
		return a, err
	}
	var lat, lon any
	if a.Location != nil {
		lat, lon = a.Location.Lat, a.Location.Lon
	}
	err = tx.QueryRowContext(ctx, insertAppeal, a.Number, a.PINHash, a.Channel, nullIfZero(a.ResidentID),
		nullIfZero(a.ClientToken), a.Category, a.Executor, a.Description, a.Address, lat, lon, string(photos), a.Phone,
		a.Status, a.Note, a.Resolution, a.Rating, d.t(a.DueAt), d.t(a.CreatedAt), d.t(a.UpdatedAt),
		d.tOrNull(a.ClosedAt), a.DescriptionPublic, a.District).Scan(&a.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return a, errAppealExists
	}
	if err != nil {
		return a, fmt.Errorf("insert: %w", err)
	}
	if first, err = d.addAppealEvent(ctx, tx, a.ID, first); err != nil {
		return a, err
	}
	a.History = []cases.AppealEvent{first}
	return a, nil
}

func nullIfZero[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func orEmpty(p []string) []string {
	if p == nil {
		return []string{}
	}
	return p
}

func (d *DB) addAppealEvent(ctx context.Context, tx *sql.Tx, appealID int64, e cases.AppealEvent) (cases.AppealEvent, error) {
	err := tx.QueryRowContext(ctx, insertAppealEvent, appealID, d.t(e.At), e.From, e.To, e.Comment,
		e.Actor.Kind, e.Actor.Name).Scan(&e.ID)
	if err != nil {
		return e, fmt.Errorf("add appeal event: %w", err)
	}
	return e, nil
}

// FindAppeal implements cases.AppealStore.
func (d *DB) FindAppeal(ctx context.Context, number string) (cases.Appeal, error) {
	return d.findAppeal(ctx, d.db, `number = $1`, number)
}

// FindAppealByToken implements cases.AppealStore.
func (d *DB) FindAppealByToken(ctx context.Context, residentID int64, token string) (cases.Appeal, error) {
	if token == "" {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	return d.findAppeal(ctx, d.db, byToken, residentID, token)
}

// findAppeal returns the one appeal matching where (which may end in a lock
// clause), with its history.
func (d *DB) findAppeal(ctx context.Context, q querier, where string, args ...any) (cases.Appeal, error) {
	a, err := scanAppeal(q.QueryRowContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+where, args...))
	if err != nil {
		return cases.Appeal{}, notFound(err, "appeal")
	}
	rows, err := q.QueryContext(ctx, `SELECT id, at, from_status, to_status, comment, actor_kind, actor
		FROM appeal_events WHERE appeal_id = $1 ORDER BY id`, a.ID)
	a.History, err = collect(rows, err, func(s scanner) (e cases.AppealEvent, err error) {
		return e, s.Scan(&e.ID, at(&e.At), &e.From, &e.To, &e.Comment, &e.Actor.Kind, &e.Actor.Name)
	})
	if err != nil {
		return cases.Appeal{}, fmt.Errorf("appeal history: %w", err)
	}
	return a, nil
}

func scanAppeal(s scanner) (cases.Appeal, error) {
	var (
		a        cases.Appeal
		lat, lon sql.NullFloat64
		photos   []byte
	)
	err := s.Scan(&a.ID, &a.Number, &a.PINHash, &a.Channel, &a.ResidentID, &a.ClientToken, &a.Category, &a.Executor,
		&a.Description, &a.Address, &lat, &lon, &photos, &a.Phone, &a.Status, &a.Note, &a.Resolution, &a.Rating,
		at(&a.DueAt), at(&a.CreatedAt), at(&a.UpdatedAt), at(&a.ClosedAt), &a.DescriptionPublic, &a.District)
	if err != nil {
		return a, err
	}
	if lat.Valid && lon.Valid {
		a.Location = &cases.GeoPoint{Lat: lat.Float64, Lon: lon.Float64}
	}
	if err := json.Unmarshal(photos, &a.Photos); err != nil {
		return a, fmt.Errorf("appeal %d photos: %w", a.ID, err)
	}
	if len(a.Photos) == 0 {
		a.Photos = nil
	}
	return a, nil
}

// UpdateAppeal implements cases.AppealStore. The appeal's row is locked for
// the whole change (FOR UPDATE; SQLite's write lock is taken at the start),
// so concurrent changes see each other.
func (d *DB) UpdateAppeal(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	return d.UpdateAppealNotify(ctx, number, change, nil)
}

// UpdateAppealNotify implements cases.AppealNoticeStore: the change, its
// event and the messages notice makes of them are written in one
// transaction, so a change is never saved without its notice.
func (d *DB) UpdateAppealNotify(ctx context.Context, number string, change func(a *cases.Appeal) (cases.AppealEvent, error),
	notice func(cases.Appeal, cases.AppealEvent) ([]notify.Message, error)) (cases.Appeal, error) {
	var out cases.Appeal
	err := d.tx(ctx, func(tx *sql.Tx) error {
		a, err := d.findAppeal(ctx, tx, `number = $1`+d.dialect.forUpdate, number)
		if err != nil {
			return err
		}
		ev, err := change(&a)
		if err != nil {
			return err
		}
		photos, err := json.Marshal(orEmpty(a.Photos))
		if err != nil {
			return fmt.Errorf("update appeal: %w", err)
		}
		_, err = tx.ExecContext(ctx, updateAppeal, a.Status, a.Note, a.Resolution, a.Rating, d.t(a.DueAt),
			d.t(a.UpdatedAt), d.tOrNull(a.ClosedAt), a.Executor, a.District, string(photos), a.ID)
		if err != nil {
			return fmt.Errorf("update appeal: %w", err)
		}
		if ev.To != "" {
			if ev, err = d.addAppealEvent(ctx, tx, a.ID, ev); err != nil {
				return err
			}
			a.History = append(a.History, ev)
			if err := d.noticeTx(ctx, tx, a, ev, notice); err != nil {
				return err
			}
		}
		out = a
		return nil
	})
	return out, err
}

func (d *DB) noticeTx(ctx context.Context, tx *sql.Tx, a cases.Appeal, ev cases.AppealEvent,
	notice func(cases.Appeal, cases.AppealEvent) ([]notify.Message, error)) error {
	if notice == nil {
		return nil
	}
	msgs, err := notice(a, ev)
	if err != nil {
		return fmt.Errorf("appeal notice: %w", err)
	}
	return d.enqueueTx(ctx, tx, msgs)
}

// ListAppeals implements cases.AppealStore.
func (d *DB) ListAppeals(ctx context.Context, f cases.AppealFilter) ([]cases.Appeal, error) {
	var w where
	in(&w, "number", f.Numbers)
	in(&w, "category", f.Categories)
	in(&w, "status", f.Statuses)
	w.add("executor = ?", f.Executor != "", f.Executor)
	w.add("district = ?", f.District != "", f.District)
	w.add("resident_id = ?", f.ResidentID != 0, f.ResidentID)
	w.add("created_at >= ?", !f.CreatedFrom.IsZero(), d.t(f.CreatedFrom))
	w.add("created_at <= ?", !f.CreatedTo.IsZero(), d.t(f.CreatedTo))
	w.add("due_at < ?", !f.DueBefore.IsZero(), d.t(f.DueBefore))
	order := `created_at DESC, id DESC`
	if f.Order == cases.AppealsDueFirst {
		order = `due_at, id`
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE `+w.sql()+
		` ORDER BY `+order+` LIMIT `+w.arg(f.EffectiveLimit())+` OFFSET `+w.arg(max(f.Offset, 0)), w.args...)
	out, err := collect(rows, err, scanAppeal)
	if err != nil {
		return nil, fmt.Errorf("list appeals: %w", err)
	}
	return out, nil
}
