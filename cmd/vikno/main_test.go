package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

// result is what one run of the command line produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command line with stdin and an environment of its own (the
// test process's VIKNO_* variables do not leak in).
func runCLI(t *testing.T, stdin string, environ []string, args ...string) result {
	t.Helper()
	var out, errOut strings.Builder
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, environ)
	r := result{code: code, stdout: out.String(), stderr: errOut.String()}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("vikno %s panicked:\n%s", strings.Join(args, " "), r.stderr)
	}
	return r
}

func TestChatAnswersEveryLineWithNumberedButtons(t *testing.T) {
	r := runCLI(t, "/start\n1\n/menu\n", nil, "chat", "--data", t.TempDir())
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"Вітаємо!", "  [1] ❓ Питання та відповіді", "  [7] ⚙️ Налаштування", "Чим можу допомогти?",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	// Every reply ends with a blank line: three lines, at least three replies.
	if n := strings.Count(r.stdout, "\n\n"); n < 3 {
		t.Errorf("%d replies for 3 lines:\n%s", n, r.stdout)
	}
	if strings.Contains(r.stdout, "щось пішло не так") {
		t.Errorf("an error reply:\n%s", r.stdout)
	}
}

func TestChatInEnglishForANewResident(t *testing.T) {
	r := runCLI(t, "/start\n", nil, "chat", "--data", t.TempDir(), "--lang", "en", "--user", "someone")
	if r.code != 0 || !strings.Contains(r.stdout, "Welcome!") || !strings.Contains(r.stdout, "  [7] ⚙️ Settings") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestChatKeepsTheChosenLanguageAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	// 7 = Налаштування, then 2 = English.
	if r := runCLI(t, "/start\n7\n2\n", nil, "chat", "--data", dir); r.code != 0 || !strings.Contains(r.stdout, "we now speak English") {
		t.Fatalf("first run: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r := runCLI(t, "/start\n", nil, "chat", "--data", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "Welcome!") {
		t.Fatalf("second run: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	// Another resident of the same data directory is not affected.
	r = runCLI(t, "/start\n", nil, "chat", "--data", dir, "--user", "other")
	if !strings.Contains(r.stdout, "Вітаємо!") {
		t.Fatalf("other resident:\n%s", r.stdout)
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string
		stderr     string
		stdinLines string
	}{
		{name: "Version", args: []string{"version"}, stdout: "vikno"},
		{name: "VersionFlag", args: []string{"--version"}, stdout: "vikno"},
		{name: "Help", args: []string{"help"}, stdout: "vikno chat"},
		{name: "NoCommand", args: nil, code: 2, stderr: "Usage"},
		{name: "UnknownCommand", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "UnknownFlag", args: []string{"chat", "--nope"}, code: 1, stderr: "nope"},
		{name: "ChatHelp", args: []string{"chat", "-h"}, code: 0, stderr: "-lang"},
		{name: "BadLanguage", args: []string{"chat", "--lang", "ru"}, code: 1, stderr: "--lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.stdinLines, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout %q, stderr %q",
					r.code, tt.code, r.stdout, r.stderr, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestBadConfigurationStopsStartUpNamingTheKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		args    []string
		environ []string
		want    []string
	}{
		{"InvalidYAML", []string{"--config", write("broken.yaml", "log_format: [json\nhttp_addr: :8080\n")},
			nil, []string{"broken.yaml", "yaml"}},
		{"BadLogFormat", []string{"--config", write("xml.yaml", "log_format: xml\n")},
			nil, []string{"log_format", "json or text"}},
		{"UnknownKey", []string{"--config", write("typo.yaml", "log_formt: json\n")},
			nil, []string{"log_formt"}},
		{"MissingFile", []string{"--config", filepath.Join(dir, "absent.yaml")},
			nil, []string{"absent.yaml"}},
		{"BadLogFormatInEnvironment", nil, []string{"VIKNO_LOG_FORMAT=xml"}, []string{"log_format"}},
		{"BadSessionTTLInEnvironment", nil, []string{"VIKNO_SESSION_TTL=soon"}, []string{"session_ttl", "VIKNO_SESSION_TTL"}},
		{"BadRedisURL", nil, []string{"VIKNO_REDIS_URL=http://x"}, []string{"redis_url"}},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"chat", "migrate", "serve"} {
			t.Run(tt.name+"/"+cmd, func(t *testing.T) {
				args := append([]string{cmd, "--data", t.TempDir()}, tt.args...)
				r := runCLI(t, "/start\n", tt.environ, args...)
				if r.code != 1 {
					t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
					}
				}
				if r.stdout != "" {
					t.Errorf("printed to stdout before failing:\n%s", r.stdout)
				}
			})
		}
	}
}

func TestUnreachableDatabaseFailsClearly(t *testing.T) {
	environ := []string{"VIKNO_DATABASE_URL=postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}
	for _, cmd := range []string{"chat", "migrate", "serve"} {
		t.Run(cmd, func(t *testing.T) {
			args := []string{cmd}
			if cmd == "serve" {
				args = append(args, "--addr", "127.0.0.1:0")
			}
			r := runCLI(t, "/start\n", environ, args...)
			if r.code != 1 || !strings.Contains(r.stderr, "database") || !strings.Contains(r.stderr, "unreachable") {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if strings.Contains(r.stdout, "Вітаємо") {
				t.Errorf("chat started without a database:\n%s", r.stdout)
			}
		})
	}
}

var schemaVersion = regexp.MustCompile(`schema is at version ([1-9][0-9]*)\n`)

func TestMigratePrintsTheSchemaVersion(t *testing.T) {
	dir := t.TempDir()
	first := runCLI(t, "", nil, "migrate", "--data", dir)
	if first.code != 0 || !schemaVersion.MatchString(first.stdout) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", first.code, first.stdout, first.stderr)
	}
	again := runCLI(t, "", nil, "migrate", "--data", dir)
	if again.code != 0 || again.stdout != first.stdout {
		t.Fatalf("second migrate: exit %d, %q; want %q", again.code, again.stdout, first.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "vikno.db")); err != nil {
		t.Errorf("no database in the data directory: %v", err)
	}
}

func TestMigratePostgres(t *testing.T) {
	environ := []string{"VIKNO_DATABASE_URL=" + testenv.PostgresURL(t)}
	r := runCLI(t, "", environ, "migrate")
	if r.code != 0 || !schemaVersion.MatchString(r.stdout) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// testConfig is the base configuration of a Main in a test: the demo city,
// SQLite and in-process state in a temporary directory, a free port.
func testConfig(t *testing.T) configs.Config {
	t.Helper()
	cfg, err := configs.Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.HTTPAddr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	return cfg
}

// MustRunMain boots the whole program on cfg and closes it when the test ends.
func MustRunMain(t *testing.T, cfg configs.Config) *Main {
	t.Helper()
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return m
}

// get fetches path from m and returns the status and the body.
func get(t *testing.T, m *Main, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(m.HTTP.URL() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestServeOnSQLiteAndMemory(t *testing.T) {
	testServe(t, testConfig(t))
}

func TestServeOnPostgresAndRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	testServe(t, cfg)
}

func testServe(t *testing.T, cfg configs.Config) {
	m := MustRunMain(t, cfg)
	if code, body := get(t, m, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %s", code, body)
	}
	code, body := get(t, m, "/readyz")
	var checks map[string]string
	if err := json.Unmarshal([]byte(body), &checks); err != nil || code != http.StatusOK ||
		checks["database"] != "ok" || checks["ephemeral"] != "ok" {
		t.Errorf("/readyz = %d %s (%v)", code, body, err)
	}
	code, body = get(t, m, "/metrics")
	if code != http.StatusOK || !strings.Contains(body, "vikno_http_requests_total") || !strings.Contains(body, "go_goroutines") {
		t.Errorf("/metrics = %d:\n%.2000s", code, body)
	}
	if code, _ := get(t, m, "/no-such-page"); code != http.StatusNotFound {
		t.Errorf("/no-such-page = %d, want 404", code)
	}

	// The engine works on these stores: a conversation, its session and
	// the resident's language.
	user := "main-" + testenv.RandomID()
	send := func(u dialog.Update) string {
		u.Channel, u.UserID = vikno.Web, user
		replies, err := m.Engine.Handle(context.Background(), u)
		if err != nil || len(replies) == 0 {
			t.Fatalf("Handle(%+v) = %v, %v", u, replies, err)
		}
		return replies[0].Text.String()
	}
	if got := send(dialog.Update{Text: "/start"}); !strings.Contains(got, "Вітаємо") {
		t.Errorf("/start = %q", got)
	}
	if got := send(dialog.Update{Text: "Налаштування"}); !strings.Contains(got, "Оберіть мову") {
		t.Errorf("typed label (needs the session) = %q", got)
	}
	if got := send(dialog.Update{Text: "English"}); !strings.Contains(got, "English") {
		t.Errorf("language switch = %q", got)
	}

	// Readiness follows the stores.
	if err := m.Store.Close(); err != nil {
		t.Fatal(err)
	}
	code, body = get(t, m, "/readyz")
	if err := json.Unmarshal([]byte(body), &checks); err != nil || code != http.StatusServiceUnavailable ||
		checks["database"] != "unavailable" || checks["ephemeral"] != "ok" {
		t.Errorf("/readyz with the store closed = %d %s (%v)", code, body, err)
	}
	if code, _ := get(t, m, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz with the store closed = %d, want 200 (the process is alive)", code)
	}
}

func TestSecondMainOnTheSameDataKeepsTheResidentsLanguage(t *testing.T) {
	cfg := testConfig(t)
	u := dialog.Update{Channel: vikno.Telegram, UserID: "4242", Action: "settings:en"}

	first := NewMain(cfg, slog.New(slog.DiscardHandler))
	if err := first.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Engine.Handle(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	second := MustRunMain(t, cfg)
	u.Action, u.Text = "", "/start"
	replies, err := second.Engine.Handle(context.Background(), u)
	if err != nil || len(replies) == 0 || !strings.Contains(replies[0].Text.String(), "Welcome") {
		t.Fatalf("after restart /start = %v, %v; want English", replies, err)
	}
}

func TestMainListeningOnABusyAddressFails(t *testing.T) {
	first := MustRunMain(t, testConfig(t))
	cfg := testConfig(t)
	cfg.HTTPAddr = strings.TrimPrefix(first.HTTP.URL(), "http://")
	second := NewMain(cfg, slog.New(slog.DiscardHandler))
	defer second.Close()
	if err := second.Run(context.Background()); vikno.ErrorCode(err) != vikno.EUNAVAILABLE {
		t.Fatalf("Run on a busy address = %v, want an unavailable error", err)
	}
}

func TestNoMigrateRefusesAnEmptyDatabase(t *testing.T) {
	m := NewMain(testConfig(t), slog.New(slog.DiscardHandler))
	m.NoMigrate = true
	defer m.Close()
	err := m.Open(context.Background())
	if err == nil || !strings.Contains(err.Error(), "vikno migrate") {
		t.Fatalf("Open = %v, want a hint to run vikno migrate", err)
	}
}
