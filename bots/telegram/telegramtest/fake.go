// Package telegramtest is a fake Telegram Bot API server for tests: the real
// telego client talks to it over HTTP. It records every call, keeps the
// messages each chat received, serves getUpdates from a queue for long
// polling, and can answer calls with injected failures (429 with
// retry_after, 5xx, 403).
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is a well-formed bot token for the fake; BotID and Username are
// what its getMe answers.
const (
	Token    = "123456789:AAFakeTokenForViknoTestsOnly_012345"
	BotID    = 123456789
	Username = "vikno_test_bot"
)

// WaitTimeout bounds the Wait helpers: a guard against a hung test, not a
// measurement.
var WaitTimeout = 20 * time.Second

// Call is one Bot API request the fake received.
type Call struct {
	Method string
	// Params are the request's parameters: strings as they are, other JSON
	// values as JSON text (reply_markup, numbers).
	Params map[string]string
	// Files are uploaded files by field name.
	Files map[string][]byte
	At    time.Time
	// Failed is set when the call was answered with an injected failure.
	Failed *Failure
}

// Failure is an injected error answer.
type Failure struct {
	Status      int
	Description string
	RetryAfter  int
}

// TooManyRequests is Telegram's flood-control answer.
func TooManyRequests(retryAfter int) Failure {
	return Failure{Status: 429, Description: "Too Many Requests: retry after " + strconv.Itoa(retryAfter), RetryAfter: retryAfter}
}

// InternalError is a 500 with a non-JSON body, as a failing proxy gives.
func InternalError() Failure { return Failure{Status: 500, Description: "Internal Server Error"} }

// Blocked is the answer for a resident who blocked the bot.
func Blocked() Failure {
	return Failure{Status: 403, Description: "Forbidden: bot was blocked by the user"}
}

// BadRequest is a 400 with a description.
func BadRequest(desc string) Failure {
	return Failure{Status: 400, Description: "Bad Request: " + desc}
}

// Message is a message a chat received (sendMessage or sendPhoto), with its
// reply markup as it stands after edits.
type Message struct {
	ID        int
	ChatID    int64
	Method    string
	Text      string // text, or the caption of a photo
	ParseMode string
	Photo     string // file id or URL; "upload:NAME" for an uploaded file
	Markup    Markup
	At        time.Time
}

// Markup is a message's reply_markup.
type Markup struct {
	InlineKeyboard  [][]InlineButton   `json:"inline_keyboard"`
	Keyboard        [][]KeyboardButton `json:"keyboard"`
	RemoveKeyboard  bool               `json:"remove_keyboard"`
	OneTimeKeyboard bool               `json:"one_time_keyboard"`
}

// InlineButton is an inline keyboard button.
type InlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
	URL          string `json:"url"`
}

// KeyboardButton is a reply keyboard button.
type KeyboardButton struct {
	Text            string `json:"text"`
	RequestContact  bool   `json:"request_contact"`
	RequestLocation bool   `json:"request_location"`
}

// Buttons returns the inline buttons of m, row by row.
func (m Message) Buttons() []InlineButton {
	var out []InlineButton
	for _, row := range m.Markup.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// ButtonData returns the callback data of m's last inline button whose
// data starts with prefix ("" when none has).
func (m Message) ButtonData(prefix string) string {
	data := ""
	for _, b := range m.Buttons() {
		if strings.HasPrefix(b.CallbackData, prefix) {
			data = b.CallbackData
		}
	}
	return data
}

// Server is the fake Bot API.
type Server struct {
	URL string
	srv *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	calls    []Call
	failures map[string][]Failure
	messages []*Message
	byID     map[int64]map[int]*Message
	lastAt   map[int64]time.Time
	updates  []queued
	offset   int
	nextID   int
	// Record, when false, keeps only counters and per-chat times
	// (benchmarks).
	record bool
	// requests counts the Bot API requests served, by method.
	requests map[string]int
	// onSend, when set, sees every message sent (load tests).
	onSend func(Message)
	flood  floodControl
	// files are what getFile and the file URLs serve, by file id.
	files map[string][]byte
}

type queued struct {
	id  int
	raw json.RawMessage
}

// New starts a fake server, closed when the test ends.
func New(t testing.TB) *Server {
	s := Start()
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake server outside a test (the load tool); the caller
// closes it.
func Start() *Server {
	s := &Server{
		changed: make(chan struct{}), failures: map[string][]Failure{},
		byID: map[int64]map[int]*Message{}, lastAt: map[int64]time.Time{}, record: true,
		files: map[string][]byte{}, requests: map[string]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Requests returns how many Bot API requests the server has served, by
// method (methods carried in webhook answers are not requests of the bot).
func (s *Server) Requests() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.requests)
}

// OnSend makes fn see every message sent from now on, as it arrives; fn must
// be quick and must not call the server.
func (s *Server) OnSend(fn func(Message)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onSend = fn
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// SetRecording turns keeping calls and messages on or off; the per-chat
// time of the last message is always kept.
func (s *Server) SetRecording(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.record = on
}

// Fail makes the next calls of method fail, one failure per call.
func (s *Server) Fail(method string, failures ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], failures...)
}

// Push queues updates (JSON, with update_id) for getUpdates.
func (s *Server) Push(updates ...[]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range updates {
		var head struct {
			UpdateID int `json:"update_id"`
		}
		json.Unmarshal(u, &head)
		s.updates = append(s.updates, queued{id: head.UpdateID, raw: u})
	}
	s.notify()
}

// Offset returns the highest offset getUpdates was called with: every
// update below it is confirmed.
func (s *Server) Offset() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.offset
}

