package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/webchat"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/internal/testenv"
)

// visitor is a browser-like client of the web chat: a cookie jar, posts,
// and an event stream read in the background.
type visitor struct {
	t      *testing.T
	base   string
	client *http.Client
	nextID int

	mu     sync.Mutex
	msgs   []webchat.Message
	ready  int // "ready" events seen
	cancel context.CancelFunc
}

// newVisitor opens the chat page on base, as a first visit.
func newVisitor(t *testing.T, base string) *visitor {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	v := &visitor{t: t, base: base, client: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	resp, err := v.client.Get(base + "/chat/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(jar.Cookies(resp.Request.URL)) != 1 {
		t.Fatalf("GET /chat/ = %d with %d cookies", resp.StatusCode, len(jar.Cookies(resp.Request.URL)))
	}
	t.Cleanup(v.close)
	return v
}

// listen (re)opens the event stream, as a page load does.
func (v *visitor) listen() {
	v.close()
	v.mu.Lock()
	v.msgs, v.ready = nil, 0
	v.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, v.base+"/chat/api/events", nil)
	resp, err := (&http.Client{Jar: v.client.Jar}).Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		v.t.Fatalf("events = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var event, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				data = line[len("data: "):]
			case line == "":
				v.mu.Lock()
				switch event {
				case "message":
					var m webchat.Message
					if json.Unmarshal([]byte(data), &m) == nil {
						v.msgs = append(v.msgs, m)
					}
				case "ready":
					v.ready++
				}
				v.mu.Unlock()
				event, data = "", ""
			}
		}
	}()
	v.waitFor("the ready event", func() bool { return v.ready > 0 })
}

func (v *visitor) close() {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
}

// waitFor polls cond (called with v.mu held) for up to ten seconds.
func (v *visitor) waitFor(what string, cond func() bool) {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		v.mu.Lock()
		ok := cond()
		v.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	v.t.Fatalf("timed out waiting for %s; conversation:\n%s", what, v.transcript())
}

func (v *visitor) transcript() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var b strings.Builder
	for _, m := range v.msgs {
		who := "me "
		if m.Outgoing {
			who = "bot"
		}
		b.WriteString(who + ": " + plain(m) + "\n")
	}
	return b.String()
}

func plain(m webchat.Message) string {
	var b strings.Builder
	for _, s := range m.Text {
		b.WriteString(s.Text)
	}
	return b.String()
}

// post sends body as the page does and returns the status.
func (v *visitor) post(body map[string]any) int {
	v.t.Helper()
	if _, ok := body["id"]; !ok {
		v.nextID++
		body["id"] = "msg-" + strconv.Itoa(v.nextID) + "-" + testenv.RandomID()[:8]
	}
	data, _ := json.Marshal(body)
	return v.raw(data, "application/json", v.base)
}

