package bots

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// Config wires a Pipeline.
type Config struct {
	Journal Journal
	Leases  vikno.Leases
	Handler TurnHandler
	Deliver Deliverer
	// Holder names this replica in leases (random when empty).
	Holder string
	// LeaseTTL is how long a resident's turn lasts without renewal: the
	// longest a dead replica delays that resident (default 15 s).
	LeaseTTL time.Duration
	// Grace is how long the outbox worker leaves a stored reply to the
	// replica that handled it before sending it itself (default 20 s).
	Grace time.Duration
	// Workers is how many residents this replica handles at once (default 64).
	Workers int
	// Sweep is how often the replica looks for residents whose updates no
	// replica is working on (default 2 s).
	Sweep time.Duration
	// Keep is how long handled updates stay in the journal, recognising
	// redeliveries (default 25 h: Telegram retries for 24 h).
	Keep time.Duration
	// SessionsInJournal says that the journal also keeps the dialog
	// engine's sessions and is a SessionJournal: a turn's session is then
	// written in the transaction of its "handled" mark and reply, one
	// commit instead of two.
	SessionsInJournal bool
	// Senders, when set, gives the channels' senders; a sender that is a
	// dialog.ButtonClearer takes the buttons off a pressed button's message
	// after the turn (best effort).
	Senders SenderSource
	Logger  *slog.Logger
	Now     func() time.Time
}

