package viber

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// WebhookPath is where the webhook handler is mounted.
const WebhookPath = "/viber/webhook"

// Acceptor takes an update durably under its de-duplication key and
// reports whether the key was new; *bots.Pipeline implements it.
type Acceptor interface {
	AcceptNew(ctx context.Context, key string, u dialog.Update) (bool, error)
}

var _ Acceptor = (*bots.Pipeline)(nil)

// SharedState is the state every replica sees (Redis in production).
type SharedState interface {
	vikno.KV
	vikno.Events
}

// Config wires a Bot. Token, Pipeline and Limiter are required.
type Config struct {
	Token string
	// APIURL is the Viber REST API root (default DefaultAPIURL).
	APIURL string
	// Name (at most 28 characters, default "Vikno") and Avatar (a URL)
	// are shown as the sender of every message.
	Name   string
	Avatar string
	// WebhookURL is registered with set_webhook at start; empty skips it.
	WebhookURL string

	Pipeline Acceptor
	// Limiter keeps the pacing limits, shared by every replica.
	Limiter vikno.RateLimiter
	Logger  *slog.Logger
	// HTTPClient talks to the API (default: NewHTTPClient).
	HTTPClient *http.Client
	// ChatLimit is the per-chat rate (default 1/s with bursts of 4);
	// GlobalRate the messages per second across chats (default 25).
	ChatLimit  vikno.Limit
	GlobalRate float64
	// WelcomeWait is how long the answer to conversation_started waits
	// for the engine's reply (default 4 s; Viber waits 5 s).
	WelcomeWait time.Duration
	// SlowWelcome gives, in the resident's language, the text of the
	// welcome answered when the engine's is not ready within WelcomeWait,
	// and the label of its one button, which asks for the answer again
	// (with the deep link's payload). Viber delivers nothing else to a
	// resident who has not subscribed, and a press subscribes them. Without
	// it such a conversation_started is answered with no welcome.
	SlowWelcome func(locale string) (text, button string)
	// SendAttempts bounds the attempts of one message (default 4);
	// RetryBackoff is the first wait after a failure, doubling (500 ms).
	SendAttempts int
	RetryBackoff time.Duration
	// Observe counts delivery receipts (delivered, seen, failed).
	Observe func(event string)
	// Shared, when set, keeps the keyboard last shown to each resident
	// (for the messages that come without one) and lets the welcome cross replicas: the replica that
	// answers conversation_started leaves a mark there, and the replica
	// whose turn produced the welcome publishes it to that one. Without it
	// the welcome is answered only when this replica ran the turn.
	Shared SharedState
	// Menu is the keyboard of a message without buttons to a resident
	// whose current keyboard is not known (see Shared): at least the way
	// back to the menu. Without it such a message has no keyboard.
	Menu []dialog.Button
	// Receipts, when set, records the message token of every notice sent
	// and what Viber reports about it (delivered, seen, failed), so that
	// the outbox knows how many residents a notice reached.
	Receipts notify.Receipts
}

