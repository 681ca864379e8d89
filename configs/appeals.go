package configs

import "time"

// Appeals configures what happens to appeals after they are filed.
type Appeals struct {
	// ConfirmWait is how long an appeal the executor marked done waits for
	// its resident's «Проблему вирішено?» before Vikno closes it and tells
	// the resident; 0 (the default) keeps it waiting for the resident: an
	// appeal is closed only when its resident confirms the work, unless the
	// city chooses otherwise.
	ConfirmWait time.Duration `yaml:"confirm_wait"`
}

func defaultAppeals() Appeals { return Appeals{} }

func (a Appeals) validate() error {
	if a.ConfirmWait != 0 && a.ConfirmWait < 24*time.Hour {
		return keyError("appeals.confirm_wait", "must be at least 24h, or 0 to keep done appeals waiting for the resident")
	}
	return nil
}
