package telegram

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
)

// Modes of receiving updates.
const (
	ModeWebhook = "webhook"
	ModePolling = "polling"
)

// WebhookPath is where the webhook handler is mounted.
const WebhookPath = "/telegram/webhook"

// State is the shared ephemeral state the channel needs: rate limits and
// short-lived values (whether a chat shows a request keyboard).
type State interface {
	vikno.KV
	vikno.RateLimiter
}

// Acceptor takes an update durably under its de-duplication key;
// *bots.Pipeline implements it.
type Acceptor interface {
	Accept(ctx context.Context, key string, u dialog.Update) error
}

// Config wires a Bot. Token, Pipeline and State are required.
type Config struct {
	Token string
	// APIURL is the Bot API server (default https://api.telegram.org).
	APIURL string
	// Mode is ModeWebhook or ModePolling (default).
	Mode string
	// WebhookSecret is checked on every webhook call; required in webhook
	// mode (1–256 characters of A-Z a-z 0-9 _ -).
	WebhookSecret string
	// WebhookURL is registered with setWebhook at start; empty skips it.
	WebhookURL string
	// GlobalRate is the messages per second across all chats (default 25).
	GlobalRate float64
	// ChatLimit is the per-chat rate (default 1/s with bursts of 4).
	ChatLimit vikno.Limit

	// Pipeline takes each decoded update durably (bots.Pipeline): the
	// webhook answers as soon as the update is journaled, and the pipeline
	// handles it in order per resident, across replicas, and sends the
	// replies. A resident who blocked the bot reaches it as an update too.
	Pipeline Acceptor
	State    State
	Logger   *slog.Logger
	// Texts gives the descriptions of the command menu (default: the
	// built-in catalogue).
	Texts *dialog.Catalog
	// Commands are the names of the command menu, in order (default:
	// start, menu, help, cancel, lang); Engine.Commands gives them all.
	Commands []string
	// HTTPClient talks to the Bot API (default: a pooled client).
	HTTPClient *http.Client

	// MaxConcurrent bounds the webhook connections Telegram opens and the
	// API client's connection pool (default 64).
	MaxConcurrent int
	// PollTimeout is the long-polling timeout (default 30 s).
	PollTimeout time.Duration
	// AcceptTimeout bounds taking one update into the journal (default
	// 55 s).
	AcceptTimeout time.Duration
	// MaxRetryAfter is the longest 429 wait a send accepts before giving up
	// (default 30 s); the caller (Telegram's redelivery, the outbox) then
	// retries later.
	MaxRetryAfter time.Duration
	// RetryBackoff is the first wait after a 5xx or network error; it
	// doubles on each attempt (default 500 ms). SendAttempts bounds the
	// attempts of one message (default 5).
	RetryBackoff time.Duration
	SendAttempts int
}

