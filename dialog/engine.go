package dialog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// MaxTextLen is the longest message, in characters, the engine reads. Longer
// messages get a polite request to shorten them.
const MaxTextLen = 4000

// Flow is one conversation: FAQ, filing an appeal, booking a visit...
// Start is called when the resident enters it (arg comes from the button or
// the deep link that led there); Handle gets every later update while the
// session is in the flow, and button actions addressed to it ("name:arg"),
// with the argument in Conv.Arg.
type Flow interface {
	Name() string
	Start(ctx context.Context, c *Conv, arg string) error
	Handle(ctx context.Context, c *Conv) error
}

// Handler handles an update; Engine implements it, and adapters depend on it.
type Handler interface {
	Handle(ctx context.Context, u Update) ([]Reply, error)
}

// Config wires an engine.
type Config struct {
	Residents vikno.ResidentStore
	KV        vikno.KV
	// SessionTTL is how long an idle session is kept (default 24 h).
	SessionTTL time.Duration
	Catalog    *Catalog
	Logger     *slog.Logger
	Now        func() time.Time
	// DefaultFlow handles free text outside any flow (the FAQ once it is
	// registered); empty means the menu answers.
	DefaultFlow string
	// Hotline is the city's phone line offered when the bot cannot help.
	Hotline string
}

// Engine is the dialog engine. It is safe for concurrent use; updates of one
// resident are handled one at a time.
type Engine struct {
	cfg      Config
	sessions sessions
	flows    map[string]Flow
	payloads []payloadRoute
	locks    keyedMutex
	menu     []MenuItem
	senders  senders
	words    map[string]map[string]bool // catalogue word lists, by name
	// wordKeys are the words' labelKeys, sorted, and wordParts the single
	// words of those keys: computed once, as every message is checked
	// against them.
	wordKeys  map[string][]string
	wordParts map[string]map[string]bool
	// weekdays are the catalogue's names of the weekdays (full, short and
	// the forms after «у», both languages), normalised: computed once, as a
	// request to book is looked for in every question.
	weekdays map[string]time.Weekday
}

type payloadRoute struct {
	prefix string
	flow   string
}

// MenuItem is an entry of the main menu.
type MenuItem struct {
	Key  string // catalogue key of the label
	Flow string
}

var _ Handler = (*Engine)(nil)

// New returns an engine with the built-in flows (menu, help, settings).
func New(cfg Config) *Engine {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 24 * time.Hour
	}
	if cfg.Catalog == nil {
		cfg.Catalog = DefaultCatalog()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Hotline == "" {
		cfg.Hotline = "1580"
	}
	e := &Engine{cfg: cfg, sessions: sessions{kv: cfg.KV, ttl: cfg.SessionTTL}, flows: map[string]Flow{}}
	e.words = cfg.Catalog.wordSets()
	e.wordKeys, e.wordParts = keysOfWords(e.words)
	e.weekdays = weekdayNames(cfg.Catalog)
	e.menu = defaultMenu()
	e.Register(settingsFlow{})
	for _, item := range e.menu {
		if _, ok := e.flows[item.Flow]; !ok {
			e.Register(comingSoon{name: item.Flow})
		}
	}
	return e
}

// Catalog returns the engine's text catalogue.
func (e *Engine) Catalog() *Catalog { return e.cfg.Catalog }

// Register adds or replaces a flow.
func (e *Engine) Register(f Flow) { e.flows[f.Name()] = f }

// SetDefaultFlow names the flow that handles free text outside any flow.
func (e *Engine) SetDefaultFlow(name string) { e.cfg.DefaultFlow = name }

// RoutePayload sends deep links whose payload starts with prefix to flow; the
// flow's Start gets the rest of the payload.
func (e *Engine) RoutePayload(prefix, flow string) {
	e.payloads = append(e.payloads, payloadRoute{prefix: prefix, flow: flow})
}

