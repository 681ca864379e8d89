package cases

import (
	"time"

	"github.com/vikno-city/vikno"
)

// AppealTerm is how long an executor has to resolve an appeal of a category:
// hours for emergencies, calendar days otherwise (exactly one is set).
type AppealTerm struct {
	Hours int
	Days  int
}

// TermOf returns the term of a category.
func TermOf(c vikno.Category) AppealTerm { return AppealTerm{Hours: c.Hours, Days: c.Days} }

// Due returns when an appeal filed at from is due. Hours are counted as
// elapsed time; days as calendar days on the wall clock of from's location,
// so a term of 7 days filed at 10:00 is due at 10:00 a week later even
// across a daylight-saving change.
func (t AppealTerm) Due(from time.Time) time.Time {
	if t.Hours > 0 {
		return from.Add(time.Duration(t.Hours) * time.Hour)
	}
	return from.AddDate(0, 0, t.Days)
}
