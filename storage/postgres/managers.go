package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.ManagerStore = (*DB)(nil)

const managerColumns = `m.id, m.level, m.scope, m.name, m.created_at, m.revoked_at,
	r.id, r.channel, r.external_id, r.locale, r.unreachable, r.created_at, r.updated_at`

const managerFrom = ` FROM managers m JOIN residents r ON r.id = m.resident_id`

const inviteColumns = `token, level, scope, name, created_at, expires_at, used_at, manager_id`

// CreateInvite implements cases.ManagerStore.
func (d *DB) CreateInvite(ctx context.Context, inv cases.Invite) (cases.Invite, error) {
	_, err := d.pool.Exec(ctx, `INSERT INTO manager_invites (token, level, scope, name, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, inv.Token, int(inv.Level), inv.Scope, inv.Name, inv.CreatedAt, inv.ExpiresAt)
	if err != nil {
		return cases.Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

// RedeemInvite implements cases.ManagerStore. The invite row is locked, so
// of two residents opening one link at once only one becomes a manager.
func (d *DB) RedeemInvite(ctx context.Context, token string, residentID int64) (cases.Manager, error) {
	var out cases.Manager
	err := d.tx(ctx, func(tx pgx.Tx) error {
		inv, err := scanInvite(tx.QueryRow(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE token = $1 FOR UPDATE`, token))
		if err != nil {
			return err
		}
		now := d.Now()
		switch {
		case !inv.UsedAt.IsZero():
			return vikno.Errorf(vikno.ECONFLICT, "invite already used")
		case !now.Before(inv.ExpiresAt):
			return vikno.Errorf(vikno.EINVALID, "invite expired")
		}
		if _, err := tx.Exec(ctx, `UPDATE managers SET revoked_at = $1 WHERE resident_id = $2 AND revoked_at IS NULL`,
			now, residentID); err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO managers (resident_id, level, scope, name, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, residentID, int(inv.Level), inv.Scope, inv.Name, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE manager_invites SET used_at = $1, manager_id = $2 WHERE token = $3`, now, id, token); err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		out, err = scanManager(tx.QueryRow(ctx, `SELECT `+managerColumns+managerFrom+` WHERE m.id = $1`, id))
		return err
	})
	return out, err
}

// FindManager implements cases.ManagerStore.
func (d *DB) FindManager(ctx context.Context, residentID int64) (cases.Manager, error) {
	return scanManager(d.pool.QueryRow(ctx, `SELECT `+managerColumns+managerFrom+
		` WHERE m.resident_id = $1 AND m.revoked_at IS NULL`, residentID))
}

// ListManagers implements cases.ManagerStore.
func (d *DB) ListManagers(ctx context.Context) ([]cases.Manager, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+managerColumns+managerFrom+` ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("list managers: %w", err)
	}
	return scanManagers(rows)
}

// ListInvites implements cases.ManagerStore.
func (d *DB) ListInvites(ctx context.Context) ([]cases.Invite, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE used_at IS NULL
		ORDER BY created_at, token`)
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (cases.Invite, error) { return scanInvite(row) })
}

// RevokeManager implements cases.ManagerStore.
func (d *DB) RevokeManager(ctx context.Context, id int64) error {
	var found bool
	err := d.pool.QueryRow(ctx, `WITH u AS (UPDATE managers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL)
		SELECT EXISTS (SELECT 1 FROM managers WHERE id = $2)`, d.Now(), id).Scan(&found)
	if err != nil {
		return fmt.Errorf("revoke manager: %w", err)
	}
	if !found {
		return vikno.Errorf(vikno.ENOTFOUND, "manager %d not found", id)
	}
	return nil
}

func scanManagers(rows pgx.Rows) ([]cases.Manager, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (cases.Manager, error) { return scanManager(row) })
}

func scanManager(row pgx.Row) (cases.Manager, error) {
	var m cases.Manager
	var level int
	var revoked *time.Time
	err := row.Scan(&m.ID, &level, &m.Scope, &m.Name, &m.CreatedAt, &revoked,
		&m.Resident.ID, &m.Resident.Channel, &m.Resident.ExternalID, &m.Resident.Locale, &m.Resident.Unreachable,
		&m.Resident.CreatedAt, &m.Resident.UpdatedAt)
	if err != nil {
		return m, notFound(err, "manager")
	}
	m.Level = cases.Level(level)
	if revoked != nil {
		m.RevokedAt = *revoked
	}
	return m, nil
}

func scanInvite(row pgx.Row) (cases.Invite, error) {
	var inv cases.Invite
	var level int
	var used *time.Time
	err := row.Scan(&inv.Token, &level, &inv.Scope, &inv.Name, &inv.CreatedAt, &inv.ExpiresAt, &used, &inv.ManagerID)
	if err != nil {
		return inv, notFound(err, "invite")
	}
	inv.Level = cases.Level(level)
	if used != nil {
		inv.UsedAt = *used
	}
	return inv, nil
}