// Handle runs one update, saves the resident's session and returns the
// replies to send.
func (e *Engine) Handle(ctx context.Context, u Update) ([]Reply, error) {
	if !u.Channel.Valid() || u.UserID == "" {
		return nil, vikno.Errorf(vikno.EINVALID, "update without channel or user")
	}
	unlock := e.locks.lock(sessionKey(u.Channel, u.UserID))
	defer unlock()
	t, err := e.HandleTurn(ctx, u)
	if err != nil {
		return t.Replies, err
	}
	return t.Replies, t.Commit(ctx)
}

// Turn is one handled update whose session is not saved yet. The message
// pipeline stores the replies and marks the update handled, then commits
// the turn; where the journal keeps sessions (the embedded default) the
// session goes into that same transaction instead. Where sessions live
// apart (Redis), a crash between the two delivers the replies and keeps the
// session of before the step: the resident's next message meets that step.
type Turn struct {
	Replies []Reply
	// Clear is the platform id of the message whose buttons the channel
	// may take off, best effort, once the replies are sent ("" for none).
	Clear string
	// ResidentID is the resident the update came from (0 when the stores
	// were unavailable).
	ResidentID int64
	// Keyboard is the reply keyboard the resident's chat shows from
	// earlier turns (Session.Keyboard before this one): sending Replies
	// need not look for one to remove (WithKeyboard) unless it is unknown.
	Keyboard Keyboard
	e        *Engine
	key      string
	sess     Session
}

// Commit saves the session the turn left behind.
func (t Turn) Commit(ctx context.Context) error {
	if t.e == nil {
		return nil
	}
	if err := t.e.sessions.save(ctx, t.key, t.sess); err != nil {
		return fmt.Errorf("handle: %w", err)
	}
	return nil
}

// Record returns the session the turn left behind in its stored form:
// what Commit writes to the engine's KV. A caller whose store keeps that KV
// may write it itself in the transaction that stores the replies, and
// then does not call Commit. ok is false when the turn has no session to
// save (the stores were unavailable).
func (t Turn) Record() (rec SessionRecord, ok bool, err error) {
	if t.e == nil {
		return SessionRecord{}, false, nil
	}
	rec, err = t.e.sessions.record(t.key, t.sess)
	if err != nil {
		return SessionRecord{}, false, fmt.Errorf("handle: %w", err)
	}
	return rec, true, nil
}

// HandleTurn runs one update without saving the session. The caller keeps
// one resident's turns in order (the pipeline holds a lease per resident)
// and calls Commit once the replies are safe. When the stores are down the
// turn carries a polite reply and the error is EUNAVAILABLE.
func (e *Engine) HandleTurn(ctx context.Context, u Update) (Turn, error) {
	if !u.Channel.Valid() || u.UserID == "" {
		return Turn{}, vikno.Errorf(vikno.EINVALID, "update without channel or user")
	}
	if u.Time.IsZero() {
		u.Time = e.cfg.Now()
	}
	res, ok := storedResident(ctx, u)
	if !ok {
		var err error
		if res, err = e.cfg.Residents.EnsureResident(ctx, u.Channel, u.UserID, initialLocale(u.Locale)); err != nil {
			replies, err := e.unavailable(ctx, u, err)
			return Turn{Replies: replies}, err
		}
	}
	if u.Subscribed != nil {
		if err := e.cfg.Residents.SetResidentUnreachable(ctx, res.ID, !*u.Subscribed); err != nil {
			return Turn{}, vikno.Errorf(vikno.EUNAVAILABLE, "save reachability: %v", err)
		}
		return Turn{ResidentID: res.ID}, nil
	}
	if res.Unreachable {
		// Writing to the bot makes a resident reachable again (a Viber user
		// who unsubscribed is subscribed again by their message).
		if err := e.cfg.Residents.SetResidentUnreachable(ctx, res.ID, false); err != nil {
			return Turn{}, vikno.Errorf(vikno.EUNAVAILABLE, "save reachability: %v", err)
		}
		res.Unreachable = false
	}
	key := sessionKey(u.Channel, u.UserID)
	sess, err := e.sessions.load(ctx, key)
	if err != nil {
		replies, err := e.unavailable(ctx, u, err)
		return Turn{Replies: replies}, err
	}
	c := &Conv{engine: e, Update: sanitize(u), Session: &sess, Resident: res}
	c.Update.Action, c.pressedTok = cutStepToken(c.Update.Action)
	c.Locale = c.pickLocale()
	pressedMsg := c.clearRef(c.Update.Action)
	c.menuBefore = sess.Updated.IsZero() || sess.Get(keyMenuShown) != ""
	sess.Set(keyMenuShown, "")
	before := stepAt{sess.Flow, sess.Step}
	keyboard := sess.Keyboard
	if err := e.dispatchSafely(ctx, c, u); err != nil {
		e.fail(ctx, c, err)
	}
	c.markStep(before)
	c.remember()
	sess.noteKeyboard(c.replies)
	sess.Updated = u.Time
	return Turn{Replies: c.replies, Clear: pressedMsg, ResidentID: res.ID, Keyboard: keyboard, e: e, key: key, sess: sess}, nil
}

