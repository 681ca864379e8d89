package cases

import (
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
)

// Level is how much of the country a manager sees, as in the national
// monitoring's access levels.
type Level int

// Access levels.
const (
	LevelLocation Level = 1 // one CNAP location
	LevelRegion   Level = 2 // a region (oblast, city or hromada) and all below it
	LevelCountry  Level = 3 // every location
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l >= LevelLocation && l <= LevelCountry }

// Manager is a person who receives alerts about ratings in a scope and
// answers them. Resident is the manager's own chat with Vikno, where alerts
// arrive; a resident is at most one active manager.
type Manager struct {
	ID       int64
	Resident vikno.Resident
	Level    Level
	// Scope is a location id (level 1) or a region id (levels 2 and 3).
	Scope string
	// Name is a label for operators ("Олена, ЦНАП у Ратуші").
	Name      string
	CreatedAt time.Time
	RevokedAt time.Time // zero while active
}

// Active reports whether the manager has not been revoked.
func (m Manager) Active() bool { return m.RevokedAt.IsZero() }

// Invite lets one person become a manager of a scope by opening a deep link;
// it works once and until it expires.
type Invite struct {
	Token     string
	Level     Level
	Scope     string
	Name      string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until used
	ManagerID int64     // the manager it made, once used
}

// Payload returns the deep-link payload of the invite.
func (i Invite) Payload() string { return InvitePayloadPrefix + i.Token }

// CheckScope validates a manager's level and scope against the city and
// returns the scope to store: level 1 takes a location id, level 2 a region
// that is not the country, level 3 the country region (found when scope is
// empty). Errors are EINVALID and name what is wrong.
func CheckScope(city vikno.City, level Level, scope string) (string, error) {
	switch level {
	case LevelLocation:
		if _, ok := city.Location(scope); !ok {
			return "", vikno.Errorf(vikno.EINVALID, "level 1 needs a location id as scope; %q is not one", scope)
		}
		return scope, nil
	case LevelRegion:
		r, ok := city.Region(scope)
		if !ok || r.Kind == "country" {
			return "", vikno.Errorf(vikno.EINVALID, "level 2 needs a region id (oblast, city or hromada) as scope; %q is not one", scope)
		}
		return scope, nil
	case LevelCountry:
		return countryScope(city, scope)
	}
	return "", vikno.Errorf(vikno.EINVALID, "level must be 1, 2 or 3, not %d", level)
}

func countryScope(city vikno.City, scope string) (string, error) {
	if scope != "" {
		if r, ok := city.Region(scope); ok && r.Kind == "country" {
			return scope, nil
		}
		return "", vikno.Errorf(vikno.EINVALID, "level 3 needs the country region as scope; %q is not one", scope)
	}
	for _, r := range city.Regions {
		if r.Kind == "country" {
			return r.ID, nil
		}
	}
	return "", vikno.Errorf(vikno.EINVALID, "level 3 needs a region of kind country in the city file")
}

// Covers reports whether the manager's scope covers the location. Stores
// apply the same rule in their queries, using LocationRegions.
func Covers(city vikno.City, m Manager, locationID string) bool {
	if !m.Active() {
		return false
	}
	switch m.Level {
	case LevelLocation:
		return m.Scope == locationID
	case LevelRegion:
		return city.RegionCovers(m.Scope, locationID)
	case LevelCountry:
		return true
	}
	return false
}

// LocationRegions returns, for each location of the city, the id of its
// region and of every region above it: what stores check level-2 scopes
// against.
func LocationRegions(city vikno.City) map[string][]string {
	out := make(map[string][]string, len(city.Locations))
	for _, l := range city.Locations {
		for _, r := range city.Regions {
			if city.RegionCovers(r.ID, l.ID) {
				out[l.ID] = append(out[l.ID], r.ID)
			}
		}
	}
	return out
}

// AlertKey is the outbox idempotency key of the alert about one revision of
// a rating to one manager: a rating changed by its resident alerts again, a
// redelivered update does not.
func AlertKey(r Rating, managerID int64) string {
	return fmt.Sprintf("rating:%d.%d:manager:%d", r.ID, r.Revision, managerID)
}

// ReplyKey is the outbox key of a resident's reply to one manager; ref
// identifies the resident's message.
func ReplyKey(ratingID, managerID int64, ref string) string {
	return fmt.Sprintf("rating:%d:reply:%s:manager:%d", ratingID, ref, managerID)
}

// AnswerKey is the outbox key of a manager's answer; ref identifies the
// manager's message (the platform update id), so a redelivered message is
// answered once.
func AnswerKey(ratingID int64, ref string) string {
	return fmt.Sprintf("rating:%d:answer:%s", ratingID, ref)
}

// DigestKey is the outbox key of a manager's digest of a day.
func DigestKey(managerID int64, day string) string {
	return fmt.Sprintf("digest:%s:manager:%d", day, managerID)
}
