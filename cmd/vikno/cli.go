package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/terminal"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/notify"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "dev"

const usage = `Vikno — the assistant of a city's CNAPs and hotline.

Usage:
  vikno serve   [--config FILE] [--addr HOST:PORT] [--data DIR] [--no-migrate]
  vikno chat    [--config FILE] [--data DIR] [--user ID] [--lang uk|en]
  vikno migrate [--config FILE] [--data DIR]
  vikno kb import|export|search|eval ...   (vikno kb for details)
  vikno qr      --out DIR [--location ID] [--windows] [--config FILE] [--data DIR]
  vikno managers invite --level 1|2|3 --scope ID | list | revoke ID   (vikno managers help)
  vikno users   add LOGIN --admin | passwd LOGIN | list | disable LOGIN   (vikno users help)
  vikno bench   [--target vikno|echo|both] [--mode closed|open] ...   (vikno bench --help)
  vikno version

Every setting can also come from a VIKNO_* environment variable
(VIKNO_DATABASE_URL, VIKNO_REDIS_URL, VIKNO_HTTP_ADDR, VIKNO_DATA_DIR, ...).
`

// env is what a subcommand gets besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	environ        []string
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr, environ: environ}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = e.serve(ctx, args[1:])
	case "chat":
		err = e.chat(ctx, args[1:])
	case "migrate":
		err = e.migrate(ctx, args[1:])
	case "kb":
		err = e.kb(ctx, args[1:])
	case "qr":
		err = e.qr(ctx, args[1:])
	case "managers":
		err = e.managers(ctx, args[1:])
	case "bench":
		err = e.bench(ctx, args[1:])
	case "users":
		err = e.users(ctx, args[1:])
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "vikno", Version)
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "vikno: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, userError(err))
		return 1
	}
	return 0
}

// common are the flags every command that opens the stores has.
type common struct {
	fs     *flag.FlagSet
	config string
	data   string
	addr   string
}

func newCommon(name string, stderr io.Writer) *common {
	c := &common{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.config, "config", "", "YAML configuration `file` (default: the embedded demo city)")
	c.fs.StringVar(&c.data, "data", "", "data `directory` of the embedded default (env VIKNO_DATA_DIR, default ./data)")
	return c
}

// load parses args and returns the configuration with flags applied last.
func (c *common) load(args []string, environ []string) (configs.Config, error) {
	if err := c.fs.Parse(args); err != nil {
		return configs.Config{}, err
	}
	cfg, err := configs.Load(c.config, environ)
	if err != nil {
		return configs.Config{}, err
	}
	if c.data != "" {
		cfg.DataDir = c.data
	}
	if c.addr != "" {
		cfg.HTTPAddr = c.addr
	}
	return cfg, cfg.Validate()
}

func (e env) serve(ctx context.Context, args []string) error {
	c := newCommon("serve", e.stderr)
	c.fs.StringVar(&c.addr, "addr", "", "listen `address` (env VIKNO_HTTP_ADDR, default 127.0.0.1:8080)")
	noMigrate := c.fs.Bool("no-migrate", false, "refuse to start on an old schema instead of migrating it")
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	m := NewMain(cfg, newLogger(e.stderr, cfg))
	m.NoMigrate = *noMigrate
	defer m.Close()
	if err := m.Run(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	m.Logger.Info("vikno shutting down")
	return nil
}

func (e env) chat(ctx context.Context, args []string) error {
	c := newCommon("chat", e.stderr)
	user := c.fs.String("user", "local", "resident `id` in the terminal channel")
	lang := c.fs.String("lang", "uk", "language of a new conversation: uk or en")
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if *lang != "uk" && *lang != "en" {
		return fmt.Errorf("--lang must be uk or en")
	}
	cfg.LogLevel = "warn"
	m := NewMain(cfg, newLogger(e.stderr, cfg))
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		return err
	}
	chat := &terminal.Chat{Handler: m.Handler, In: e.stdin, Out: e.stdout, UserID: *user, Locale: *lang, Texts: m.Texts}
	m.Engine.SetSender(vikno.Terminal, chat)
	// Notices pushed to this terminal user only: a chat next to a server
	// never takes another user's or another channel's messages.
	m.Outbox.Worker.Scope = notify.Scope{Channels: []vikno.Channel{vikno.Terminal}, UserID: chat.UserID}
	m.goBackground(m.Outbox.Worker.Run)
	return chat.Run(ctx)
}

func (e env) migrate(ctx context.Context, args []string) error {
	c := newCommon("migrate", e.stderr)
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database schema is at version %d\n", v)
	return nil
}
