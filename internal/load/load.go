// Package load simulates residents talking to a Telegram webhook, for the
// `vikno bench` load tool: conversations (FAQ questions, appeals, bookings)
// played in many chats at once, closed or open loop, against a fake Bot API
// whose messages stop each update's clock.
package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
)

// Step is one thing a simulated resident does, then what it waits for:
// a reply carrying a button whose callback data starts with Await (any reply
// when Await is empty).
type Step struct {
	Text  string
	Press string // callback data, or a prefix ending in ':' to press the first such button
	Tap   string // prefix of a reply-keyboard label to tap (sent as its text)
	Lat   float64
	Lon   float64
	Await string
}

func say(text, await string) Step { return Step{Text: text, Await: await} }

func press(data, await string) Step { return Step{Press: data, Await: await} }

func tap(label, await string) Step { return Step{Tap: label, Await: await} }

func shareLocation(lat, lon float64, await string) Step {
	return Step{Lat: lat, Lon: lon, Await: await}
}

// Scripts are the conversations simulated residents play. FAQ questions
// dominate, as in a real city; appeals and bookings walk their flows by
// pressing the buttons the bot offers.
var Scripts = map[string][]Step{
	"faq": {
		say("/start", ""),
		press("menu:faq", ""),
		say("скільки коштує ID-картка", ""),
		say("як оформити житлову субсидію", ""),
	},
	"appeal": {
		press("menu:appeal", "appeal:s:"),
		press("appeal:s:", "appeal:c:"),
		press("appeal:c:", ""), // asks for a location with a reply keyboard
		shareLocation(49.8397, 24.0297, ""),
		say("Немає гарячої води вже третій день, у всьому під'їзді", "appeal:next"),
		press("appeal:next", ""), // no photo; asks for a phone with a reply keyboard
		press("appeal:next", "appeal:pub:"),
		press("appeal:pub:n", "appeal:ok:"),
		press("appeal:ok:", ""),
	},
	"booking": {
		press("menu:book:id-card", ""), // locations on a reply keyboard, with a location request
		shareLocation(49.8301, 23.9772, ""),
		tap("ЦНАП", "book:d:"),
		press("book:d:", "book:t:"),
		press("book:t:", ""),
		say("Олена Петренко", ""),
		say("067 123 45 67", "book:ok"),
		press("book:ok", ""),
	},
}

// loadMix is how often each script starts, out of 10.
var loadMix = []string{"faq", "faq", "faq", "faq", "faq", "faq", "appeal", "appeal", "booking", "booking"}

// Target is a webhook under load and the fake Bot API it answers through.
type Target struct {
	URL string
	// URLs are several replicas' webhooks: updates go to them in turn, as
	// a load balancer would spread them (URL when empty).
	URLs   []string
	Secret string
	Fake   *telegramtest.Server
}

// Options shape one run.
type Options struct {
	Mode     string        // closed: Workers residents back to back; open: Rate updates/s offered
	Workers  int           // closed loop: residents talking at once
	Rate     float64       // open loop: updates offered per second
	Chats    int           // open loop: residents in the pool
	Duration time.Duration // how long updates are offered
	Scripts  []string      // scripts to play; empty means loadMix
	Await    time.Duration // how long a resident waits for an awaited reply
	// AnyReply makes every step wait only for the first reply, pressing
	// button prefixes as they are (the echo floor offers no buttons).
	AnyReply bool
}

// Result is what a run measured.
type Result struct {
	Updates   int64            // webhook calls answered 200
	Errors    int64            // webhook calls failed (status or transport)
	NoReply   int64            // answered updates that got no message within Await
	Abandoned int64            // conversations that stopped because an awaited button never came
	Completed map[string]int64 // conversations played to the end, by script
	Elapsed   time.Duration    // from the first update to the last reply
	Reply     []time.Duration  // webhook request start → first message to the chat, sorted
	Ack       []time.Duration  // webhook request round trip, sorted
	// Requests are the Bot API requests the target made during the run,
	// by method.
	Requests map[string]int
	// CPU is the process's CPU time (user and system) during the run: the
	// target, the simulated residents and the fake Bot API together (not
	// the database or Redis servers); 0 where it cannot be read. Per
	// update it compares builds on a shared machine better than updates/s.
	CPU time.Duration
}

