package webchat

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// Prefix is where the chat is mounted.
const Prefix = "/chat/"

// Limits of what a page may post.
const (
	MaxBody = 16 << 10
	MaxText = 2000 // characters
)

// cookieName holds the resident's secret.
const cookieName = "vikno_chat"

// Accepter journals an update for the engine; *bots.Pipeline implements it.
type Accepter interface {
	Accept(ctx context.Context, key string, u dialog.Update) error
}

// Languages tells the language the bot speaks with a resident; the SQL
// store implements it.
type Languages interface {
	// ResidentLocale returns the resident's saved language ("uk", "en",
	// "" for none); ENOTFOUND for an unknown resident.
	ResidentLocale(ctx context.Context, ch vikno.Channel, externalID string) (string, error)
}

// Config wires the web chat.
type Config struct {
	Pipeline Accepter
	Store    Store
	// Languages, when set, makes the page speak the language the resident
	// chose in the conversation (nil: the browser's or the address's).
	Languages Languages
	// Events wakes pages on other replicas (nil: this replica only; pages
	// elsewhere see new messages at their next poll).
	Events vikno.Events
	// Limits rate-limits posts per address and per resident (nil: none).
	Limits vikno.RateLimiter
	// Origins may embed the chat (widget.js) besides the chat's own.
	Origins []string
	// Secure marks the cookie Secure (the site is served over HTTPS).
	Secure bool
	// Keep is how long conversations are kept (default 30 days).
	Keep time.Duration
	// Poll is how often an open page looks for messages in the store when
	// no wake-up came (default 2 s; 10 s with Events, whose wake-ups are
	// lost only while a replica reconnects); Stream is how long one event
	// stream lasts before the browser reconnects (default 5 min).
	Poll, Stream time.Duration
	Logger       *slog.Logger
	Now          func() time.Time
}

// Per-address and per-resident post rates: a person clicking through a
// flow quickly passes, a script does not. An address may be a whole office
// behind one NAT, so it gets more.
var (
	ipLimit       = vikno.Limit{Events: 240, Per: time.Minute, Burst: 80}
	residentLimit = vikno.Limit{Events: 40, Per: time.Minute, Burst: 30}
)

// Chat is the web channel: its HTTP handler and its sender.
type Chat struct {
	cfg    Config
	hub    *hub
	sender *Sender
	mux    *http.ServeMux
	page   *template.Template
}

//go:embed static
var static embed.FS

// New returns the web chat.
func New(cfg Config) *Chat {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Keep <= 0 {
		cfg.Keep = 30 * 24 * time.Hour
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 2 * time.Second
		if cfg.Events != nil {
			cfg.Poll = 10 * time.Second
		}
	}
	if cfg.Stream <= 0 {
		cfg.Stream = 5 * time.Minute
	}
	c := &Chat{cfg: cfg, hub: newHub(), mux: http.NewServeMux()}
	c.sender = &Sender{store: cfg.Store, events: cfg.Events, hub: c.hub, log: cfg.Logger}
	c.page = template.Must(template.ParseFS(static, "static/index.html"))
	assets, _ := fs.Sub(static, "static")
	c.mux.HandleFunc("GET /chat/{$}", c.serveIndex)
	c.mux.Handle("GET /chat/static/", http.StripPrefix("/chat/static/", noIndex(http.FileServerFS(assets))))
	c.mux.HandleFunc("GET /chat/widget.js", c.serveWidget)
	c.mux.HandleFunc("POST /chat/api/send", c.serveSend)
	c.mux.HandleFunc("GET /chat/api/events", c.serveEvents)
	c.mux.HandleFunc("POST /chat/api/photo", c.servePhoto)
	c.mux.HandleFunc("GET /chat/api/photo/{id}", c.servePhotoFile)
	return c
}

// Sender delivers the bot's messages to web residents.
func (c *Chat) Sender() *Sender { return c.sender }

// ServeHTTP implements http.Handler for everything under Prefix.
func (c *Chat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	c.mux.ServeHTTP(w, r)
}

