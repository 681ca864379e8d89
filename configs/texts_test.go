package configs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/configs"
)

func TestTextsDirIsTakenFromTheConfigFilesFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "texts"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "vikno.yaml")
	writeFile(t, path, "texts_dir: texts\n")
	cfg, err := configs.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "texts"); cfg.TextsDir != want {
		t.Errorf("TextsDir = %q, want %q", cfg.TextsDir, want)
	}
	cfg, err = configs.Load("", []string{"VIKNO_TEXTS_DIR=" + dir})
	if err != nil || cfg.TextsDir != dir {
		t.Errorf("from the environment: %q, %v", cfg.TextsDir, err)
	}
}

func TestTextsDirMustBeAFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "uk.yaml")
	writeFile(t, file, "welcome: Привіт\n")
	for _, p := range []string{file, filepath.Join(dir, "absent")} {
		_, err := configs.Load("", []string{"VIKNO_TEXTS_DIR=" + p})
		if err == nil || !strings.Contains(err.Error(), "texts_dir") {
			t.Errorf("texts_dir %s: error %v, want one naming texts_dir", p, err)
		}
	}
}
