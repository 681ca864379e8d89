package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

var _ knowledge.ArticleStore = (*DB)(nil)

const articleColumns = `id, title, questions, body, tags, category, locale, action, published, updated_by, updated_at`

// ListArticles implements knowledge.ArticleStore.
func (d *DB) ListArticles(ctx context.Context) ([]knowledge.Article, error) {
	rows, err := d.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (knowledge.Article, error) { return scanArticle(r) })
}

// FindArticle implements knowledge.ArticleStore.
func (d *DB) FindArticle(ctx context.Context, id string) (knowledge.Article, error) {
	return findArticle(ctx, d.pool, id, "")
}

type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func findArticle(ctx context.Context, q queryRower, id, lock string) (knowledge.Article, error) {
	a, err := scanArticle(q.QueryRow(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`+lock, id))
	if err != nil {
		return knowledge.Article{}, notFound(err, "article")
	}
	return a, nil
}

// SaveArticles implements knowledge.ArticleStore.
func (d *DB) SaveArticles(ctx context.Context, articles []knowledge.Article, by string) (knowledge.ImportStats, error) {
	var st knowledge.ImportStats
	err := d.tx(ctx, func(tx pgx.Tx) error {
		st = knowledge.ImportStats{}
		for _, a := range articles {
			a.UpdatedBy, a.UpdatedAt = by, d.Now()
			old, err := findArticle(ctx, tx, a.ID, " FOR UPDATE")
			switch {
			case vikno.IsNotFound(err):
				st.Created++
				err = insertArticle(ctx, tx, a)
			case err != nil:
				return err
			case knowledge.SameContent(old, a):
				st.Unchanged++
				continue
			default:
				st.Updated++
				err = updateArticle(ctx, tx, a)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return knowledge.ImportStats{}, err
	}
	return st, nil
}

// insertArticle creates an article; its version continues the history of a
// deleted article with the same id.
func insertArticle(ctx context.Context, tx pgx.Tx, a knowledge.Article) error {
	var version int
	err := tx.QueryRow(ctx, `INSERT INTO articles (`+articleColumns+`, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,
		(SELECT COALESCE(MAX(version), 0) + 1 FROM article_revisions WHERE article_id = $1)) RETURNING version`,
		articleArgs(a)...).Scan(&version)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	return addRevision(ctx, tx, a, version, false)
}

func updateArticle(ctx context.Context, tx pgx.Tx, a knowledge.Article) error {
	var version int
	err := tx.QueryRow(ctx, `UPDATE articles SET title=$2, questions=$3, body=$4, tags=$5, category=$6, locale=$7,
		action=$8, published=$9, updated_by=$10, updated_at=$11, version = version + 1 WHERE id = $1 RETURNING version`,
		articleArgs(a)...).Scan(&version)
	if err != nil {
		return fmt.Errorf("update article %s: %w", a.ID, err)
	}
	return addRevision(ctx, tx, a, version, false)
}

func addRevision(ctx context.Context, tx pgx.Tx, a knowledge.Article, version int, deleted bool) error {
	_, err := tx.Exec(ctx, `INSERT INTO article_revisions (article_id, title, questions, body, tags, category,
		locale, action, published, updated_by, updated_at, version, deleted) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
		append(articleArgs(a), version, deleted)...)
	if err != nil {
		return fmt.Errorf("add revision of %s: %w", a.ID, err)
	}
	return nil
}

// DeleteArticle implements knowledge.ArticleStore.
func (d *DB) DeleteArticle(ctx context.Context, id, by string) error {
	return d.tx(ctx, func(tx pgx.Tx) error {
		a, err := findArticle(ctx, tx, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		var version int
		if err := tx.QueryRow(ctx, `DELETE FROM articles WHERE id = $1 RETURNING version`, id).Scan(&version); err != nil {
			return fmt.Errorf("delete article: %w", err)
		}
		a.UpdatedBy, a.UpdatedAt = by, d.Now()
		return addRevision(ctx, tx, a, version+1, true)
	})
}

// ArticleRevisions implements knowledge.ArticleStore.
func (d *DB) ArticleRevisions(ctx context.Context, id string) ([]knowledge.Revision, error) {
	rows, err := d.pool.Query(ctx, `SELECT article_id, title, questions, body, tags, category, locale, action,
		published, updated_by, updated_at, version, deleted FROM article_revisions WHERE article_id = $1 ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("article revisions: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (knowledge.Revision, error) {
		var r knowledge.Revision
		err := row.Scan(&r.ID, &r.Title, &r.Questions, &r.Body, &r.Tags, &r.Category, &r.Locale, &r.Action,
			&r.Published, &r.UpdatedBy, &r.UpdatedAt, &r.Version, &r.Deleted)
		r.Questions, r.Tags = orNil(r.Questions), orNil(r.Tags)
		return r, err
	})
}

// RecordUnanswered implements knowledge.ArticleStore.
func (d *DB) RecordUnanswered(ctx context.Context, query, locale string) error {
	q := knowledge.NormalizeUnanswered(query)
	if q == "" {
		return nil
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO kb_unanswered (query, locale, first_at, last_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (query, locale) DO UPDATE SET count = kb_unanswered.count + 1, last_at = EXCLUDED.last_at`,
		q, locale, d.Now())
	if err != nil {
		return fmt.Errorf("record unanswered: %w", err)
	}
	return nil
}

// ListUnanswered implements knowledge.ArticleStore.
func (d *DB) ListUnanswered(ctx context.Context, limit int) ([]knowledge.UnansweredQuery, error) {
	rows, err := d.pool.Query(ctx, `SELECT query, locale, count, first_at, last_at FROM kb_unanswered
		ORDER BY count DESC, last_at DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list unanswered: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (knowledge.UnansweredQuery, error) {
		var u knowledge.UnansweredQuery
		err := row.Scan(&u.Query, &u.Locale, &u.Count, &u.FirstAt, &u.LastAt)
		return u, err
	})
}

// RecordFeedback implements knowledge.ArticleStore.
func (d *DB) RecordFeedback(ctx context.Context, articleID string, helpful bool) error {
	h, u := 0, 1
	if helpful {
		h, u = 1, 0
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO kb_feedback (article_id, helpful, unhelpful) VALUES ($1, $2, $3)
		ON CONFLICT (article_id) DO UPDATE SET helpful = kb_feedback.helpful + EXCLUDED.helpful,
		unhelpful = kb_feedback.unhelpful + EXCLUDED.unhelpful`, articleID, h, u)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// ListFeedback implements knowledge.ArticleStore.
func (d *DB) ListFeedback(ctx context.Context) ([]knowledge.FeedbackStat, error) {
	rows, err := d.pool.Query(ctx, `SELECT article_id, helpful, unhelpful FROM kb_feedback ORDER BY unhelpful DESC, article_id`)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (knowledge.FeedbackStat, error) {
		var f knowledge.FeedbackStat
		err := row.Scan(&f.ArticleID, &f.Helpful, &f.Unhelpful)
		return f, err
	})
}

func scanArticle(row pgx.Row) (knowledge.Article, error) {
	var a knowledge.Article
	err := row.Scan(&a.ID, &a.Title, &a.Questions, &a.Body, &a.Tags, &a.Category, &a.Locale, &a.Action,
		&a.Published, &a.UpdatedBy, &a.UpdatedAt)
	a.Questions, a.Tags = orNil(a.Questions), orNil(a.Tags)
	return a, err
}

func articleArgs(a knowledge.Article) []any {
	return []any{a.ID, a.Title, orEmpty(a.Questions), a.Body, orEmpty(a.Tags), a.Category, a.Locale,
		a.Action, a.Published, a.UpdatedBy, a.UpdatedAt}
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func orNil(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// ArticlesVersion implements knowledge.ArticleStore.
func (d *DB) ArticlesVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := d.pool.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM article_revisions`).Scan(&v); err != nil {
		return 0, fmt.Errorf("articles version: %w", err)
	}
	return v, nil
}