// Calls returns the calls of the given methods (all calls when none is
// given), failed ones included, in order.
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Sent returns the messages chat received, in order.
func (s *Server) Sent(chat int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.ChatID == chat {
			out = append(out, *m)
		}
	}
	return out
}

// LastSentAt returns when chat last received a message.
func (s *Server) LastSentAt(chat int64) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastAt[chat]
}

// WaitSent waits until chat has received at least n messages and returns
// them; the test fails after WaitTimeout.
func (s *Server) WaitSent(t testing.TB, chat int64, n int) []Message {
	t.Helper()
	var out []Message
	s.waitFor(t, fmt.Sprintf("%d messages to chat %d", n, chat), func() bool {
		out = s.Sent(chat)
		return len(out) >= n
	})
	return out
}

// WaitCalls waits until method was called at least n times.
func (s *Server) WaitCalls(t testing.TB, method string, n int) []Call {
	t.Helper()
	var out []Call
	s.waitFor(t, fmt.Sprintf("%d %s calls", n, method), func() bool {
		out = s.Calls(method)
		return len(out) >= n
	})
	return out
}

// WaitOffset waits until getUpdates confirmed every update below offset.
func (s *Server) WaitOffset(t testing.TB, offset int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("offset %d", offset), func() bool { return s.Offset() >= offset })
}

func (s *Server) waitFor(t testing.TB, what string, done func() bool) {
	t.Helper()
	deadline := time.NewTimer(WaitTimeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if done() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("telegramtest: gave up waiting for %s", what)
		}
	}
}

// notify wakes waiters; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// AddFile makes getFile know the file id and the file URL serve data, as
// for a photo a resident sent.
func (s *Server) AddFile(fileID string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = data
}

// filePath is where the fake serves a file: /file/bot<token>/<filePath>.
func filePath(fileID string) string { return "photos/" + fileID + ".jpg" }

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rest, _ := strings.CutPrefix(r.URL.Path, "/file/bot")
	token, path, _ := strings.Cut(rest, "/")
	id, ok := strings.CutPrefix(strings.TrimSuffix(path, ".jpg"), "photos/")
	s.mu.Lock()
	data, known := s.files[id]
	s.mu.Unlock()
	if token != Token || !ok || !known || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func (s *Server) getFile(c Call) (any, *Failure) {
	id := c.Params["file_id"]
	s.mu.Lock()
	data, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		f := BadRequest("invalid file_id")
		return nil, &f
	}
	return map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": len(data), "file_path": filePath(id)}, nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/file/bot") {
		s.serveFile(w, r)
		return
	}
	// Paths are /bot<token>/<method>.
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || r.Method != http.MethodPost {
		writeError(w, Failure{Status: 404, Description: "Not Found"})
		return
	}
	if token != Token {
		writeError(w, Failure{Status: 401, Description: "Unauthorized"})
		return
	}
	params, files, err := readParams(r)
	if err != nil {
		writeError(w, BadRequest(err.Error()))
		return
	}
	call := Call{Method: method, Params: params, Files: files, At: time.Now()}
	s.mu.Lock()
	s.requests[method]++
	if f := s.failures[method]; len(f) > 0 {
		call.Failed = &f[0]
		s.failures[method] = f[1:]
	}
	if s.record {
		s.calls = append(s.calls, call)
	}
	s.notify()
	s.mu.Unlock()
	if call.Failed == nil && !s.flood.admit(method, call.At) {
		call.Failed = &Failure{Status: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}
	}
	if call.Failed != nil {
		writeError(w, *call.Failed)
		return
	}
	if method == "getUpdates" {
		s.getUpdates(w, r, params)
		return
	}
	result, f := s.answer(call)
	if f != nil {
		writeError(w, *f)
		return
	}
	writeResult(w, result)
}

