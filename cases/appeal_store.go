package cases

import (
	"context"
	"time"
)

// AppealStore keeps appeals and their history. Implementations enforce in the
// database what must hold under concurrency: numbers unique per year, one
// appeal per (resident, client token), one status change at a time.
type AppealStore interface {
	// CreateAppeal stores a with first as its first history entry and gives it
	// the next number of the year of a.CreatedAt (in a.CreatedAt's location).
	// When the resident already filed an appeal with the same ClientToken, it
	// stores nothing and returns that appeal with created false. It returns
	// the stored appeal with ID, Number and History set.
	CreateAppeal(ctx context.Context, a Appeal, first AppealEvent) (stored Appeal, created bool, err error)
	// FindAppeal returns the appeal with the number and its history, or an
	// ENOTFOUND error.
	FindAppeal(ctx context.Context, number string) (Appeal, error)
	// FindAppealByToken returns the resident's appeal filed with the client
	// token, or an ENOTFOUND error.
	FindAppealByToken(ctx context.Context, residentID int64, token string) (Appeal, error)
	// UpdateAppeal loads the appeal with the number, locks it against other
	// changes and lets change modify it. When change returns an error nothing
	// is written and the error is returned; otherwise the appeal's status,
	// executor, district, note, resolution, rating, photos and times are saved together with the returned
	// event (none when its To is empty), and the updated appeal with its
	// history is returned. An unknown number is ENOTFOUND.
	UpdateAppeal(ctx context.Context, number string, change func(a *Appeal) (AppealEvent, error)) (Appeal, error)
	// ListAppeals returns the appeals that match f, without history.
	ListAppeals(ctx context.Context, f AppealFilter) ([]Appeal, error)
}

// AppealOrder is the order of ListAppeals' results.
type AppealOrder int

// Orders of a list.
const (
	AppealsNewestFirst AppealOrder = iota // created_at descending
	AppealsDueFirst                       // due time ascending: the most overdue first
)

// MaxAppealList caps how many appeals one list returns.
const MaxAppealList = 1000

// AppealFilter selects appeals. Empty fields select everything; non-empty
// ones are combined with AND.
type AppealFilter struct {
	Numbers     []string
	Categories  []string
	Statuses    []AppealStatus
	Executor    string
	District    string
	ResidentID  int64
	CreatedFrom time.Time // inclusive
	CreatedTo   time.Time // inclusive
	DueBefore   time.Time // due time strictly before
	Order       AppealOrder
	// Limit is at most MaxAppealList; 0 means MaxAppealList.
	Limit int
	// Offset skips that many appeals of the ordered list (paging).
	Offset int
}

// EffectiveLimit returns the limit a store applies.
func (f AppealFilter) EffectiveLimit() int {
	if f.Limit <= 0 || f.Limit > MaxAppealList {
		return MaxAppealList
	}
	return f.Limit
}

// AppealNotifier tells a resident that an executor changed their appeal. The
// dialog implements it by sending a message at once; the notify outbox will
// implement it durably.
type AppealNotifier interface {
	AppealChanged(ctx context.Context, a Appeal, e AppealEvent) error
}

// AppealNoticeStore is an AppealStore that saves a change and the messages
// (of type M, the notify outbox's) that tell the resident about it in one
// transaction: both are stored or neither.
type AppealNoticeStore[M any] interface {
	AppealStore
	// UpdateAppealNotify is UpdateAppeal that also stores the messages notice
	// makes of the updated appeal and the event saved with it (notice is not
	// called when change returns no event). notice runs inside the
	// transaction and must not use the store; when it fails, nothing is
	// written and its error is returned.
	UpdateAppealNotify(ctx context.Context, number string, change func(a *Appeal) (AppealEvent, error),
		notice func(Appeal, AppealEvent) ([]M, error)) (Appeal, error)
}

// StatusNotices saves an executor's change to an appeal together with the
// resident's notice of it (notify.AppealNotices over an AppealNoticeStore),
// so a crash can never keep the change and lose the notice.
type StatusNotices interface {
	// ChangeAppeal behaves as AppealStore.UpdateAppeal and queues the notice
	// of the event change returns in the same transaction.
	ChangeAppeal(ctx context.Context, number string, change func(a *Appeal) (AppealEvent, error)) (Appeal, error)
}
