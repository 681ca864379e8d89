// Package telegram is Vikno's Telegram channel, built on
// github.com/mymmrac/telego with a net/http client.
//
// An update travels: webhook (our own handler: secret check, size limit,
// decode) or long polling → de-duplication on update_id in the shared store
// → conversion to a dialog.Update → the dialog engine → rendering of the
// replies (HTML, split at 4096 characters, inline and reply keyboards) →
// the Sender (per-chat and global rate limits shared across replicas, 429
// retry_after honoured, 5xx and network errors retried with backoff, a
// blocked bot marks the resident unreachable).
//
// Updates of one chat are handled one at a time and in order; different
// chats are handled concurrently, up to a bound. A webhook call is answered
// 200 only after its replies were delivered; when delivery fails the unsent
// replies are kept in the shared store and the call is answered 500, so
// Telegram's redelivery sends them instead of running the dialog step twice.
package telegram
