// Package staff is the people who work in Vikno's admin web: their accounts
// (login, password hash, role and scope), their sessions and the audit log
// of what they changed. The admin web (web/admin) enforces roles with it;
// storage/sql keeps it.
package staff

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// Role is what a staff member may do.
type Role string

// Roles.
const (
	// RoleAdmin may do everything, including managing users.
	RoleAdmin Role = "admin"
	// RoleEditor edits the knowledge base.
	RoleEditor Role = "editor"
	// RoleManager sees and answers the ratings of the CNAPs in a scope (the
	// same levels and scopes as the Telegram manager alerts).
	RoleManager Role = "manager"
	// RoleExecutor handles appeals of a set of categories.
	RoleExecutor Role = "executor"
	// RoleDispatcher posts outage notices to residents.
	RoleDispatcher Role = "dispatcher"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleEditor, RoleManager, RoleExecutor, RoleDispatcher}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// User is a staff account.
type User struct {
	ID    int64
	Login string
	// Name is shown in the admin and in the audit log ("Олена Коваль").
	Name string
	Role Role
	// Level and Scope bound a manager: a location id at level 1, a region id
	// at levels 2 and 3 (cases.CheckScope). Zero for other roles.
	Level cases.Level
	Scope string
	// Categories are the appeal categories an executor handles.
	Categories []string
	// PasswordHash is the encoded argon2id hash (HashPassword).
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Can reports whether the user is active and has one of the roles; an admin
// can do everything.
func (u User) Can(roles ...Role) bool {
	if u.Disabled || u.ID == 0 {
		return false
	}
	return u.Role == RoleAdmin || slices.Contains(roles, u.Role)
}

// Covers reports whether the user may see data about the location: admins
// everywhere, managers within their scope, nobody else.
func (u User) Covers(city vikno.City, locationID string) bool {
	switch {
	case u.Disabled:
		return false
	case u.Role == RoleAdmin:
		return true
	case u.Role == RoleManager:
		return cases.Covers(city, cases.Manager{Level: u.Level, Scope: u.Scope}, locationID)
	}
	return false
}

// HandlesCategory reports whether the user may see appeals of the category.
func (u User) HandlesCategory(category string) bool {
	if u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || (u.Role == RoleExecutor && slices.Contains(u.Categories, category))
}

var loginPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// NormalizeLogin lowercases and trims a login.
func NormalizeLogin(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

// Check validates the user against the city and normalises it: the login,
// the name, the role, and the scope or categories the role needs (others
// are cleared). Errors are EINVALID and name what is wrong.
func (u User) Check(city vikno.City) (User, error) {
	u.Login, u.Name = NormalizeLogin(u.Login), strings.TrimSpace(u.Name)
	if !loginPattern.MatchString(u.Login) {
		return u, vikno.Errorf(vikno.EINVALID, "login must be 2–40 characters of a-z, 0-9, '.', '_' or '-'")
	}
	if u.Name == "" {
		u.Name = u.Login
	}
	if !u.Role.Valid() {
		return u, vikno.Errorf(vikno.EINVALID, "role must be admin, editor, manager, executor or dispatcher, not %q", u.Role)
	}
	if u.Role != RoleManager {
		u.Level, u.Scope = 0, ""
	}
	if u.Role != RoleExecutor {
		u.Categories = nil
	}
	switch u.Role {
	case RoleManager:
		scope, err := cases.CheckScope(city, u.Level, u.Scope)
		if err != nil {
			return u, err
		}
		u.Scope = scope
	case RoleExecutor:
		if len(u.Categories) == 0 {
			return u, vikno.Errorf(vikno.EINVALID, "an executor needs at least one appeal category")
		}
		for _, c := range u.Categories {
			if _, _, ok := city.Category(c); !ok {
				return u, vikno.Errorf(vikno.EINVALID, "%q is not an appeal category of the city", c)
			}
		}
	}
	return u, nil
}

// Session is a signed-in browser. Only the hash of its token is stored: a
// leaked database does not let anyone sign in.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AuditEntry is one change made by a staff member.
type AuditEntry struct {
	ID     int64
	UserID int64 // 0 for the command line
	Actor  string
	// Action names the change ("user.create", "article.save").
	Action string
	// Target is what changed ("user:olena", "article:passport").
	Target string
	Detail string
	At     time.Time
}

// Store keeps staff accounts, sessions and the audit log. Every change is
// written together with its audit entry, in one transaction.
type Store interface {
	// CreateUser adds an account; ECONFLICT when the login is taken.
	CreateUser(ctx context.Context, u User, audit AuditEntry) (User, error)
	// UpdateUser saves the name, role, scope, categories and disabled flag
	// of the account u.ID; disabling it ends its sessions. ENOTFOUND when
	// there is no such account.
	UpdateUser(ctx context.Context, u User, audit AuditEntry) (User, error)
	// SetPassword replaces the password hash and ends the account's sessions.
	SetPassword(ctx context.Context, userID int64, hash string, audit AuditEntry) error
	// FindUser and FindUserByLogin return ENOTFOUND for an unknown account.
	FindUser(ctx context.Context, id int64) (User, error)
	FindUserByLogin(ctx context.Context, login string) (User, error)
	// ListUsers returns every account ordered by login.
	ListUsers(ctx context.Context) ([]User, error)

	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s Session) error
	// FindSession returns the unexpired session with the token hash and its
	// account; ENOTFOUND when there is none or the account is disabled.
	FindSession(ctx context.Context, tokenHash string) (Session, User, error)
	// DeleteSession ends a session (no error when it is already gone).
	DeleteSession(ctx context.Context, tokenHash string) error

	// ListAudit returns the newest entries first.
	ListAudit(ctx context.Context, limit int) ([]AuditEntry, error)
}

type auditKey struct{}

// pendingAudit is an entry waiting for the first change made with its
// context to commit.
type pendingAudit struct {
	entry   AuditEntry
	written atomic.Bool
}

// WithAudit returns a context that makes the store write entry in the same
// transaction as the change made with it: how changes made through other
// stores (an article saved through the knowledge service) are audited. An
// operation of several transactions (a notice saved, then queued in
// batches) is written once, with the first that commits.
func WithAudit(ctx context.Context, entry AuditEntry) context.Context {
	return context.WithValue(ctx, auditKey{}, &pendingAudit{entry: entry})
}

// AuditFrom returns the entry WithAudit put into ctx, unless a transaction
// committed it already (AuditWritten).
func AuditFrom(ctx context.Context) (AuditEntry, bool) {
	p, ok := ctx.Value(auditKey{}).(*pendingAudit)
	if !ok || p.written.Load() {
		return AuditEntry{}, false
	}
	return p.entry, true
}

// AuditWritten records that the entry of ctx was committed.
func AuditWritten(ctx context.Context) {
	if p, ok := ctx.Value(auditKey{}).(*pendingAudit); ok {
		p.written.Store(true)
	}
}
