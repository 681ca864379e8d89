package sqlstore

import (
	"context"
	"fmt"

	"github.com/vikno-city/vikno"
)

var _ vikno.ResidentStore = (*DB)(nil)

const residentColumns = `id, channel, external_id, locale, unreachable, created_at, updated_at`

// upsertResident updates nothing on conflict but makes RETURNING give the
// existing row.
const upsertResident = `INSERT INTO residents (channel, external_id, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
ON CONFLICT (channel, external_id) DO UPDATE SET channel = excluded.channel
RETURNING ` + residentColumns

const findResidentByExternal = `SELECT ` + residentColumns + ` FROM residents WHERE channel = $1 AND external_id = $2`

// EnsureResident implements vikno.ResidentStore. Every message asks for its
// resident, so the common case is a read; only a new resident is written.
func (d *DB) EnsureResident(ctx context.Context, ch vikno.Channel, externalID, locale string) (vikno.Resident, error) {
	r, err := scanResident(d.readRowCached(ctx, findResidentByExternal, ch, externalID))
	if err == nil || !vikno.IsNotFound(err) {
		return r, err
	}
	return scanResident(d.queryRowCached(ctx, nil, upsertResident, ch, externalID, locale, d.now()))
}

// ResidentLocale returns the language saved for the resident of (channel,
// externalID), "" when none is; ENOTFOUND for an unknown resident. It never
// creates one (the web chat asks it for every page it serves).
func (d *DB) ResidentLocale(ctx context.Context, ch vikno.Channel, externalID string) (string, error) {
	r, err := scanResident(d.readRowCached(ctx, findResidentByExternal, ch, externalID))
	if err != nil {
		return "", err
	}
	return r.Locale, nil
}

// FindResident implements vikno.ResidentStore.
func (d *DB) FindResident(ctx context.Context, id int64) (vikno.Resident, error) {
	return scanResident(d.db.QueryRowContext(ctx, `SELECT `+residentColumns+` FROM residents WHERE id = $1`, id))
}

// SetResidentLocale implements vikno.ResidentStore.
func (d *DB) SetResidentLocale(ctx context.Context, id int64, locale string) error {
	return d.updateResident(ctx, `UPDATE residents SET locale = $1, updated_at = $2 WHERE id = $3`, locale, d.now(), id)
}

// SetResidentUnreachable implements vikno.ResidentStore.
func (d *DB) SetResidentUnreachable(ctx context.Context, id int64, unreachable bool) error {
	return d.updateResident(ctx, `UPDATE residents SET unreachable = $1, updated_at = $2 WHERE id = $3`, unreachable, d.now(), id)
}

func (d *DB) updateResident(ctx context.Context, query string, args ...any) error {
	n, err := affected(d.db.ExecContext(ctx, query, args...))
	if err != nil {
		return fmt.Errorf("update resident: %w", err)
	}
	if n == 0 {
		return vikno.Errorf(vikno.ENOTFOUND, "resident not found")
	}
	return nil
}

func scanResident(row scanner) (vikno.Resident, error) {
	var r vikno.Resident
	err := row.Scan(&r.ID, &r.Channel, &r.ExternalID, &r.Locale, &r.Unreachable, at(&r.CreatedAt), at(&r.UpdatedAt))
	if err != nil {
		return vikno.Resident{}, notFound(err, "resident")
	}
	return r, nil
}