// Run wakes this replica's pages when another replica stored messages for
// them, and purges old conversations, until ctx ends.
func (c *Chat) Run(ctx context.Context) error {
	var wake <-chan []byte
	if c.cfg.Events != nil {
		ch, err := c.cfg.Events.Subscribe(ctx, topic)
		if err != nil {
			c.cfg.Logger.Warn("web chat events unavailable; pages poll", "err", err)
		}
		wake = ch
	}
	purge := time.NewTicker(time.Hour)
	defer purge.Stop()
	c.purge(ctx)
	for {
		select {
		case <-ctx.Done():
			return nil
		case user, ok := <-wake:
			if !ok {
				wake = nil
				continue
			}
			c.hub.notify(string(user))
		case <-purge.C:
			c.purge(ctx)
		}
	}
}

func (c *Chat) purge(ctx context.Context) {
	if _, err := c.cfg.Store.PurgeWebChat(ctx, c.cfg.Now().Add(-c.cfg.Keep)); err != nil && ctx.Err() == nil {
		c.cfg.Logger.Warn("web chat purge failed", "err", err)
	}
}

// serveIndex renders the page in the visitor's language and gives a new
// visitor their cookie. The page may be framed only by the chat's own
// origin and the configured ones.
func (c *Chat) serveIndex(w http.ResponseWriter, r *http.Request) {
	user, known := c.resident(r)
	if !known {
		c.setCookie(w, newSecret())
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'self'"+c.frameAncestors())
	lang := "uk"
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Accept-Language")), "en") {
		lang = "en"
	}
	if l := r.URL.Query().Get("lang"); l == "uk" || l == "en" {
		lang = l
	}
	if known {
		// The language the resident chose in the conversation wins over
		// the browser's and the embedding site's.
		lang = cmpOr(c.residentLang(r.Context(), user), lang)
	}
	if err := c.page.Execute(w, map[string]any{"Lang": lang, "Embed": r.URL.Query().Get("embed") == "1"}); err != nil {
		c.cfg.Logger.Warn("web chat page failed", "err", err)
	}
}

// residentLang returns the language the bot speaks with user ("uk", "en"),
// or "" when it is not known.
func (c *Chat) residentLang(ctx context.Context, user string) string {
	if c.cfg.Languages == nil {
		return ""
	}
	l, err := c.cfg.Languages.ResidentLocale(ctx, vikno.Web, user)
	if err != nil && !vikno.IsNotFound(err) && ctx.Err() == nil {
		c.cfg.Logger.Warn("web chat resident language unavailable", "err", err)
	}
	if err != nil || (l != "uk" && l != "en") {
		return ""
	}
	return l
}

func (c *Chat) frameAncestors() string {
	var b strings.Builder
	for _, o := range c.cfg.Origins {
		if validOrigin(o) {
			b.WriteString(" " + o)
		}
	}
	return b.String()
}

// validOrigin reports whether o can go into the header as one source (the
// configuration checks the form of origins; this keeps the header whole).
func validOrigin(o string) bool {
	return (strings.HasPrefix(o, "https://") || strings.HasPrefix(o, "http://")) && !strings.ContainsAny(o, " \t\r\n;,'\"")
}

// serveWidget is the script a city site embeds: a button opening the chat
// in a frame.
func (c *Chat) serveWidget(w http.ResponseWriter, r *http.Request) {
	data, err := static.ReadFile("static/widget.js")
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(data)
}

// post is what the page sends.
type post struct {
	// ID is the page's id of the message; a repeated post (a double click,
	// a retry after a lost answer) is handled once.
	ID       string           `json:"id"`
	Text     string           `json:"text"`
	Action   string           `json:"action"`
	Label    string           `json:"label"`
	Location *dialog.Location `json:"location"`
	// Start carries the deep-link payload of the page's address (?start=),
	// or "" for the first visit's greeting, when Begin is true.
	Start string `json:"start"`
	Begin bool   `json:"begin"`
	// Locale is the page's language ("uk", "en"), which the visitor may
	// have chosen over the browser's.
	Locale string `json:"locale"`
}

