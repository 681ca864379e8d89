package dialog_test

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// A resident marked unreachable (they unsubscribed, or a send was refused)
// is reachable again once they write: notices reach them from then on.
func TestWritingMakesAnUnreachableResidentReachable(t *testing.T) {
	st := newStores()
	e := st.engine("1580")
	ctx := context.Background()
	no := false
	if _, err := e.Handle(ctx, dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Subscribed: &no}); err != nil {
		t.Fatal(err)
	}
	res, _ := st.residents.EnsureResident(ctx, dialogtest.Channel, dialogtest.User, "uk")
	if !res.Unreachable {
		t.Fatal("the unsubscribe was not recorded")
	}
	replies, err := e.Handle(ctx, dialog.Update{Channel: dialogtest.Channel, UserID: dialogtest.User, Text: "меню"})
	if err != nil || len(replies) == 0 {
		t.Fatalf("the message got %v, %v", replies, err)
	}
	res, _ = st.residents.EnsureResident(ctx, dialogtest.Channel, dialogtest.User, "uk")
	if res.Unreachable {
		t.Fatal("the resident wrote and is still unreachable")
	}
}
