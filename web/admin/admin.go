// Package admin is the admin web at /admin/: staff sign in with a password,
// and each page checks the role (and scope) of the account. It is rendered
// on the server with html/template, every asset embedded, in Ukrainian with
// English.
package admin

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/web"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// KnowledgeBase is what the editor needs of the knowledge service: saving
// updates the bot's index at once and tells the other replicas.
type KnowledgeBase interface {
	Save(ctx context.Context, articles []knowledge.Article, by string) (knowledge.ImportStats, error)
	Search(query string, opts knowledge.SearchOptions) (knowledge.Result, error)
}

// Config is what the admin web works with.
type Config struct {
	Staff    staff.Store
	Articles knowledge.ArticleStore
	KB       KnowledgeBase
	// Feedback is the ratings' inbox; without it the feedback pages are off.
	Feedback FeedbackInbox
	// Residents, when set, tells whether a rating's visitor blocked the bot,
	// so that a manager is told an answer will not reach them.
	Residents ResidentFinder
	Limiter   vikno.RateLimiter
	City      vikno.City
	// Dashboard and Queue give the dashboard its figures (Queue may be nil).
	Dashboard cases.DashboardStore
	Queue     QueueBoard
	// Unanswered is the questions the bot found no answer to; Leases keep
	// two editors from changing one article at once (nil: no lease).
	Unanswered knowledge.UnansweredStore
	Leases     vikno.Leases
	// Appeals is the appeals service of the appeals board (no board when
	// nil); Photos fetches appeals' photos from their channels (optional).
	Appeals *cases.AppealService
	Photos  PhotoSource
	// Outages, when set, gives dispatchers the outage notice pages.
	Outages OutageNotices
	// SecureCookies marks cookies Secure even on plain HTTP requests (the
	// public URL is https behind a TLS-terminating proxy).
	SecureCookies bool
	// SessionTTL is how long a sign-in lasts (12 h when zero).
	SessionTTL time.Duration
	// LoginLimitIP and LoginLimitLogin bound sign-in attempts per client
	// address and per login (defaults when zero).
	LoginLimitIP, LoginLimitLogin vikno.Limit
	Logger                        *slog.Logger
	Now                           func() time.Time

	// Operators is the desk of live hand-offs to operators; nil leaves
	// the operators' pages out.
	Operators OperatorDesk
	// History shows an operator what the resident wrote to the bot before
	// asking for a person (optional).
	History bots.History
}

// maxForm bounds a request body: an article is far smaller.
const maxForm = 1 << 20

// maxMultipartMemory is how much of an upload is kept in memory; the rest
// goes to a temporary file.
const maxMultipartMemory = 32 << 20

// Handler serves /admin/.
type Handler struct {
	cfg  Config
	mux  *http.ServeMux
	tmpl map[string]*template.Template
}

// New returns the admin web.
func New(cfg Config) (*Handler, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.LoginLimitIP.Events == 0 {
		cfg.LoginLimitIP = vikno.Limit{Events: 20, Per: 10 * time.Minute, Burst: 20}
	}
	if cfg.LoginLimitLogin.Events == 0 {
		cfg.LoginLimitLogin = vikno.Limit{Events: 5, Per: 15 * time.Minute, Burst: 5}
	}
	tmpl, err := parseTemplates(cfg.City.Loc())
	if err != nil {
		return nil, err
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(), tmpl: tmpl}
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	static, _ := fs.Sub(staticFS, "static")
	h.mux.Handle("GET /admin/static/", http.StripPrefix("/admin/static/", http.FileServerFS(static)))
	h.mux.HandleFunc("GET /admin/login", h.loginPage)
	h.mux.HandleFunc("POST /admin/login", h.login)
	h.mux.Handle("POST /admin/logout", h.auth(nil, h.logout))
	h.mux.Handle("GET /admin/{$}", h.auth(nil, h.home))
	h.mux.Handle("GET /admin/audit", h.auth([]staff.Role{staff.RoleAdmin}, h.audit))
	h.mux.Handle("GET /admin/users", h.auth([]staff.Role{staff.RoleAdmin}, h.users))
	editor := []staff.Role{staff.RoleEditor}
	h.mux.Handle("GET /admin/kb", h.auth(editor, h.kbList))
	h.mux.Handle("GET /admin/kb/new", h.auth(editor, h.kbNew))
	h.mux.Handle("GET /admin/kb/{id}", h.auth(editor, h.kbEdit))
	h.mux.Handle("POST /admin/kb/save", h.auth(editor, h.kbSave))
	h.mux.Handle("GET /admin/kb/{id}/history", h.auth(editor, h.kbHistory))
	h.mux.Handle("POST /admin/kb/{id}/restore", h.auth(editor, h.kbRestore))
	h.insightRoutes()
	h.appealRoutes()
	h.noticeRoutes()
	h.feedbackRoutes()
	h.operatorRoutes()
}

