package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/load"
)

const benchUsage = `vikno bench — load on the Telegram webhook path, against a fake Bot API on loopback.

Usage:
  vikno bench [--target vikno|echo|pipeline|both] [--mode closed|open] [--workers N] [--rate N]
              [--chats N] [--duration D] [--await D] [--scripts faq,appeal,booking]
              [--replicas N] [--config FILE]

Simulated residents play conversations (FAQ questions, appeals, bookings) on
POST /telegram/webhook. Each result line gives updates/s, the time from the
webhook request to the first sendMessage to that chat (p50/p99/p999), the
webhook acknowledgement time, errors, and the Bot API requests the bot made
per update (by method). A resident waits --await for an
awaited reply or button before the conversation counts as abandoned. --target echo runs a minimal telego
echo bot on the same path: the floor to compare with. --target pipeline runs
the whole program with the dialog step replaced by an echo of the message (the
journal, the resident's lease, the stored reply, the paced send and the "sent"
mark stay): what the pipeline itself costs. VIKNO_DATABASE_URL and
VIKNO_REDIS_URL select PostgreSQL and Redis; by default a temporary SQLite
file and in-process state are used. --replicas N starts N replicas sharing
PostgreSQL and Redis and sends the updates to them in turn. Telegram's global 30 messages/s cap is
lifted (--global-rate) so that the path is measured, not the cap.
`

// benchSecret is the webhook secret of the benchmark's bots.
const benchSecret = "vikno-bench-secret"

func (e env) bench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprint(e.stderr, benchUsage) }
	var (
		o          load.Options
		target     = fs.String("target", "both", "vikno, echo, pipeline or both (echo and vikno)")
		scripts    = fs.String("scripts", "", "comma-separated scripts (faq, appeal, booking); default a mix")
		configFile = fs.String("config", "", "configuration file")
		globalRate = fs.Float64("global-rate", 1e6, "messages/s across all chats")
		cpuProfile = fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
		memProfile = fs.String("memprofile", "", "write a heap profile (allocations of the run) to this file")
		replicas   = fs.Int("replicas", 1, "Vikno replicas sharing PostgreSQL and Redis, updates sent to them in turn")
	)
	fs.StringVar(&o.Mode, "mode", "closed", "closed (workers back to back) or open (fixed rate)")
	fs.IntVar(&o.Workers, "workers", 16, "closed loop: residents talking at once")
	fs.Float64Var(&o.Rate, "rate", 1000, "open loop: updates offered per second")
	fs.IntVar(&o.Chats, "chats", 1000, "residents talking (closed loop: spread over the workers)")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "how long load is offered")
	fs.DurationVar(&o.Await, "await", 5*time.Second, "how long a resident waits for an awaited reply")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.Mode != "closed" && o.Mode != "open" || o.Workers < 1 || o.Rate <= 0 || o.Chats < 1 || o.Duration <= 0 || o.Await <= 0 || *replicas < 1 {
		return fmt.Errorf("bench: --mode closed|open, --workers, --rate, --chats, --duration, --await and --replicas must be positive")
	}
	for _, s := range strings.Split(*scripts, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if _, ok := load.Scripts[s]; !ok {
			return fmt.Errorf("bench: unknown script %q (faq, appeal, booking)", s)
		}
		o.Scripts = append(o.Scripts, s)
	}
	targets := map[string][]string{"vikno": {"vikno"}, "echo": {"echo"}, "pipeline": {"pipeline"}, "both": {"echo", "vikno"}}[*target]
	if targets == nil {
		return fmt.Errorf("bench: --target must be vikno, echo, pipeline or both")
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer writeHeapProfile(e.stderr, *memProfile)
	}
	for _, name := range targets {
		res, err := e.benchTarget(ctx, name, *configFile, *globalRate, *replicas, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "target=%s mode=%s %s\n", name, o.Mode, res.Report())
	}
	return nil
}

// benchTarget starts one target (Vikno in replicas processes' worth of
// replicas) with its own fake Bot API and loads it.
func (e env) benchTarget(ctx context.Context, name, configFile string, globalRate float64, replicas int, o load.Options) (load.Result, error) {
	fake := telegramtest.Start()
	defer fake.Close()
	t := load.Target{Secret: benchSecret, Fake: fake}
	if name == "echo" {
		o.AnyReply = true
		url, stop, err := startEchoBot(fake.URL)
		if err != nil {
			return load.Result{}, err
		}
		defer stop()
		t.URL = url
		return load.Run(ctx, t, o), nil
	}
	var turns bots.TurnHandler
	if name == "pipeline" {
		o.AnyReply = true
		turns = echoTurns{}
	}
	for range replicas {
		url, stop, err := e.startViknoBot(ctx, fake.URL, configFile, globalRate, replicas > 1, turns)
		if err != nil {
			return load.Result{}, err
		}
		defer stop()
		t.URLs = append(t.URLs, url)
	}
	return load.Run(ctx, t, o), nil
}

