// Package cases holds what residents open with the city and the rules that
// govern it: appeals (звернення) — filed in the bot or through Open311,
// routed to an executor by category, tracked by number and PIN, changed by
// executors through a fixed transition table and closed only when the
// resident confirms the work was done.
//
// The package defines the store interfaces it needs (AppealStore,
// AppealNoticeStore) and the notifiers of status notices; storage/sql,
// notify and the dialog implement them. It imports no database driver or platform SDK.
package cases
