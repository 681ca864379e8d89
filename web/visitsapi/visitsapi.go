// Package visitsapi is the HTTP API of CNAP visits and the live queue, for
// CNAP staff and integrations:
//
//	PUT  /api/v1/locations/{id}/queue    ingest from the electronic queue system (or set by hand)
//	GET  /api/v1/locations/{id}/queue    one location's queue now
//	GET  /api/v1/queue                   every location's queue now (public, no personal data)
//	GET  /api/v1/locations/{id}/visits   bookings of a location on ?date=YYYY-MM-DD (default today)
//	POST /api/v1/visits/{id}/attended    the resident came
//	POST /api/v1/visits/{id}/no-show     the resident did not come
//	POST /api/v1/visits/{id}/cancel      cancel with {"reason": "..."}; the resident is told
//
// Every call except the public board needs an API key, as
// "Authorization: Bearer KEY" or "X-API-Key: KEY" (never in the URL): an
// integration key works for every location, a location's own key for that
// location only. Text that is not valid UTF-8 or holds a NUL byte is refused
// with 400. Errors are JSON {"error": code, "message": reason} with the
// status web.StatusOf gives their code (an unavailable store is 503 with
// Retry-After).
package visitsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web"
)

// maxBody is the largest request body read.
const maxBody = 4 << 10

// Keys are the API keys the API accepts.
type Keys struct {
	Integration []string          // valid for every location
	Locations   map[string]string // location id → that location's own key
}

// API serves the visits and queue endpoints.
type API struct {
	Visits *cases.Visits
	Queue  *cases.Queue
	Keys   Keys
	Logger *slog.Logger
}

// Mux is where the API mounts its handlers (web.Server, http.ServeMux).
type Mux interface {
	Handle(pattern string, h http.Handler)
}

// Mount adds the API's routes to m, each behind web.ValidInput.
func (a *API) Mount(m Mux) {
	routes := map[string]http.Handler{
		"PUT /api/v1/locations/{id}/queue":  http.HandlerFunc(a.putQueue),
		"GET /api/v1/locations/{id}/queue":  http.HandlerFunc(a.getQueue),
		"GET /api/v1/queue":                 http.HandlerFunc(a.board),
		"GET /api/v1/locations/{id}/visits": http.HandlerFunc(a.listVisits),
		"POST /api/v1/visits/{id}/attended": a.mark(cases.VisitAttended),
		"POST /api/v1/visits/{id}/no-show":  a.mark(cases.VisitNoShow),
		"POST /api/v1/visits/{id}/cancel":   http.HandlerFunc(a.cancel),
	}
	for pattern, h := range routes {
		m.Handle(pattern, web.ValidInput(h, a.fail))
	}
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	logger := a.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	web.Error(w, r, logger, err)
}

// authorize checks that the request's key may act on locationID.
func (a *API) authorize(r *http.Request, locationID string) error {
	key := web.RequestAPIKey(r)
	if key == "" {
		return vikno.Errorf(vikno.EUNAUTHORIZED, "missing API key (Authorization: Bearer KEY or X-API-Key)")
	}
	ok := false
	for _, k := range a.Keys.Integration {
		ok = web.SameKey(key, k) || ok
	}
	if ok || web.SameKey(key, a.Keys.Locations[locationID]) {
		return nil
	}
	return vikno.Errorf(vikno.EUNAUTHORIZED, "the API key is not valid for location %q", locationID)
}

// queueBody is the body of PUT .../queue.
type queueBody struct {
	Waiting           *int     `json:"waiting"`
	WindowsOpen       *int     `json:"windows_open"`
	AvgServiceMinutes *float64 `json:"avg_service_minutes"`
	Source            string   `json:"source"`
}

