package bots_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/bots/botstest"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/storage/memory"
)

// countFlow answers every message with how many messages the resident sent,
// counted in the session: two replicas handling one resident at once would
// lose a count (last writer wins) or answer out of order.
type countFlow struct{}

func (countFlow) Name() string { return "count" }

func (f countFlow) Start(ctx context.Context, c *dialog.Conv, _ string) error {
	return f.Handle(ctx, c)
}

func (countFlow) Handle(_ context.Context, c *dialog.Conv) error {
	c.Session.Flow = "count"
	n, _ := strconv.Atoi(c.Session.Get("n"))
	n++
	c.Session.Set("n", strconv.Itoa(n))
	c.Say(dialog.Plain(fmt.Sprintf("%d:%s", n, c.Update.Text)))
	return nil
}

// outbox records what residents received, in order, per resident.
type outbox struct {
	mu   sync.Mutex
	got  map[string][]string
	fail int // fail the next sends (a failing platform)
}

func (o *outbox) Send(_ context.Context, user string, replies []dialog.Reply) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fail > 0 {
		o.fail--
		return vikno.Errorf(vikno.EUNAVAILABLE, "platform down")
	}
	if o.got == nil {
		o.got = map[string][]string{}
	}
	for _, r := range replies {
		o.got[user] = append(o.got[user], r.Text.String())
	}
	return nil
}

func (o *outbox) received(user string) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.got[user]...)
}

// world is the shared state of several replicas: journal and outbox,
// residents, sessions and leases.
type world struct {
	store     *botstest.Store
	state     *memory.Store
	sessions  vikno.KV     // the engines' sessions: state when nil
	journal   bots.Journal // the replicas' journal: store when nil
	residents *dialogtest.Residents
	sent      *outbox
	flow      dialog.Flow // the engines' default flow: countFlow when nil
}

func newWorld() *world {
	return &world{store: botstest.New(), state: memory.New(), residents: &dialogtest.Residents{}, sent: &outbox{}}
}

// replica is one process: its own engine and pipeline on the shared world.
func (w *world) replica(t *testing.T, cfg bots.Config) *bots.Pipeline {
	t.Helper()
	kv := w.sessions
	if kv == nil {
		kv = w.state
	}
	e := dialog.New(dialog.Config{Residents: w.residents, KV: kv})
	var flow dialog.Flow = countFlow{}
	if w.flow != nil {
		flow = w.flow
	}
	e.Register(flow)
	e.SetDefaultFlow(flow.Name())
	e.SetSender(dialogtest.Channel, w.sent)
	worker := &notify.Worker{Store: w.store, Senders: e, Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	cfg.Journal, cfg.Leases, cfg.Handler, cfg.Deliver = w.store, w.state, e, worker
	if w.journal != nil {
		cfg.Journal = w.journal
	}
	if cfg.Sweep == 0 {
		cfg.Sweep = 20 * time.Millisecond
	}
	p := bots.New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx)
	go worker.Run(ctx)
	t.Cleanup(func() { cancel(); p.Close() })
	return p
}

func text(user, s string) dialog.Update {
	return dialog.Update{Channel: dialogtest.Channel, UserID: user, Text: s}
}