var postID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// serveSend journals a post for the engine and stores what the resident
// wrote for the page's history. 202: accepted; the answer comes on the
// event stream.
func (c *Chat) serveSend(w http.ResponseWriter, r *http.Request) {
	user, ok := c.resident(r)
	if !ok {
		apiError(w, http.StatusUnauthorized, "no chat session: reload the page")
		return
	}
	if !sameOrigin(r) {
		apiError(w, http.StatusForbidden, "cross-origin post")
		return
	}
	if mt := r.Header.Get("Content-Type"); !strings.HasPrefix(mt, "application/json") {
		apiError(w, http.StatusUnsupportedMediaType, "send JSON")
		return
	}
	if !c.allow(w, r, user) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		apiError(w, http.StatusRequestEntityTooLarge, "message too long")
		return
	case err != nil:
		apiError(w, http.StatusBadRequest, "unreadable body")
		return
	case !utf8.Valid(body):
		apiError(w, http.StatusBadRequest, "text is not valid UTF-8")
		return
	}
	var p post
	if err := json.Unmarshal(body, &p); err != nil {
		apiError(w, http.StatusBadRequest, "malformed JSON")
		return
	}
	u, shown, reason := c.update(r, user, p)
	if reason != "" {
		apiError(w, http.StatusBadRequest, reason)
		return
	}
	key := "web:" + user + ":" + p.ID
	if shown != "" {
		entry := Entry{Key: key, Message: Message{Text: []Span{{Text: shown}}, At: c.cfg.Now()}}
		if err := c.cfg.Store.AppendWebChat(r.Context(), user, []Entry{entry}); err != nil {
			c.fail(w, err)
			return
		}
	}
	if err := c.cfg.Pipeline.Accept(r.Context(), key, u); err != nil {
		c.fail(w, err)
		return
	}
	if shown != "" {
		c.sender.wake(r.Context(), user)
	}
	w.WriteHeader(http.StatusAccepted)
}

// update checks a post and turns it into an update; shown is what the
// history shows for it ("" for nothing), reason why it is refused.
func (c *Chat) update(r *http.Request, user string, p post) (u dialog.Update, shown, reason string) {
	if !postID.MatchString(p.ID) {
		return u, "", "message id missing or malformed"
	}
	u = dialog.Update{
		ID: "web:" + p.ID, Channel: vikno.Web, UserID: user, Locale: locale(r), Time: c.cfg.Now(),
	}
	if p.Locale == "uk" || p.Locale == "en" {
		u.Locale = p.Locale
	}
	p.Text = strings.TrimSpace(p.Text)
	switch {
	case p.Begin:
		// A payload mangled on the way (a space or a line break pasted
		// into the link, a tail added) is cleaned, not refused: the page
		// would stay empty. What is left opens what it names, or the
		// engine says the link does not work.
		start := cases.CleanPayload(p.Start)
		u.Text, u.StartPayload = strings.TrimSpace("/start "+start), start
		return u, "", ""
	case p.Location != nil:
		l := *p.Location
		if math.IsNaN(l.Lat) || math.IsNaN(l.Lon) || math.Abs(l.Lat) > 90 || math.Abs(l.Lon) > 180 {
			return u, "", "location out of range"
		}
		u.Location = &l
		return u, "📍 " + strconv.FormatFloat(l.Lat, 'f', 5, 64) + ", " + strconv.FormatFloat(l.Lon, 'f', 5, 64), ""
	case p.Action != "":
		if len(p.Action) > dialog.MaxActionLen {
			return u, "", "button action too long"
		}
		u.Action = p.Action
		label := strings.TrimSpace(p.Label)
		if utf8.RuneCountInString(label) > 64 {
			label = string([]rune(label)[:64])
		}
		return u, label, ""
	case p.Text != "":
		if utf8.RuneCountInString(p.Text) > MaxText {
			return u, "", fmt.Sprintf("message longer than %d characters", MaxText)
		}
		u.Text = p.Text
		return u, p.Text, ""
	}
	return u, "", "empty message"
}

// locale is the first language of the browser's Accept-Language.
func locale(r *http.Request) string {
	l, _, _ := strings.Cut(r.Header.Get("Accept-Language"), ",")
	l, _, _ = strings.Cut(l, ";")
	l, _, _ = strings.Cut(strings.TrimSpace(l), "-")
	if len(l) < 2 || len(l) > 3 {
		return ""
	}
	return strings.ToLower(l)
}

// rateKey is a limit and the key it is counted under.
type rateKey struct {
	key   string
	limit vikno.Limit
}

// allow applies the rate limits; a refused post gets 429 with Retry-After.
// A photo also counts against extra, when given.
func (c *Chat) allow(w http.ResponseWriter, r *http.Request, user string, extra ...rateKey) bool {
	if c.cfg.Limits == nil {
		return true
	}
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	for _, l := range append([]rateKey{{"webchat:ip:" + ip, ipLimit}, {"webchat:user:" + user, residentLimit}}, extra...) {
		ok, wait, err := c.cfg.Limits.Allow(r.Context(), l.key, l.limit)
		if err != nil {
			c.cfg.Logger.Warn("web chat rate limit unavailable", "err", err)
			return true
		}
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			apiError(w, http.StatusTooManyRequests, "too many messages: wait a little")
			return false
		}
	}
	return true
}

