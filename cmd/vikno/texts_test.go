package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTexts writes an override folder with uk.yaml and returns a config
// file that points at it with a relative texts_dir.
func writeTexts(t *testing.T, uk string) (config, dir string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "texts")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "uk.yaml"), []byte(uk), 0o600); err != nil {
		t.Fatal(err)
	}
	config = filepath.Join(root, "vikno.yaml")
	if err := os.WriteFile(config, []byte("texts_dir: texts\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return config, dir
}

func TestChatSpeaksTheOperatorsTexts(t *testing.T) {
	config, dir := writeTexts(t, "welcome: Вітаємо у Вікні нашої громади!\nbtn:\n  menu: 🏠 На початок\n")
	for name, args := range map[string][]string{
		"ConfigKey":   {"--config", config},
		"Environment": nil,
	} {
		t.Run(name, func(t *testing.T) {
			var environ []string
			if args == nil {
				environ = []string{"VIKNO_TEXTS_DIR=" + dir}
			}
			r := runCLI(t, "/start\n", environ, append([]string{"chat", "--data", t.TempDir()}, args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "Вітаємо у Вікні нашої громади!") || !strings.Contains(r.stdout, "  [1] ❓ Питання та відповіді") {
				t.Errorf("output lacks the overridden welcome or the built-in menu:\n%s", r.stdout)
			}
		})
	}
}

func TestBadTextOverrideStopsStartUpNamingTheKey(t *testing.T) {
	tests := []struct {
		name string
		uk   string
		want []string
	}{
		{"UnknownKey", "appeal:\n  wellcome: Привіт\n", []string{"texts_dir", "uk.yaml:2", "appeal.wellcome"}},
		{"DroppedPlaceholder", "help: Телефонуйте на гарячу лінію.\n", []string{"texts_dir", "uk.yaml:1", "help", "{hotline}"}},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"chat", "serve"} {
			t.Run(tt.name+"/"+cmd, func(t *testing.T) {
				config, _ := writeTexts(t, tt.uk)
				r := runCLI(t, "/start\n", nil, cmd, "--config", config, "--data", t.TempDir())
				if r.code != 1 {
					t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
					}
				}
			})
		}
	}
}

func TestMissingTextsDirStopsStartUp(t *testing.T) {
	r := runCLI(t, "", []string{"VIKNO_TEXTS_DIR=" + filepath.Join(t.TempDir(), "absent")}, "chat", "--data", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, "texts_dir") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