// unavailable answers when the stores cannot be reached: the resident gets
// a polite "try later" and the adapter an error, so that a platform which
// retries (a Telegram webhook) may do so.
func (e *Engine) unavailable(ctx context.Context, u Update, err error) ([]Reply, error) {
	e.cfg.Logger.ErrorContext(ctx, "stores unavailable", "channel", string(u.Channel), "err", err)
	c := &Conv{engine: e, Update: u, Session: &Session{}, Locale: initialLocale(u.Locale)}
	c.Say(c.T("error.unavailable"), c.MenuRow())
	return c.replies, vikno.Errorf(vikno.EUNAVAILABLE, "stores unavailable: %v", err)
}

// fail answers a flow error in the resident's language; internal details go to
// the log only (without personal data).
func (e *Engine) fail(ctx context.Context, c *Conv, err error) {
	key := "error.internal"
	switch vikno.ErrorCode(err) {
	case vikno.EUNAVAILABLE:
		key = "error.unavailable"
	case vikno.ELIMITED:
		key = "error.limited"
	default:
		e.cfg.Logger.ErrorContext(ctx, "flow failed", "flow", c.Session.Flow, "step", c.Session.Step,
			"channel", string(c.Update.Channel), "err", err)
	}
	c.Session.Reset()
	c.replies = nil
	c.SayMenu(c.T(key))
}

// initialLocale maps a platform language hint to a locale we speak.
func initialLocale(hint string) string {
	if strings.HasPrefix(strings.ToLower(hint), EN) {
		return EN
	}
	return UK
}

// sanitize makes outside text safe to process: valid UTF-8 without control
// characters other than newlines and tabs, trimmed.
func sanitize(u Update) Update {
	u.Text = cleanText(u.Text)
	u.StartPayload = cleanText(u.StartPayload)
	if len(u.Action) > MaxActionLen || !isASCII(u.Action) {
		u.Action = ""
	}
	return u
}

func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// dispatchSafely is dispatch that turns a flow's panic into an internal
// error: the resident gets the polite error reply and the menu, and the
// process goes on.
func (e *Engine) dispatchSafely(ctx context.Context, c *Conv, raw Update) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = vikno.Errorf(vikno.EINTERNAL, "flow %s panicked: %v", c.Session.Flow, v)
		}
	}()
	return e.dispatch(ctx, c, raw)
}

