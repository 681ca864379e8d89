package vikno

import (
	"context"
	"time"
)

// Channel names a way residents reach Vikno.
type Channel string

// Channels Vikno speaks.
const (
	Telegram Channel = "telegram"
	Viber    Channel = "viber"
	Web      Channel = "web"
	Terminal Channel = "terminal"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case Telegram, Viber, Web, Terminal:
		return true
	}
	return false
}

// Resident is a person who talks to Vikno in one channel. The same person in
// two messengers is two residents: channels do not share identities.
type Resident struct {
	ID          int64
	Channel     Channel
	ExternalID  string // chat/user id in the channel
	Locale      string // "uk" or "en"; empty until known
	Unreachable bool   // the resident blocked the bot; notices are not sent
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// ResidentStore keeps residents.
type ResidentStore interface {
	// EnsureResident returns the resident of (channel, externalID), creating it
	// with locale if it does not exist yet.
	EnsureResident(ctx context.Context, channel Channel, externalID, locale string) (Resident, error)
	// FindResident returns ENOTFOUND for an unknown id.
	FindResident(ctx context.Context, id int64) (Resident, error)
	SetResidentLocale(ctx context.Context, id int64, locale string) error
	SetResidentUnreachable(ctx context.Context, id int64, unreachable bool) error
}
