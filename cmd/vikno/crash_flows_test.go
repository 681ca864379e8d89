package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
)

// Kill -9 while residents confirm appeals and bookings (each confirm tapped
// twice, as an impatient resident or a redelivery would): after the
// restarts and Telegram's redelivery of what was not acknowledged, every
// resident has exactly one appeal or one booking and was told its number —
// also when the process died between storing it and answering, and on the
// embedded default, whose conversations are kept in the database; duplicate
// messages at the platform edge are counted.
func TestKilledServerFilesEachAppealAndBookingOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	forKillStores(t, killConfirms)
}

// walker drives one chat of a live server through a flow, step by step.
type walker struct {
	t      *testing.T
	s      *server
	fake   *telegramtest.Server
	mu     sync.Mutex
	nextID int
}

func (w *walker) id() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.nextID++
	return w.nextID
}

// step delivers the update and waits until the chat got a new message
// with a button whose data starts with prefix (any new message when
// prefix is ""); it returns the data of the n-th such button. Chats are
// walked at once (each chat's replies are paced), so a failure is an
// Errorf, checked after the walks.
func (w *walker) step(chat int64, body func(id int) []byte, prefix string, n int) string {
	w.t.Helper()
	before := len(w.fake.Sent(chat))
	status, err := telegramtest.Deliver(http.DefaultClient, "http://"+w.s.addr+telegram.WebhookPath, tgSecret, body(w.id()))
	if err != nil || status != http.StatusOK {
		w.t.Errorf("webhook: status %d, %v", status, err)
		return ""
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		msgs := w.fake.Sent(chat)[before:]
		if prefix == "" && len(msgs) > 0 {
			return ""
		}
		var found []string
		for _, m := range msgs {
			for _, b := range m.Buttons() {
				if strings.HasPrefix(b.CallbackData, prefix) {
					found = append(found, b.CallbackData)
				}
			}
		}
		if len(found) > 0 {
			return found[n%len(found)]
		}
	}
	w.t.Errorf("chat %d: no button %q* in %q", chat, prefix, tgVisible(w.fake.Sent(chat)[before:]))
	return ""
}

func (w *walker) press(chat int64, data, prefix string, n int) string {
	return w.step(chat, func(id int) []byte { return telegramtest.Callback(id, chat, data) }, prefix, n)
}

func (w *walker) say(chat int64, text, prefix string) string {
	return w.step(chat, func(id int) []byte { return telegramtest.Text(id, chat, text) }, prefix, 0)
}

// toAppealConfirm walks an appeal to its confirm button and returns it.
func (w *walker) toAppealConfirm(chat int64, i int) string {
	cat := w.press(chat, "menu:appeal", "appeal:s:", 0)
	cat = w.press(chat, cat, "appeal:c:", 0)
	w.press(chat, cat, "", 0) // asks for the place
	w.step(chat, func(id int) []byte { return telegramtest.Location(id, chat, 49.8397, 24.0297) }, "", 0)
	w.say(chat, fmt.Sprintf("Немає гарячої води в під'їзді номер %d вже третій день", i+1), "appeal:next")
	// As the load tool does: buttons pressed without the step's token.
	w.press(chat, "appeal:next", "", 0) // no photo; asks for a phone
	w.press(chat, "appeal:next", "appeal:pub:", 0)
	return w.press(chat, "appeal:pub:n", "appeal:ok:", 0)
}

// toBookingConfirm walks a booking to its confirm button (the i-th time
// of the first day offered, so that residents take different seats).
func (w *walker) toBookingConfirm(chat int64, i int) string {
	w.press(chat, "menu:book:id-card", "", 0)
	day := w.say(chat, "ЦНАП на Виговського", "book:d:")
	slot := w.press(chat, day, "book:t:", i)
	w.press(chat, slot, "", 0)
	names := []string{"Олена Петренко", "Іван Коваль", "Марія Шевчук", "Тарас Бондар", "Оксана Мельник"}
	w.say(chat, names[i%len(names)], "")
	return w.say(chat, "067 123 45 67", "book:ok")
}