// dispatch decides who handles the update: global commands first, then a
// button's flow, then the current flow, then the default flow.
func (e *Engine) dispatch(ctx context.Context, c *Conv, raw Update) error {
	u := c.Update
	if utf8.RuneCountInString(u.Text) > MaxTextLen {
		c.Say(c.T("error.too_long", "max", MaxTextLen), c.MenuRow())
		return nil
	}
	if raw.Text != "" && u.Text == "" && u.Action == "" && u.Location == nil && u.Contact == nil && u.Photo == nil {
		c.Say(c.T("error.unreadable"), c.MenuRow())
		return nil
	}
	if u.Unsupported != "" && u.Text == "" && u.Action == "" && u.Location == nil && u.Contact == nil && u.Photo == nil {
		e.unsupported(c)
		return nil
	}
	if c.Session.Flow == "" && c.Session.Updated.IsZero() {
		// A new, lost or expired session: a hand-off may still be open.
		if r, ok := e.flows[FlowOperator].(resumer); ok {
			if err := r.Resume(ctx, c); err != nil {
				return err
			}
		}
	}
	if r, ok := e.flows[c.Session.Flow].(relayer); ok {
		if handled, err := r.Relay(ctx, c); handled || err != nil {
			return err
		}
		u = c.Update
	}
	if handled, err := e.global(ctx, c); handled || err != nil {
		return err
	}
	if u.Action == "" {
		if a := c.matchButton(u.Text); a != "" {
			c.Update.Action, c.pressedTok = cutStepToken(a)
		}
	}
	if c.Update.Action != "" {
		return e.action(ctx, c, c.Update.Action)
	}
	// a photo or a location means nothing to the FAQ nor to the list of
	// bookings (where a booking just made leaves the chat)
	free := c.Session.Flow == "" || c.Session.Flow == FlowFAQ || c.Session.Flow == FlowMyBookings
	// nor to any flow where typed text is not a form's field (the CNAPs,
	// the queue): a photo there is a problem to report
	if u.Photo != nil && (free || chatFlows[c.Session.Flow]) {
		if _, ok := e.flows[FlowAppeal]; ok { // a photo outside a flow starts an appeal with it
			return c.Enter(ctx, FlowAppeal, "")
		}
	}
	if u.Contact != nil && u.Text == "" && (free || chatFlows[c.Session.Flow]) {
		// a phone shared outside a form is kept nowhere: say so, and how
		// to be called back
		c.SayMenu(c.T("contact_unused", "hotline", e.cfg.Hotline))
		return nil
	}
	if u.Location != nil && free {
		if f, ok := e.flows[FlowCNAP]; ok { // a location outside a flow: the nearest CNAPs
			return f.Handle(ctx, c)
		}
	}
	if f, ok := e.flows[c.Session.Flow]; ok {
		return f.Handle(ctx, c)
	}
	if f, ok := e.flows[e.cfg.DefaultFlow]; ok && u.Text != "" {
		return f.Start(ctx, c, "")
	}
	c.SayMenu(c.T("menu.prompt"))
	return nil
}

// action routes a button action "flow:arg" to a flow's Handle, or
// "menu:flow[:arg]" to a flow's Start ("menu:" alone shows the menu).
func (e *Engine) action(ctx context.Context, c *Conv, action string) error {
	if c.pressedOld() {
		return e.oldStep(ctx, c)
	}
	if flow, ok := strings.CutPrefix(action, actionResume); ok {
		return e.resumeParked(ctx, c, flow)
	}
	name, arg, _ := strings.Cut(action, ":")
	if name == "menu" {
		if arg == "" {
			return e.menuAsked(c)
		}
		flow, farg, _ := strings.Cut(arg, ":")
		if c.Session.Parked[flow] != nil && farg == "" {
			return e.resumeParked(ctx, c, flow)
		}
		if _, ok := e.flows[flow]; !ok {
			c.SayMenu(c.T("error.stale_button"))
			return nil
		}
		if flow != c.Session.Flow {
			e.park(c) // an older message's menu button in the middle of a form
		}
		return c.Enter(ctx, flow, farg)
	}
	f, ok := e.flows[name]
	if !ok {
		c.SayMenu(c.T("error.stale_button"))
		return nil
	}
	c.Arg = arg
	return f.Handle(ctx, c)
}

func (e *Engine) showMenu(c *Conv) error {
	c.Session.Reset()
	c.Session.Set(keyMenuShown, "1")
	c.SayMenu(c.T("menu.prompt"))
	return nil
}

// keyMenuShown marks a session whose last turn showed only the welcome or
// the menu (see Conv.menuBefore).
const keyMenuShown = "_menu"

// drafter is a flow that collects something the resident would lose by
// leaving it (an appeal's draft): «меню» asks first. Its action
// "<flow>:resume" repeats the current step; a typed «так» to the question
// throws the draft away and «ні» resumes.
type drafter interface {
	HasDraft(c *Conv) bool
	AskDiscard(c *Conv) error
}

// relayer is a flow that sees every update first while the session is in
// it, before the engine's commands (a conversation handed to an operator);
// it reports whether it handled the update.
type relayer interface {
	Relay(ctx context.Context, c *Conv) (bool, error)
}

