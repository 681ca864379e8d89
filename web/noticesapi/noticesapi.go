// Package noticesapi is the HTTP API through which integrations and
// dispatchers post notices to residents:
//
//	POST /api/v1/notices/documents-ready  documents of a case can be collected (API key)
//	POST /api/v1/notices/outages          a planned or emergency outage, its update or «restored» (API key);
//	                                      202: stored, reaching its subscribers in the background
//	GET  /api/v1/notices/outages/{id}     the notice and how far its current version got (API key)
//
// The API key comes in "Authorization: Bearer KEY" or "X-API-Key: KEY".
// Bodies are JSON (unknown fields refused); errors are mapped to HTTP
// statuses by web.Error.
package noticesapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/web"
)

// maxBody is the largest request body read.
const maxBody = 64 << 10

// API serves the notice endpoints.
type API struct {
	Documents *notify.Documents
	Outages   *notify.Outages
	Keys      web.APIKeys
	Logger    *slog.Logger
}

// Mux is where the API mounts its handlers (web.Server, http.ServeMux).
type Mux interface {
	Handle(pattern string, h http.Handler)
}

// Mount adds the API's routes to m, each behind web.ValidInput.
func (a *API) Mount(m Mux) {
	if a.Logger == nil {
		a.Logger = slog.New(slog.DiscardHandler)
	}
	routes := map[string]http.HandlerFunc{
		"POST /api/v1/notices/documents-ready": a.withKey(a.documentsReady),
		"POST /api/v1/notices/outages":         a.withKey(a.outage),
		"GET /api/v1/notices/outages/{id}":     a.withKey(a.outageReport),
	}
	for pattern, h := range routes {
		m.Handle(pattern, web.ValidInput(h, a.fail))
	}
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) { web.Error(w, r, a.Logger, err) }

func (a *API) withKey(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := a.Keys.Check(web.RequestAPIKey(r)); err != nil {
			a.fail(w, r, err)
			return
		}
		next(w, r)
	}
}

// documentsRequest is the body of POST /api/v1/notices/documents-ready.
// One of reference, booking_code and appeal_number names the case.
type documentsRequest struct {
	RequestID    string `json:"request_id"`
	Reference    string `json:"reference"`
	BookingCode  string `json:"booking_code"`
	AppealNumber string `json:"appeal_number"`
	Location     string `json:"location"`
	Pickup       string `json:"pickup"`
	Until        string `json:"until"`
}

func (a *API) documentsReady(w http.ResponseWriter, r *http.Request) {
	var req documentsRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	ref, err := oneOf(req.Reference, req.BookingCode, req.AppealNumber)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if req.RequestID == "" {
		req.RequestID = r.Header.Get("Idempotency-Key")
	}
	doc, n, err := a.Documents.Post(r.Context(), cases.DocumentsReady{
		RequestKey: req.RequestID, Reference: ref, LocationID: req.Location, Details: req.Pickup, Until: req.Until,
	})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"id": doc.ID, "request_id": doc.RequestKey, "reference": doc.Reference,
		"queued": n, "kept_until": doc.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z"),
	})
}

// outageRequest is the body of POST /api/v1/notices/outages. Posting the
// same id again updates the notice; status "restored" ends it.
type outageRequest struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Emergency bool       `json:"emergency"`
	Districts []string   `json:"districts"`
	Streets   []string   `json:"streets"`
	From      *time.Time `json:"from"`
	To        *time.Time `json:"to"`
	Text      string     `json:"text"`
	Status    string     `json:"status"`
}

func (a *API) outage(w http.ResponseWriter, r *http.Request) {
	var req outageRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	o := cases.Outage{ID: req.ID, Kind: cases.OutageKind(req.Kind), Emergency: req.Emergency,
		Districts: req.Districts, Streets: req.Streets, Text: req.Text, Status: req.Status}
	if req.From != nil {
		o.From = *req.From
	}
	if req.To != nil {
		o.To = *req.To
	}
	o, err := a.Outages.Post(r.Context(), o)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	progress := "/api/v1/notices/outages/" + url.PathEscape(o.ID)
	w.Header().Set("Location", progress)
	web.WriteJSON(w, http.StatusAccepted, map[string]any{"id": o.ID, "version": o.Version, "status": o.Status,
		"fanout": fanOutState(o), "progress": progress})
}

// fanOutState says whether the notice's current version has been queued
// for all its residents ("done") or is still being queued ("running").
func fanOutState(o cases.Outage) string {
	if o.FannedOut() {
		return "done"
	}
	return "running"
}

// outageReport answers where a notice's current version is: whether it is
// still being queued (fanout "running" or "done"), how many residents it
// was queued for, how many messages left (sent), are waiting
// (pending, sending), were given up (dead: the resident blocked the bot,
// say), and, for channels that report back, delivered, seen and failed.
func (a *API) outageReport(w http.ResponseWriter, r *http.Request) {
	o, p, err := a.Outages.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"id": o.ID, "version": o.Version, "status": o.Status, "kind": o.Kind,
		"fanout": fanOutState(o), "queued": p.Total(), "pending": p.Pending + p.Sending, "sent": p.Sent, "dead": p.Dead,
		"delivered": p.Delivered, "seen": p.Seen, "failed": p.Failed,
	})
}

// oneOf returns the one non-empty reference.
func oneOf(refs ...string) (string, error) {
	found := ""
	for _, s := range refs {
		if s == "" {
			continue
		}
		if found != "" {
			return "", vikno.Errorf(vikno.EINVALID, "give one of reference, booking_code and appeal_number")
		}
		found = s
	}
	if found == "" {
		return "", vikno.Errorf(vikno.EINVALID, "reference, booking_code or appeal_number is required")
	}
	return found, nil
}

// decode reads a JSON body into v, refusing unknown fields, invalid UTF-8
// and NUL bytes (EINVALID).
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		return vikno.Errorf(vikno.EINVALID, "Content-Type must be application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return vikno.Errorf(vikno.EINVALID, "body is larger than %d bytes", maxBody)
		}
		return vikno.Errorf(vikno.EINVALID, "body could not be read")
	}
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 || bytes.Contains(body, []byte(`\u0000`)) {
		return vikno.Errorf(vikno.EINVALID, "body must be UTF-8 text without NUL bytes")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return vikno.Errorf(vikno.EINVALID, "malformed JSON body: %s", jsonProblem(err))
	}
	return nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %s must be %s", te.Field, te.Type)
	}
	return err.Error()
}