func (c *Chat) fail(w http.ResponseWriter, err error) {
	c.cfg.Logger.Warn("web chat post not accepted", "err", err)
	if vikno.ErrorCode(err) == vikno.EINVALID {
		apiError(w, http.StatusBadRequest, "message refused")
		return
	}
	w.Header().Set("Retry-After", "2")
	apiError(w, http.StatusServiceUnavailable, "temporarily unavailable: try again")
}

// serveEvents streams the resident's conversation: first what is stored
// after the last event the page saw (Last-Event-ID; the latest messages on
// a first visit) and a "ready" event, then new messages as they come.
func (c *Chat) serveEvents(w http.ResponseWriter, r *http.Request) {
	user, ok := c.resident(r)
	if !ok {
		apiError(w, http.StatusUnauthorized, "no chat session: reload the page")
		return
	}
	after, _ := strconv.ParseInt(cmpOr(r.Header.Get("Last-Event-ID"), r.URL.Query().Get("after")), 10, 64)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	wake, stop := c.hub.subscribe(user)
	defer stop()
	ctx, cancel := context.WithTimeout(r.Context(), c.cfg.Stream)
	defer cancel()
	poll := time.NewTicker(c.cfg.Poll)
	defer poll.Stop()
	write := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := io.WriteString(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write("retry: 1500\n\n") {
		return
	}
	first, idle, lang := true, 0, ""
	for {
		msgs, err := c.cfg.Store.WebChat(ctx, user, after, 100)
		if err != nil {
			if ctx.Err() == nil {
				c.cfg.Logger.Warn("web chat read failed", "err", err)
			}
			return
		}
		var b strings.Builder
		for _, m := range msgs {
			data, _ := json.Marshal(m)
			fmt.Fprintf(&b, "id: %d\nevent: message\ndata: %s\n\n", m.ID, data)
			after = m.ID
		}
		if first {
			fmt.Fprintf(&b, "event: ready\ndata: {\"count\":%d}\n\n", len(msgs))
			first = false
		}
		if len(msgs) > 0 {
			// A turn may have switched the language: the page follows.
			if l := c.residentLang(ctx, user); l != "" && l != lang {
				fmt.Fprintf(&b, "event: lang\ndata: %q\n\n", l)
				lang = l
			}
		}
		if b.Len() > 0 {
			if !write(b.String()) {
				return
			}
			idle = 0
		}
		if len(msgs) == 100 {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-poll.C:
			// A comment now and then keeps proxies from closing the stream.
			if idle++; idle*int(c.cfg.Poll) >= int(20*time.Second) {
				if !write(": ping\n\n") {
					return
				}
				idle = 0
			}
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// resident returns the user id of the visitor's cookie: the hash of the
// secret, so that the store never holds what opens the conversation.
func (c *Chat) resident(r *http.Request) (string, bool) {
	ck, err := r.Cookie(cookieName)
	if err != nil {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil || len(raw) != 32 {
		return "", false
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:16]), true
}

func (c *Chat) setCookie(w http.ResponseWriter, secret string) {
	ck := &http.Cookie{
		Name: cookieName, Value: secret, Path: "/chat/", MaxAge: int(180 * 24 * time.Hour / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	}
	if c.cfg.Secure {
		// Framed by the city's site the page is third-party: the cookie is
		// kept per embedding site (partitioned).
		ck.Secure, ck.SameSite, ck.Partitioned = true, http.SameSiteNoneMode, true
	}
	http.SetCookie(w, ck)
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sameOrigin reports whether a post comes from the chat's own page: the
// browser's Origin (always sent with fetch POSTs) names this host.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return r.Header.Get("Sec-Fetch-Site") == "" || r.Header.Get("Sec-Fetch-Site") == "same-origin"
	}
	i := strings.Index(o, "://")
	return i > 0 && o[i+3:] == r.Host
}

func apiError(w http.ResponseWriter, status int, reason string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": reason})
}

// noIndex refuses directory listings of the assets.
func noIndex(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		h.ServeHTTP(w, r)
	})
}