// resumer is a flow whose state outlives sessions (a hand-off kept in the
// store): Resume puts a session without state back into the flow when the
// store says so.
type resumer interface {
	Resume(ctx context.Context, c *Conv) error
}

// cancelTaker is a flow that takes a typed «скасувати» itself at some
// steps (on a booking's card it cancels that booking, after asking)
// instead of the engine's «cancel whatever is going on».
type cancelTaker interface {
	TakesCancel(c *Conv) bool
}

// flowTakesCancel reports whether the current flow takes text, a typed
// «скасувати», itself. «/cancel» stays the engine's.
func (e *Engine) flowTakesCancel(c *Conv, text string) bool {
	t, ok := e.flows[c.Session.Flow].(cancelTaker)
	return ok && text != "/cancel" && c.Update.Action == "" && t.TakesCancel(c)
}

// backer is a flow that knows its previous step; other flows go back to
// the menu on «назад».
type backer interface {
	Back(ctx context.Context, c *Conv) error
}

// menuAsked shows the menu, unless the current flow holds a draft: then it
// asks whether to throw the draft away.
func (e *Engine) menuAsked(c *Conv) error {
	if d, ok := e.flows[c.Session.Flow].(drafter); ok && d.HasDraft(c) {
		c.Session.Set(sessDiscardAsked, "1")
		return d.AskDiscard(c)
	}
	return e.showMenu(c)
}

// sessDiscardAsked marks a session whose draft the resident was just asked
// to throw away.
const sessDiscardAsked = "_discard"

// discardAnswered takes a typed answer to the question menuAsked put: «так»
// throws the draft away, «ні» resumes it. Anything else goes on as usual.
func (e *Engine) discardAnswered(c *Conv, text string) bool {
	if c.Session.Get(sessDiscardAsked) == "" {
		return false
	}
	c.Session.Set(sessDiscardAsked, "")
	switch {
	case c.Update.Action != "":
		return false
	case c.isWord("yes", text):
		c.Session.Reset()
		c.SayMenu(c.T("cancelled"))
		return true
	case c.isWord("no", text):
		c.Update.Action = c.Session.Flow + ":resume"
	}
	return false
}

// back goes to the flow's previous step, or to the menu.
func (e *Engine) back(ctx context.Context, c *Conv) error {
	if b, ok := e.flows[c.Session.Flow].(backer); ok {
		return b.Back(ctx, c)
	}
	return e.showMenu(c)
}

// unsupported explains what the bot reads when it gets a voice message, a
// sticker or a video. Inside a flow the last buttons stay valid.
func (e *Engine) unsupported(c *Conv) {
	if c.Session.Flow == "" {
		c.SayMenu(c.T("error.unsupported"))
		return
	}
	c.Say(c.T("error.unsupported_flow"))
}

// chatFlows are the flows where typed text is not a field of a form, so a
// request like «оператор» or «забула PIN» is understood there.
var chatFlows = map[string]bool{"": true, FlowFAQ: true, FlowStatus: true, FlowMyAppeals: true,
	FlowMyBookings: true, FlowQueue: true, FlowCNAP: true, FlowSettings: true}

// phrases handles requests understood in conversation outside forms:
// talking to a person, a forgotten PIN.
func (e *Engine) phrases(ctx context.Context, c *Conv, text string) (bool, error) {
	if !chatFlows[c.Session.Flow] {
		return false, nil
	}
	switch {
	case c.hasWord("operator", text):
		if _, ok := e.flows[FlowOperator]; ok {
			return true, c.Enter(ctx, FlowOperator, "")
		}
		c.Session.Reset()
		c.Say(c.T("operator", "hotline", e.cfg.Hotline),
			[]Button{c.Button("faq.act_appeal", "menu:"+FlowAppeal)}, c.MenuRow())
		return true, nil
	case c.hasWord("pin", text) && c.hasWord("forgot", text):
		e.forgotPIN(c)
		return true, nil
	}
	return false, nil
}