func (c *Config) setDefaults() {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.Name == "" {
		c.Name = "Vikno"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.HTTPClient == nil {
		c.HTTPClient = NewHTTPClient()
	}
	if c.ChatLimit.Events <= 0 || c.ChatLimit.Per <= 0 {
		c.ChatLimit = vikno.Limit{Events: 1, Per: time.Second, Burst: 4}
	}
	if c.GlobalRate <= 0 {
		c.GlobalRate = 25
	}
	if c.WelcomeWait <= 0 {
		c.WelcomeWait = 4 * time.Second
	}
	if c.SendAttempts <= 0 {
		c.SendAttempts = 4
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 500 * time.Millisecond
	}
	if c.Observe == nil {
		c.Observe = func(string) {}
	}
}

func (c Config) validate() error {
	switch {
	case c.Token == "":
		return vikno.Errorf(vikno.EINVALID, "viber.token: empty (VIKNO_VIBER_TOKEN)")
	case c.Pipeline == nil || c.Limiter == nil:
		return vikno.Errorf(vikno.EINVALID, "viber: pipeline and limiter are required")
	case utf8.RuneCountInString(c.Name) > 28:
		return vikno.Errorf(vikno.EINVALID, "viber.name: at most 28 characters")
	}
	return nil
}

// Bot is one Viber bot: it takes signed callbacks into the message pipeline
// and sends the replies.
type Bot struct {
	cfg    Config
	client *Client
	sender *Sender
	log    *slog.Logger

	welcomes welcomes
	uri      atomic.Pointer[string]

	life context.Context // ends at the end of Close
	stop context.CancelFunc

	gate bots.Gate // callbacks in flight
	bg   sync.WaitGroup
}

// New returns a bot for cfg. It makes no network calls; Start does. Errors
// are EINVALID and name the configuration key.
func New(cfg Config) (*Bot, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger.With("channel", string(vikno.Viber))
	b := &Bot{cfg: cfg, log: log, client: &Client{BaseURL: cfg.APIURL, Token: cfg.Token, HTTP: cfg.HTTPClient}}
	b.sender = &Sender{
		bot: b, client: b.client, profile: Profile{Name: cfg.Name, Avatar: cfg.Avatar}, log: log,
		pacer:    &bots.Pacer{Limiter: cfg.Limiter, Prefix: "viber", Chat: cfg.ChatLimit, Global: bots.RateLimit(cfg.GlobalRate), Logger: log},
		attempts: cfg.SendAttempts, backoff: cfg.RetryBackoff,
	}
	b.life, b.stop = context.WithCancel(context.Background())
	return b, nil
}

// Sender returns the bot's sender, which also delivers notices.
func (b *Bot) Sender() *Sender { return b.sender }

// Client returns the bot's API client.
func (b *Bot) Client() *Client { return b.client }

// URI returns the account's public URI once get_account_info answered.
func (b *Bot) URI() string {
	if p := b.uri.Load(); p != nil {
		return *p
	}
	return ""
}

// Start registers the webhook (and learns the account's URI) in the
// background, retrying with backoff; failures are logged, never fatal.
func (b *Bot) Start() {
	b.bg.Add(1)
	go func() {
		defer b.bg.Done()
		b.setWebhook(b.life)
	}()
}

// setWebhook calls set_webhook until it succeeds or the bot closes. Viber
// checks the URL by posting a "webhook" callback to it first, so the HTTP
// server must be listening: the first attempt waits a moment.
func (b *Bot) setWebhook(ctx context.Context) {
	if b.cfg.WebhookURL == "" {
		b.log.Warn("viber webhook not registered: public_url is not set")
		return
	}
	for attempt := 0; ; attempt++ {
		if bots.Sleep(ctx, bots.Backoff(500*time.Millisecond, attempt, 5*time.Minute)) != nil {
			return
		}
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := b.client.SetWebhook(cctx, b.cfg.WebhookURL, EventTypes)
		cancel()
		if err == nil {
			b.log.Info("viber webhook registered", "url", b.cfg.WebhookURL)
			b.learnURI(ctx)
			return
		}
		if ctx.Err() != nil {
			return
		}
		b.log.Warn("viber set_webhook failed; retrying", "attempt", attempt+1, "err", err)
	}
}

func (b *Bot) learnURI(ctx context.Context) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	info, err := b.client.AccountInfo(cctx)
	if err != nil {
		b.log.Warn("viber get_account_info failed", "err", err)
		return
	}
	b.uri.Store(&info.URI)
}

// gone tells the engine, in the resident's order, that the resident cannot
// be reached (Viber refused a message to them). One update per minute at
// most: repeated refusals within it share a key.
func (b *Bot) gone(ctx context.Context, user string) {
	no := false
	minute := strconv.FormatInt(time.Now().Unix()/60, 10)
	u := dialog.Update{ID: "viber:gone:" + minute, Channel: vikno.Viber, UserID: user, Subscribed: &no}
	if _, err := b.cfg.Pipeline.AcceptNew(ctx, "viber:gone:"+user+":"+minute, u); err != nil {
		b.log.Warn("viber unreachable resident not recorded", "err", err)
	}
}

// Close refuses new callbacks (503, so Viber delivers them again), waits
// for those in flight and stops the background calls.
func (b *Bot) Close() error {
	first, drained := b.gate.Shut(10 * time.Second)
	if !first {
		return nil
	}
	if !drained {
		b.log.Warn("viber callbacks still in flight at close")
	}
	b.stop()
	b.bg.Wait()
	return nil
}
