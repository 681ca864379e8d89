package telegramtest

import (
	"sync"
	"time"
)

// floodControl refuses messages beyond a global rate, as Telegram does.
type floodControl struct {
	mu      sync.Mutex
	limit   int         // messages per second; 0: no limit
	sent    []time.Time // accepted messages of the last second
	refused int
}

// EnforceGlobalRate makes the fake answer 429 (retry_after 1) to every
// sendMessage and sendPhoto beyond n in any one-second window, across all
// chats, as Telegram's flood control does; n = 0 lifts the limit.
func (s *Server) EnforceGlobalRate(n int) {
	s.flood.mu.Lock()
	defer s.flood.mu.Unlock()
	s.flood.limit, s.flood.sent = n, nil
}

// Refused returns how many messages flood control refused.
func (s *Server) Refused() int {
	s.flood.mu.Lock()
	defer s.flood.mu.Unlock()
	return s.flood.refused
}

// admit reports whether a call of method at is within the global rate,
// counting it when it is.
func (f *floodControl) admit(method string, at time.Time) bool {
	if method != "sendMessage" && method != "sendPhoto" {
		return true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.limit <= 0 {
		return true
	}
	cut := 0
	for cut < len(f.sent) && at.Sub(f.sent[cut]) >= time.Second {
		cut++
	}
	f.sent = f.sent[cut:]
	if len(f.sent) >= f.limit {
		f.refused++
		return false
	}
	f.sent = append(f.sent, at)
	return true
}
