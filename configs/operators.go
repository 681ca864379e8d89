package configs

import (
	"time"

	"github.com/vikno-city/vikno/handoff"
)

// Operators configures the live hand-off to the hotline's operators in
// the chat.
type Operators struct {
	// Hours are when operators answer in the chat ("Mon-Fri 08:00-20:00",
	// several parts separated by ";"). Empty means nobody answers in the
	// chat: «оператор» gives the hotline's number, as before.
	Hours string `yaml:"hours"`
	// Timezone of the hours (an IANA name like Europe/Kyiv); empty means the
	// city's time zone.
	Timezone string `yaml:"timezone"`
	// Wait is how long a resident waits for an operator before being offered
	// the appeal form and a call-back instead.
	Wait time.Duration `yaml:"wait"`
}

func defaultOperators() Operators { return Operators{Wait: 10 * time.Minute} }

// Enabled reports whether operators answer in the chat.
func (o Operators) Enabled() bool { return o.Hours != "" }

// WorkingHours parses the hours in their time zone (loc, the city's, when
// Timezone is empty).
func (o Operators) WorkingHours(loc *time.Location) (handoff.Hours, error) {
	if o.Timezone != "" {
		tz, err := time.LoadLocation(o.Timezone)
		if err != nil {
			return handoff.Hours{}, keyError("operators.timezone", "unknown time zone "+o.Timezone)
		}
		loc = tz
	}
	h, err := handoff.ParseHours(o.Hours, loc)
	if err != nil {
		return handoff.Hours{}, keyError("operators.hours", err.Error())
	}
	return h, nil
}

func (o Operators) validate(loc *time.Location) error {
	if o.Wait < time.Minute {
		return keyError("operators.wait", "must be at least 1m")
	}
	if o.Timezone != "" {
		if _, err := time.LoadLocation(o.Timezone); err != nil {
			return keyError("operators.timezone", "unknown time zone "+o.Timezone)
		}
	}
	if !o.Enabled() {
		return nil
	}
	_, err := o.WorkingHours(loc)
	return err
}