func killConfirms(t *testing.T, bin string, env []string, db func() *sql.DB) {
	s, fake := startKillable(t, bin, env)
	w := &walker{t: t, s: s, fake: fake}

	const rounds, perKind = 3, 3
	type confirm struct {
		chat   int64
		data   string
		appeal bool
	}
	var all []confirm
	client := &http.Client{Timeout: 5 * time.Second}
	for round := range rounds {
		var (
			taps []confirm
			mu   sync.Mutex
			wg   sync.WaitGroup
		)
		for i := range perKind {
			chat := int64(5000 + round*100 + i)
			wg.Go(func() {
				c := confirm{chat: chat, data: w.toAppealConfirm(chat, i), appeal: true}
				b := confirm{chat: chat + 50, data: w.toBookingConfirm(chat+50, round*perKind+i)}
				mu.Lock()
				taps = append(taps, c, c, b, b)
				all = append(all, c, b)
				mu.Unlock()
			})
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		rand.Shuffle(len(taps), func(i, j int) { taps[i], taps[j] = taps[j], taps[i] })
		if round == 1 {
			fake.Fail("sendMessage", telegramtest.InternalError(), telegramtest.TooManyRequests(1))
		}
		var unacked [][]byte
		killAt := rand.IntN(len(taps))
		killed := make(chan struct{})
		for i, c := range taps {
			if i == killAt {
				go func() {
					time.Sleep(time.Duration(rand.IntN(15)) * time.Millisecond)
					s.cmd.Process.Signal(syscall.SIGKILL)
					close(killed)
				}()
			}
			body := telegramtest.Callback(w.id(), c.chat, c.data)
			if st, err := telegramtest.Deliver(client, "http://"+s.addr+telegram.WebhookPath, tgSecret, body); err != nil || st != http.StatusOK {
				unacked = append(unacked, body)
			}
		}
		<-killed
		s.cmd.Wait()
		s.start()
		for _, body := range unacked { // Telegram delivers them again
			if st, err := telegramtest.Deliver(client, "http://"+s.addr+telegram.WebhookPath, tgSecret, body); err != nil || st != http.StatusOK {
				t.Fatalf("redelivery after the restart: status %d, %v", st, err)
			}
		}
	}

	conn := db()
	deadline := time.Now().Add(30 * time.Second)
	for {
		pending := count(t, conn, `SELECT COUNT(*) FROM inbound WHERE state = 'pending'`)
		unsent := count(t, conn, `SELECT COUNT(*) FROM outbox WHERE key LIKE 'reply:%' AND status <> 'sent'`)
		told, dup := 0, 0
		for _, c := range all {
			word := "Номер запису"
			if c.appeal {
				word = "зареєстровано"
			}
			seen := map[string]bool{}
			for _, m := range fake.Sent(c.chat) {
				if !strings.Contains(m.Text, word) {
					continue
				}
				if seen[m.Text] { // the same message again: a crash between sending and recording it
					dup++
				}
				seen[m.Text] = true
			}
			if len(seen) > 0 {
				told++
			}
		}
		if pending == 0 && unsent == 0 && told == len(all) {
			appeals := count(t, conn, `SELECT COUNT(*) FROM appeals`)
			residents := count(t, conn, `SELECT COUNT(DISTINCT resident_id) FROM appeals`)
			visits := count(t, conn, `SELECT COUNT(*) FROM visits WHERE status = 'booked'`)
			visitors := count(t, conn, `SELECT COUNT(DISTINCT resident_id) FROM visits WHERE status = 'booked'`)
			if appeals != rounds*perKind || residents != appeals || visits != rounds*perKind || visitors != visits {
				t.Fatalf("%d appeals of %d residents and %d bookings of %d residents; want %d of each, one per resident",
					appeals, residents, visits, visitors, rounds*perKind)
			}
			t.Logf("%d appeals and %d bookings confirmed over %d kill -9 rounds, each once; %d duplicate confirmation messages at the platform edge",
				appeals, visits, rounds, dup)
			return
		}
		if time.Now().After(deadline) {
			for _, c := range all {
				msgs := fake.Sent(c.chat)
				if text := tgVisible(msgs[max(0, len(msgs)-3):]); !strings.Contains(text, "Номер запису") && !strings.Contains(text, "зареєстровано") {
					t.Logf("chat %d (appeal %v) got last: %q", c.chat, c.appeal, text)
				}
			}
			t.Logf("appeals %d, bookings %d", count(t, conn, `SELECT COUNT(*) FROM appeals`), count(t, conn, `SELECT COUNT(*) FROM visits WHERE status = 'booked'`))
			t.Fatalf("after the restarts: %d updates pending, %d replies unsent, %d of %d residents told their number", pending, unsent, told, len(all))
		}
		time.Sleep(200 * time.Millisecond)
	}
}
