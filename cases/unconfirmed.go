package cases

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
)

// SystemActor is Vikno itself as the actor of a change.
var SystemActor = Actor{Kind: ActorSystem, Name: "vikno"}

// CloseUnconfirmed closes the residents' appeals that have awaited
// confirmation («Проблему вирішено?») for longer than wait since the
// executor marked them done, and returns how many it closed. Each is closed
// by SystemActor without a resolution, in a change of its own that notifies
// the resident as an executor's change does; an appeal the resident
// answered (or anyone changed) meanwhile is left as it is.
func (s *AppealService) CloseUnconfirmed(ctx context.Context, wait time.Duration) (int, error) {
	cutoff := s.now().Add(-wait)
	list, err := s.List(ctx, AppealFilter{Statuses: []AppealStatus{AppealDone}, Order: AppealsDueFirst})
	if err != nil {
		return 0, fmt.Errorf("unconfirmed appeals: %w", err)
	}
	closed := 0
	var errs []error
	for _, a := range list {
		if a.ResidentID == 0 || !a.UpdatedAt.Before(cutoff) {
			continue
		}
		ok, err := s.closeUnconfirmed(ctx, a.Number, cutoff)
		if err != nil {
			errs = append(errs, fmt.Errorf("close unconfirmed appeal %s: %w", a.Number, err))
		}
		if ok {
			closed++
		}
	}
	return closed, errors.Join(errs...)
}

// closeUnconfirmed closes the appeal if it was marked done before cutoff and
// has not changed since; it reports whether it closed it.
func (s *AppealService) closeUnconfirmed(ctx context.Context, number string, cutoff time.Time) (bool, error) {
	a, err := s.Find(ctx, number)
	if err != nil {
		return false, err
	}
	ev, ok := a.LastEvent()
	if !ok || a.Status != AppealDone || ev.To != AppealDone || !ev.At.Before(cutoff) {
		return false, nil
	}
	_, err = s.ChangeStatus(ctx, number, AppealChange{To: AppealClosed, By: SystemActor, Seen: ev.ID})
	if vikno.ErrorCode(err) == vikno.ECONFLICT {
		return false, nil // the resident answered meanwhile
	}
	return err == nil, err
}

// RunCloseUnconfirmed runs CloseUnconfirmed every interval until ctx ends;
// a wait of 0 or less does nothing.
func (s *AppealService) RunCloseUnconfirmed(ctx context.Context, wait, interval time.Duration) {
	if wait <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := s.CloseUnconfirmed(ctx, wait)
		switch {
		case err != nil && ctx.Err() == nil:
			s.logger().ErrorContext(ctx, "close unconfirmed appeals", "closed", n, "err", err)
		case n > 0:
			s.logger().InfoContext(ctx, "unconfirmed appeals closed", "closed", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
