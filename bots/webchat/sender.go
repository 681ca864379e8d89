package webchat

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// Store keeps the web conversations. The SQL store implements it.
type Store interface {
	// AppendWebChat stores the messages of the resident userID in order;
	// a message with a key that is stored already is skipped.
	AppendWebChat(ctx context.Context, userID string, msgs []Entry) error
	// WebChat returns the resident's messages after the id after, oldest
	// first; with after 0, the latest limit messages.
	WebChat(ctx context.Context, userID string, after int64, limit int) ([]Message, error)
	// PurgeWebChat deletes messages and photos stored before t, except
	// photos an appeal refers to, and returns how many it deleted.
	PurgeWebChat(ctx context.Context, before time.Time) (int, error)
	// SaveWebPhoto stores a photo the resident p.UserID attached, under key
	// (the page's message key), and returns its id; a key stored already
	// keeps the first photo and returns its id.
	SaveWebPhoto(ctx context.Context, key string, p Photo) (int64, error)
	// WebPhoto returns the photo with id; ENOTFOUND when there is none.
	WebPhoto(ctx context.Context, id int64) (Photo, error)
}

// Photo is a picture a web resident attached.
type Photo struct {
	UserID      string
	ContentType string // image/jpeg, image/png or image/webp
	Data        []byte
	At          time.Time
}

// Entry is a message to store, with an optional de-duplication key.
type Entry struct {
	Key string
	Message
}

// topic is the Events topic on which a replica tells the others that a
// resident has new messages; the payload is the user id.
const topic = "webchat"

// Sender delivers the bot's messages to web residents: it stores them and
// wakes the resident's open pages on every replica. It implements
// dialog.Sender.
type Sender struct {
	store  Store
	events vikno.Events
	hub    *hub
	log    *slog.Logger
}

var _ dialog.Sender = (*Sender)(nil)

// Send implements dialog.Sender.
func (s *Sender) Send(ctx context.Context, userID string, replies []dialog.Reply) error {
	msgs := render(replies)
	if len(msgs) == 0 {
		return nil
	}
	entries := make([]Entry, len(msgs))
	for i, m := range msgs {
		entries[i] = Entry{Message: m}
	}
	if err := s.store.AppendWebChat(ctx, userID, entries); err != nil {
		return err
	}
	s.wake(ctx, userID)
	return nil
}

// wake tells this replica's pages of userID at once and other replicas'
// through the events; a lost event delays the page until its next poll.
func (s *Sender) wake(ctx context.Context, userID string) {
	s.hub.notify(userID)
	if s.events != nil {
		if err := s.events.Publish(ctx, topic, []byte(userID)); err != nil {
			s.log.Warn("web chat event not published", "err", err)
		}
	}
}

// hub wakes the open event streams of a resident on this replica.
type hub struct {
	mu   sync.Mutex
	subs map[string]map[chan struct{}]struct{}
}

func newHub() *hub { return &hub{subs: map[string]map[chan struct{}]struct{}{}} }

func (h *hub) subscribe(user string) (<-chan struct{}, func()) {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	if h.subs[user] == nil {
		h.subs[user] = map[chan struct{}]struct{}{}
	}
	h.subs[user][c] = struct{}{}
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.subs[user], c)
		if len(h.subs[user]) == 0 {
			delete(h.subs, user)
		}
		h.mu.Unlock()
	}
}

func (h *hub) notify(user string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs[user] {
		select {
		case c <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}
