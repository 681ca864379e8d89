package sqlite

import (
	"context"
	"database/sql"
	"errors"
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
		VALUES (?, ?, ?, ?, ?, ?)`, inv.Token, inv.Level, inv.Scope, inv.Name, formatTime(inv.CreatedAt), formatTime(inv.ExpiresAt))
	if err != nil {
		return cases.Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

// RedeemInvite implements cases.ManagerStore.
func (d *DB) RedeemInvite(ctx context.Context, token string, residentID int64) (cases.Manager, error) {
	var out cases.Manager
	err := d.tx(ctx, func(tx *sql.Tx) error {
		inv, err := scanInvite(tx.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE token = ?`, token))
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
		res, err := tx.ExecContext(ctx, `UPDATE manager_invites SET used_at = ? WHERE token = ? AND used_at = ''`, formatTime(now), token)
		if err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return vikno.Errorf(vikno.ECONFLICT, "invite already used")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE managers SET revoked_at = ? WHERE resident_id = ? AND revoked_at = ''`,
			formatTime(now), residentID); err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO managers (resident_id, level, scope, name, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, residentID, inv.Level, inv.Scope, inv.Name, formatTime(now)).Scan(&id)
		if err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE manager_invites SET manager_id = ? WHERE token = ?`, id, token); err != nil {
			return fmt.Errorf("redeem invite: %w", err)
		}
		out, err = scanManager(tx.QueryRowContext(ctx, `SELECT `+managerColumns+managerFrom+` WHERE m.id = ?`, id))
		return err
	})
	return out, err
}

// FindManager implements cases.ManagerStore.
func (d *DB) FindManager(ctx context.Context, residentID int64) (cases.Manager, error) {
	return scanManager(d.db.QueryRowContext(ctx, `SELECT `+managerColumns+managerFrom+
		` WHERE m.resident_id = ? AND m.revoked_at = ''`, residentID))
}

// ListManagers implements cases.ManagerStore.
func (d *DB) ListManagers(ctx context.Context) ([]cases.Manager, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+managerColumns+managerFrom+` ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("list managers: %w", err)
	}
	return scanManagers(rows)
}

// ListInvites implements cases.ManagerStore.
func (d *DB) ListInvites(ctx context.Context) ([]cases.Invite, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+inviteColumns+` FROM manager_invites WHERE used_at = ''
		ORDER BY created_at, token`)
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	defer rows.Close()
	var out []cases.Invite
	for rows.Next() {
		inv, err := scanInvite(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// RevokeManager implements cases.ManagerStore.
func (d *DB) RevokeManager(ctx context.Context, id int64) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM managers WHERE id = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("revoke manager: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "manager %d not found", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE managers SET revoked_at = ? WHERE id = ? AND revoked_at = ''`, d.now(), id); err != nil {
			return fmt.Errorf("revoke manager: %w", err)
		}
		return nil
	})
}

func scanManagers(rows *sql.Rows) ([]cases.Manager, error) {
	defer rows.Close()
	var out []cases.Manager
	for rows.Next() {
		m, err := scanManager(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func scanManager(row ratingScanner) (cases.Manager, error) {
	var m cases.Manager
	var created, revoked, rCreated, rUpdated string
	err := row.Scan(&m.ID, &m.Level, &m.Scope, &m.Name, &created, &revoked,
		&m.Resident.ID, &m.Resident.Channel, &m.Resident.ExternalID, &m.Resident.Locale, &m.Resident.Unreachable,
		&rCreated, &rUpdated)
	if errors.Is(err, sql.ErrNoRows) {
		return m, vikno.Errorf(vikno.ENOTFOUND, "manager not found")
	}
	if err != nil {
		return m, fmt.Errorf("scan manager: %w", err)
	}
	m.CreatedAt, m.RevokedAt = parseTime(created), parseTime(revoked)
	m.Resident.CreatedAt, m.Resident.UpdatedAt = parseTime(rCreated), parseTime(rUpdated)
	return m, nil
}

func scanInvite(row ratingScanner) (cases.Invite, error) {
	var inv cases.Invite
	var created, expires, used string
	err := row.Scan(&inv.Token, &inv.Level, &inv.Scope, &inv.Name, &created, &expires, &used, &inv.ManagerID)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, vikno.Errorf(vikno.ENOTFOUND, "invite not found")
	}
	if err != nil {
		return inv, fmt.Errorf("scan invite: %w", err)
	}
	inv.CreatedAt, inv.ExpiresAt, inv.UsedAt = parseTime(created), parseTime(expires), parseTime(used)
	return inv, nil
}
