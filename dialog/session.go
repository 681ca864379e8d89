package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
)

// Session is the state of one resident's conversation: which flow and step it
// is in, the values collected so far and the buttons last offered (so that
// typing a button's label works like pressing it).
type Session struct {
	Flow    string            `json:"flow,omitempty"`
	Step    string            `json:"step,omitempty"`
	Data    map[string]string `json:"data,omitempty"`
	Buttons []Button          `json:"buttons,omitempty"`
	// Tok counts the steps the conversation went through; the buttons of a
	// stepped flow carry it (see Stepper). It survives Reset.
	Tok     int       `json:"tok,omitempty"`
	Updated time.Time `json:"updated"`
}

// Get returns a collected value.
func (s *Session) Get(key string) string { return s.Data[key] }

// Set stores a collected value; an empty value removes it.
func (s *Session) Set(key, value string) {
	if value == "" {
		delete(s.Data, key)
		return
	}
	if s.Data == nil {
		s.Data = map[string]string{}
	}
	s.Data[key] = value
}

// Reset leaves any flow and forgets collected values.
func (s *Session) Reset() {
	s.Flow, s.Step, s.Data = "", "", nil
}

// sessions keeps sessions in the shared KV store as JSON with a TTL.
type sessions struct {
	kv  vikno.KV
	ttl time.Duration
}

func sessionKey(ch vikno.Channel, user string) string {
	return "session:" + string(ch) + ":" + user
}

func (s sessions) load(ctx context.Context, key string) (Session, error) {
	data, err := s.kv.Get(ctx, key)
	if vikno.IsNotFound(err) {
		return Session{}, nil
	}
	if err != nil {
		return Session{}, fmt.Errorf("load session: %w", err)
	}
	var sess Session
	if err := json.Unmarshal(data, &sess); err != nil {
		// A session written by an incompatible version: start afresh.
		return Session{}, nil
	}
	return sess, nil
}

func (s sessions) save(ctx context.Context, key string, sess Session) error {
	data, err := json.Marshal(sess)
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	if err := s.kv.Set(ctx, key, data, s.ttl); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}
