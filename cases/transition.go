package cases

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// MaxAppealCommentLen is the longest comment, in characters, a status change takes.
const MaxAppealCommentLen = 2000

// transitions is the table of allowed status changes: for each status, the
// statuses it may move to and the kind of actor who may move it there. Only
// the resident closes an appeal (by confirming the work) or reopens it; an
// appeal without a resident is closed by the executor (see unattended).
var transitions = map[AppealStatus]map[AppealStatus]ActorKind{
	AppealRegistered: {
		AppealInProgress:      ActorExecutor,
		AppealDone:            ActorExecutor,
		AppealRejected:        ActorExecutor,
		AppealOutOfCompetence: ActorExecutor,
	},
	AppealInProgress: {
		AppealDone:     ActorExecutor,
		AppealRejected: ActorExecutor,
	},
	AppealReopened: {
		AppealInProgress: ActorExecutor,
		AppealDone:       ActorExecutor,
		AppealRejected:   ActorExecutor,
	},
	AppealDone: {
		AppealClosed:   ActorResident,
		AppealReopened: ActorResident,
	},
}

// needsComment are the statuses that must be explained: a rejection's
// reason, why the city is not competent, what the resident found undone.
var needsComment = map[AppealStatus]bool{
	AppealRejected:        true,
	AppealOutOfCompetence: true,
	AppealReopened:        true,
}

// NeedsComment reports whether moving an appeal to status s must be
// explained with a comment.
func NeedsComment(s AppealStatus) bool { return needsComment[s] }

// AppealChange is a request to move an appeal to another status.
type AppealChange struct {
	To      AppealStatus
	Comment string
	By      Actor
	// Seen is the id of the appeal's newest history entry when the change
	// was decided (the page the executor looked at); when set and the
	// appeal has changed since, the change is refused with ECONFLICT rather
	// than made on a state nobody saw. Zero skips the check.
	Seen int64
}

// unattended are the moves an executor may make on an appeal that has no
// resident to confirm the work (one filed through Open311): closing it
// once done.
var unattended = map[AppealStatus]map[AppealStatus]ActorKind{
	AppealDone: {AppealClosed: ActorExecutor},
}

// bySystem are the moves Vikno itself makes (ActorSystem), whatever the
// table says: closing an appeal its resident never confirmed.
var bySystem = map[AppealStatus]map[AppealStatus]bool{
	AppealDone: {AppealClosed: true},
}

// mover returns the kind of actor who may move an appeal from status from to
// status to; hasResident tells whether a resident can confirm the work.
func mover(from, to AppealStatus, hasResident bool) (ActorKind, bool) {
	if !hasResident {
		if who, ok := unattended[from][to]; ok {
			return who, true
		}
	}
	who, ok := transitions[from][to]
	return who, ok
}

// CheckAppealTransition reports whether by may move a resident's appeal from
// status from to status to with comment. It returns an EINVALID error for an
// unknown status, a missing or overlong comment, or the wrong kind of actor,
// and an ECONFLICT error when the table has no such move from the current
// status.
func CheckAppealTransition(from AppealStatus, c AppealChange) error {
	return checkTransition(from, c, true)
}

// CheckTransition is CheckAppealTransition for a: an appeal without a
// resident (filed through Open311) is closed by the executor once done.
func (a Appeal) CheckTransition(c AppealChange) error {
	return checkTransition(a.Status, c, a.ResidentID != 0)
}

func checkTransition(from AppealStatus, c AppealChange, hasResident bool) error {
	if !c.To.Valid() {
		return vikno.Errorf(vikno.EINVALID, "unknown status %q", c.To)
	}
	if utf8.RuneCountInString(c.Comment) > MaxAppealCommentLen {
		return vikno.Errorf(vikno.EINVALID, "comment is longer than %d characters", MaxAppealCommentLen)
	}
	if c.By.Kind == ActorSystem {
		if !bySystem[from][c.To] {
			return vikno.Errorf(vikno.ECONFLICT, "Vikno does not move an appeal from %s to %s", from, c.To)
		}
		return nil
	}
	who, ok := mover(from, c.To, hasResident)
	if !ok {
		return vikno.Errorf(vikno.ECONFLICT, "an appeal cannot move from %s to %s", from, c.To)
	}
	if who != c.By.Kind {
		return vikno.Errorf(vikno.EINVALID, "only the %s can move an appeal from %s to %s", who, from, c.To)
	}
	if needsComment[c.To] && strings.TrimSpace(c.Comment) == "" {
		return vikno.Errorf(vikno.EINVALID, "moving an appeal to %s needs a comment", c.To)
	}
	return nil
}

// AllowedAppealMoves returns the statuses an actor of kind who may move a
// resident's appeal to from status from, in the order of AppealStatuses.
func AllowedAppealMoves(from AppealStatus, who ActorKind) []AppealStatus {
	return allowedMoves(from, who, true)
}

// AllowedMoves is AllowedAppealMoves for a (see CheckTransition).
func (a Appeal) AllowedMoves(who ActorKind) []AppealStatus {
	return allowedMoves(a.Status, who, a.ResidentID != 0)
}

func allowedMoves(from AppealStatus, who ActorKind, hasResident bool) []AppealStatus {
	var out []AppealStatus
	for _, s := range AppealStatuses {
		if k, ok := mover(from, s, hasResident); ok && k == who {
			out = append(out, s)
		}
	}
	return out
}

// apply checks c against the table and changes a accordingly at now; term
// gives the new due time of a reopened appeal. It returns the history entry
// to record. a is unchanged when the change is refused.
func (a *Appeal) apply(c AppealChange, now time.Time, term AppealTerm) (AppealEvent, error) {
	if err := a.CheckTransition(c); err != nil {
		return AppealEvent{}, err
	}
	ev := AppealEvent{At: now, From: a.Status, To: c.To, Comment: strings.TrimSpace(c.Comment), Actor: c.By}
	a.Status, a.UpdatedAt = c.To, now
	if c.By.Kind == ActorExecutor && ev.Comment != "" {
		a.Note = ev.Comment
	}
	switch {
	case c.To.Final():
		a.ClosedAt = now
	case c.To == AppealReopened:
		a.DueAt = term.Due(now)
	}
	return ev, nil
}
