package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vikno-city/vikno"
)

var _ vikno.ResidentStore = (*DB)(nil)

const residentColumns = `id, channel, external_id, locale, unreachable, created_at, updated_at`

const insertResident = `INSERT INTO residents (channel, external_id, locale, created_at, updated_at)
VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO NOTHING`

// EnsureResident implements vikno.ResidentStore.
func (d *DB) EnsureResident(ctx context.Context, ch vikno.Channel, externalID, locale string) (vikno.Resident, error) {
	var r vikno.Resident
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		if _, err := tx.ExecContext(ctx, insertResident, ch, externalID, locale, now, now); err != nil {
			return fmt.Errorf("insert resident: %w", err)
		}
		row := tx.QueryRowContext(ctx, `SELECT `+residentColumns+` FROM residents WHERE channel = ? AND external_id = ?`, ch, externalID)
		var err error
		r, err = scanResident(row)
		return err
	})
	return r, err
}

// FindResident implements vikno.ResidentStore.
func (d *DB) FindResident(ctx context.Context, id int64) (vikno.Resident, error) {
	row := d.db.QueryRowContext(ctx, `SELECT `+residentColumns+` FROM residents WHERE id = ?`, id)
	return scanResident(row)
}

// SetResidentLocale implements vikno.ResidentStore.
func (d *DB) SetResidentLocale(ctx context.Context, id int64, locale string) error {
	return d.updateResident(ctx, `UPDATE residents SET locale = ?, updated_at = ? WHERE id = ?`, locale, d.now(), id)
}

// SetResidentUnreachable implements vikno.ResidentStore.
func (d *DB) SetResidentUnreachable(ctx context.Context, id int64, unreachable bool) error {
	return d.updateResident(ctx, `UPDATE residents SET unreachable = ?, updated_at = ? WHERE id = ?`, unreachable, d.now(), id)
}

func (d *DB) updateResident(ctx context.Context, query string, args ...any) error {
	res, err := d.db.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update resident: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	return nil
}

func scanResident(row *sql.Row) (vikno.Resident, error) {
	var r vikno.Resident
	var created, updated string
	err := row.Scan(&r.ID, &r.Channel, &r.ExternalID, &r.Locale, &r.Unreachable, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return vikno.Resident{}, vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	if err != nil {
		return vikno.Resident{}, fmt.Errorf("scan resident: %w", err)
	}
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	return r, nil
}