func (b queueBody) report(locationID string) (cases.QueueReport, error) {
	switch {
	case b.Waiting == nil:
		return cases.QueueReport{}, vikno.Errorf(vikno.EINVALID, "waiting: required")
	case b.WindowsOpen == nil:
		return cases.QueueReport{}, vikno.Errorf(vikno.EINVALID, "windows_open: required")
	case b.AvgServiceMinutes != nil && *b.AvgServiceMinutes <= 0:
		return cases.QueueReport{}, vikno.Errorf(vikno.EINVALID, "avg_service_minutes: %g must be positive (leave it out if unknown)", *b.AvgServiceMinutes)
	case b.Source != "" && b.Source != cases.QueueFromAPI && b.Source != cases.QueueFromManual:
		return cases.QueueReport{}, vikno.Errorf(vikno.EINVALID, "source: must be %q or %q", cases.QueueFromAPI, cases.QueueFromManual)
	}
	r := cases.QueueReport{LocationID: locationID, Waiting: *b.Waiting, WindowsOpen: *b.WindowsOpen, Source: b.Source}
	if b.AvgServiceMinutes != nil {
		r.AvgServiceMinutes = *b.AvgServiceMinutes
	}
	return r, nil
}

// decode reads a JSON body strictly: one object, known fields only, at most
// maxBody bytes of valid UTF-8, strings without NUL bytes. Errors are
// EINVALID with the reason.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return vikno.Errorf(vikno.EINVALID, "body is larger than %d bytes", maxBody)
	case err != nil:
		return vikno.Errorf(vikno.EINVALID, "body could not be read")
	case !utf8.Valid(body):
		return vikno.Errorf(vikno.EINVALID, "body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return vikno.Errorf(vikno.EINVALID, "empty body: want a JSON object")
	case errors.As(err, &typeErr):
		return vikno.Errorf(vikno.EINVALID, "%s: must be a %s", typeErr.Field, jsonKind(typeErr.Type.String()))
	case err != nil && strings.HasPrefix(err.Error(), "json: unknown field "):
		return vikno.Errorf(vikno.EINVALID, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	case err != nil:
		return vikno.Errorf(vikno.EINVALID, "body is not valid JSON")
	case dec.More():
		return vikno.Errorf(vikno.EINVALID, "body must be one JSON object")
	}
	if strings.Contains(string(body), `\u0000`) {
		return vikno.Errorf(vikno.EINVALID, "body contains a NUL character")
	}
	return nil
}

func jsonKind(goType string) string {
	switch {
	case strings.Contains(goType, "int"):
		return "whole number"
	case strings.Contains(goType, "float"):
		return "number"
	}
	return "string"
}

func (a *API) putQueue(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.authorize(r, id); err != nil {
		a.fail(w, r, err)
		return
	}
	var body queueBody
	if err := decode(w, r, &body); err != nil {
		a.fail(w, r, err)
		return
	}
	rep, err := body.report(id)
	if err == nil {
		rep, err = a.Queue.Set(r.Context(), rep)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeStatus(w, r, rep.LocationID)
}

// writeStatus answers with a location's queue status now.
func (a *API) writeStatus(w http.ResponseWriter, r *http.Request, id string) {
	l, ok := a.Queue.City.Location(id)
	if !ok {
		a.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "location %q not found", id))
		return
	}
	st, err := a.Queue.Status(r.Context(), l)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, queueView(st))
}

func (a *API) getQueue(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.authorize(r, id); err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeStatus(w, r, id)
}

// board lists every location's queue now. It is public: the same figures
// residents see in the chat.
func (a *API) board(w http.ResponseWriter, r *http.Request) {
	board, err := a.Queue.Board(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]queueJSON, len(board))
	for i, st := range board {
		out[i] = queueView(st)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"locations": out})
}

// queueJSON is a location's queue as the API shows it. Figures of a stale
// report are given with stale=true and no estimate.
type queueJSON struct {
	LocationID        string     `json:"location_id"`
	Name              string     `json:"name"`
	Open              bool       `json:"open"`
	Next              *time.Time `json:"next_change,omitempty"`
	HasData           bool       `json:"has_data"`
	Waiting           *int       `json:"waiting,omitempty"`
	WindowsOpen       *int       `json:"windows_open,omitempty"`
	AvgServiceMinutes float64    `json:"avg_service_minutes,omitempty"`
	UpdatedAt         *time.Time `json:"updated_at,omitempty"`
	AgeSeconds        *int       `json:"age_seconds,omitempty"`
	Stale             bool       `json:"stale"`
	Source            string     `json:"source,omitempty"`
	WaitMinutes       *int       `json:"estimated_wait_minutes,omitempty"`
}