func (c *Config) setDefaults() {
	if c.Holder == "" {
		b := make([]byte, 8)
		rand.Read(b)
		c.Holder = hex.EncodeToString(b)
	}
	if c.LeaseTTL <= 0 {
		c.LeaseTTL = 15 * time.Second
	}
	if c.Grace <= 0 {
		c.Grace = 20 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 64
	}
	if c.Sweep <= 0 {
		c.Sweep = 2 * time.Second
	}
	if c.Keep <= 0 {
		c.Keep = 25 * time.Hour
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Pipeline journals updates and handles them in order per resident.
type Pipeline struct {
	cfg   Config
	slots chan struct{}
	life  context.Context
	stop  context.CancelFunc

	// idle hands a resident to a server goroutine that finished its last
	// one (see server).
	idle chan Resident

	mu     sync.Mutex
	closed bool
	active map[string]bool // residents this replica works on
	again  map[string]bool // ...that got an update meanwhile
	wg     sync.WaitGroup
}

// serverIdle is how long a server goroutine waits for the next resident
// before it ends.
const serverIdle = 10 * time.Second

// New returns a pipeline; Run starts its sweeper, Close stops it.
func New(cfg Config) *Pipeline {
	cfg.setDefaults()
	p := &Pipeline{cfg: cfg, slots: make(chan struct{}, cfg.Workers), idle: make(chan Resident), active: map[string]bool{}, again: map[string]bool{}}
	p.life, p.stop = context.WithCancel(context.Background())
	return p
}

// Accept journals an update under its de-duplication key and schedules its
// resident's turn. When it returns nil the update is safe: the adapter may
// acknowledge the platform. A repeated key is accepted and not stored again.
func (p *Pipeline) Accept(ctx context.Context, key string, u dialog.Update) error {
	_, err := p.AcceptNew(ctx, key, u)
	return err
}

// AcceptNew is Accept that also reports whether the key was new (false for
// a redelivery, which is not handled again).
func (p *Pipeline) AcceptNew(ctx context.Context, key string, u dialog.Update) (bool, error) {
	if !u.Channel.Valid() || u.UserID == "" || key == "" {
		return false, vikno.Errorf(vikno.EINVALID, "update without channel, user or key")
	}
	fresh, err := p.cfg.Journal.AppendInbound(ctx, Inbound{Key: key, Update: u})
	if err != nil {
		return false, err
	}
	p.kick(Resident{Channel: u.Channel, UserID: u.UserID})
	return fresh, nil
}

// Run sweeps for residents whose updates wait with no replica working on
// them (their replica died) and purges old handled updates, until ctx ends.
func (p *Pipeline) Run(ctx context.Context) error {
	tick := time.NewTicker(p.cfg.Sweep)
	defer tick.Stop()
	lastPurge := time.Time{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-p.life.Done():
			return nil
		case <-tick.C:
		}
		p.sweep(ctx)
		if now := p.cfg.Now(); now.Sub(lastPurge) > 10*time.Minute {
			lastPurge = now
			if _, err := p.cfg.Journal.PurgeInbound(ctx, now.Add(-p.cfg.Keep)); err != nil {
				p.cfg.Logger.Warn("journal purge failed", "err", err)
			}
		}
	}
}

// sweep kicks residents with updates older than one sweep interval.
func (p *Pipeline) sweep(ctx context.Context) {
	stale, err := p.cfg.Journal.StaleInbound(ctx, p.cfg.Now().Add(-p.cfg.Sweep), 200)
	if err != nil {
		p.cfg.Logger.Warn("journal sweep failed", "err", err)
		return
	}
	for _, r := range stale {
		p.kick(r)
	}
}

// Wait returns once the resident has no update waiting in the journal and
// no turn in progress on this replica: every update accepted so far is
// handled and its replies were sent (or left to the outbox after a failed
// send). Tests and tools use it; it polls.
func (p *Pipeline) Wait(ctx context.Context, r Resident) error {
	for {
		p.mu.Lock()
		active := p.active[r.key()]
		p.mu.Unlock()
		if !active {
			pending, err := p.cfg.Journal.PendingInbound(ctx, r, 1)
			if err != nil {
				return err
			}
			if len(pending) == 0 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// Close stops taking turns and waits for the turns in progress.
func (p *Pipeline) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.stop()
	p.wg.Wait()
}

// kick makes sure the resident's pending updates get handled: by a turn
// of this replica (started now, or repeated if one is running), or by the
// replica that holds the resident's lease.
func (p *Pipeline) kick(r Resident) {
	k := r.key()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	if p.active[k] {
		p.again[k] = true
		return
	}
	p.active[k] = true
	select {
	case p.idle <- r:
	default:
		p.wg.Add(1)
		go p.server(r)
	}
}

// server serves r, then the residents kick hands it while it waits idle.
// Reusing goroutines keeps the stack a turn grew to (search, SQLite and JSON
// encoding go deep): a new goroutine per resident spent about 4 % of the
// CPU copying stacks as they grew.
func (p *Pipeline) server(r Resident) {
	defer p.wg.Done()
	wait := time.NewTimer(serverIdle)
	defer wait.Stop()
	for {
		p.serve(r)
		wait.Reset(serverIdle)
		select {
		case r = <-p.idle:
		case <-wait.C:
			return
		case <-p.life.Done():
			return
		}
	}
}

// serve takes the resident's turns until no update of theirs arrived meanwhile.
func (p *Pipeline) serve(r Resident) {
	k := r.key()
	for {
		select {
		case p.slots <- struct{}{}:
			p.turns(p.life, r)
			<-p.slots
		case <-p.life.Done():
		}
		p.mu.Lock()
		if p.again[k] && p.life.Err() == nil {
			delete(p.again, k)
			p.mu.Unlock()
			continue
		}
		delete(p.active, k)
		delete(p.again, k)
		p.mu.Unlock()
		return
	}
}

// turns handles the resident's pending updates in order while holding
// their lease. An update that another replica accepted while the lease was
// held finds the lease taken: its replica knocks, and the release reports
// it, so the turn goes round once more instead of leaving that update to
// the sweeper. (An update this replica accepted meanwhile repeats the turn
// through serve.)
func (p *Pipeline) turns(ctx context.Context, r Resident) {
	for ctx.Err() == nil {
		ok, err := p.cfg.Leases.Acquire(ctx, "turn:"+r.key(), p.cfg.Holder, p.cfg.LeaseTTL)
		if err != nil {
			p.cfg.Logger.Warn("resident lease failed", "channel", string(r.Channel), "err", err)
			return
		}
		if !ok {
			return // another replica has the turn and will see the update
		}
		done := p.drain(ctx, r)
		if knocked := p.release(r); !done || !knocked {
			return
		}
	}
}

// stored is a resident's session as read with their pending updates.
type stored struct{ data []byte }

// batch is how many pending updates a turn reads at once.
const batch = 16

// drain handles pending updates (true) until a read finds fewer than a
// full batch — turns looks again after giving the lease up — or until one
// could not be handled or the lease was lost (false: the rest stays
// pending for a later turn). The lease is renewed in the background while
// the turn works, however long a paced send takes.
//
// When the journal keeps the sessions, the first update of each read
// starts from the session read with it; later ones read the session the
// turn before them saved.
func (p *Pipeline) drain(ctx context.Context, r Resident) bool {
	ctx, lost := p.keepLease(ctx, r)
	defer lost()
	for {
		pending, sess, err := p.pending(ctx, r)
		if err != nil {
			if ctx.Err() == nil {
				p.cfg.Logger.Warn("journal read failed", "channel", string(r.Channel), "err", err)
			}
			return false
		}
		for i, in := range pending {
			if i > 0 {
				// read before the turns of the read ran: an earlier one
				// may have changed it (created it, its language)
				in.Resident = nil
			}
			if ctx.Err() != nil || !p.handle(ctx, in, sess) {
				return false
			}
			sess = nil
		}
		if len(pending) < batch {
			return true
		}
	}
}

// pending reads the resident's next batch of updates, and when the journal
// keeps the sessions their session with them (one statement instead of a
// second read in the turn; nil otherwise).
func (p *Pipeline) pending(ctx context.Context, r Resident) ([]Inbound, *stored, error) {
	pj, ok := p.cfg.Journal.(PendingSessionJournal)
	if !ok || !p.cfg.SessionsInJournal {
		pending, err := p.cfg.Journal.PendingInbound(ctx, r, batch)
		return pending, nil, err
	}
	pending, data, found, err := pj.PendingInboundSession(ctx, r, batch, dialog.SessionKey(r.Channel, r.UserID))
	if err != nil {
		return nil, nil, err
	}
	if !found {
		data = nil
	}
	return pending, &stored{data: data}, nil
}

// keepLease renews the resident's lease every third of its time until the
// returned stop is called; the returned context ends if a renewal fails
// (the turn passed to another replica), so no update is handled without it.
// A renewal runs on a timer, so a turn shorter than a third of the lease
// (nearly all) starts no goroutine for it.
func (p *Pipeline) keepLease(ctx context.Context, r Resident) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	k := &leaseKeeper{}
	every := p.cfg.LeaseTTL / 3
	renew := func() {
		defer k.running.Done()
		if ok, err := p.cfg.Leases.Extend(ctx, "turn:"+r.key(), p.cfg.Holder, p.cfg.LeaseTTL); err != nil || !ok {
			if ctx.Err() == nil {
				p.cfg.Logger.Warn("resident lease lost during a turn", "channel", string(r.Channel))
			}
			cancel()
			return
		}
		k.mu.Lock()
		defer k.mu.Unlock()
		if !k.stopped {
			k.running.Add(1)
			k.timer.Reset(every)
		}
	}
	k.mu.Lock()
	k.running.Add(1)
	k.timer = time.AfterFunc(every, renew)
	k.mu.Unlock()
	return ctx, func() {
		cancel()
		k.mu.Lock()
		k.stopped = true
		if k.timer.Stop() {
			k.running.Done() // the renewal it scheduled will not run
		}
		k.mu.Unlock()
		k.running.Wait()
	}
}

// leaseKeeper is the state of one keepLease: the renewal timer, and the
// renewal scheduled or running, which stop waits for.
type leaseKeeper struct {
	mu      sync.Mutex
	stopped bool
	timer   *time.Timer
	running sync.WaitGroup
}

// release gives the resident's lease up and reports whether another
// replica knocked meanwhile (or whether that is unknown: the release failed).
func (p *Pipeline) release(r Resident) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	knocked, err := p.cfg.Leases.Release(ctx, "turn:"+r.key(), p.cfg.Holder)
	if err != nil {
		p.cfg.Logger.Warn("resident lease release failed", "err", err)
		return true
	}
	return knocked
}

// handle runs one update (from sess when not nil): the dialog step, then
// the replies and the "handled" mark in one transaction, then the session,
// then the send.
func (p *Pipeline) handle(ctx context.Context, in Inbound, sess *stored) (ok bool) {
	// The update's logger is made only when something is logged: a JSON
	// handler formats the attributes in With, for every update otherwise.
	log := func() *slog.Logger {
		return p.cfg.Logger.With("channel", string(in.Update.Channel), "inbound_id", in.ID)
	}
	defer func() {
		// A bug must not stop the process nor block the resident for good:
		// the update is set aside (handled, without a reply) and logged.
		if v := recover(); v != nil {
			log().Error("inbound update panicked; set aside", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			_, err := p.cfg.Journal.CompleteInbound(ctx, in.ID, nil)
			ok = err == nil
		}
	}()
	hctx := ctx
	if sess != nil {
		hctx = dialog.WithStoredSession(hctx, in.Update.Channel, in.Update.UserID, sess.data)
	}
	if in.Resident != nil {
		hctx = dialog.WithStoredResident(hctx, *in.Resident)
	}
	turn, err := p.cfg.Handler.HandleTurn(hctx, in.Update)
	switch vikno.ErrorCode(err) {
	case "":
	case vikno.EINVALID:
		log().Warn("inbound update dropped", "err", err)
		_, err := p.cfg.Journal.CompleteInbound(ctx, in.ID, nil)
		return err == nil
	default:
		log().Warn("inbound update not handled; it stays pending", "err", err)
		return false
	}
	var reply *notify.Message
	if len(turn.Replies) > 0 {
		reply = &notify.Message{
			Key: "reply:" + in.Key, ResidentID: turn.ResidentID, Channel: in.Update.Channel, UserID: in.Update.UserID,
			Kind: notify.KindReply, Replies: turn.Replies, NextAt: p.cfg.Now().Add(p.cfg.Grace),
		}
	}
	// The step has run: its replies, "handled" mark and session are stored
	// even when the turn's context ends meanwhile (the pipeline closing, the
	// lease lost). A completion the journal took may still be written after
	// its caller gave up, and its session would then be lost with the
	// reply sent; waiting for the outcome keeps the two together.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	id, saved, err := p.complete(sctx, in.ID, reply, turn)
	if err != nil {
		log().Warn("inbound replies not stored; the update stays pending", "err", err)
		return false
	}
	// With replies, id 0 means that another turn completed the update
	// first (this replica lost the resident's lease while the step ran):
	// that turn's session stands, and this one's would put back an older
	// one over what the resident's later turns saved.
	if !saved && (reply == nil || id != 0) {
		if err := turn.Commit(sctx); err != nil {
			log().Error("session not saved after a handled update", "err", err)
		}
	}
	if id != 0 {
		reply.ID = id
		dctx := ctx
		if turn.Keyboard != dialog.KeyboardUnknown {
			dctx = dialog.WithKeyboard(ctx, turn.Keyboard)
		}
		p.cfg.Deliver.Deliver(dctx, *reply)
	}
	p.clearButtons(ctx, in.Update, turn.Clear)
	return true
}

// storeTimeout bounds storing a turn whose step has run, beyond the
// stores' own bounds (a group commit gives up after 30 s).
const storeTimeout = time.Minute

// complete marks the update handled and stores its reply, with the turn's
// session when the journal keeps sessions (saved true: the turn needs no
// Commit).
func (p *Pipeline) complete(ctx context.Context, id int64, reply *notify.Message, turn dialog.Turn) (int64, bool, error) {
	if sj, ok := p.cfg.Journal.(SessionJournal); ok && p.cfg.SessionsInJournal {
		rec, ok, err := turn.Record()
		if err != nil {
			return 0, false, err
		}
		if ok {
			out, err := sj.CompleteInboundSession(ctx, id, reply, rec)
			return out, true, err
		}
	}
	out, err := p.cfg.Journal.CompleteInbound(ctx, id, reply)
	return out, false, err
}

// clearTimeout bounds taking the buttons off a pressed button's message:
// the resident's next update waits for it at most that long.
const clearTimeout = 3 * time.Second

// clearButtons takes the buttons off the message ref of the update's chat
// when the channel can edit its messages. It is best effort: one attempt,
// after the replies are sent, never retried; a failure is only logged.
func (p *Pipeline) clearButtons(ctx context.Context, u dialog.Update, ref string) {
	if ref == "" || p.cfg.Senders == nil {
		return
	}
	s, ok := p.cfg.Senders.SenderFor(u.Channel)
	if !ok {
		return
	}
	c, ok := s.(dialog.ButtonClearer)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, clearTimeout)
	defer cancel()
	if err := c.ClearButtons(ctx, u.UserID, ref); err != nil {
		p.cfg.Logger.Debug("old buttons not cleared", "channel", string(u.Channel), "err", err)
	}
}