// benchPINKey hashes the PINs of the bench's appeals.
const benchPINKey = "vikno-bench-pin-key-not-a-secret-0123456789"

// startViknoBot boots the whole program in webhook mode on a free port;
// shared asks for a replica of several (PostgreSQL and Redis required).
func (e env) startViknoBot(ctx context.Context, apiURL, configFile string, globalRate float64, shared bool, turns bots.TurnHandler) (string, func(), error) {
	cfg, err := configs.Load(configFile, e.environ)
	if err != nil {
		return "", nil, err
	}
	if shared && (!sqlstore.IsPostgresURL(cfg.DatabaseURL) || cfg.RedisURL == "") {
		return "", nil, fmt.Errorf("bench: several replicas share PostgreSQL and Redis: set VIKNO_DATABASE_URL and VIKNO_REDIS_URL")
	}
	cfg.HTTPAddr = "127.0.0.1:0"
	dir, err := os.MkdirTemp("", "vikno-bench-")
	if err != nil {
		return "", nil, err
	}
	cfg.DataDir = dir
	cfg.Telegram.Token = telegramtest.Token
	cfg.Telegram.APIURL = apiURL
	cfg.Telegram.Mode = telegram.ModeWebhook
	cfg.Telegram.WebhookSecret = benchSecret
	cfg.Telegram.GlobalRate = globalRate
	cfg.PublicURL = "https://vikno.example/"
	if cfg.PINKey == "" {
		// As a deployment on PostgreSQL sets VIKNO_PIN_KEY, the same on
		// every replica (without one PINs fall back to bcrypt).
		cfg.PINKey = benchPINKey
	}
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	m.turns = turns
	stop := func() {
		m.Close()
		os.RemoveAll(dir)
	}
	if err := m.Run(ctx); err != nil {
		stop()
		return "", nil, err
	}
	return m.HTTP.URL() + telegram.WebhookPath, stop, nil
}

// startEchoBot serves a minimal telego bot that answers every message and
// button press with one message: the floor of the webhook path.
func startEchoBot(apiURL string) (string, func(), error) {
	bot, err := telego.NewBot(telegramtest.Token, telego.WithAPIServer(apiURL), telego.WithDiscardLogger())
	if err != nil {
		return "", nil, fmt.Errorf("echo bot: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("echo bot: %w", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(telegram.SecretHeader) != benchSecret {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var up telego.Update
		body, _ := io.ReadAll(io.LimitReader(r.Body, telegram.MaxBody))
		if err := json.Unmarshal(body, &up); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		chat, text := echoOf(up)
		if chat != 0 {
			if _, err := bot.SendMessage(r.Context(), &telego.SendMessageParams{ChatID: telego.ChatID{ID: chat}, Text: text}); err != nil {
				http.Error(w, "send failed", http.StatusInternalServerError)
				return
			}
		}
	})}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + telegram.WebhookPath, func() { srv.Close() }, nil
}

// echoOf returns the chat to answer and the text to echo.
func echoOf(up telego.Update) (int64, string) {
	switch {
	case up.Message != nil:
		text := up.Message.Text
		if text == "" {
			text = "ok"
		}
		return up.Message.Chat.ID, text
	case up.CallbackQuery != nil:
		return up.CallbackQuery.From.ID, up.CallbackQuery.Data
	}
	return 0, ""
}

// echoTurns is the dialog step of --target pipeline: one reply echoing the
// message or the pressed button, no session, no resident row.
type echoTurns struct{}

func (echoTurns) HandleTurn(_ context.Context, u dialog.Update) (dialog.Turn, error) {
	text := u.Text
	if u.Action != "" {
		text = u.Action
	}
	if text == "" {
		text = "ok"
	}
	return dialog.Turn{Replies: []dialog.Reply{{Text: dialog.Plain(text)}}}, nil
}

// writeHeapProfile writes the heap profile (with every allocation the run
// made) to path; a failure is only reported, the run's figures stand.
func writeHeapProfile(stderr io.Writer, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: memprofile: %v\n", err)
	}
}
