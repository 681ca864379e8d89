package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

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
	_, err := d.db.ExecContext(ctx, `INSERT INTO manager_invites (token, level, scope, name, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, inv.Token, inv.Level, inv.Scope, inv.Name, d.t(inv.CreatedAt), d.t(inv.ExpiresAt))
	if err != nil {
		return cases.Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

// RedeemInvite implements cases.ManagerStore: it uses the invite, revokes the
// resident's earlier role and makes the manager, in one transaction.
func (d *DB) RedeemInvite(ctx context.Context, token string, residentID int64) (cases.Manager, error) {
	var out cases.Manager
	err := d.tx(ctx, func(tx *sql.Tx) error {
		inv, err := scanInvite(tx.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE token = $1`+
			d.dialect.forUpdate, token))
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
		if _, err := tx.ExecContext(ctx, `UPDATE managers SET revoked_at = $1 WHERE resident_id = $2 AND revoked_at IS NULL`,
			d.t(now), residentID); err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO managers (resident_id, level, scope, name, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, residentID, inv.Level, inv.Scope, inv.Name, d.t(now)).Scan(&id)
		if err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		n, err := affected(tx.ExecContext(ctx, `UPDATE manager_invites SET used_at = $1, manager_id = $2
			WHERE token = $3 AND used_at IS NULL`, d.t(now), id, token))
		if err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ECONFLICT, "invite already used")
		}
		out, err = scanManager(tx.QueryRowContext(ctx, `SELECT `+managerColumns+managerFrom+` WHERE m.id = $1`, id))
		return err
	})
	return out, err
}

// FindManager implements cases.ManagerStore.
func (d *DB) FindManager(ctx context.Context, residentID int64) (cases.Manager, error) {
	return scanManager(d.db.QueryRowContext(ctx, `SELECT `+managerColumns+managerFrom+
		` WHERE m.resident_id = $1 AND m.revoked_at IS NULL`, residentID))
}

// ListManagers implements cases.ManagerStore.
func (d *DB) ListManagers(ctx context.Context) ([]cases.Manager, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+managerColumns+managerFrom+` ORDER BY m.id`)
	out, err := collect(rows, err, scanManager)
	if err != nil {
		return nil, fmt.Errorf("list managers: %w", err)
	}
	return out, nil
}

// ListInvites implements cases.ManagerStore.
func (d *DB) ListInvites(ctx context.Context) ([]cases.Invite, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE used_at IS NULL
		ORDER BY created_at, token`)
	out, err := collect(rows, err, scanInvite)
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	return out, nil
}

// RevokeManager implements cases.ManagerStore.
func (d *DB) RevokeManager(ctx context.Context, id int64) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM managers WHERE id = $1`, id).Scan(&n); err != nil {
			return fmt.Errorf("revoke manager: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "manager %d not found", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE managers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, d.now(), id); err != nil {
			return fmt.Errorf("revoke manager: %w", err)
		}
		return nil
	})
}

func scanManager(row scanner) (cases.Manager, error) {
	var m cases.Manager
	r := &m.Resident
	err := row.Scan(&m.ID, &m.Level, &m.Scope, &m.Name, at(&m.CreatedAt), at(&m.RevokedAt),
		&r.ID, &r.Channel, &r.ExternalID, &r.Locale, &r.Unreachable, at(&r.CreatedAt), at(&r.UpdatedAt))
	if err != nil {
		return m, notFound(err, "manager")
	}
	return m, nil
}

func scanInvite(row scanner) (cases.Invite, error) {
	var inv cases.Invite
	err := row.Scan(&inv.Token, &inv.Level, &inv.Scope, &inv.Name, at(&inv.CreatedAt), at(&inv.ExpiresAt),
		at(&inv.UsedAt), &inv.ManagerID)
	if err != nil {
		return inv, notFound(err, "invite")
	}
	return inv, nil
}
