package configs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/configs"
)

func TestMorphologyIsOffByDefault(t *testing.T) {
	cfg, err := configs.Load("", nil)
	if err != nil || cfg.MorphologyDir != "" {
		t.Errorf("morphology_dir = %q, %v; want off", cfg.MorphologyDir, err)
	}
}

func TestMorphologyDirIsTakenFromTheConfigFilesFolderAndLoaded(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "dict")
	if err := os.Mkdir(dict, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dict, "uk_UA.aff"), "SET UTF-8\nSFX A Y 1\nSFX A а у а\n")
	writeFile(t, filepath.Join(dict, "uk_UA.dic"), "1\nвода/A\n")
	path := filepath.Join(dir, "vikno.yaml")
	writeFile(t, path, "morphology_dir: dict\n")
	cfg, err := configs.Load(path, nil)
	if err != nil || cfg.MorphologyDir != dict {
		t.Errorf("MorphologyDir = %q, %v; want %q", cfg.MorphologyDir, err, dict)
	}
	cfg, err = configs.Load("", []string{"VIKNO_MORPHOLOGY_DIR=" + dict})
	if err != nil || cfg.MorphologyDir != dict {
		t.Errorf("from the environment: %q, %v", cfg.MorphologyDir, err)
	}
}

func TestAMissingOrBrokenMorphologyStopsStartUpNamingTheKey(t *testing.T) {
	broken := t.TempDir()
	writeFile(t, filepath.Join(broken, "uk_UA.aff"), "FLAG wide\n")
	writeFile(t, filepath.Join(broken, "uk_UA.dic"), "1\nвода\n")
	for _, p := range []string{t.TempDir(), broken} {
		_, err := configs.Load("", []string{"VIKNO_MORPHOLOGY_DIR=" + p})
		if err == nil || !strings.Contains(err.Error(), "morphology_dir") {
			t.Errorf("morphology_dir %s: error %v, want one naming morphology_dir", p, err)
		}
	}
}
