// Package web is Vikno's HTTP surface: health and readiness, Prometheus
// metrics, and the mount point for channel webhooks, the admin UI and the
// integration APIs. Application errors are mapped to HTTP statuses here, in
// one place (Error).
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/vikno-city/vikno"
)

// Check is a readiness check (a store ping).
type Check struct {
	Name string
	Ping func(ctx context.Context) error
}

// Server is the one HTTP listener of `vikno serve`.
type Server struct {
	Addr    string
	Logger  *slog.Logger
	Metrics *Metrics
	Checks  []Check

	mux *http.ServeMux
	srv *http.Server
	ln  net.Listener
}

// NewServer returns a server for addr with /healthz, /readyz and /metrics.
func NewServer(addr string, logger *slog.Logger, metrics *Metrics) *Server {
	s := &Server{Addr: addr, Logger: logger, Metrics: metrics, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.Handle("GET /metrics", metrics.Handler())
	return s
}

// Handle mounts a handler on the server's mux.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Open starts listening; the server then serves in the background until
// Shutdown.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "listen on %s: %v", s.Addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Metrics.wrapHTTP(s.mux),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// URL returns the base URL the server listens on.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Shutdown stops accepting connections and waits for requests in flight.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	status := map[string]string{}
	code := http.StatusOK
	for _, c := range s.Checks {
		if err := c.Ping(ctx); err != nil {
			status[c.Name] = "unavailable"
			code = http.StatusServiceUnavailable
			s.Logger.Warn("readiness check failed", "check", c.Name, "err", err)
			continue
		}
		status[c.Name] = "ok"
	}
	writeJSON(w, code, status)
}

// Error writes err as JSON with the HTTP status its code maps to, with
// Retry-After for a 429 or 503 (SetRetryAfter). Internal errors are logged and
// shown only as "internal error"; an unavailable store is logged as a warning.
func Error(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code := vikno.ErrorCode(err)
	status := StatusOf(code)
	msg := vikno.ErrorMessage(err)
	switch status {
	case http.StatusInternalServerError:
		logger.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	case http.StatusServiceUnavailable:
		logger.WarnContext(r.Context(), "request failed: unavailable", "path", r.URL.Path, "err", err)
	}
	SetRetryAfter(w, err)
	writeJSON(w, status, map[string]string{"error": code, "message": msg})
}

// StatusOf maps an application error code to an HTTP status.
func StatusOf(code string) int {
	switch code {
	case vikno.ENOTFOUND:
		return http.StatusNotFound
	case vikno.EINVALID:
		return http.StatusBadRequest
	case vikno.ECONFLICT:
		return http.StatusConflict
	case vikno.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case vikno.ELIMITED:
		return http.StatusTooManyRequests
	case vikno.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		fmt.Fprintln(w)
	}
}

// WriteJSON writes v as a JSON response with status.
func WriteJSON(w http.ResponseWriter, status int, v any) { writeJSON(w, status, v) }
