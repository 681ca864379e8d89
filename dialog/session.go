package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
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
	Tok int `json:"tok,omitempty"`
	// Keyboard is what the conversation's last replies left of a reply
	// keyboard on the resident's screen. It survives Reset.
	Keyboard Keyboard `json:"kbd,omitempty"`
	// Parked are the forms put aside by a deep link, by flow (see
	// Parked). They survive Reset.
	Parked  map[string]*Parked `json:"parked,omitempty"`
	Updated time.Time          `json:"updated"`
}

// Keyboard is what a conversation knows of a reply keyboard on the
// resident's screen: channels show one for a request (location, contact)
// and take it away with the next reply that asks for nothing.
type Keyboard string

const (
	// KeyboardUnknown: a session from before sessions kept it.
	// A new session knows there is none.
	KeyboardUnknown Keyboard = ""
	// KeyboardNone: the last replies asked for nothing.
	KeyboardNone Keyboard = "none"
	// KeyboardShown: the last replies asked for something.
	KeyboardShown Keyboard = "shown"
)

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

// noteKeyboard records whether replies leave a reply keyboard on screen:
// one that asks for something shows it, the next reply without a request
// takes it away; a turn without replies changes nothing.
func (s *Session) noteKeyboard(replies []Reply) {
	if len(replies) == 0 {
		return
	}
	s.Keyboard = KeyboardNone
	if slices.ContainsFunc(replies, func(r Reply) bool { return r.Request != RequestNone }) {
		s.Keyboard = KeyboardShown
	}
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
	return SessionKeyPrefix + string(ch) + ":" + user
}

// SessionKeyPrefix starts the key of every session in the engine's KV.
const SessionKeyPrefix = "session:"

// SessionKey is the key of a resident's session in the engine's KV.
func SessionKey(ch vikno.Channel, user string) string { return sessionKey(ch, user) }

// storedSession is a session its caller read for HandleTurn.
type storedSession struct {
	key  string
	data []byte
}

type storedSessionKey struct{}

// WithStoredSession returns ctx carrying the resident's session as the
// caller read it from the engine's KV under SessionKey (data nil: none is
// stored), so that HandleTurn in ctx takes it instead of reading it again.
// The caller keeps the resident's turns in order and reads the session
// after the previous turn committed (the message pipeline reads it with
// the resident's pending updates, under their lease); only a turn of that
// resident takes it.
func WithStoredSession(ctx context.Context, ch vikno.Channel, user string, data []byte) context.Context {
	return context.WithValue(ctx, storedSessionKey{}, storedSession{key: sessionKey(ch, user), data: data})
}

type storedResidentKey struct{}

// WithStoredResident returns ctx carrying the resident row as the caller
// read it (the message pipeline reads it with the resident's pending
// updates), so that HandleTurn in ctx takes it instead of reading it again.
// Only a turn of that resident (channel and user) takes it; the caller
// reads it after the resident's previous turn ended.
func WithStoredResident(ctx context.Context, res vikno.Resident) context.Context {
	return context.WithValue(ctx, storedResidentKey{}, res)
}

// storedResident returns the resident row ctx carries for u's sender.
func storedResident(ctx context.Context, u Update) (vikno.Resident, bool) {
	res, ok := ctx.Value(storedResidentKey{}).(vikno.Resident)
	if !ok || res.ID == 0 || res.Channel != u.Channel || res.ExternalID != u.UserID {
		return vikno.Resident{}, false
	}
	return res, true
}

func (s sessions) load(ctx context.Context, key string) (Session, error) {
	data, err := s.read(ctx, key)
	if vikno.IsNotFound(err) {
		// A new conversation, or one idle for longer than the session
		// lasts, and so longer than a channel remembers its keyboard.
		return Session{Keyboard: KeyboardNone}, nil
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

// read returns the session's stored form: the one ctx carries for key, or
// the KV's.
func (s sessions) read(ctx context.Context, key string) ([]byte, error) {
	if st, ok := ctx.Value(storedSessionKey{}).(storedSession); ok && st.key == key {
		if st.data == nil {
			return nil, vikno.Errorf(vikno.ENOTFOUND, "no session")
		}
		return st.data, nil
	}
	return s.kv.Get(ctx, key)
}

func (s sessions) save(ctx context.Context, key string, sess Session) error {
	rec, err := s.record(key, sess)
	if err != nil {
		return err
	}
	if err := s.kv.Set(ctx, rec.Key, rec.Value, rec.TTL); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

// SessionRecord is a session in its stored form: what the engine writes to
// its KV under Key, for TTL.
type SessionRecord struct {
	Key   string
	Value []byte
	TTL   time.Duration
}

// record encodes sess for the KV.
func (s sessions) record(key string, sess Session) (SessionRecord, error) {
	data, err := json.Marshal(sess)
	if err != nil {
		return SessionRecord{}, fmt.Errorf("encode session: %w", err)
	}
	return SessionRecord{Key: key, Value: data, TTL: s.ttl}, nil
}
