// Package open311 serves Open311 GeoReport v2 (JSON) under /open311/v2/:
//
//	GET  services.json           appeal categories as services
//	GET  services/{code}.json    a service definition (no extra attributes)
//	GET  requests.json           appeals, filtered by service_request_id,
//	                             service_code, status, start_date, end_date
//	POST requests.json           file an appeal (api_key, form-encoded)
//	GET  requests/{id}.json      one appeal
//
// Statuses are mapped to open/closed, with Vikno's own status in
// status_notes. Public responses never carry a phone number or a name.
// Errors use the spec's format: [{"code":400,"description":"..."}], with 403
// for a missing or wrong api_key, 404 for what does not exist and 400 for
// anything else the request got wrong.
package open311

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web"
)

// Prefix is where the API is mounted.
const Prefix = "/open311/v2/"

// maxBody is the largest POST body read: a description of 4000 characters
// in percent-encoded Cyrillic is about 24 KB.
const maxBody = 64 << 10

// maxSpan is the longest start_date..end_date range the spec allows.
const maxSpan = 90 * 24 * time.Hour

// Handler serves the GeoReport v2 API.
type Handler struct {
	svc    *cases.AppealService
	keys   web.APIKeys
	logger *slog.Logger
	mux    *http.ServeMux
	next   http.Handler // mux behind the input checks
}

// New returns the Open311 API of svc; POST requests need one of keys.
func New(svc *cases.AppealService, keys []string, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{svc: svc, keys: web.APIKeys(keys), logger: logger, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET "+Prefix+"services.json", h.services)
	h.mux.HandleFunc("GET "+Prefix+"services/{file}", h.service)
	h.mux.HandleFunc("GET "+Prefix+"requests.json", h.requests)
	h.mux.HandleFunc("POST "+Prefix+"requests.json", h.create)
	h.mux.HandleFunc("GET "+Prefix+"requests/{file}", h.request)
	h.mux.HandleFunc(Prefix, h.unknown)
	h.next = web.ValidInput(h.mux, h.fail)
	return h
}

// ServeHTTP implements http.Handler. A path or query that is not valid
// UTF-8, holds a NUL byte or carries api_key is refused before routing.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.next.ServeHTTP(w, r) }

func (h *Handler) now() time.Time {
	if h.svc.Now != nil {
		return h.svc.Now()
	}
	return time.Now()
}

func (h *Handler) unknown(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, ".xml") {
		h.fail(w, r, vikno.Errorf(vikno.EINVALID, "only the JSON format is supported: use .json"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		h.fail(w, r, vikno.Errorf(vikno.EINVALID, "method %s is not supported", r.Method))
		return
	}
	h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "no such resource"))
}

// jsonID reads "{id}.json" from a path value.
func jsonID(file string) (string, error) {
	id, ok := strings.CutSuffix(file, ".json")
	switch {
	case strings.HasSuffix(file, ".xml"):
		return "", vikno.Errorf(vikno.EINVALID, "only the JSON format is supported: use .json")
	case !ok || id == "":
		return "", vikno.Errorf(vikno.ENOTFOUND, "no such resource")
	}
	return id, nil
}

// apiError is one error in the spec's format.
type apiError struct {
	Code        int    `json:"code"`
	Description string `json:"description"`
}

// statusOf maps an application error code to the spec's HTTP status: the
// one place this surface does. The spec answers a bad key with 403 and every
// other client error with 400; an unavailable store is 503 with Retry-After,
// too many attempts 429.
func statusOf(code string) int {
	switch code {
	case vikno.EUNAUTHORIZED:
		return http.StatusForbidden
	case vikno.EINVALID, vikno.ECONFLICT:
		return http.StatusBadRequest
	}
	return web.StatusOf(code)
}

// fail writes err in the spec's error format; internal errors are logged and
// shown only as "internal error".
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := vikno.ErrorCode(err)
	status := statusOf(code)
	switch status {
	case http.StatusInternalServerError:
		h.logger.ErrorContext(r.Context(), "open311 request failed", "path", r.URL.Path, "err", err)
	case http.StatusServiceUnavailable:
		h.logger.WarnContext(r.Context(), "open311 request failed: unavailable", "path", r.URL.Path, "err", err)
	}
	web.SetRetryAfter(w, err)
	writeJSON(w, status, []apiError{{Code: status, Description: vikno.ErrorMessage(err)}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