// chatState follows one simulated resident: its outstanding update and the
// buttons it was last offered.
type chatState struct {
	mu      sync.Mutex
	started time.Time // of the outstanding update; zero when none
	replied bool
	buttons []string // callback data of inline buttons
	labels  []string // reply-keyboard labels
	signal  chan struct{}
}

// loadRun drives the target with simulated residents.
type loadRun struct {
	t      Target
	o      Options
	client *http.Client
	nextID atomic.Int64
	turn   atomic.Uint64 // the next of t.URLs
	chats  sync.Map      // int64 → *chatState

	mu     sync.Mutex
	res    Result
	lastAt time.Time
}

func Run(ctx context.Context, t Target, o Options) Result {
	if len(o.Scripts) == 0 {
		o.Scripts = loadMix
	}
	if o.Await <= 0 {
		o.Await = 5 * time.Second
	}
	r := &loadRun{t: t, o: o, res: Result{Completed: map[string]int64{}}, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 512, MaxIdleConnsPerHost: 512},
	}}
	defer r.client.CloseIdleConnections()
	r.nextID.Store(rand.Int64N(1 << 40))
	t.Fake.SetRecording(false)
	t.Fake.OnSend(r.sent)
	defer t.Fake.OnSend(nil)

	before := t.Fake.Requests()
	cpu := processCPU()
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	if o.Mode == "open" {
		r.open(ctx)
	} else {
		r.closed(ctx)
	}
	// The fake calls sent (which takes r.mu) holding its own lock: its
	// hook is taken off and its counts read before r.mu is taken, or a
	// message sent as the run ends deadlocks the two.
	t.Fake.OnSend(nil)
	after := t.Fake.Requests()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Elapsed = max(r.lastAt.Sub(start), time.Since(start))
	if c := processCPU(); cpu > 0 {
		r.res.CPU = c - cpu
	}
	r.res.Requests = map[string]int{}
	for method, n := range after {
		if n > before[method] {
			r.res.Requests[method] = n - before[method]
		}
	}
	slices.Sort(r.res.Reply)
	slices.Sort(r.res.Ack)
	return r.res
}

// sent is the fake's hook: the first message after an update stops its clock.
func (r *loadRun) sent(m telegramtest.Message) {
	v, ok := r.chats.Load(m.ChatID)
	if !ok {
		return
	}
	cs := v.(*chatState)
	cs.mu.Lock()
	if !cs.started.IsZero() && !cs.replied {
		cs.replied = true
		r.record(func(res *Result) { res.Reply = append(res.Reply, m.At.Sub(cs.started)) })
	}
	for _, b := range m.Buttons() {
		cs.buttons = append(cs.buttons, b.CallbackData)
	}
	for _, row := range m.Markup.Keyboard {
		for _, b := range row {
			cs.labels = append(cs.labels, b.Text)
		}
	}
	cs.mu.Unlock()
	select {
	case cs.signal <- struct{}{}:
	default:
	}
}

func (r *loadRun) record(fn func(*Result)) {
	r.mu.Lock()
	fn(&r.res)
	r.lastAt = time.Now()
	r.mu.Unlock()
}

// resident is a simulated resident in the middle of a script.
type resident struct {
	chat   int64
	name   string // of the script
	script []Step
	step   int
}

// advance plays the resident's next step, starting a new conversation in a
// new chat when the script is over or cannot go on.
func (r *loadRun) advance(ctx context.Context, res *resident) {
	if res.step >= len(res.script) {
		r.chats.Delete(res.chat)
		res.chat = loadChat()
		res.name = r.o.Scripts[rand.IntN(len(r.o.Scripts))]
		res.script, res.step = Scripts[res.name], 0
	}
	if !r.step(ctx, res.chat, res.script[res.step]) {
		res.step = len(res.script)
		return
	}
	if res.step++; res.step == len(res.script) {
		r.record(func(lr *Result) { lr.Completed[res.name]++ })
	}
}

