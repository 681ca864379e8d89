package knowledge

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Revision is one saved version of an article; Deleted marks a deletion.
type Revision struct {
	Article
	Version int
	Deleted bool
}

// UnansweredQuery is a question the bot found no good answer to, counted
// over all residents who asked it (normalised: lower case, trimmed).
type UnansweredQuery struct {
	Query   string
	Locale  string
	Count   int
	FirstAt time.Time
	LastAt  time.Time
	// Unhelpful counts the asks (of Count) whose answer the resident
	// marked 👎; ArticleID is the article of the latest of them.
	Unhelpful int
	ArticleID string
}

// FeedbackStat is how residents rated one article's answer.
type FeedbackStat struct {
	ArticleID string
	Helpful   int
	Unhelpful int
}

// ImportStats tells what an import changed.
type ImportStats struct {
	Created   int
	Updated   int
	Unchanged int
}

// ArticleStore keeps articles with their revision history, plus what editors
// need to improve them: unanswered questions and 👍/👎 per article.
type ArticleStore interface {
	// ListArticles returns every article, published or not, ordered by id.
	ListArticles(ctx context.Context) ([]Article, error)
	// FindArticle returns ENOTFOUND for an unknown id.
	FindArticle(ctx context.Context, id string) (Article, error)
	// SaveArticles creates or updates articles in one transaction: all are
	// saved or none. An article whose content did not change is left alone
	// (no new revision), so re-importing the same files is a no-op.
	SaveArticles(ctx context.Context, articles []Article, by string) (ImportStats, error)
	// DeleteArticle removes an article, keeping its history; ENOTFOUND if
	// there is none.
	DeleteArticle(ctx context.Context, id, by string) error
	// ArticleRevisions returns an article's history, newest first.
	ArticleRevisions(ctx context.Context, id string) ([]Revision, error)
	// ArticlesVersion returns a number that grows with every change to any
	// article, so a process can notice edits made by another one cheaply.
	ArticlesVersion(ctx context.Context) (int64, error)

	RecordUnanswered(ctx context.Context, query, locale string) error
	// ListUnanswered returns the most asked unanswered questions first.
	ListUnanswered(ctx context.Context, limit int) ([]UnansweredQuery, error)
	RecordFeedback(ctx context.Context, articleID string, helpful bool) error
	// ListFeedback returns articles with the most 👎 first.
	ListFeedback(ctx context.Context) ([]FeedbackStat, error)
}

// SameContent reports whether a and b differ only in bookkeeping fields
// (who saved them and when).
func SameContent(a, b Article) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Questions, b.Questions) &&
		a.Body == b.Body && slices.Equal(a.Tags, b.Tags) && a.Category == b.Category &&
		a.Locale == b.Locale && a.Action == b.Action && a.Published == b.Published
}

// MaxUnansweredLen caps how much of an unanswered question is kept.
const MaxUnansweredLen = 300

// NormalizeUnanswered prepares a question for the unanswered list: lower
// case, single spaces, at most MaxUnansweredLen characters.
func NormalizeUnanswered(q string) string {
	q = strings.Join(strings.Fields(strings.ToLower(q)), " ")
	if r := []rune(q); len(r) > MaxUnansweredLen {
		q = string(r[:MaxUnansweredLen])
	}
	return q
}