// forgotPIN tells a resident who forgot an appeal's PIN where it was sent
// and how to go on without it.
func (e *Engine) forgotPIN(c *Conv) {
	c.Session.Reset()
	rows := [][]Button{}
	if _, ok := e.flows[FlowMyAppeals]; ok {
		rows = append(rows, []Button{c.Button("menu.myappeals", "menu:"+FlowMyAppeals)})
	}
	c.Say(c.T("status.forgot_pin", "hotline", e.cfg.Hotline), append(rows, c.MenuRow())...)
}

// hasWord reports whether text (lowercased) contains one of the words or
// phrases the catalogue lists under words.<name>, as whole words.
func (c *Conv) hasWord(name, text string) bool {
	padded := c.paddedKey(text)
	for _, k := range c.engine.wordKeys[name] {
		if containsWords(padded, k) {
			return true
		}
	}
	return false
}

// paddedKey returns " "+labelKey(text)+" ", remembering the last one: a
// message is asked about many word lists.
func (c *Conv) paddedKey(text string) string {
	if c.padded.ok && c.padded.text == text {
		return c.padded.key
	}
	c.padded.text, c.padded.key, c.padded.ok = text, " "+labelKey(text)+" ", true
	return c.padded.key
}

// containsWords reports whether padded (a labelKey with a space at each
// end) holds k as whole words: strings.Contains(padded, " "+k+" ")
// without building that string.
func containsWords(padded, k string) bool {
	for i := 0; i < len(padded); {
		j := strings.Index(padded[i:], k)
		if j < 0 {
			return false
		}
		at := i + j
		if at > 0 && padded[at-1] == ' ' && at+len(k) < len(padded) && padded[at+len(k)] == ' ' {
			return true
		}
		i = at + 1
	}
	return false
}

// keysOfWords returns the labelKeys of each list's words (sorted, without
// empty ones), and the single words they are made of.
func keysOfWords(words map[string]map[string]bool) (map[string][]string, map[string]map[string]bool) {
	keys := make(map[string][]string, len(words))
	parts := make(map[string]map[string]bool, len(words))
	for name, set := range words {
		parts[name] = map[string]bool{}
		for w := range set {
			k := labelKey(w)
			if k == "" || slices.Contains(keys[name], k) {
				continue
			}
			keys[name] = append(keys[name], k)
			for _, f := range strings.Fields(k) {
				parts[name][f] = true
			}
		}
		slices.Sort(keys[name])
	}
	return keys, parts
}

// isWord reports whether text (lowercased) is one of the words the catalogue
// lists under words.<name> in any locale, or one of the commands. The whole
// message must be the word: punctuation, emoji and a polite «будь ласка»
// around it do not count («Меню, будь ласка!»), but a sentence that merely
// contains the word is not it, so a description typed in a form stays a
// description.
func (c *Conv) isWord(name, text string, commands ...string) bool {
	for _, cmd := range commands {
		if text == cmd {
			return true
		}
	}
	return c.isWordKeyed(name, text, c.commandKeys(text))
}

// isWordKeyed is isWord without commands, for a text whose commandKeys
// the caller has made once to check it against several lists.
func (c *Conv) isWordKeyed(name, text string, keys []string) bool {
	if c.engine.words[name][text] {
		return true
	}
	for _, k := range keys {
		if slices.Contains(c.engine.wordKeys[name], k) {
			return true
		}
	}
	return false
}

// commandKeys are the forms text may have as a command word: letters and
// digits only, then without each polite word (words.please) before or after
// it in turn.
func (c *Conv) commandKeys(text string) []string {
	k := labelKey(text)
	var out []string
	for changed := true; changed && k != ""; {
		out = append(out, k)
		changed = false
		for _, p := range c.engine.wordKeys["please"] {
			if rest, ok := strings.CutPrefix(k, p+" "); ok {
				k, changed = rest, true
				break
			}
			if rest, ok := strings.CutSuffix(k, " "+p); ok {
				k, changed = rest, true
				break
			}
		}
	}
	return out
}

