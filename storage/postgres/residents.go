package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno"
)

var _ vikno.ResidentStore = (*DB)(nil)

const residentColumns = `id, channel, external_id, locale, unreachable, created_at, updated_at`

const upsertResident = `INSERT INTO residents (channel, external_id, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
ON CONFLICT (channel, external_id) DO UPDATE SET channel = EXCLUDED.channel
RETURNING ` + residentColumns

// EnsureResident implements vikno.ResidentStore.
func (d *DB) EnsureResident(ctx context.Context, ch vikno.Channel, externalID, locale string) (vikno.Resident, error) {
	return scanResident(d.pool.QueryRow(ctx, upsertResident, ch, externalID, locale, d.Now()))
}

// FindResident implements vikno.ResidentStore.
func (d *DB) FindResident(ctx context.Context, id int64) (vikno.Resident, error) {
	return scanResident(d.pool.QueryRow(ctx, `SELECT `+residentColumns+` FROM residents WHERE id = $1`, id))
}

// SetResidentLocale implements vikno.ResidentStore.
func (d *DB) SetResidentLocale(ctx context.Context, id int64, locale string) error {
	return d.updateResident(ctx, `UPDATE residents SET locale = $1, updated_at = $2 WHERE id = $3`, locale, d.Now(), id)
}

// SetResidentUnreachable implements vikno.ResidentStore.
func (d *DB) SetResidentUnreachable(ctx context.Context, id int64, unreachable bool) error {
	return d.updateResident(ctx, `UPDATE residents SET unreachable = $1, updated_at = $2 WHERE id = $3`, unreachable, d.Now(), id)
}

func (d *DB) updateResident(ctx context.Context, query string, args ...any) error {
	tag, err := d.pool.Exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update resident: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	return nil
}

func scanResident(row pgx.Row) (vikno.Resident, error) {
	var r vikno.Resident
	err := row.Scan(&r.ID, &r.Channel, &r.ExternalID, &r.Locale, &r.Unreachable, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return vikno.Resident{}, notFound(err, "resident")
	}
	return r, nil
}
