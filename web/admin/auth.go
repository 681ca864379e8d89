package admin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/staff"
)

const (
	sessionCookie  = "vikno_admin"
	preLoginCookie = "vikno_admin_login"
	csrfField      = "csrf"
)

// newToken returns 32 random bytes, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is what the database keeps of a session token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte("session\x00" + token))
	return hex.EncodeToString(sum[:])
}

// csrfToken is the form token of a session: derived from the session token,
// which only the signed-in browser knows, so every replica can check it.
func csrfToken(token string) string {
	sum := sha256.Sum256([]byte("csrf\x00" + token))
	return hex.EncodeToString(sum[:])
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// account is the signed-in user of a request.
type account struct {
	user  staff.User
	token string
}

type accountKey struct{}

func accountOf(r *http.Request) account {
	a, _ := r.Context().Value(accountKey{}).(account)
	return a
}

// auth wraps next: the request must carry a live session whose account has
// one of roles (any role when roles is nil), and a POST must carry the
// session's CSRF token. Without a session a page redirects to the sign-in
// form; without the role it is 403.
func (h *Handler) auth(roles []staff.Role, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acc, err := h.session(r)
		if err != nil {
			if vikno.IsNotFound(err) {
				http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
				return
			}
			h.fail(w, r, err)
			return
		}
		if roles != nil && !acc.user.Can(roles...) {
			h.render(w, r, http.StatusForbidden, "error", map[string]any{"Status": http.StatusForbidden, "Message": tr(lang(r), "no_access")})
			return
		}
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue(csrfField), csrfToken(acc.token)) {
			h.forbidden(w, r)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), accountKey{}, acc)))
	})
}

// forbidden answers a request whose form lacks a valid CSRF token.
func (h *Handler) forbidden(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusForbidden, "error", map[string]any{"Status": http.StatusForbidden, "Message": tr(lang(r), "csrf_failed")})
}

// session finds the request's session; ENOTFOUND when there is none.
func (h *Handler) session(r *http.Request) (account, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return account{}, vikno.Errorf(vikno.ENOTFOUND, "no session")
	}
	_, u, err := h.cfg.Staff.FindSession(r.Context(), hashToken(c.Value))
	if err != nil {
		return account{}, err
	}
	return account{user: u, token: c.Value}, nil
}

func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/admin/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || h.cfg.SecureCookies,
	})
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, err := h.session(r); err == nil {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	h.showLogin(w, r, http.StatusOK, "", "")
}

// showLogin renders the sign-in form with a fresh pre-login token: a
// double-submit cookie that a forged cross-site form cannot match.
func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request, status int, login, problem string) {
	token := newToken()
	h.setCookie(w, r, preLoginCookie, token, 3600)
	h.render(w, r, status, "login", map[string]any{"CSRF": token, "Login": login, "Problem": problem})
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(preLoginCookie)
	if err != nil || !sameToken(r.PostFormValue(csrfField), c.Value) {
		h.forbidden(w, r)
		return
	}
	login := staff.NormalizeLogin(r.PostFormValue("login"))
	if len(login) > 64 {
		login = login[:64]
	}
	l := lang(r)
	if ok, err := h.allowLogin(r, login); err != nil {
		h.fail(w, r, err)
		return
	} else if !ok {
		h.cfg.Logger.WarnContext(r.Context(), "admin sign-in rate limited")
		h.showLogin(w, r, http.StatusTooManyRequests, login, tr(l, "login_limited"))
		return
	}
	u, err := h.cfg.Staff.FindUserByLogin(r.Context(), login)
	pw := r.PostFormValue("password")
	switch {
	case vikno.IsNotFound(err):
		staff.VerifyNobody(pw)
	case err != nil:
		h.fail(w, r, err)
		return
	}
	if err != nil || u.Disabled || !staff.VerifyPassword(u.PasswordHash, pw) {
		h.cfg.Logger.InfoContext(r.Context(), "admin sign-in refused")
		h.showLogin(w, r, http.StatusUnauthorized, login, tr(l, "login_wrong"))
		return
	}
	if err := h.startSession(w, r, u); err != nil {
		h.fail(w, r, err)
		return
	}
	h.cfg.Logger.InfoContext(r.Context(), "admin signed in", "user_id", u.ID)
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// allowLogin takes a sign-in attempt from the client address's and the
// login's budgets, shared by every replica through the ephemeral state.
func (h *Handler) allowLogin(r *http.Request, login string) (bool, error) {
	ip := clientIP(r)
	ok, _, err := h.cfg.Limiter.Allow(r.Context(), "admin-login:ip:"+ip, h.cfg.LoginLimitIP)
	if err != nil || !ok {
		return ok, err
	}
	sum := sha256.Sum256([]byte(login))
	ok, _, err = h.cfg.Limiter.Allow(r.Context(), "admin-login:user:"+hex.EncodeToString(sum[:8]), h.cfg.LoginLimitLogin)
	return ok, err
}

// clientIP is the address the connection comes from. Forwarded headers are
// not trusted: anyone could set them.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		// One IPv6 client usually holds a whole /64.
		return ip.Mask(net.CIDRMask(64, 128)).String()
	}
	return strings.TrimSpace(host)
}

func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, u staff.User) error {
	token := newToken()
	now := h.cfg.Now().UTC()
	err := h.cfg.Staff.CreateSession(r.Context(), staff.Session{
		TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(h.cfg.SessionTTL),
	})
	if err != nil {
		return err
	}
	h.setCookie(w, r, sessionCookie, token, int(h.cfg.SessionTTL.Seconds()))
	h.setCookie(w, r, preLoginCookie, "", -1)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.cfg.Staff.DeleteSession(r.Context(), hashToken(accountOf(r).token)); err != nil {
		h.fail(w, r, err)
		return
	}
	h.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// auditOf is the audit entry of a change the signed-in user makes.
func auditOf(r *http.Request, action, target, detail string) staff.AuditEntry {
	u := accountOf(r).user
	return staff.AuditEntry{UserID: u.ID, Actor: u.Login, Action: action, Target: target, Detail: detail}
}