// closed runs Workers residents' loops back to back. Each worker talks in
// Chats/Workers chats in turn, as a hotline sees many residents at once:
// one chat gets a message only every so often, so per-chat pacing is
// exercised as in life, not as one impatient resident.
func (r *loadRun) closed(ctx context.Context) {
	var wg sync.WaitGroup
	per := max(1, r.o.Chats/r.o.Workers)
	for range r.o.Workers {
		wg.Go(func() {
			residents := make([]*resident, per)
			for i := range residents {
				residents[i] = &resident{}
			}
			for i := 0; ctx.Err() == nil; i = (i + 1) % per {
				r.advance(ctx, residents[i])
			}
		})
	}
	wg.Wait()
}

// open offers updates at Rate per second: each tick hands a step to a
// resident of the pool that is not waiting for an answer, so the offered load
// does not slow down when the target does.
func (r *loadRun) open(ctx context.Context) {
	idle := make(chan *resident, r.o.Chats)
	for range r.o.Chats {
		idle <- &resident{}
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	start, offered := time.Now(), 0
	for ctx.Err() == nil {
		if offered >= int(time.Since(start).Seconds()*r.o.Rate) {
			time.Sleep(time.Millisecond)
			continue
		}
		offered++
		var res *resident
		select {
		case res = <-idle:
		default:
			res = &resident{} // every resident is busy: a new one arrives
		}
		wg.Go(func() {
			r.advance(ctx, res)
			select {
			case idle <- res:
			default:
			}
		})
	}
}

// step sends one update and waits for its awaited reply; false means the
// conversation cannot go on.
func (r *loadRun) step(ctx context.Context, chat int64, s Step) bool {
	v, _ := r.chats.LoadOrStore(chat, &chatState{signal: make(chan struct{}, 1)})
	cs := v.(*chatState)
	data, text, ok := r.choose(ctx, cs, s)
	if !ok {
		if ctx.Err() != nil {
			return false // the run is over, not the conversation
		}
		r.record(func(res *Result) { res.Abandoned++ })
		return false
	}
	cs.mu.Lock()
	cs.buttons, cs.labels, cs.replied, cs.started = nil, nil, false, time.Now()
	t0 := cs.started
	cs.mu.Unlock()
	id := int(r.nextID.Add(1))
	var body []byte
	switch {
	case s.Press != "":
		body = telegramtest.Callback(id, chat, data)
	case text != "":
		body = telegramtest.Text(id, chat, text)
	default:
		body = telegramtest.Location(id, chat, s.Lat, s.Lon)
	}
	if !r.deliver(body, t0) {
		return false
	}
	if r.o.AnyReply {
		return r.await(ctx, cs, "")
	}
	return r.await(ctx, cs, s.Await)
}

// choose returns the callback data or text step s sends. A step that taps
// or presses a button offered by the previous reply waits (up to Await) for
// it: a reply may come as several messages, and the one with the keyboard
// can arrive after the step that awaited any reply went on.
func (r *loadRun) choose(ctx context.Context, cs *chatState, s Step) (data, text string, ok bool) {
	pick := func() (string, string, bool) {
		cs.mu.Lock()
		defer cs.mu.Unlock()
		switch {
		case r.o.AnyReply && s.Tap != "":
			return s.Press, s.Tap, true
		case s.Tap != "":
			label, found := firstWithPrefix(cs.labels, s.Tap)
			return s.Press, label, found
		case strings.HasSuffix(s.Press, ":") && !r.o.AnyReply:
			button, found := firstWithPrefix(cs.buttons, s.Press)
			return button, s.Text, found
		}
		return s.Press, s.Text, true
	}
	deadline := time.NewTimer(r.o.Await)
	defer deadline.Stop()
	for {
		if data, text, ok = pick(); ok {
			return data, text, true
		}
		select {
		case <-cs.signal:
		case <-ctx.Done():
			return "", "", false
		case <-deadline.C:
			return "", "", false
		}
	}
}

// deliver posts one update to the webhook and records its acknowledgement.
func (r *loadRun) deliver(body []byte, t0 time.Time) bool {
	url := r.t.URL
	if len(r.t.URLs) > 0 {
		url = r.t.URLs[(r.turn.Add(1)-1)%uint64(len(r.t.URLs))]
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", r.t.Secret)
	resp, err := r.client.Do(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	ack := time.Since(t0)
	if err != nil || resp.StatusCode != http.StatusOK {
		r.record(func(res *Result) { res.Errors++ })
		return false
	}
	r.record(func(res *Result) { res.Updates++; res.Ack = append(res.Ack, ack) })
	return true
}

// await waits until the chat got a reply and, when prefix is set, a button
// with that prefix.
func (r *loadRun) await(ctx context.Context, cs *chatState, prefix string) bool {
	deadline := time.NewTimer(r.o.Await)
	defer deadline.Stop()
	for {
		cs.mu.Lock()
		replied := cs.replied
		_, found := firstWithPrefix(cs.buttons, prefix)
		cs.mu.Unlock()
		if replied && (prefix == "" || found) {
			return true
		}
		select {
		case <-cs.signal:
		case <-ctx.Done():
			return false
		case <-deadline.C:
			if !replied {
				r.record(func(res *Result) { res.NoReply++ })
			} else {
				r.record(func(res *Result) { res.Abandoned++ })
			}
			return false
		}
	}
}

// firstWithPrefix returns the first button data starting with prefix (any
// button for an empty prefix, which always succeeds).
func firstWithPrefix(buttons []string, prefix string) (string, bool) {
	if prefix == "" {
		return "", true
	}
	for _, b := range buttons {
		if strings.HasPrefix(b, prefix) {
			return b, true
		}
	}
	return "", false
}

// loadChat returns a chat id no earlier run used (a shared Redis remembers
// sessions of earlier runs).
func loadChat() int64 { return 1e9 + rand.Int64N(1e12) }

// Report formats a result as one line of key=value figures.
func (res Result) Report() string {
	pct := func(d []time.Duration, p float64) float64 {
		if len(d) == 0 {
			return 0
		}
		return float64(d[min(len(d)-1, int(p*float64(len(d))))]) / float64(time.Millisecond)
	}
	rate := 0.0
	if res.Elapsed > 0 {
		rate = float64(res.Updates) / res.Elapsed.Seconds()
	}
	line := fmt.Sprintf("updates=%d updates_per_s=%.0f reply_p50_ms=%.1f reply_p99_ms=%.1f reply_p999_ms=%.1f "+
		"ack_p50_ms=%.1f ack_p99_ms=%.1f errors=%d no_reply=%d abandoned=%d",
		res.Updates, rate, pct(res.Reply, 0.5), pct(res.Reply, 0.99), pct(res.Reply, 0.999),
		pct(res.Ack, 0.5), pct(res.Ack, 0.99), res.Errors, res.NoReply, res.Abandoned)
	for _, name := range slices.Sorted(maps.Keys(Scripts)) {
		line += fmt.Sprintf(" completed_%s=%d", name, res.Completed[name])
	}
	// Bot API requests per answered update: what the bot costs the
	// platform (and itself) beside its own work.
	total := 0
	for _, n := range res.Requests {
		total += n
	}
	if res.CPU > 0 {
		line += fmt.Sprintf(" process_cpu_ms_per_update=%.3f", float64(res.CPU)/float64(time.Millisecond)/float64(max(res.Updates, 1)))
	}
	line += fmt.Sprintf(" api_requests_per_update=%.2f", float64(total)/float64(max(res.Updates, 1)))
	for _, method := range slices.Sorted(maps.Keys(res.Requests)) {
		line += fmt.Sprintf(" %s=%d", method, res.Requests[method])
	}
	return line
}