// answer makes the result of a successful call.
func (s *Server) answer(c Call) (any, *Failure) {
	switch c.Method {
	case "getMe":
		return map[string]any{"id": BotID, "is_bot": true, "first_name": "Vikno", "username": Username}, nil
	case "sendMessage", "sendPhoto":
		return s.store(c)
	case "editMessageReplyMarkup", "editMessageText":
		return s.edit(c)
	case "getFile":
		return s.getFile(c)
	case "setWebhook", "deleteWebhook", "setMyCommands", "answerCallbackQuery", "deleteMessage":
		return true, nil
	}
	return nil, &Failure{Status: 404, Description: "Not Found: method not found"}
}

func (s *Server) store(c Call) (any, *Failure) {
	chat, err := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	if err != nil {
		f := BadRequest("chat not found")
		return nil, &f
	}
	m := &Message{ChatID: chat, Method: c.Method, ParseMode: c.Params["parse_mode"], At: c.At}
	if c.Method == "sendPhoto" {
		m.Text, m.Photo = c.Params["caption"], c.Params["photo"]
		if _, ok := c.Files["photo"]; ok {
			m.Photo = "upload:photo"
		}
	} else {
		m.Text = c.Params["text"]
		if strings.TrimSpace(m.Text) == "" {
			f := BadRequest("message text is empty")
			return nil, &f
		}
	}
	if mk := c.Params["reply_markup"]; mk != "" {
		if err := json.Unmarshal([]byte(mk), &m.Markup); err != nil {
			f := BadRequest("can't parse reply keyboard markup JSON object")
			return nil, &f
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	m.ID = s.nextID
	s.lastAt[chat] = c.At
	if s.onSend != nil {
		s.onSend(*m)
	}
	if s.record {
		s.messages = append(s.messages, m)
		if s.byID[chat] == nil {
			s.byID[chat] = map[int]*Message{}
		}
		s.byID[chat][m.ID] = m
	}
	s.notify()
	return map[string]any{
		"message_id": m.ID, "date": c.At.Unix(), "text": m.Text,
		"chat": map[string]any{"id": chat, "type": "private"},
	}, nil
}

func (s *Server) edit(c Call) (any, *Failure) {
	chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	id, _ := strconv.Atoi(c.Params["message_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.byID[chat][id]
	if m == nil {
		f := BadRequest("message to edit not found")
		return nil, &f
	}
	m.Markup = Markup{}
	if mk := c.Params["reply_markup"]; mk != "" {
		json.Unmarshal([]byte(mk), &m.Markup)
	}
	if t, ok := c.Params["text"]; ok {
		m.Text = t
	}
	s.notify()
	return map[string]any{
		"message_id": m.ID, "date": m.At.Unix(), "text": m.Text,
		"chat": map[string]any{"id": chat, "type": "private"},
	}, nil
}

// getUpdates answers with queued updates from offset on, waiting up to the
// timeout for one to arrive.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, params map[string]string) {
	offset, _ := strconv.Atoi(params["offset"])
	timeout, _ := strconv.Atoi(params["timeout"])
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if offset > s.offset {
			s.offset = offset
			kept := s.updates[:0]
			for _, u := range s.updates {
				if u.id >= offset {
					kept = append(kept, u)
				}
			}
			s.updates = kept
			s.notify()
		}
		var out []json.RawMessage
		for _, u := range s.updates {
			if u.id >= offset && len(out) < limit {
				out = append(out, u.raw)
			}
		}
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			writeResult(w, out)
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return
		}
	}
}

// readParams reads a JSON or multipart request into strings.
func readParams(r *http.Request) (map[string]string, map[string][]byte, error) {
	params := map[string]string{}
	ct, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		files := map[string][]byte{}
		mr := multipart.NewReader(r.Body, mp["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return params, files, nil
			}
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return nil, nil, err
			}
			if p.FileName() != "" {
				files[p.FormName()] = data
			} else {
				params[p.FormName()] = string(data)
			}
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, nil, err
	}
	params, err = jsonParams(body)
	return params, nil, err
}

// jsonParams reads the parameters of a JSON request body: strings as they
// are, other values as JSON text.
func jsonParams(body []byte) (map[string]string, error) {
	params := map[string]string{}
	var raw map[string]json.RawMessage
	if len(body) > 0 {
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, err
		}
	}
	for k, v := range raw {
		var str string
		if json.Unmarshal(v, &str) == nil {
			params[k] = str
		} else {
			params[k] = string(v)
		}
	}
	return params, nil
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, f Failure) {
	if f.Status >= 500 {
		http.Error(w, f.Description, f.Status)
		return
	}
	body := map[string]any{"ok": false, "error_code": f.Status, "description": f.Description}
	if f.RetryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": f.RetryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	json.NewEncoder(w).Encode(body)
}
