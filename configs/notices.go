package configs

import "time"

// Notices configures notices to residents (documents ready, outages).
type Notices struct {
	// DocumentsKeep is how long a documents-ready notice waits for a
	// resident to link its case reference in the bot.
	DocumentsKeep time.Duration `yaml:"documents_keep"`
}

func defaultNotices() Notices { return Notices{DocumentsKeep: 30 * 24 * time.Hour} }

func (n Notices) validate() error {
	if n.DocumentsKeep < time.Hour {
		return keyError("notices.documents_keep", "must be at least 1h")
	}
	return nil
}
