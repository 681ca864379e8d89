package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
)

// pinKeyFile is the key file of the embedded default, in the data folder.
const pinKeyFile = "pin.key"

// pinHasher returns how appeal PINs are hashed: under VIKNO_PIN_KEY when it
// is set; on the embedded default under a key kept in the data folder
// (created at the first start); on PostgreSQL without a key with bcrypt,
// since replicas cannot share a key file. Hashes of either kind keep
// verifying after a key is set.
func (m *Main) pinHasher() (cases.PINHasher, error) {
	if m.Config.PINKey != "" {
		return cases.KeyedPIN{Key: []byte(m.Config.PINKey)}, nil
	}
	if configs.IsPostgresURL(m.Config.DatabaseURL) {
		m.Logger.Warn("VIKNO_PIN_KEY is not set: appeal PINs are hashed with bcrypt, about 60 ms of CPU each; set the same key on every replica")
		return cases.Bcrypt{}, nil
	}
	key, err := loadOrCreatePINKey(filepath.Join(m.Config.DataDir, pinKeyFile))
	if err != nil {
		return nil, err
	}
	return cases.KeyedPIN{Key: key}, nil
}

// loadOrCreatePINKey reads the key file at path, or creates it (readable by
// its owner only) with 32 random bytes in hex. Two processes starting at once
// end up with the same key: the file is created exclusively.
func loadOrCreatePINKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("pin key: %w", err)
		}
		raw := make([]byte, 32)
		if _, err := rand.Read(raw); err != nil {
			return nil, fmt.Errorf("pin key: %w", err)
		}
		err = writeNewFile(path, []byte(hex.EncodeToString(raw)+"\n"))
		if errors.Is(err, fs.ErrExist) {
			return loadOrCreatePINKey(path)
		}
		if err != nil {
			return nil, fmt.Errorf("pin key: %w", err)
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("pin key: %w", err)
	}
	key := strings.TrimSpace(string(b))
	if len(key) < cases.MinPINKeyLen {
		return nil, fmt.Errorf("pin key: %s holds fewer than %d characters", path, cases.MinPINKeyLen)
	}
	return []byte(key), nil
}

// writeNewFile writes data to a file that must not exist yet, and syncs it
// before it is read as the key: a key lost in a crash would lock residents
// out of every appeal filed under it. A half-written file is never left
// where the key is looked for.
func writeNewFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pin.key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A hard link fails when the name exists, so the first writer wins.
	if err := os.Link(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
