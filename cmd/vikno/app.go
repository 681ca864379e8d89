package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/webchat"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/storage/memory"
	"github.com/vikno-city/vikno/storage/redis"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/web"
)

// store is what Main needs of a relational backend.
type store interface {
	vikno.ResidentStore
	cases.AppealNoticeStore[notify.Message]
	knowledge.ArticleStore
	notify.Store
	notify.Receipts
	notify.ProgressStore
	bots.Journal
	bots.History
	cases.VisitStore
	notify.VisitCancelStore
	cases.FeedbackStore[notify.Message]
	cases.InboxStore[notify.Message]
	webchat.Store
	webchat.Languages
	staff.Store
	cases.DocumentsStore
	cases.OutageStore
	cases.DashboardStore
	knowledge.UnansweredStore
	handoff.Store[notify.Message]
	Ping(ctx context.Context) error
	Close() error
	Migrate(ctx context.Context) (int64, error)
	CheckSchema(ctx context.Context) error
	Sessions() vikno.KV
	AdoptSessions(ctx context.Context, sessions []dialog.SessionRecord, ttl time.Duration) error
}

var _ store = (*sqlstore.DB)(nil)

// Main is the whole program, wired from its configuration. Tests boot it on
// 127.0.0.1:0 exactly as `vikno serve` does.
type Main struct {
	Config configs.Config
	Logger *slog.Logger
	// turns, when set, runs the messengers' updates in the pipeline instead
	// of the dialog engine (vikno bench --target pipeline).
	turns bots.TurnHandler
	// NoMigrate makes start-up check the schema instead of migrating it.
	NoMigrate bool
	// KBPoll overrides how often the knowledge index checks the database for
	// edits made by other processes (tests).
	KBPoll time.Duration
	// Now is the clock of bookings and the live queue (time.Now when nil);
	// tests fix it.
	Now func() time.Time

	Store     store
	Ephemeral vikno.Ephemeral
	// Texts is the built-in catalogue with the operator's texts_dir over it.
	Texts  *dialog.Catalog
	Engine *dialog.Engine
	// Handler is Engine with metrics: what channel adapters call.
	Handler web.Instrumented
	// Pipeline journals the messengers' updates and handles them in order
	// per resident, across replicas.
	Pipeline *bots.Pipeline
	// Outbox queues notices; its worker delivers them through the engine's
	// channel senders.
	Outbox    *notify.Outbox
	visits    *cases.Visits        // nil until openVisits; the rating flow finds attended visits in it
	outages   *notify.Outages      // set by openNotices, before the admin that posts them
	appeals   *cases.AppealService // nil until openAppeals; the admin's appeals board works with it
	photos    channelPhotos        // channels that fetch residents' photos for the admin web
	Knowledge *knowledge.Service
	Metrics   *web.Metrics
	HTTP      *web.Server

	// closers run first on Close, newest first: channels and workers that
	// must stop before the stores close.
	closers []func() error
	// mounts add feature handlers to the HTTP server when it is created.
	mounts []func(*web.Server)

	// operators is the operators' desk, from openOperators.
	operators *handoff.Desk[notify.Message]
}

// onClose registers fn to run when Main closes.
func (m *Main) onClose(fn func() error) { m.closers = append(m.closers, fn) }

// NewMain returns a program for cfg that logs to logger.
func NewMain(cfg configs.Config, logger *slog.Logger) *Main {
	return &Main{Config: cfg, Logger: logger}
}

// Open connects the stores, migrates the schema and builds the engine.
func (m *Main) Open(ctx context.Context) error {
	texts, err := loadTexts(m.Config)
	if err != nil {
		return err
	}
	m.Texts = texts
	if err := m.openStores(ctx); err != nil {
		return err
	}
	m.Metrics = web.NewMetrics()
	m.Engine = dialog.New(dialog.Config{
		Residents:  m.Store,
		KV:         m.sessionKV(),
		Catalog:    m.Texts,
		SessionTTL: m.Config.SessionTTL,
		Logger:     m.Logger,
		Hotline:    m.Config.City.Hotline,
	})
	m.Handler = m.Metrics.Instrument(m.Engine)
	w := &notify.Worker{
		Store: m.Store, Senders: m.Engine, Logger: m.Logger,
		Observe: func(kind, result string) { m.Metrics.Outbox.WithLabelValues(kind, result).Inc() },
	}
	m.Outbox = &notify.Outbox{Store: m.Store, Engine: m.Engine, Worker: w}
	var turns bots.TurnHandler = m.Handler
	if m.turns != nil {
		turns = m.turns
	}
	m.Pipeline = bots.New(bots.Config{
		Journal: m.Store, Leases: m.Ephemeral, Handler: turns, Deliver: w, Senders: m.Engine, Logger: m.Logger,
		SessionsInJournal: true, // see sessionKV
	})
	return m.openFeatures(ctx)
}