// ServeHTTP implements http.Handler with the headers every admin page
// carries: no framing, no sniffing, no caching, no outside resources.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
	if r.Method == http.MethodPost && !h.readForm(w, r) {
		return
	}
	h.mux.ServeHTTP(w, r)
}

// readForm parses a POST's form before anything looks at it (the CSRF
// check included) and answers a form over the size limit with 413 and one
// that is not text (invalid UTF-8, a NUL byte) with 400; it reports whether
// the request may go on.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request) bool {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxMultipartMemory)
	} else {
		err = r.ParseForm()
	}
	l := lang(r)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		h.render(w, r, http.StatusRequestEntityTooLarge, "error", map[string]any{"Status": http.StatusRequestEntityTooLarge,
			"Message": trf(l, "form_too_big", max(bodyLimit(r)>>20, 1))})
		return false
	case err != nil:
		h.render(w, r, http.StatusBadRequest, "error", map[string]any{"Status": http.StatusBadRequest, "Message": tr(l, "form_bad")})
		return false
	}
	for name, values := range r.PostForm {
		for _, v := range append([]string{name}, values...) {
			if web.CheckText("", v) != nil {
				h.render(w, r, http.StatusBadRequest, "error", map[string]any{"Status": http.StatusBadRequest, "Message": tr(l, "form_not_text")})
				return false
			}
		}
	}
	return true
}

// fail shows an error page with the status of err's code; internal errors
// are logged and shown without detail. A pageError is shown as it is; any
// other "not found" gets a text in the page's language, as the stores'
// messages are English.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := web.StatusOf(vikno.ErrorCode(err))
	msg := vikno.ErrorMessage(err)
	var shown *pageError
	data := map[string]any{}
	switch {
	case errors.As(err, &shown):
		status = shown.status
		if shown.back != "" {
			data["Back"], data["BackLabel"] = shown.back, tr(lang(r), shown.backKey)
		}
	case status >= 500:
		h.cfg.Logger.ErrorContext(r.Context(), "admin request failed", "path", r.URL.Path, "err", err)
		msg = ""
	case status == http.StatusNotFound:
		msg = tr(lang(r), "not_found")
	}
	data["Status"], data["Message"] = status, msg
	h.render(w, r, status, "error", data)
}

// pageError is an error whose message is already in the page's language
// and whose status is the page's: fail shows it as it is.
type pageError struct {
	status int
	err    *vikno.Error
	// back links the page to where the account can go on (a list whose
	// filter was refused), named by the text key backKey
	back, backKey string
}

func (e *pageError) Error() string { return e.err.Error() }
func (e *pageError) Unwrap() error { return e.err }

// pageErrorf returns a pageError with status and the text key in lang:
// 404 (ENOTFOUND) or 403 (EUNAUTHORIZED, a page outside the account's
// scope).
func pageErrorf(status int, l, key string, args ...any) *pageError {
	code := vikno.ENOTFOUND
	if status == http.StatusForbidden {
		code = vikno.EUNAUTHORIZED
	}
	return &pageError{status: status, err: vikno.Errorf(code, "%s", trf(l, key, args...))}
}

// backTo is e with a link to href, named by the text key.
func (e *pageError) backTo(href, key string) *pageError {
	e.back, e.backKey = href, key
	return e
}

// ResidentFinder reads a resident by id; the SQL store implements it.
type ResidentFinder interface {
	FindResident(ctx context.Context, id int64) (vikno.Resident, error)
}
