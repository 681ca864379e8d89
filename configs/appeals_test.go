package configs

import (
	"strings"
	"testing"
	"time"
)

// An appeal is closed only when its resident confirms the work unless the
// city sets a wait after which Vikno closes it.
func TestAppealsConfirmWaitIsOffByDefaultAndCanBeSet(t *testing.T) {
	if got := Default().Appeals.ConfirmWait; got != 0 {
		t.Fatalf("default appeals.confirm_wait = %v, want 0 (appeals wait for their resident)", got)
	}
	for env, want := range map[string]time.Duration{"VIKNO_APPEALS_CONFIRM_WAIT=72h": 72 * time.Hour, "VIKNO_APPEALS_CONFIRM_WAIT=0": 0} {
		cfg, err := Load("", []string{env})
		if err != nil || cfg.Appeals.ConfirmWait != want {
			t.Errorf("%s: confirm_wait %v, %v; want %v", env, cfg.Appeals.ConfirmWait, err, want)
		}
	}
	for _, env := range []string{"VIKNO_APPEALS_CONFIRM_WAIT=2h", "VIKNO_APPEALS_CONFIRM_WAIT=-24h", "VIKNO_APPEALS_CONFIRM_WAIT=soon"} {
		if _, err := Load("", []string{env}); err == nil || !strings.Contains(err.Error(), "appeals.confirm_wait") {
			t.Errorf("%s: error %v, want one naming appeals.confirm_wait", env, err)
		}
	}
}
