package notify_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/notify"
)

// Notices the operator keeps off a channel are set aside with the reason,
// never sent; the rest go out as usual.
func TestWorkerSetsAsideNoticesItsFilterRefuses(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "v.db"))
	enqueue(t, db, "keep", "drop")
	s := &flakySender{}
	w := &notify.Worker{Store: db, Senders: senders{s}, Backoff: noBackoff,
		Allow: func(m notify.Message) bool { return m.Key != "drop" }}
	drain(t, w)
	if s.sent["u:keep"] != 1 || s.sent["u:drop"] != 0 {
		t.Fatalf("sent = %v, want only the allowed notice", s.sent)
	}
	msgs, _ := db.FindOutbox(context.Background(), "drop")
	if msgs[0].Status != notify.StatusDead || !strings.Contains(msgs[0].Error, "does not take alert notices") {
		t.Fatalf("refused notice = %+v", msgs[0])
	}
}
