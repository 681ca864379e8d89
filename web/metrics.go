package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vikno-city/vikno/dialog"
)

// Metrics are the Prometheus metrics of one process. Each Main has its own
// registry, so several can run in one test binary.
type Metrics struct {
	Registry *prometheus.Registry
	Updates  *prometheus.CounterVec
	Latency  *prometheus.HistogramVec
	Requests *prometheus.CounterVec
	Outbox   *prometheus.CounterVec
}

// NewMetrics registers Vikno's metrics and the Go runtime collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vikno_updates_total", Help: "Updates handled by the dialog engine.",
		}, []string{"channel", "result"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "vikno_update_duration_seconds", Help: "Time to handle one update.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"channel"}),
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vikno_http_requests_total", Help: "HTTP requests by status class.",
		}, []string{"code"}),
		Outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vikno_outbox_deliveries_total", Help: "Outbox delivery attempts by message kind and result (sent, retry, dead).",
		}, []string{"kind", "result"}),
	}
	m.Registry.MustRegister(m.Updates, m.Latency, m.Requests, m.Outbox,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

func (m *Metrics) wrapHTTP(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		m.Requests.WithLabelValues(strconv.Itoa(sw.code/100) + "xx").Inc()
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

// Unwrap lets http.ResponseController reach the connection (flushing an
// event stream, extending its write deadline).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// Instrument wraps the dialog engine with update counters and latency,
// for adapters that handle updates directly and for the message pipeline.
func (m *Metrics) Instrument(e *dialog.Engine) Instrumented {
	return Instrumented{e: e, m: m}
}

// Instrumented is the engine with metrics.
type Instrumented struct {
	e *dialog.Engine
	m *Metrics
}

// Handle implements dialog.Handler.
func (i Instrumented) Handle(ctx context.Context, u dialog.Update) ([]dialog.Reply, error) {
	defer i.observe(u, time.Now())
	replies, err := i.e.Handle(ctx, u)
	i.m.Updates.WithLabelValues(string(u.Channel), result(err)).Inc()
	return replies, err
}

// HandleTurn is the engine's HandleTurn with metrics.
func (i Instrumented) HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error) {
	defer i.observe(u, time.Now())
	t, err := i.e.HandleTurn(ctx, u)
	i.m.Updates.WithLabelValues(string(u.Channel), result(err)).Inc()
	return t, err
}

func (i Instrumented) observe(u dialog.Update, start time.Time) {
	i.m.Latency.WithLabelValues(string(u.Channel)).Observe(time.Since(start).Seconds())
}

func result(err error) string {
	if err != nil {
		return "error"
	}
	return "ok"
}
