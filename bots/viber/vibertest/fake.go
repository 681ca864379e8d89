// Package vibertest is a fake Viber REST Bot API for tests: an httptest
// server that answers the calls the channel makes, records the messages it
// was asked to send, can fail on demand, and builds correctly signed
// callbacks to post to the bot's webhook.
package vibertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/viber"
)

// Token is the auth token the fake accepts.
const Token = "4ab1c2d3e4f5a6b7-0123456789abcdef-fedcba9876543210"

// URI is the bot account's public URI.
const URI = "viknotest"

// WaitTimeout bounds the Wait helpers.
var WaitTimeout = 20 * time.Second

// Call is one API call the fake received.
type Call struct {
	Method string
	Body   []byte
}

// Failure is an answer the fake gives instead of success: a Viber status
// (HTTP 200 with status != 0) or, when HTTP is set, a bare HTTP status.
type Failure struct {
	HTTP   int
	Status int
}

// Server is a fake Viber API.
type Server struct {
	URL string
	srv *httptest.Server

	mu       sync.Mutex
	calls    []Call
	sent     map[string][]viber.Message
	tokenOf  map[string][]int64 // message tokens of sent, by receiver
	failures map[string][]Failure
	webhook  string
	tokens   int64
	changed  chan struct{}
}

// New starts a fake closed at the end of the test.
func New(t testing.TB) *Server {
	s := &Server{sent: map[string][]viber.Message{}, tokenOf: map[string][]int64{}, failures: map[string][]Failure{}, tokens: 5e18, changed: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// Fail makes the next calls of method fail, one failure per call.
func (s *Server) Fail(method string, failures ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], failures...)
}

// Calls returns the calls of method received so far.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Webhook returns the URL the last set_webhook registered.
func (s *Server) Webhook() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Sent returns the messages sent to user so far.
func (s *Server) Sent(user string) []viber.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]viber.Message(nil), s.sent[user]...)
}

// Tokens returns the message tokens the fake answered user's messages
// with, in the order of Sent.
func (s *Server) Tokens(user string) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.tokenOf[user]...)
}

// WaitSent waits until user got at least n messages and returns them.
func (s *Server) WaitSent(t testing.TB, user string, n int) []viber.Message {
	t.Helper()
	deadline := time.After(WaitTimeout)
	for {
		s.mu.Lock()
		got, ch := len(s.sent[user]), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Sent(user)
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("vibertest: %d messages to %s after %s, want %d", got, user, WaitTimeout, n)
		}
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/")
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get(viber.AuthHeader) != Token {
		writeJSON(w, map[string]any{"status": viber.StatusInvalidAuthToken, "status_message": "invalidAuthToken"})
		return
	}
	s.mu.Lock()
	s.calls = append(s.calls, Call{Method: method, Body: body})
	var fail *Failure
	if q := s.failures[method]; len(q) > 0 {
		fail, s.failures[method] = &q[0], q[1:]
	}
	s.mu.Unlock()
	switch {
	case fail != nil && fail.HTTP != 0:
		http.Error(w, http.StatusText(fail.HTTP), fail.HTTP)
		return
	case fail != nil:
		writeJSON(w, map[string]any{"status": fail.Status, "status_message": "failure on demand"})
		return
	}
	switch method {
	case "set_webhook":
		var req struct {
			URL string `json:"url"`
		}
		json.Unmarshal(body, &req)
		s.mu.Lock()
		s.webhook = req.URL
		s.mu.Unlock()
		writeJSON(w, map[string]any{"status": 0, "status_message": "ok", "event_types": viber.EventTypes})
	case "send_message":
		s.send(w, body)
	case "get_account_info":
		writeJSON(w, map[string]any{"status": 0, "status_message": "ok", "id": "pa:1", "name": "Vikno test", "uri": URI, "webhook": s.Webhook()})
	case "get_user_details":
		var req struct {
			ID string `json:"id"`
		}
		json.Unmarshal(body, &req)
		writeJSON(w, map[string]any{"status": 0, "status_message": "ok", "user": viber.User{ID: req.ID, Name: "Resident", Language: "uk", APIVersion: 10}})
	default:
		writeJSON(w, map[string]any{"status": viber.StatusBadData, "status_message": "unknown method"})
	}
}

// send validates a send_message request as Viber would and records it.
func (s *Server) send(w http.ResponseWriter, body []byte) {
	var m viber.Message
	if err := json.Unmarshal(body, &m); err != nil || m.Receiver == "" || m.Sender == nil || m.Sender.Name == "" {
		writeJSON(w, map[string]any{"status": viber.StatusMissingData, "status_message": "missing receiver or sender"})
		return
	}
	if len(body) > viber.MaxRequest || len([]rune(m.Text)) > viber.MaxText {
		writeJSON(w, map[string]any{"status": viber.StatusBadData, "status_message": "too long"})
		return
	}
	s.mu.Lock()
	s.tokens++
	token := s.tokens
	s.sent[m.Receiver] = append(s.sent[m.Receiver], m)
	s.tokenOf[m.Receiver] = append(s.tokenOf[m.Receiver], token)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	writeJSON(w, map[string]any{"status": 0, "status_message": "ok", "message_token": token})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