// global handles what works at every step. It reports whether it handled u.
func (e *Engine) global(ctx context.Context, c *Conv) (bool, error) {
	text := commandText(strings.ToLower(c.Update.Text))
	if c.Update.StartPayload == "" && c.Update.Action == "" {
		if handled, err := e.flowCommand(ctx, c, text); handled || err != nil {
			return true, err
		}
	}
	if c.Update.Action == "" && c.Update.StartPayload == "" {
		if w := c.typoWord(text); w != "" { // «скасуватии», «назат», «менюю»: read as the word meant
			c.Update.Text, text = w, w
		}
	}
	switch {
	case c.Update.StartPayload != "" || text == "/start" || strings.HasPrefix(text, "/start "):
		return true, e.start(ctx, c)
	case e.discardAnswered(c, text):
		return true, nil
	case c.isWord("help", text, "/help"):
		c.Session.Reset()
		c.SayMenu(c.T("help", "hotline", e.cfg.Hotline))
		return true, nil
	case c.isWord("menu", text, "/menu"):
		return true, e.menuAsked(c)
	case c.isWord("back", text, "/back"):
		return true, e.back(ctx, c)
	case c.isWord("cancel", text, "/cancel") && !e.flowTakesCancel(c, text):
		key := "menu.prompt"
		if c.Session.Flow != "" {
			key = "cancelled"
		}
		c.Session.Reset()
		c.Session.Set(keyMenuShown, "1")
		c.SayMenu(c.T(key))
		return true, nil
	case text == "/lang" || strings.HasPrefix(text, "/lang "):
		return true, e.lang(ctx, c, strings.TrimSpace(strings.TrimPrefix(text, "/lang")))
	case c.Update.Action == "" && c.isWord("lang_en", text):
		// «in English please» typed anywhere is «/lang en», not a question
		// or an appeal's description
		return true, e.lang(ctx, c, EN)
	case c.Update.Action == "" && c.isWord("lang_uk", text):
		return true, e.lang(ctx, c, UK)
	case c.Update.Action == "" && c.Locale != EN && (chatFlows[c.Session.Flow] || c.Session.Flow == FlowBook) &&
		c.hasWord("lang_en_ask", text):
		// "I do not speak Ukrainian", "do you speak English?" in a
		// sentence, outside a form with a description (a booking's
		// step is asked again in English)
		return true, e.lang(ctx, c, EN)
	case c.Update.Action == "":
		return e.phrases(ctx, c, text)
	}
	return false, nil
}

// lang handles «/lang» and «/lang en». Inside a flow of steps (an appeal,
// a booking) «/lang en» switches the language and asks the current step
// again in it, keeping what was entered; «/lang» alone there asks first
// when a draft would be lost, as «меню» does.
func (e *Engine) lang(ctx context.Context, c *Conv, arg string) error {
	st, stepper := e.flows[c.Session.Flow].(Stepper)
	if stepper && c.Session.Step != "" && (arg == UK || arg == EN) {
		if err := e.cfg.Residents.SetResidentLocale(ctx, c.Resident.ID, arg); err != nil {
			return err
		}
		c.Resident.Locale, c.Locale = arg, arg
		c.Say(c.T("settings.done"))
		return st.Repeat(ctx, c)
	}
	if d, ok := e.flows[c.Session.Flow].(drafter); ok && d.HasDraft(c) {
		return e.menuAsked(c)
	}
	return c.Enter(ctx, FlowSettings, arg)
}

// start handles /start with or without a deep-link payload.
func (e *Engine) start(ctx context.Context, c *Conv) error {
	payload := c.Update.StartPayload
	if payload == "" {
		payload = strings.TrimSpace(c.Update.Text[len("/start"):])
	}
	e.park(c)
	c.Session.Reset()
	if payload == "" {
		c.Session.Set(keyMenuShown, "1")
		c.SayMenu(c.T("welcome"))
		return nil
	}
	for _, r := range e.payloads {
		if rest, ok := strings.CutPrefix(payload, r.prefix); ok {
			return c.Enter(ctx, r.flow, rest)
		}
	}
	c.SayMenu(c.T("error.bad_link"))
	return nil
}

// keyedMutex serialises work per key (one resident's updates).
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	mu   sync.Mutex
	refs int
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*keyedLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.refs++
	k.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		k.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}

// ErrUnknownFlow is returned by Conv.Enter for a flow that is not registered.
var ErrUnknownFlow = errors.New("unknown flow")
