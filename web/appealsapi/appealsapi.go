// Package appealsapi is the HTTP API of appeals under /api/v1/appeals, for
// executors, dispatchers and integrations:
//
//	POST /api/v1/appeals/{number}/status  change the status with a comment (API key)
//	GET  /api/v1/appeals/{number}         the appeal with its history (API key)
//	GET  /api/v1/appeals/overdue          appeals past their due time (API key)
//	POST /api/v1/appeals/lookup           status by number + PIN (public, rate limited)
//
// The API key comes in "Authorization: Bearer KEY" or "X-API-Key: KEY",
// never in the URL. Text that is not valid UTF-8 or holds a NUL byte is
// refused with 400. Errors are mapped to HTTP statuses by web.Error (an
// unavailable store is 503 with Retry-After).
package appealsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web"
)

// maxBody is the largest request body read.
const maxBody = 64 << 10

// maxActorLen is the longest actor name a request may give.
const maxActorLen = 100

// Handler serves the appeals API.
type Handler struct {
	svc    *cases.AppealService
	keys   Keys
	logger *slog.Logger
	mux    *http.ServeMux
	next   http.Handler // mux behind the input checks
}

// New returns the API of svc, accepting keys.
func New(svc *cases.AppealService, keys []string, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{svc: svc, keys: Keys(keys), logger: logger, mux: http.NewServeMux()}
	h.mux.HandleFunc("POST /api/v1/appeals/{number}/status", h.withKey(h.changeStatus))
	h.mux.HandleFunc("GET /api/v1/appeals/overdue", h.withKey(h.overdue))
	h.mux.HandleFunc("GET /api/v1/appeals/{number}", h.withKey(h.find))
	h.mux.HandleFunc("POST /api/v1/appeals/lookup", h.lookup)
	h.mux.HandleFunc("/api/v1/appeals/", func(w http.ResponseWriter, r *http.Request) {
		web.Error(w, r, h.logger, vikno.Errorf(vikno.ENOTFOUND, "no such endpoint"))
	})
	h.next = web.ValidInput(h.mux, func(w http.ResponseWriter, r *http.Request, err error) {
		web.Error(w, r, h.logger, err)
	})
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.next.ServeHTTP(w, r) }

type keyedHandler func(w http.ResponseWriter, r *http.Request, keyID string)

func (h *Handler) withKey(next keyedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := h.keys.Check(web.RequestAPIKey(r))
		if err != nil {
			web.Error(w, r, h.logger, err)
			return
		}
		next(w, r, id)
	}
}

func (h *Handler) now() time.Time {
	if h.svc.Now != nil {
		return h.svc.Now()
	}
	return time.Now()
}

// statusRequest is the body of a status change, as JSON or a form.
type statusRequest struct {
	Status  string `json:"status"`
	Comment string `json:"comment"`
	Actor   string `json:"actor"`
}

func (h *Handler) changeStatus(w http.ResponseWriter, r *http.Request, keyID string) {
	var req statusRequest
	if err := decode(w, r, &req); err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	actor, err := actorName(keyID, req.Actor)
	if err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	a, err := h.svc.ChangeStatus(r.Context(), r.PathValue("number"), cases.AppealChange{
		To: cases.AppealStatus(req.Status), Comment: req.Comment,
		By: cases.Actor{Kind: cases.ActorExecutor, Name: actor},
	})
	if err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, newAppealView(h.svc.City, a, h.now()))
}

// actorName records which key made a change and who says they used it.
func actorName(keyID, actor string) (string, error) {
	actor = strings.TrimSpace(actor)
	if utf8.RuneCountInString(actor) > maxActorLen || strings.ContainsFunc(actor, unicode.IsControl) {
		return "", vikno.Errorf(vikno.EINVALID, "actor must be up to %d characters on one line", maxActorLen)
	}
	name := "api:" + keyID
	if actor != "" {
		name += " " + actor
	}
	return name, nil
}

func (h *Handler) find(w http.ResponseWriter, r *http.Request, _ string) {
	a, err := h.svc.Find(r.Context(), r.PathValue("number"))
	if err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, newAppealView(h.svc.City, a, h.now()))
}

func (h *Handler) overdue(w http.ResponseWriter, r *http.Request, _ string) {
	limit := 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > cases.MaxAppealList {
			web.Error(w, r, h.logger, vikno.Errorf(vikno.EINVALID, "limit must be 1 to %d", cases.MaxAppealList))
			return
		}
		limit = n
	}
	list, err := h.svc.Overdue(r.Context(), r.URL.Query().Get("executor"), limit)
	if err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	now := h.now()
	out := make([]appealView, len(list))
	for i, a := range list {
		out[i] = newAppealView(h.svc.City, a, now)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"appeals": out, "count": len(out)})
}

// lookupRequest is a public status check.
type lookupRequest struct {
	Number string `json:"number"`
	PIN    string `json:"pin"`
}

func (h *Handler) lookup(w http.ResponseWriter, r *http.Request) {
	var req lookupRequest
	if err := decode(w, r, &req); err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	a, err := h.svc.Lookup(r.Context(), req.Number, req.PIN, "ip:"+clientIP(r))
	if err != nil {
		web.Error(w, r, h.logger, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, newPublicView(h.svc.City, a, h.now()))
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// decode reads a JSON body (unknown fields refused) or a form into v, whose
// fields are all strings tagged with their names. Text that is not valid
// UTF-8 or holds a NUL byte is EINVALID.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return vikno.Errorf(vikno.EINVALID, "malformed JSON body: %s", jsonProblem(err))
		}
		if !utf8.Valid(body) {
			return vikno.Errorf(vikno.EINVALID, "body is not valid UTF-8")
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return vikno.Errorf(vikno.EINVALID, "malformed JSON body: %s", jsonProblem(err))
		}
		return checkFields(v)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return vikno.Errorf(vikno.EINVALID, "malformed form body")
		}
		if err := web.CheckValues("form", r.PostForm); err != nil {
			return err
		}
		return fromForm(r, v)
	}
	return vikno.Errorf(vikno.EINVALID, "Content-Type must be application/json or application/x-www-form-urlencoded")
}

// checkFields refuses NUL bytes in a decoded body's strings.
func checkFields(v any) error {
	var fields map[string]string
	switch v := v.(type) {
	case *statusRequest:
		fields = map[string]string{"status": v.Status, "comment": v.Comment, "actor": v.Actor}
	case *lookupRequest:
		fields = map[string]string{"number": v.Number, "pin": v.PIN}
	}
	for name, s := range fields {
		if err := web.CheckText(name, s); err != nil {
			return err
		}
	}
	return nil
}

func jsonProblem(err error) string {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fmt.Sprintf("body is larger than %d bytes", maxBody)
	}
	return err.Error()
}

func fromForm(r *http.Request, v any) error {
	switch v := v.(type) {
	case *statusRequest:
		v.Status, v.Comment, v.Actor = r.PostForm.Get("status"), r.PostForm.Get("comment"), r.PostForm.Get("actor")
	case *lookupRequest:
		v.Number, v.PIN = r.PostForm.Get("number"), r.PostForm.Get("pin")
	}
	return nil
}