func (c *Config) setDefaults() {
	if c.Texts == nil {
		c.Texts = dialog.DefaultCatalog()
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.telegram.org"
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if c.Mode == "" {
		c.Mode = ModePolling
	}
	if c.GlobalRate <= 0 {
		c.GlobalRate = 25
	}
	if c.ChatLimit.Events <= 0 || c.ChatLimit.Per <= 0 {
		c.ChatLimit = vikno.Limit{Events: 1, Per: time.Second, Burst: 4}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 64
	}
	if c.HTTPClient == nil {
		c.HTTPClient = newHTTPClient(c.MaxConcurrent)
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 30 * time.Second
	}
	if c.AcceptTimeout <= 0 {
		c.AcceptTimeout = 55 * time.Second
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = 30 * time.Second
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 500 * time.Millisecond
	}
	if c.SendAttempts <= 0 {
		c.SendAttempts = 5
	}
}

func (c Config) validate() error {
	switch {
	case c.Pipeline == nil || c.State == nil:
		return vikno.Errorf(vikno.EINVALID, "telegram: pipeline and state are required")
	case c.Mode != ModeWebhook && c.Mode != ModePolling:
		return vikno.Errorf(vikno.EINVALID, "telegram.mode: must be webhook or polling")
	case c.Mode == ModeWebhook && !validSecret(c.WebhookSecret):
		return vikno.Errorf(vikno.EINVALID, "telegram.webhook_secret: webhook mode needs 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return nil
}

func validSecret(s string) bool {
	if len(s) == 0 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// Bot is one Telegram bot: it receives updates (webhook or polling), runs
// them through the dialog handler and sends the replies.
type Bot struct {
	cfg    Config
	api    *telego.Bot
	id     string // the bot's user id, the token's first part
	log    *slog.Logger
	sender *Sender

	username atomic.Pointer[string]

	life     context.Context // ends at the end of Close
	stop     context.CancelFunc
	stopPoll context.CancelFunc

	gate bots.Gate // webhook calls and polled batches in flight
	bg   sync.WaitGroup
}

// New returns a bot for cfg. It makes no network calls; Start does. Errors
// are EINVALID and name the configuration key.
func New(cfg Config) (*Bot, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	api, err := telego.NewBot(cfg.Token,
		telego.WithAPICaller(caller{client: cfg.HTTPClient}),
		telego.WithAPIServer(cfg.APIURL),
		telego.WithDiscardLogger(),
	)
	if errors.Is(err, telego.ErrEmptyToken) || errors.Is(err, telego.ErrInvalidToken) {
		return nil, vikno.Errorf(vikno.EINVALID, "telegram.token: not a bot token (expected 123456:ABC... from BotFather)")
	}
	if err != nil {
		return nil, vikno.Errorf(vikno.EINVALID, "telegram: %v", err)
	}
	id, _, _ := strings.Cut(cfg.Token, ":")
	log := cfg.Logger.With("channel", string(vikno.Telegram))
	b := &Bot{
		cfg: cfg, api: api, id: id, log: log,
		sender: &Sender{
			api: api, state: cfg.State, pipeline: cfg.Pipeline, botID: id, log: log,
			pacer:         &bots.Pacer{Limiter: cfg.State, Prefix: "tg:" + id, Chat: cfg.ChatLimit, Global: bots.RateLimit(cfg.GlobalRate), Logger: log},
			maxRetryAfter: cfg.MaxRetryAfter, backoff: cfg.RetryBackoff, attempts: cfg.SendAttempts,
		},
	}
	b.life, b.stop = context.WithCancel(context.Background())
	b.stopPoll = func() {}
	return b, nil
}

// Sender returns the bot's sender, which also delivers notices.
func (b *Bot) Sender() *Sender { return b.sender }

// Username returns the bot's username once getMe has answered, else "".
func (b *Bot) Username() string {
	if p := b.username.Load(); p != nil {
		return *p
	}
	return ""
}

// DeepLink returns https://t.me/<bot>?start=<payload>, or "" while the
// username is unknown.
func (b *Bot) DeepLink(payload string) string {
	u := b.Username()
	if u == "" {
		return ""
	}
	return "https://t.me/" + u + "?start=" + payload
}

// Start makes the start-up calls in the background (setMyCommands, getMe,
// setWebhook in webhook mode) and, in polling mode, starts polling until ctx
// ends or Close. Start-up failures are logged, never fatal.
func (b *Bot) Start(ctx context.Context) {
	b.goBackground(b.introduce)
	if b.cfg.Mode == ModeWebhook {
		b.goBackground(b.setWebhook)
		return
	}
	pctx, cancel := context.WithCancel(ctx)
	b.stopPoll = cancel
	b.bg.Add(1)
	go func() {
		defer b.bg.Done()
		b.poll(pctx)
	}()
}

func (b *Bot) goBackground(fn func(ctx context.Context)) {
	b.bg.Add(1)
	go func() {
		defer b.bg.Done()
		fn(b.life)
	}()
}

// drainTimeout is how long Close waits for updates in flight.
const drainTimeout = 10 * time.Second

// Close stops polling, refuses new webhook calls (503, so Telegram
// redelivers them elsewhere or later), waits for updates in flight and
// stops the background calls.
func (b *Bot) Close() error {
	b.stopPoll()
	first, drained := b.gate.Shut(drainTimeout)
	if !first {
		return nil
	}
	if !drained {
		b.log.Warn("telegram updates still in flight at close")
	}
	b.stop()
	b.bg.Wait()
	return nil
}

// introduce sets the command menu and learns the bot's username.
func (b *Bot) introduce(ctx context.Context) {
	b.setCommands(ctx)
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		me, err := b.api.GetMe(cctx)
		cancel()
		if err == nil {
			name := me.Username
			b.username.Store(&name)
			b.log.Info("telegram bot connected", "bot", name, "mode", b.cfg.Mode)
			return
		}
		if ctx.Err() != nil {
			return
		}
		b.log.Warn("telegram getMe failed", "attempt", attempt+1, "err", err)
		if bots.Sleep(ctx, bots.Backoff(time.Second, attempt, 5*time.Minute)) != nil {
			return
		}
	}
}

// commands is the bot's command menu in a locale, described by the
// catalogue's command.<name> texts.
func (b *Bot) commands(locale string) []telego.BotCommand {
	var cmds []telego.BotCommand
	names := b.cfg.Commands
	if len(names) == 0 {
		names = []string{"start", "menu", "help", "cancel", "lang"}
	}
	for _, name := range names {
		cmds = append(cmds, telego.BotCommand{Command: name, Description: b.cfg.Texts.String(locale, "command."+name)})
	}
	return cmds
}

// setCommands sets the command menu for each language Telegram may report
// ("" is the default, in Ukrainian).
func (b *Bot) setCommands(ctx context.Context) {
	for _, lang := range []string{"", dialog.UK, dialog.EN} {
		locale := lang
		if locale == "" {
			locale = dialog.UK
		}
		cmds := b.commands(locale)
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := b.api.SetMyCommands(cctx, &telego.SetMyCommandsParams{Commands: cmds, LanguageCode: lang})
		cancel()
		if err != nil {
			b.log.Warn("telegram setMyCommands failed", "language", lang, "err", err)
			return
		}
	}
}

// setWebhook registers the webhook URL and secret with a few retries.
func (b *Bot) setWebhook(ctx context.Context) {
	if b.cfg.WebhookURL == "" {
		b.log.Warn("telegram webhook not registered: public_url is not set")
		return
	}
	params := &telego.SetWebhookParams{
		URL: b.cfg.WebhookURL, SecretToken: b.cfg.WebhookSecret,
		AllowedUpdates: allowedUpdates, MaxConnections: min(b.cfg.MaxConcurrent, 100),
	}
	const attempts = 5
	for attempt := 0; attempt < attempts; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := b.api.SetWebhook(cctx, params)
		cancel()
		if err == nil {
			b.log.Info("telegram webhook registered", "url", b.cfg.WebhookURL)
			return
		}
		if ctx.Err() != nil {
			return
		}
		b.log.Warn("telegram setWebhook failed", "attempt", attempt+1, "err", err)
		if bots.Sleep(ctx, bots.Backoff(time.Second, attempt, time.Minute)) != nil {
			return
		}
	}
	b.log.Error("telegram webhook not registered; residents get no answers until it is", "url", b.cfg.WebhookURL)
}
