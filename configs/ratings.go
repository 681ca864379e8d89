package configs

import (
	"strings"
	"time"
)

// Ratings configures post-visit ratings and managers' alerts.
type Ratings struct {
	// DigestHour is the local hour (0–23) at which managers get the digest
	// of the day before; -1 turns digests off.
	DigestHour int `yaml:"digest_hour"`
	// InviteTTL is how long a manager's invite link works unless
	// `vikno managers invite --ttl` says otherwise.
	InviteTTL time.Duration `yaml:"invite_ttl"`
}

// defaultRatings are the defaults of the ratings section.
func defaultRatings() Ratings {
	return Ratings{DigestHour: 8, InviteTTL: 72 * time.Hour}
}

func (r Ratings) validate() error {
	if r.DigestHour < -1 || r.DigestHour > 23 {
		return keyError("ratings.digest_hour", "must be an hour 0..23, or -1 to turn digests off")
	}
	if r.InviteTTL < time.Minute {
		return keyError("ratings.invite_ttl", "must be at least 1m")
	}
	return nil
}

// validateUsername checks the optional bot username that deep links (QR
// posters, manager invites) use when the bot cannot be asked (getMe).
func (t Telegram) validateUsername() error {
	u := strings.TrimPrefix(t.Username, "@")
	if u == "" {
		return nil
	}
	if len(u) < 5 || len(u) > 32 {
		return keyError("telegram.username", "must have 5 to 32 characters")
	}
	for _, r := range u {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return keyError("telegram.username", "may only contain A-Z, a-z, 0-9 and _")
		}
	}
	return nil
}