func (v *visitor) raw(data []byte, contentType, origin string) int {
	v.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, v.base+"/chat/api/send", bytes.NewReader(data))
	req.Header.Set("Content-Type", contentType)
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := v.client.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// ask posts body and returns the bot's messages that answer it: those after
// the messages seen so far, once the stream has been quiet for a moment.
func (v *visitor) ask(body map[string]any) []webchat.Message {
	v.t.Helper()
	v.mu.Lock()
	seen := len(v.msgs)
	v.mu.Unlock()
	if code := v.post(body); code != http.StatusAccepted {
		v.t.Fatalf("post %v = %d", body, code)
	}
	v.waitFor("an answer to "+strconv.Quote(strings.TrimSpace(jsonString(body))), func() bool {
		for _, m := range v.msgs[seen:] {
			if m.Outgoing {
				return true
			}
		}
		return false
	})
	// More messages of the same answer may follow.
	for {
		v.mu.Lock()
		n := len(v.msgs)
		v.mu.Unlock()
		time.Sleep(300 * time.Millisecond)
		v.mu.Lock()
		quiet := len(v.msgs) == n
		v.mu.Unlock()
		if quiet {
			break
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []webchat.Message
	for _, m := range v.msgs[seen:] {
		if m.Outgoing {
			out = append(out, m)
		}
	}
	return out
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// press presses the button whose label contains label in the last answer.
func (v *visitor) press(answer []webchat.Message, label string) []webchat.Message {
	v.t.Helper()
	for i := len(answer) - 1; i >= 0; i-- {
		for _, row := range answer[i].Buttons {
			for _, b := range row {
				if strings.Contains(b.Label, label) && b.Action != "" {
					return v.ask(map[string]any{"action": b.Action, "label": b.Label})
				}
			}
		}
	}
	v.t.Fatalf("no button %q in the answer:\n%s", label, v.transcript())
	return nil
}

func allText(msgs []webchat.Message) string {
	var parts []string
	for _, m := range msgs {
		parts = append(parts, plain(m))
	}
	return strings.Join(parts, "\n")
}

func webConfigs(t *testing.T) map[string]configs.Config {
	pg := testConfig(t)
	pg.DatabaseURL = testenv.PostgresURL(t)
	pg.RedisURL, pg.RedisPrefix = testenv.Redis(t)
	return map[string]configs.Config{"sqlite": testConfig(t), "postgres": pg}
}

func TestWebChatConversationSurvivesAReload(t *testing.T) {
	for name, cfg := range webConfigs(t) {
		t.Run(name, func(t *testing.T) {
			m := MustRunMain(t, cfg)
			if code, _ := get(t, m, "/"); code != http.StatusOK { // the redirect to /chat/ is followed
				t.Fatalf("/ = %d", code)
			}
			v := newVisitor(t, m.HTTP.URL())
			v.listen()
			welcome := v.ask(map[string]any{"begin": true, "start": ""})
			if got := allText(welcome); !strings.Contains(got, "Вітаємо") || len(welcome[len(welcome)-1].Buttons) == 0 {
				t.Fatalf("welcome = %q with buttons %v", got, welcome[len(welcome)-1].Buttons)
			}
			queue := v.press(welcome, "Черга")
			if len(queue) == 0 || allText(queue) == "" {
				t.Fatal("no answer to the queue button")
			}
			// A double click posts the same message twice: handled once.
			before := len(v.msgs)
			body := map[string]any{"id": "double-click-" + testenv.RandomID()[:8], "text": "дякую"}
			if a, b := v.post(body), v.post(body); a != http.StatusAccepted || b != http.StatusAccepted {
				t.Fatalf("double post = %d, %d", a, b)
			}
			v.waitFor("the thanks answer", func() bool { return len(v.msgs) > before+1 })
			time.Sleep(500 * time.Millisecond)
			v.mu.Lock()
			var mine int
			for _, msg := range v.msgs[before:] {
				if !msg.Outgoing {
					mine++
				}
			}
			history := len(v.msgs)
			v.mu.Unlock()
			if mine != 1 {
				t.Fatalf("the double post shows %d times:\n%s", mine, v.transcript())
			}
			// A reload shows the whole conversation again, in order.
			v.listen()
			v.waitFor("the history", func() bool { return len(v.msgs) == history })
			v.mu.Lock()
			first, ids := v.msgs[0], v.msgs
			v.mu.Unlock()
			if !strings.Contains(plain(first), "Вітаємо") {
				t.Fatalf("history starts with %q", plain(first))
			}
			for i := 1; i < len(ids); i++ {
				if ids[i].ID <= ids[i-1].ID {
					t.Fatalf("history out of order at %d", i)
				}
			}
		})
	}
}

func TestWebChatFilesAnAppealWithALocation(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	v := newVisitor(t, m.HTTP.URL())
	v.listen()
	welcome := v.ask(map[string]any{"begin": true, "start": ""})
	topics := v.press(welcome, "Подати звернення")
	roads := v.press(topics, "Дороги")
	place := roads
	if last := roads[len(roads)-1]; last.Request != "location" {
		place = v.press(roads, "Яма")
	}
	if last := place[len(place)-1]; last.Request != "location" || last.RequestLabel == "" {
		t.Fatalf("the place step does not ask for a location: %+v", last)
	}
	outside := v.ask(map[string]any{"location": map[string]float64{"Lat": 50.45, "Lon": 30.52}})
	if !strings.Contains(allText(outside), "поза межами") {
		t.Fatalf("a point outside the city = %q", allText(outside))
	}
	desc := v.ask(map[string]any{"location": map[string]float64{"Lat": 49.8416, "Lon": 24.0315}})
	photo := desc
	if !strings.Contains(allText(desc), "фото") {
		photo = v.ask(map[string]any{"text": "Глибока яма посеред дороги, машини об'їжджають тротуаром"})
	}
	phone := v.press(photo, "Далі")
	if last := phone[len(phone)-1]; last.Request != "contact" {
		t.Fatalf("the phone step does not ask for a contact: %+v", last)
	}
	public := v.ask(map[string]any{"text": "+380 67 123 45 67"})
	summary := v.press(public, "Ні")
	if got := allText(summary); !strings.Contains(got, "Перевірте") || !strings.Contains(got, "+380671234567") {
		t.Fatalf("summary = %q", got)
	}
	done := v.press(summary, "Підтвердити")
	got := allText(done)
	if !strings.Contains(got, "зареєстровано") || !strings.Contains(got, "PIN") {
		t.Fatalf("confirmation = %q", got)
	}
	list := v.ask(map[string]any{"text": "мої звернення"})
	if !strings.Contains(allText(list), "Яма") && !strings.Contains(allText(list), "Дороги") {
		t.Fatalf("my appeals = %q", allText(list))
	}
}

func TestWebChatRefusesBadPostsPolitely(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	base := m.HTTP.URL()
	v := newVisitor(t, base)
	stranger := &http.Client{Timeout: 5 * time.Second}
	resp, err := stranger.Post(base+"/chat/api/send", "application/json", strings.NewReader(`{"id":"abcdefgh","text":"hi"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("post without the cookie = %d, want 401", resp.StatusCode)
	}
	long := strings.Repeat("я", webchat.MaxText+1)
	for _, tt := range []struct {
		name        string
		body        []byte
		contentType string
		origin      string
		want        int
	}{
		{"another site", []byte(`{"id":"abcdefgh1","text":"hi"}`), "application/json", "https://evil.example", http.StatusForbidden},
		{"a form post", []byte(`id=abcdefgh2&text=hi`), "application/x-www-form-urlencoded", base, http.StatusUnsupportedMediaType},
		{"invalid UTF-8", []byte("{\"id\":\"abcdefgh3\",\"text\":\"\xff\xfe\"}"), "application/json", base, http.StatusBadRequest},
		{"no id", []byte(`{"text":"hi"}`), "application/json", base, http.StatusBadRequest},
		{"empty", []byte(`{"id":"abcdefgh4","text":"   "}`), "application/json", base, http.StatusBadRequest},
		{"too long", []byte(`{"id":"abcdefgh5","text":"` + long + `"}`), "application/json", base, http.StatusBadRequest},
		{"huge", []byte(`{"id":"abcdefgh6","text":"` + strings.Repeat("a", webchat.MaxBody) + `"}`), "application/json", base, http.StatusRequestEntityTooLarge},
		{"location off the globe", []byte(`{"id":"abcdefgh7","location":{"Lat":91,"Lon":0}}`), "application/json", base, http.StatusBadRequest},
		{"not JSON", []byte(`{"id":`), "application/json", base, http.StatusBadRequest},
	} {
		if got := v.raw(tt.body, tt.contentType, tt.origin); got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.want)
		}
	}
	// Nothing refused reached the conversation.
	v.listen()
	v.mu.Lock()
	n := len(v.msgs)
	v.mu.Unlock()
	if n != 0 {
		t.Fatalf("refused posts left %d messages:\n%s", n, v.transcript())
	}
	// A script posting fast is slowed down.
	limited := false
	for i := 0; i < 80 && !limited; i++ {
		limited = v.post(map[string]any{"text": "спам " + strconv.Itoa(i)}) == http.StatusTooManyRequests
	}
	if !limited {
		t.Error("80 posts in a row were never rate-limited")
	}
	// HTML a resident writes comes back as text, never as markup.
	page, err := v.client.Get(base + "/chat/")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("page CSP = %q", csp)
	}
}