func queueView(st cases.QueueStatus) queueJSON {
	q := queueJSON{LocationID: st.Location.ID, Name: st.Location.Name, Open: st.Open, HasData: st.HasData, Stale: st.Stale}
	if !st.Next.IsZero() {
		q.Next = &st.Next
	}
	if st.HasData {
		r := st.Report
		age := int(st.Age / time.Second)
		q.Waiting, q.WindowsOpen, q.AvgServiceMinutes = &r.Waiting, &r.WindowsOpen, r.AvgServiceMinutes
		q.UpdatedAt, q.AgeSeconds, q.Source = &r.UpdatedAt, &age, r.Source
	}
	if st.WaitMinutes >= 0 {
		q.WaitMinutes = &st.WaitMinutes
	}
	return q
}

// visitJSON is a booking as staff see it.
type visitJSON struct {
	ID           int64     `json:"id"`
	Code         string    `json:"code"`
	LocationID   string    `json:"location_id"`
	ServiceID    string    `json:"service_id"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	Seat         int       `json:"seat"`
	Name         string    `json:"name"`
	Phone        string    `json:"phone"`
	Status       string    `json:"status"`
	CancelledBy  string    `json:"cancelled_by,omitempty"`
	CancelReason string    `json:"cancel_reason,omitempty"`
}

func (a *API) visitView(v cases.Visit) visitJSON {
	loc := a.Visits.City.Loc()
	return visitJSON{ID: v.ID, Code: v.Code, LocationID: v.LocationID, ServiceID: v.ServiceID, Start: v.Start.In(loc),
		End: v.End.In(loc), Seat: v.Seat, Name: v.Name, Phone: v.Phone, Status: string(v.Status),
		CancelledBy: v.CancelledBy, CancelReason: v.CancelReason}
}

func (a *API) listVisits(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.authorize(r, id); err != nil {
		a.fail(w, r, err)
		return
	}
	cal := a.Visits.Calendar()
	day := cal.Day(a.Visits.Clock())
	if s := r.URL.Query().Get("date"); s != "" {
		d, ok := cal.ParseDay(s)
		if !ok {
			a.fail(w, r, vikno.Errorf(vikno.EINVALID, "date: %q is not YYYY-MM-DD", s))
			return
		}
		day = d
	}
	visits, err := a.Visits.DayVisits(r.Context(), id, day)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]visitJSON, len(visits))
	for i, v := range visits {
		out[i] = a.visitView(v)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"location_id": id, "date": day.Format(cases.DateLayout), "visits": out})
}

// visit loads the visit of the path and checks the key may act on its
// location; an unknown visit is 404 only for keys valid somewhere.
func (a *API) visit(w http.ResponseWriter, r *http.Request) (cases.Visit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, vikno.Errorf(vikno.EINVALID, "visit id must be a positive number"))
		return cases.Visit{}, false
	}
	v, err := a.Visits.Store.FindVisit(r.Context(), id)
	if err != nil {
		if authErr := a.authorizeAny(r); authErr != nil {
			err = authErr
		}
		a.fail(w, r, err)
		return cases.Visit{}, false
	}
	if err := a.authorize(r, v.LocationID); err != nil {
		a.fail(w, r, err)
		return cases.Visit{}, false
	}
	return v, true
}

// authorizeAny checks that the key is valid for some location.
func (a *API) authorizeAny(r *http.Request) error {
	if err := a.authorize(r, ""); err == nil {
		return nil
	}
	for loc := range a.Keys.Locations {
		if a.authorize(r, loc) == nil {
			return nil
		}
	}
	return a.authorize(r, "")
}

func (a *API) mark(status cases.VisitStatus) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, ok := a.visit(w, r)
		if !ok {
			return
		}
		v, err := a.Visits.Mark(r.Context(), v.ID, status)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, a.visitView(v))
	})
}

func (a *API) cancel(w http.ResponseWriter, r *http.Request) {
	v, ok := a.visit(w, r)
	if !ok {
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &body); err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.Visits.StaffCancel(r.Context(), v.ID, body.Reason)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, a.visitView(v))
}
