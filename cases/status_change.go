package cases

import (
	"context"
	"fmt"
	"strings"

	"github.com/vikno-city/vikno"
)

// ChangeStatus moves the appeal with the number as c asks, if the transition
// table allows it (see CheckAppealTransition), records the change in its
// history and notifies the resident. With Notices the notice is saved in the
// change's transaction; with Notifier alone a failed notice is logged, not
// returned. Repeating the change that was made last (same status, comment
// and actor: an executor's retry after a lost answer) changes nothing and
// returns the appeal as it is. A change whose Seen is not the appeal's newest
// event is ECONFLICT.
func (s *AppealService) ChangeStatus(ctx context.Context, number string, c AppealChange) (Appeal, error) {
	n, ok := ParseAppealNumber(number)
	if !ok {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "an appeal number looks like 2026-000123")
	}
	repeat := false
	change := func(a *Appeal) (AppealEvent, error) {
		if repeat = a.Repeats(c); repeat {
			return AppealEvent{}, nil
		}
		if err := checkSeen(*a, c.Seen); err != nil {
			return AppealEvent{}, err
		}
		return a.apply(c, s.now(), s.termOf(a.Category))
	}
	if s.Notices != nil {
		return s.Notices.ChangeAppeal(ctx, n, change)
	}
	a, err := s.Store.UpdateAppeal(ctx, n, change)
	if err != nil {
		return Appeal{}, err
	}
	if !repeat {
		s.notify(ctx, a)
	}
	return a, nil
}

// staleChange is the message of a change refused because the appeal changed
// after the executor saw it.
const staleChange = "the appeal was changed after you opened it"

// checkSeen refuses a change decided on an older state of a than now: seen
// is the id of the newest history entry the executor saw (0: no check).
func checkSeen(a Appeal, seen int64) error {
	if seen == 0 {
		return nil
	}
	if ev, ok := a.LastEvent(); !ok || ev.ID != seen {
		return vikno.Errorf(vikno.ECONFLICT, staleChange)
	}
	return nil
}

// Repeats reports whether c is the change that made a's last event (same
// status, comment and actor): sent again, it changes nothing.
func (a Appeal) Repeats(c AppealChange) bool {
	ev, ok := a.LastEvent()
	return ok && a.Status == c.To && ev.To == c.To && ev.Comment == strings.TrimSpace(c.Comment) && ev.Actor == c.By
}

// Confirm records the resident's answer to "Is the problem solved?" for
// their appeal awaiting confirmation: yes closes it, no and partly reopen it
// with the resident's comment (required) and a new due time. Another
// resident's appeal is ENOTFOUND; one not awaiting confirmation ECONFLICT.
func (s *AppealService) Confirm(ctx context.Context, residentID int64, number string, r Resolution, comment string) (Appeal, error) {
	if !r.Valid() {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "unknown answer %q", r)
	}
	to := AppealReopened
	if r == ResolvedYes {
		to = AppealClosed
	}
	return s.Store.UpdateAppeal(ctx, number, func(a *Appeal) (AppealEvent, error) {
		if err := awaitingConfirmation(*a, residentID); err != nil {
			return AppealEvent{}, err
		}
		ev, err := a.apply(AppealChange{To: to, Comment: comment, By: ResidentActor(residentID)}, s.now(), s.termOf(a.Category))
		if err == nil {
			a.Resolution = r
		}
		return ev, err
	})
}

// Confirmable returns the resident's appeal if it awaits their
// confirmation, so a dialog can ask for a comment before Confirm.
func (s *AppealService) Confirmable(ctx context.Context, residentID int64, number string) (Appeal, error) {
	a, err := s.Store.FindAppeal(ctx, number)
	if err != nil {
		return Appeal{}, err
	}
	return a, awaitingConfirmation(a, residentID)
}

func awaitingConfirmation(a Appeal, residentID int64) error {
	if a.ResidentID == 0 || a.ResidentID != residentID {
		return vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	if a.Status != AppealDone {
		return vikno.Errorf(vikno.ECONFLICT, "the appeal is %s, not awaiting confirmation", a.Status)
	}
	return nil
}

// Rate records the resident's rating (1 to 5) of how their closed appeal was
// resolved.
func (s *AppealService) Rate(ctx context.Context, residentID int64, number string, stars int) (Appeal, error) {
	if stars < 1 || stars > 5 {
		return Appeal{}, vikno.Errorf(vikno.EINVALID, "a rating is 1 to 5")
	}
	return s.Store.UpdateAppeal(ctx, number, func(a *Appeal) (AppealEvent, error) {
		if a.ResidentID == 0 || a.ResidentID != residentID {
			return AppealEvent{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
		}
		if a.Status != AppealClosed {
			return AppealEvent{}, vikno.Errorf(vikno.ECONFLICT, "only a closed appeal can be rated")
		}
		a.Rating, a.UpdatedAt = stars, s.now()
		return AppealEvent{}, nil
	})
}

func (s *AppealService) termOf(category string) AppealTerm {
	if c, _, ok := s.City.Category(category); ok {
		return TermOf(c)
	}
	return AppealTerm{Days: 30} // a category removed from the city: the general term
}

// notify tells the resident about an executor's change.
func (s *AppealService) notify(ctx context.Context, a Appeal) {
	ev, ok := a.LastEvent()
	if !ok || s.Notifier == nil || a.ResidentID == 0 || ev.Actor.Kind == ActorResident {
		return
	}
	if err := s.Notifier.AppealChanged(ctx, a, ev); err != nil {
		s.logger().WarnContext(ctx, "appeal notice failed", "appeal_id", a.ID, "status", string(ev.To),
			"err", fmt.Sprint(err))
	}
}
