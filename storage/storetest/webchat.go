package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/webchat"
)

func webEntry(key, text string, out bool) webchat.Entry {
	return webchat.Entry{Key: key, Message: webchat.Message{Outgoing: out, Text: []webchat.Span{{Text: text}}}}
}

func texts(msgs []webchat.Message) []string {
	var out []string
	for _, m := range msgs {
		s := ""
		for _, sp := range m.Text {
			s += sp.Text
		}
		out = append(out, s)
	}
	return out
}

func testWebChat(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("HistoryInOrderPerResidentKeyedOnce", func(t *testing.T) {
		s := open(t)
		must := func(user string, e ...webchat.Entry) {
			t.Helper()
			if err := s.AppendWebChat(ctx, user, e); err != nil {
				t.Fatal(err)
			}
		}
		must("a", webEntry("web:a:1", "привіт", false))
		must("a", webEntry("web:a:1", "привіт", false)) // a double click
		must("b", webEntry("", "чужа розмова", true))
		must("a", webEntry("", "Вітаю!", true), webEntry("", "Оберіть розділ", true))
		all, err := s.WebChat(ctx, "a", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := texts(all); len(got) != 3 || got[0] != "привіт" || got[2] != "Оберіть розділ" {
			t.Fatalf("history = %q", got)
		}
		if all[0].Outgoing || !all[1].Outgoing || all[0].At.IsZero() || all[0].ID >= all[1].ID {
			t.Fatalf("entries = %+v", all)
		}
		latest, err := s.WebChat(ctx, "a", 0, 2)
		if err != nil || len(latest) != 2 || texts(latest)[1] != "Оберіть розділ" {
			t.Fatalf("latest two = %q, %v; want the two newest, oldest first", texts(latest), err)
		}
		after, err := s.WebChat(ctx, "a", all[0].ID, 10)
		if err != nil || len(after) != 2 || after[0].ID != all[1].ID {
			t.Fatalf("after first = %+v, %v", after, err)
		}
	})
	t.Run("PurgeDeletesOnlyOldMessages", func(t *testing.T) {
		s := open(t)
		old := webEntry("", "старе", true)
		old.At = time.Now().Add(-48 * time.Hour)
		if err := s.AppendWebChat(ctx, "a", []webchat.Entry{old, webEntry("", "нове", true)}); err != nil {
			t.Fatal(err)
		}
		n, err := s.PurgeWebChat(ctx, time.Now().Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v; want 1", n, err)
		}
		left, _ := s.WebChat(ctx, "a", 0, 10)
		if got := texts(left); len(got) != 1 || got[0] != "нове" {
			t.Fatalf("left %q", got)
		}
	})
}
