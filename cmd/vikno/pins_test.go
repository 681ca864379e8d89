package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
)

func TestEmbeddedDefaultKeepsOnePINKeyInTheDataFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	cfg := configs.Default()
	cfg.DataDir = dir
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	h, err := m.pinHasher()
	if err != nil {
		t.Fatal(err)
	}
	k, ok := h.(cases.KeyedPIN)
	if !ok {
		t.Fatalf("hasher %T, want cases.KeyedPIN", h)
	}
	st, err := os.Stat(filepath.Join(dir, pinKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	hash, err := k.Hash("271828")
	if err != nil {
		t.Fatal(err)
	}
	// The next start reads the same key: PINs given before it still check.
	h2, err := NewMain(cfg, slog.New(slog.DiscardHandler)).pinHasher()
	if err != nil {
		t.Fatal(err)
	}
	if !h2.Verify(hash, "271828") {
		t.Error("after a restart the PIN no longer checks")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data folder holds %d entries, want only %s", len(entries), pinKeyFile)
	}
}

func TestProcessesStartingAtOnceShareOnePINKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), pinKeyFile)
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := loadOrCreatePINKey(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !bytes.Equal(k, keys[0]) {
			t.Fatalf("keys differ: %q and %q", k, keys[0])
		}
	}
	if len(keys[0]) != 64 {
		t.Errorf("key of %d characters, want 64 hex digits", len(keys[0]))
	}
}

func TestShortPINKeyFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), pinKeyFile)
	if err := os.WriteFile(path, []byte("abc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrCreatePINKey(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want one naming the file", err)
	}
}

func TestPINKeyFromTheEnvironmentAndPostgresWithoutOne(t *testing.T) {
	key := strings.Repeat("s3cr", 8)
	cfg, err := configs.Load("", []string{"VIKNO_PIN_KEY=" + key, "VIKNO_DATA_DIR=" + t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewMain(cfg, slog.New(slog.DiscardHandler)).pinHasher()
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := h.(cases.KeyedPIN); !ok || string(k.Key) != key {
		t.Errorf("hasher %#v, want the key from VIKNO_PIN_KEY", h)
	}
	if entries, _ := os.ReadDir(cfg.DataDir); len(entries) != 0 {
		t.Errorf("a key file was written although VIKNO_PIN_KEY is set")
	}
	if _, err := configs.Load("", []string{"VIKNO_PIN_KEY=short"}); err == nil || !strings.Contains(err.Error(), "pin_key") {
		t.Errorf("a short VIKNO_PIN_KEY: err = %v", err)
	}

	var logs bytes.Buffer
	cfg = configs.Default()
	cfg.DatabaseURL = "postgres://127.0.0.1:5432/vikno"
	h, err = NewMain(cfg, slog.New(slog.NewTextHandler(&logs, nil))).pinHasher()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h.(cases.Bcrypt); !ok {
		t.Errorf("PostgreSQL without a key: hasher %T, want bcrypt (replicas cannot share a key file)", h)
	}
	if !strings.Contains(logs.String(), "VIKNO_PIN_KEY") {
		t.Errorf("no warning names VIKNO_PIN_KEY: %s", logs.String())
	}
}
