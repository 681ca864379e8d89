package main

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
	"github.com/vikno-city/vikno/internal/testenv"
)

// server is a `vikno serve` process that a test can kill -9 and restart.
type server struct {
	t    *testing.T
	bin  string
	env  []string
	addr string
	cmd  *exec.Cmd
}

// buildVikno compiles the binary once per test.
func buildVikno(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "vikno")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "serve")
	s.cmd.Env = append(os.Environ(), s.env...)
	s.cmd.Env = append(s.cmd.Env, "VIKNO_HTTP_ADDR="+s.addr)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + s.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("vikno serve did not come up: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process at once, as a crash or an OOM kill would.
func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

// Kill -9 rounds under load, with the Bot API failing part of the time:
// every update the webhook acknowledged is handled and answered after the
// restarts, updates it did not acknowledge are redelivered (as Telegram
// does) and answered too; nothing stays pending, and the duplicates at the
// platform edge are counted.
func TestKilledServerLosesNoAcknowledgedUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	forKillStores(t, killRounds)
}

// forKillStores runs a kill -9 test on the binary once on the embedded
// default and once on PostgreSQL + Redis; db opens the database it used.
func forKillStores(t *testing.T, test func(t *testing.T, bin string, env []string, db func() *sql.DB)) {
	bin := buildVikno(t)
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "vikno.db")
		test(t, bin, []string{"VIKNO_DATA_DIR=" + dir}, func() *sql.DB { return openDB(t, "sqlite", db) })
	})
	t.Run("postgres+redis", func(t *testing.T) {
		pg := testenv.PostgresURL(t)
		redisURL, prefix := testenv.Redis(t)
		env := []string{"VIKNO_DATA_DIR=" + t.TempDir(), "VIKNO_DATABASE_URL=" + pg,
			"VIKNO_REDIS_URL=" + redisURL, "VIKNO_REDIS_PREFIX=" + prefix, "VIKNO_PIN_KEY=" + strings.Repeat("k", 32)}
		test(t, bin, env, func() *sql.DB { return openDB(t, "pgx", pg) })
	})
}

// startKillable starts `vikno serve` in webhook mode against a fake Bot
// API; the server is killed when the test ends.
func startKillable(t *testing.T, bin string, env []string) (*server, *telegramtest.Server) {
	fake := telegramtest.New(t)
	s := &server{t: t, bin: bin, addr: freeAddr(t), env: append(env,
		"VIKNO_TELEGRAM_TOKEN="+telegramtest.Token, "VIKNO_TELEGRAM_API_URL="+fake.URL,
		"VIKNO_TELEGRAM_MODE=webhook", "VIKNO_TELEGRAM_WEBHOOK_SECRET="+tgSecret, "VIKNO_PUBLIC_URL=https://vikno.example/",
		"VIKNO_LOG_LEVEL=error", "VIKNO_TELEGRAM_GLOBAL_RATE=1000",
	)}
	s.start()
	t.Cleanup(func() { s.kill() })
	return s, fake
}

func killRounds(t *testing.T, bin string, env []string, db func() *sql.DB) {
	s, fake := startKillable(t, bin, env)

	// Ten rounds; in each, workers deliver at once (the load), and the
	// process is killed at a random moment among them.
	const chats, rounds, perRound, workers = 12, 10, 60, 6
	type update struct {
		chat int64
		body []byte
	}
	var mu sync.Mutex
	acked := map[int64]int{} // chat → updates acknowledged
	var unacked []update     // to deliver again, as Telegram redelivers
	nextID := 1
	client := &http.Client{Timeout: 5 * time.Second}
	deliver := func(u update) {
		status, err := telegramtest.Deliver(client, "http://"+s.addr+telegram.WebhookPath, tgSecret, u.body)
		mu.Lock()
		defer mu.Unlock()
		if err == nil && status == http.StatusOK {
			acked[u.chat]++
			return
		}
		unacked = append(unacked, u)
	}
	deliverAll := func(us []update) {
		next := make(chan update)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for u := range next {
					deliver(u)
				}
			})
		}
		for _, u := range us {
			next <- u
		}
		close(next)
		wg.Wait()
	}
	for round := range rounds {
		if round%2 == 1 {
			fake.Fail("sendMessage", telegramtest.InternalError(), telegramtest.InternalError(), telegramtest.TooManyRequests(1))
		}
		batch := make([]update, perRound)
		for i := range batch {
			chat := int64(1000 + rand.IntN(chats))
			batch[i] = update{chat: chat, body: telegramtest.Text(nextID, chat, "/start")}
			nextID++
		}
		// The kill lands while updates are being received and handled.
		killed := make(chan struct{})
		go func() {
			time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
			s.cmd.Process.Signal(syscall.SIGKILL)
			close(killed)
		}()
		deliverAll(batch)
		<-killed
		s.cmd.Wait()
		s.start()
		redo := unacked
		unacked = nil
		deliverAll(redo)
	}
	if len(unacked) > 0 {
		t.Fatalf("%d updates never acknowledged by a running server", len(unacked))
	}

	// Every acknowledged update gets its reply: one message per /start.
	conn := db()
	deadline := time.Now().Add(90 * time.Second)
	for {
		missing, dup := 0, 0
		for chat, n := range acked {
			got := len(fake.Sent(chat))
			missing += max(0, n-got)
			dup += max(0, got-n)
		}
		pending := count(t, conn, `SELECT COUNT(*) FROM inbound WHERE state = 'pending'`)
		unsent := count(t, conn, `SELECT COUNT(*) FROM outbox WHERE key LIKE 'reply:%' AND status <> 'sent'`)
		if missing == 0 && pending == 0 && unsent == 0 {
			total := 0
			for _, n := range acked {
				total += n
			}
			t.Logf("%d updates acknowledged over %d kill -9 rounds; %d duplicate messages at the platform edge", total, rounds, dup)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restarts: %d replies missing, %d updates pending, %d replies unsent", missing, pending, unsent)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func openDB(t *testing.T, driver, url string) *sql.DB {
	t.Helper()
	if driver == "sqlite" {
		url += "?_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open(driver, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
