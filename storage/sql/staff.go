package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
)

var _ staff.Store = (*DB)(nil)

const staffUserColumns = `id, login, name, role, level, scope, categories, password_hash, disabled, created_at, updated_at`

// CreateUser implements staff.Store.
func (d *DB) CreateUser(ctx context.Context, u staff.User, audit staff.AuditEntry) (staff.User, error) {
	now := d.Now().UTC()
	u.CreatedAt, u.UpdatedAt = now, now
	err := d.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO staff_users (login, name, role, level, scope, categories, password_hash,
			disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			u.Login, u.Name, string(u.Role), int(u.Level), u.Scope, encodeList(u.Categories), u.PasswordHash, u.Disabled,
			d.t(now)).Scan(&u.ID)
		if d.dialect.isUnique(err) {
			return vikno.Errorf(vikno.ECONFLICT, "login %q is taken", u.Login)
		}
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		if audit.Target == "" {
			audit.Target = "user:" + u.Login
		}
		return d.writeAudit(ctx, tx, audit)
	})
	if err != nil {
		return staff.User{}, err
	}
	return u, nil
}

// UpdateUser implements staff.Store.
func (d *DB) UpdateUser(ctx context.Context, u staff.User, audit staff.AuditEntry) (staff.User, error) {
	var out staff.User
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, `UPDATE staff_users SET name = $2, role = $3, level = $4, scope = $5,
			categories = $6, disabled = $7, updated_at = $8 WHERE id = $1`,
			u.ID, u.Name, string(u.Role), int(u.Level), u.Scope, encodeList(u.Categories), u.Disabled, d.now()))
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "user %d not found", u.ID)
		}
		if u.Disabled {
			if err := endSessions(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if out, err = findUser(ctx, tx, `id = $1`, u.ID); err != nil {
			return err
		}
		if audit.Target == "" {
			audit.Target = "user:" + out.Login
		}
		return d.writeAudit(ctx, tx, audit)
	})
	return out, err
}

// SetPassword implements staff.Store.
func (d *DB) SetPassword(ctx context.Context, userID int64, hash string, audit staff.AuditEntry) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, `UPDATE staff_users SET password_hash = $2, updated_at = $3 WHERE id = $1`,
			userID, hash, d.now()))
		if err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if n == 0 {
			return vikno.Errorf(vikno.ENOTFOUND, "user %d not found", userID)
		}
		if err := endSessions(ctx, tx, userID); err != nil {
			return err
		}
		return d.writeAudit(ctx, tx, audit)
	})
}

func endSessions(ctx context.Context, tx *sql.Tx, userID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM staff_sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}

// FindUser implements staff.Store.
func (d *DB) FindUser(ctx context.Context, id int64) (staff.User, error) {
	return findUser(ctx, d.db, `id = $1`, id)
}

// FindUserByLogin implements staff.Store.
func (d *DB) FindUserByLogin(ctx context.Context, login string) (staff.User, error) {
	return findUser(ctx, d.db, `login = $1`, staff.NormalizeLogin(login))
}

func findUser(ctx context.Context, q querier, where string, arg any) (staff.User, error) {
	u, err := scanStaffUser(q.QueryRowContext(ctx, `SELECT `+staffUserColumns+` FROM staff_users WHERE `+where, arg))
	if err != nil {
		return staff.User{}, notFound(err, "user")
	}
	return u, nil
}

// ListUsers implements staff.Store.
func (d *DB) ListUsers(ctx context.Context) ([]staff.User, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+staffUserColumns+` FROM staff_users ORDER BY login`)
	out, err := collect(rows, err, scanStaffUser)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

func scanStaffUser(s scanner) (staff.User, error) {
	var (
		u     staff.User
		role  string
		level int
	)
	err := s.Scan(&u.ID, &u.Login, &u.Name, &role, &level, &u.Scope, list(&u.Categories), &u.PasswordHash, &u.Disabled,
		at(&u.CreatedAt), at(&u.UpdatedAt))
	u.Role = staff.Role(role)
	u.Level = cases.Level(level)
	return u, err
}

// CreateSession implements staff.Store.
func (d *DB) CreateSession(ctx context.Context, s staff.Session) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at)
		VALUES ($1, $2, $3, $4)`, s.TokenHash, s.UserID, d.t(s.CreatedAt), d.t(s.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession implements staff.Store.
func (d *DB) FindSession(ctx context.Context, tokenHash string) (staff.Session, staff.User, error) {
	var s staff.Session
	row := d.db.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at FROM staff_sessions s
		JOIN staff_users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = `+d.dialect.types["false"], tokenHash, d.now())
	if err := row.Scan(&s.TokenHash, &s.UserID, at(&s.CreatedAt), at(&s.ExpiresAt)); err != nil {
		return staff.Session{}, staff.User{}, notFound(err, "session")
	}
	u, err := d.FindUser(ctx, s.UserID)
	if err != nil {
		return staff.Session{}, staff.User{}, err
	}
	return s, u, nil
}

// DeleteSession implements staff.Store. Expired sessions go with it.
func (d *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := d.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE token_hash = $1 OR expires_at <= $2`, tokenHash, d.now())
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// ListAudit implements staff.Store.
func (d *DB) ListAudit(ctx context.Context, limit int) ([]staff.AuditEntry, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, user_id, actor, action, target, detail, at FROM staff_audit
		ORDER BY id DESC LIMIT $1`, limit)
	out, err := collect(rows, err, func(s scanner) (e staff.AuditEntry, err error) {
		return e, s.Scan(&e.ID, &e.UserID, &e.Actor, &e.Action, &e.Target, &e.Detail, at(&e.At))
	})
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return out, nil
}

// writeAudit adds an entry to the audit log in tx.
func (d *DB) writeAudit(ctx context.Context, tx *sql.Tx, e staff.AuditEntry) error {
	if e.At.IsZero() {
		e.At = d.Now()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO staff_audit (user_id, actor, action, target, detail, at)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.UserID, e.Actor, e.Action, e.Target, e.Detail, d.t(e.At))
	if err != nil {
		return fmt.Errorf("write audit: %w", err)
	}
	return nil
}

// auditFromContext writes the audit entry staff.WithAudit put into ctx,
// if any is still to be written, in tx: the change and its entry commit
// together. It reports whether it wrote one.
func (d *DB) auditFromContext(ctx context.Context, tx *sql.Tx) (bool, error) {
	e, ok := staff.AuditFrom(ctx)
	if !ok {
		return false, nil
	}
	return true, d.writeAudit(ctx, tx, e)
}
