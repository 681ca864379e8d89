package notify

import (
	"context"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
)

// Kinds of the messages of ratings.
const (
	KindRatingAlert  = "alert"
	KindRatingAnswer = "answer"
	KindRatingDigest = "digest"
	KindRatingReply  = "reply"
)

// FeedbackMessages renders the messages of ratings (alerts to managers,
// managers' answers to residents, daily digests) with the dialog's texts and
// queues them in the outbox. It implements cases.FeedbackMessages.
type FeedbackMessages struct {
	Outbox *Outbox
	City   vikno.City
}

var _ cases.FeedbackMessages[Message] = FeedbackMessages{}

// Alert implements cases.FeedbackMessages. It renders from the manager's
// resident record alone, so it is safe inside a store transaction.
func (f FeedbackMessages) Alert(key string, r cases.Rating, to cases.Manager) (Message, error) {
	replies := f.Outbox.Engine.Render(to.Resident, func(c *dialog.Conv) { dialog.RatingAlert(c, r, f.City) })
	return Message{Key: key, Kind: KindRatingAlert, ResidentID: to.Resident.ID, Channel: to.Resident.Channel,
		UserID: to.Resident.ExternalID, Replies: replies}, nil
}

// Answer implements cases.FeedbackMessages: the answer goes to the resident
// in the resident's own channel and language.
func (f FeedbackMessages) Answer(ctx context.Context, key string, r cases.Rating, answer string) (Message, error) {
	return f.Outbox.Compose(ctx, key, KindRatingAnswer, r.ResidentID, func(c *dialog.Conv) {
		dialog.RatingAnswer(c, r, answer, f.City)
	})
}

// Reply implements cases.FeedbackMessages: the resident's reply goes to the
// manager. It renders from the manager's resident record alone, so it is
// safe inside a store transaction.
func (f FeedbackMessages) Reply(key string, r cases.Rating, to cases.Manager) (Message, error) {
	replies := f.Outbox.Engine.Render(to.Resident, func(c *dialog.Conv) { dialog.RatingReplyAlert(c, r, f.City, r.AnsweredBy == to.ID) })
	return Message{Key: key, Kind: KindRatingReply, ResidentID: to.Resident.ID, Channel: to.Resident.Channel,
		UserID: to.Resident.ExternalID, Replies: replies}, nil
}

// Digest implements cases.FeedbackMessages.
func (f FeedbackMessages) Digest(ctx context.Context, key string, to cases.Manager, d cases.Digest) error {
	return f.Outbox.Notify(ctx, key, KindRatingDigest, to.Resident.ID, func(c *dialog.Conv) {
		dialog.RatingDigest(c, d, to, f.City)
	})
}

// Queued implements cases.FeedbackMessages.
func (f FeedbackMessages) Queued() { f.Outbox.Wake() }
