package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOperatorsAreOffUntilHoursAreSet(t *testing.T) {
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Operators.Enabled() || cfg.Operators.Wait != 10*time.Minute {
		t.Fatalf("default operators %+v; want off with a 10 min wait", cfg.Operators)
	}
}

func TestOperatorHoursFromTheFileInTheCitysZone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vikno.yaml")
	os.WriteFile(path, []byte("operators:\n  hours: \"Mon-Fri 08:00-20:00\"\n  wait: 5m\n"), 0o600)
	cfg, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := cfg.Operators.WorkingHours(cfg.City.Loc())
	if err != nil || !cfg.Operators.Enabled() || cfg.Operators.Wait != 5*time.Minute {
		t.Fatalf("operators %+v, %v", cfg.Operators, err)
	}
	// 07:30 UTC on a Monday is 09:30 in Kyiv (the demo city's zone).
	if !h.IsOpen(time.Date(2026, 12, 7, 7, 30, 0, 0, time.UTC)) {
		t.Fatal("the hours are not read in the city's time zone")
	}
}

func TestOperatorSettingsComeFromTheEnvironment(t *testing.T) {
	cfg, err := Load("", []string{"VIKNO_OPERATORS_HOURS=Sat-Sun 10:00-12:00", "VIKNO_OPERATORS_TIMEZONE=UTC", "VIKNO_OPERATORS_WAIT=2m"})
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Operators
	if o.Hours != "Sat-Sun 10:00-12:00" || o.Timezone != "UTC" || o.Wait != 2*time.Minute {
		t.Fatalf("operators %+v", o)
	}
}

func TestBadOperatorSettingsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"VIKNO_OPERATORS_HOURS=weekdays":          "operators.hours",
		"VIKNO_OPERATORS_TIMEZONE=Europe/Nowhere": "operators.timezone",
		"VIKNO_OPERATORS_WAIT=10s":                "operators.wait",
		"VIKNO_OPERATORS_WAIT=soon":               "operators.wait",
	}
	for env, key := range cases {
		if _, err := Load("", []string{env}); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v, want one naming %s", env, err, key)
		}
	}
	path := filepath.Join(t.TempDir(), "vikno.yaml")
	os.WriteFile(path, []byte("operators:\n  hourz: \"Mon-Fri 08:00-20:00\"\n"), 0o600)
	if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), "hourz") {
		t.Errorf("a misspelt key was accepted: %v", err)
	}
}