// startWorkers runs the outbox worker and the pipeline's sweeper until
// Close. They start once the channels have registered their senders, so
// that a process takes only messages it can send; Close stops them before
// the channels.
func (m *Main) startWorkers() {
	m.goBackground(m.Outbox.Worker.Run)
	if m.outages != nil {
		m.goBackground(m.outages.Run)
	}
	m.goBackground(m.Pipeline.Run)
	m.onClose(func() error { m.Pipeline.Close(); return nil })
}

// goBackground runs fn until Close cancels its context, and waits for it.
func (m *Main) goBackground(fn func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := fn(ctx); err != nil && ctx.Err() == nil {
			m.Logger.Error("background worker stopped", "err", err)
		}
	}()
	m.onClose(func() error {
		cancel()
		<-done
		return nil
	})
}

func (m *Main) openStores(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s, err := openStore(ctx, m.Config)
	if err != nil {
		return err
	}
	m.Store = s
	if m.NoMigrate {
		err = s.CheckSchema(ctx)
	} else {
		_, err = s.Migrate(ctx)
	}
	if err != nil {
		return err
	}
	if m.Config.RedisURL != "" {
		r, err := redis.Open(ctx, m.Config.RedisURL, m.Config.RedisPrefix)
		if err != nil {
			return err
		}
		m.Ephemeral = r
		return m.adoptRedisSessions(ctx, r)
	}
	m.Ephemeral = memory.New()
	return nil
}

// adoptRedisSessions moves the conversations that versions before the
// sessions moved into the database kept in Redis, so that an upgrade
// leaves every resident's conversation where it was. It finds nothing to
// move after the first start.
func (m *Main) adoptRedisSessions(ctx context.Context, r *redis.Store) error {
	n, err := r.MoveAll(ctx, dialog.SessionKeyPrefix, func(batch []redis.Moved) error {
		recs := make([]dialog.SessionRecord, len(batch))
		for i, b := range batch {
			recs[i] = dialog.SessionRecord{Key: b.Key, Value: b.Value, TTL: b.TTL}
		}
		return m.Store.AdoptSessions(ctx, recs, m.Config.SessionTTL)
	})
	if n > 0 {
		m.Logger.Info("conversations moved from Redis into the database", "sessions", n)
	}
	if err != nil {
		return fmt.Errorf("move sessions from redis: %w", err)
	}
	return nil
}

// sessionKV is where conversations are kept: in the database, on either
// store, so that a turn's session is committed in the transaction that
// stores its replies and marks its update handled (a crash keeps both or
// neither), and a restart keeps every conversation where it was.
func (m *Main) sessionKV() vikno.KV { return m.Store.Sessions() }

func openStore(ctx context.Context, cfg configs.Config) (store, error) {
	url := cfg.DatabaseURL
	if !configs.IsPostgresURL(url) {
		url = cfg.SQLitePath()
	}
	return sqlstore.Open(ctx, url)
}

// Run opens everything and starts serving HTTP in the background; it returns
// once the listener is up. Close stops it.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Open(ctx); err != nil {
		return err
	}
	m.HTTP = web.NewServer(m.Config.HTTPAddr, m.Logger, m.Metrics)
	m.HTTP.Checks = []web.Check{
		{Name: "database", Ping: m.Store.Ping},
		{Name: "ephemeral", Ping: m.Ephemeral.Ping},
	}
	m.mountAPIs()
	if err := m.startChannels(ctx); err != nil {
		return err
	}
	m.startWorkers()
	if err := m.HTTP.Open(); err != nil {
		return err
	}
	m.Logger.Info("vikno serving", "addr", m.HTTP.URL(), "database", backendName(m.Config), "ephemeral", ephemeralName(m.Config))
	return nil
}

// Close shuts the server down gracefully and closes the stores.
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	if m.HTTP != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		errs = append(errs, m.HTTP.Shutdown(ctx))
		cancel()
	}
	if m.Ephemeral != nil {
		errs = append(errs, m.Ephemeral.Close())
	}
	if m.Store != nil {
		errs = append(errs, m.Store.Close())
	}
	return errors.Join(errs...)
}

func backendName(cfg configs.Config) string {
	if configs.IsPostgresURL(cfg.DatabaseURL) {
		return "postgres"
	}
	return "sqlite"
}

func ephemeralName(cfg configs.Config) string {
	if cfg.RedisURL != "" {
		return "redis"
	}
	return "memory"
}

// newLogger returns the process logger: JSON (or text) on w at the level set.
func newLogger(w io.Writer, cfg configs.Config) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// userError formats an error for the operator's terminal: each error of a
// joined one (every file a `kb import` refuses) on a line of its own.
func userError(err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		lines := make([]string, 0, len(j.Unwrap()))
		for _, e := range j.Unwrap() {
			lines = append(lines, userError(e))
		}
		return strings.Join(lines, "\n")
	}
	var e *vikno.Error
	if errors.As(err, &e) {
		return "vikno: " + e.Message
	}
	return fmt.Sprintf("vikno: %v", err)
}