// waitFor polls until done or fails the test after a generous bound (a
// guard against a hang, not a measurement).
func waitFor(t *testing.T, what string, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestOneResidentIsHandledInOrderAcrossReplicas(t *testing.T) {
	roundRobin(t, bots.Config{})
}

// An update accepted by a replica while another holds the resident's lease
// is handled by the holder's next round (the knock), not left to the
// sweeper: with no sweeper at all every reply still comes.
func TestUpdatesAcrossReplicasNeedNoSweeper(t *testing.T) {
	roundRobin(t, bots.Config{Sweep: time.Hour})
}

// Sessions read with the pending updates and written with the replies
// (the program's setup) keep each resident's count across replicas, as
// sessions read and written apart do.
func TestSessionsInTheJournalKeepOrderAcrossReplicas(t *testing.T) {
	w := newWorld()
	w.journal = &sessionJournal{Store: w.store, kv: w.state}
	roundRobinIn(t, w, bots.Config{SessionsInJournal: true})
}

// countingKV counts the reads of the store it wraps.
type countingKV struct {
	vikno.KV
	mu    sync.Mutex
	reads int
}

func (c *countingKV) Get(ctx context.Context, key string) ([]byte, error) {
	c.mu.Lock()
	c.reads++
	c.mu.Unlock()
	return c.KV.Get(ctx, key)
}

// roundRobin sends several residents' updates to three replicas in turn
// and checks that each resident's replies come in order, each once.
func roundRobin(t *testing.T, cfg bots.Config) { roundRobinIn(t, newWorld(), cfg) }

// roundRobinIn is roundRobin in the world w.
func roundRobinIn(t *testing.T, w *world, cfg bots.Config) {
	replicas := []*bots.Pipeline{w.replica(t, cfg), w.replica(t, cfg), w.replica(t, cfg)}
	const residents, messages = 12, 30
	var wg sync.WaitGroup
	for r := range residents {
		wg.Go(func() {
			user := "u" + strconv.Itoa(r)
			for i := range messages {
				// Webhooks arrive round-robin: each update of the resident
				// at another replica.
				p := replicas[(r+i)%len(replicas)]
				if err := p.Accept(context.Background(), fmt.Sprintf("%s:%d", user, i), text(user, "m"+strconv.Itoa(i))); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for r := range residents {
		user := "u" + strconv.Itoa(r)
		waitFor(t, "every reply of "+user, func() bool { return len(w.sent.received(user)) >= messages })
		got := w.sent.received(user)
		for i, g := range got {
			if want := fmt.Sprintf("%d:m%d", i+1, i); g != want {
				t.Fatalf("%s reply %d = %q, want %q (all: %v)", user, i, g, want, got)
			}
		}
		if len(got) != messages {
			t.Fatalf("%s got %d replies, want %d", user, len(got), messages)
		}
	}
	if handled, pending := w.store.Handled(); handled != residents*messages || pending != 0 {
		t.Fatalf("journal: %d handled, %d pending; want %d, 0", handled, pending, residents*messages)
	}
}

func TestRepeatedDeliveryIsHandledOnce(t *testing.T) {
	w := newWorld()
	a, b := w.replica(t, bots.Config{}), w.replica(t, bots.Config{})
	for _, p := range []*bots.Pipeline{a, b, a} {
		if err := p.Accept(context.Background(), "tg:1", text("ivanna", "привіт")); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Accept(context.Background(), "tg:2", text("ivanna", "ще раз")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "two replies", func() bool { return len(w.sent.received("ivanna")) >= 2 })
	time.Sleep(50 * time.Millisecond) // a duplicate would show up by now
	if got := w.sent.received("ivanna"); strings.Join(got, "|") != "1:привіт|2:ще раз" {
		t.Fatalf("replies = %q, want one per update", got)
	}
}

// A replica that dies after the dialog step but before its replies are
// stored leaves the update pending and the session unsaved: the update is
// handled again from the same session, and the resident gets one answer.
func TestCrashBeforeRepliesAreStoredHandlesAgainFromTheSameSession(t *testing.T) {
	w := newWorld()
	w.store.FailComplete(errors.New("process killed"))
	p := w.replica(t, bots.Config{})
	if err := p.Accept(context.Background(), "tg:1", text("olha", "де мій PIN")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the step ran and failed to commit, maybe more than once
	if got := w.sent.received("olha"); len(got) != 0 {
		t.Fatalf("replies sent before they were stored: %q", got)
	}
	w.store.FailComplete(nil) // the replica restarted
	waitFor(t, "the reply", func() bool { return len(w.sent.received("olha")) == 1 })
	if got := w.sent.received("olha"); got[0] != "1:де мій PIN" {
		t.Fatalf("reply = %q, want the first count: the failed turns must not have saved the session", got[0])
	}
}

// A replica that dies holding a resident's turn delays that resident by at
// most the lease; another replica's sweeper takes the turn then.
func TestDeadReplicasTurnPassesToAnotherReplica(t *testing.T) {
	w := newWorld()
	ctx := context.Background()
	const deadLease = 1500 * time.Millisecond
	taken := time.Now()
	if ok, _ := w.state.Acquire(ctx, "turn:"+string(dialogtest.Channel)+":petro", "dead-replica", deadLease); !ok {
		t.Fatal("could not take the lease for the dead replica")
	}
	p := w.replica(t, bots.Config{LeaseTTL: time.Second})
	if err := p.Accept(ctx, "tg:1", text("petro", "алло")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	// Only a reply while the dead replica's lease surely held is wrong (a
	// busy machine may take longer than the lease to get here).
	if got := w.sent.received("petro"); len(got) != 0 && time.Since(taken) < deadLease {
		t.Fatalf("handled while another replica held the turn: %q", got)
	}
	waitFor(t, "the reply after the lease ran out", func() bool { return len(w.sent.received("petro")) == 1 })
}

// When the platform fails, the stored reply is sent again by the outbox
// worker; it is never lost, and the sent reply is not kept (it may carry a
// PIN).
func TestFailedSendIsRetriedFromTheOutboxAndThenWiped(t *testing.T) {
	w := newWorld()
	w.sent.fail = 2
	p := w.replica(t, bots.Config{})
	if err := p.Accept(context.Background(), "tg:1", text("maria", "PIN 123456")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reply after retries", func() bool { return len(w.sent.received("maria")) == 1 })
	waitFor(t, "the outbox row marked sent", func() bool {
		msgs, _ := w.store.FindOutbox(context.Background(), "reply:tg:1")
		return len(msgs) == 1 && msgs[0].Status == notify.StatusSent
	})
	msgs, _ := w.store.FindOutbox(context.Background(), "reply:tg:1")
	if len(msgs[0].Replies) != 0 {
		t.Fatalf("sent reply kept: %v", msgs[0].Replies)
	}
}

func TestAcceptRefusesAnUpdateWithoutResident(t *testing.T) {
	w := newWorld()
	p := w.replica(t, bots.Config{})
	err := p.Accept(context.Background(), "tg:1", dialog.Update{Channel: dialogtest.Channel, Text: "x"})
	if vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
}

// panicking is a handler with a bug on one message.
type panicking struct{ bots.TurnHandler }

func (h panicking) HandleTurn(ctx context.Context, u dialog.Update) (dialog.Turn, error) {
	if u.Text == "bug" {
		panic("bug")
	}
	return h.TurnHandler.HandleTurn(ctx, u)
}

// An update that panics is set aside: the process goes on and the
// resident's next message is answered.
func TestAPanickingUpdateIsSetAsideAndTheResidentGoesOn(t *testing.T) {
	w := newWorld()
	kv := w.sessions
	if kv == nil {
		kv = w.state
	}
	e := dialog.New(dialog.Config{Residents: w.residents, KV: kv})
	var flow dialog.Flow = countFlow{}
	if w.flow != nil {
		flow = w.flow
	}
	e.Register(flow)
	e.SetDefaultFlow(flow.Name())
	e.SetSender(dialogtest.Channel, w.sent)
	worker := &notify.Worker{Store: w.store, Senders: e}
	p := bots.New(bots.Config{Journal: w.store, Leases: w.state, Handler: panicking{e}, Deliver: worker})
	t.Cleanup(p.Close)
	for i, msg := range []string{"bug", "після збою"} {
		if err := p.Accept(context.Background(), "tg:"+strconv.Itoa(i), text("stepan", msg)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the reply after the bug", func() bool { return len(w.sent.received("stepan")) == 1 })
	if got := w.sent.received("stepan"); got[0] != "1:після збою" {
		t.Fatalf("reply = %q", got[0])
	}
	if handled, pending := w.store.Handled(); handled != 2 || pending != 0 {
		t.Fatalf("journal %d handled, %d pending; want both done", handled, pending)
	}
}

// slowSender takes longer than the lease to send.
type slowSender struct {
	outbox
	delay time.Duration
}

func (s *slowSender) Send(ctx context.Context, user string, replies []dialog.Reply) error {
	time.Sleep(s.delay)
	return s.outbox.Send(ctx, user, replies)
}

// slowReplica is a replica whose sends take slow's delay.
func (w *world) slowReplica(t *testing.T, slow *slowSender, cfg bots.Config) *bots.Pipeline {
	kv := w.sessions
	if kv == nil {
		kv = w.state
	}
	e := dialog.New(dialog.Config{Residents: w.residents, KV: kv})
	var flow dialog.Flow = countFlow{}
	if w.flow != nil {
		flow = w.flow
	}
	e.Register(flow)
	e.SetDefaultFlow(flow.Name())
	e.SetSender(dialogtest.Channel, slow)
	worker := &notify.Worker{Store: w.store, Senders: e}
	cfg.Journal, cfg.Leases, cfg.Handler, cfg.Deliver = w.store, w.state, e, worker
	if w.journal != nil {
		cfg.Journal = w.journal
	}
	p := bots.New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx)
	t.Cleanup(func() { cancel(); p.Close() })
	return p
}

// A turn that outlasts its lease (a long flood-control wait) keeps it
// renewed: another replica does not take the resident meanwhile, so the
// replies stay in order.
func TestALongTurnKeepsItsLease(t *testing.T) {
	w := newWorld()
	slow := &slowSender{delay: time.Second}
	mk := func() *bots.Pipeline {
		return w.slowReplica(t, slow, bots.Config{LeaseTTL: 400 * time.Millisecond, Sweep: 20 * time.Millisecond})
	}
	a, b := mk(), mk()
	for i := range 4 {
		if err := []*bots.Pipeline{a, b}[i%2].Accept(context.Background(), "tg:"+strconv.Itoa(i), text("olena", "m"+strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "four replies", func() bool { return len(slow.received("olena")) >= 4 })
	if got := strings.Join(slow.received("olena"), "|"); got != "1:m0|2:m1|3:m2|4:m3" {
		t.Fatalf("replies = %q, want in order, each once", got)
	}
}

// An update that reaches replica b while replica a's turn for the same
// resident is sending (after a read the journal for the last time) is
// handled when a gives the lease up: b knocked. There is no sweeper here,
// so without the knock the second reply would never come.
func TestAnUpdateArrivingAtAnotherReplicaDuringATurnIsNotLeftBehind(t *testing.T) {
	w := newWorld()
	slow := &slowSender{delay: 300 * time.Millisecond}
	a := w.slowReplica(t, slow, bots.Config{Sweep: time.Hour})
	b := w.slowReplica(t, slow, bots.Config{Sweep: time.Hour})
	if err := a.Accept(context.Background(), "tg:0", text("olena", "m0")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // a's turn is sending m0's reply
	if err := b.Accept(context.Background(), "tg:1", text("olena", "m1")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both replies", func() bool { return len(slow.received("olena")) >= 2 })
	if got := strings.Join(slow.received("olena"), "|"); got != "1:m0|2:m1" {
		t.Fatalf("replies = %q, want in order, each once", got)
	}
}
