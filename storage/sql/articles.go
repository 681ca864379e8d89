package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

var _ knowledge.ArticleStore = (*DB)(nil)

const articleColumns = `id, title, questions, body, tags, category, locale, action, published, updated_by, updated_at`

const insertRevision = `INSERT INTO article_revisions (article_id, title, questions, body, tags, category,
	locale, action, published, updated_by, updated_at, version, deleted)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`

// ListArticles implements knowledge.ArticleStore.
func (d *DB) ListArticles(ctx context.Context) ([]knowledge.Article, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles ORDER BY id`)
	out, err := collect(rows, err, scanArticle)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// FindArticle implements knowledge.ArticleStore.
func (d *DB) FindArticle(ctx context.Context, id string) (knowledge.Article, error) {
	return findArticle(ctx, d.db, id, "")
}

func findArticle(ctx context.Context, q querier, id, lock string) (knowledge.Article, error) {
	a, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`+lock, id))
	if err != nil {
		return knowledge.Article{}, notFound(err, "article "+id)
	}
	return a, nil
}

// SaveArticles implements knowledge.ArticleStore.
func (d *DB) SaveArticles(ctx context.Context, articles []knowledge.Article, by string) (knowledge.ImportStats, error) {
	var st knowledge.ImportStats
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, a := range articles {
			a.UpdatedBy, a.UpdatedAt = by, d.Now().UTC()
			old, err := findArticle(ctx, tx, a.ID, d.dialect.forUpdate)
			switch {
			case vikno.IsNotFound(err):
				st.Created++
				err = d.insertArticle(ctx, tx, a)
			case err != nil:
				return err
			case knowledge.SameContent(old, a):
				st.Unchanged++
				continue
			default:
				st.Updated++
				err = d.updateArticle(ctx, tx, a)
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
func (d *DB) insertArticle(ctx context.Context, tx *sql.Tx, a knowledge.Article) error {
	var version int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM article_revisions WHERE article_id = $1`, a.ID).Scan(&version)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO articles (`+articleColumns+`, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, append(d.articleArgs(a), version)...)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	return d.addRevision(ctx, tx, a, version, false)
}

func (d *DB) updateArticle(ctx context.Context, tx *sql.Tx, a knowledge.Article) error {
	var version int
	err := tx.QueryRowContext(ctx, `UPDATE articles SET title = $2, questions = $3, body = $4, tags = $5, category = $6,
		locale = $7, action = $8, published = $9, updated_by = $10, updated_at = $11, version = version + 1
		WHERE id = $1 RETURNING version`, d.articleArgs(a)...).Scan(&version)
	if err != nil {
		return fmt.Errorf("update article %s: %w", a.ID, err)
	}
	return d.addRevision(ctx, tx, a, version, false)
}

func (d *DB) addRevision(ctx context.Context, tx *sql.Tx, a knowledge.Article, version int, deleted bool) error {
	if _, err := tx.ExecContext(ctx, insertRevision, append(d.articleArgs(a), version, deleted)...); err != nil {
		return fmt.Errorf("add revision of %s: %w", a.ID, err)
	}
	return nil
}

// DeleteArticle implements knowledge.ArticleStore.
func (d *DB) DeleteArticle(ctx context.Context, id, by string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		a, err := findArticle(ctx, tx, id, d.dialect.forUpdate)
		if err != nil {
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, `DELETE FROM articles WHERE id = $1 RETURNING version`, id).Scan(&version); err != nil {
			return fmt.Errorf("delete article: %w", err)
		}
		a.UpdatedBy, a.UpdatedAt = by, d.Now().UTC()
		return d.addRevision(ctx, tx, a, version+1, true)
	})
}

// ArticleRevisions implements knowledge.ArticleStore.
func (d *DB) ArticleRevisions(ctx context.Context, id string) ([]knowledge.Revision, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, title, questions, body, tags, category, locale, action,
		published, updated_by, updated_at, version, deleted FROM article_revisions WHERE article_id = $1 ORDER BY version DESC`, id)
	out, err := collect(rows, err, func(s scanner) (r knowledge.Revision, err error) {
		return r, s.Scan(&r.ID, &r.Title, list(&r.Questions), &r.Body, list(&r.Tags), &r.Category, &r.Locale, &r.Action,
			&r.Published, &r.UpdatedBy, at(&r.UpdatedAt), &r.Version, &r.Deleted)
	})
	if err != nil {
		return nil, fmt.Errorf("article revisions: %w", err)
	}
	return out, nil
}

// RecordUnanswered implements knowledge.ArticleStore. The question is
// counted under its normalised (lower-cased) form and kept as asked too.
func (d *DB) RecordUnanswered(ctx context.Context, query, locale string) error {
	q := knowledge.NormalizeUnanswered(query)
	if q == "" {
		return nil
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO kb_unanswered (query, locale, first_at, last_at, asked) VALUES ($1, $2, $3, $3, $4)
		ON CONFLICT (query, locale) DO UPDATE SET count = kb_unanswered.count + 1, last_at = excluded.last_at,
		asked = `+keepAsked,
		q, locale, d.now(), askedForm(query))
	if err != nil {
		return fmt.Errorf("record unanswered: %w", err)
	}
	return nil
}

// keepAsked is the wording an unanswered question keeps when it is asked
// again: the new one when it has capital letters (residents who write
// «ЦНАП» write a better title for an editor than those who type all in
// lower case) or none is kept yet, the kept one otherwise.
const keepAsked = `CASE WHEN excluded.asked <> excluded.query OR kb_unanswered.asked = '' THEN excluded.asked
		ELSE kb_unanswered.asked END`

// askedForm is a question as a resident wrote it, with its spaces tidied
// and cut as knowledge.NormalizeUnanswered cuts it.
func askedForm(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > knowledge.MaxUnansweredLen {
		q = string(r[:knowledge.MaxUnansweredLen])
	}
	return q
}

// ListUnanswered implements knowledge.ArticleStore. Each question's Query
// is as a resident wrote it (its normalised form for questions recorded
// before the wording was kept); DismissUnanswered takes either.
func (d *DB) ListUnanswered(ctx context.Context, limit int) ([]knowledge.UnansweredQuery, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT CASE WHEN asked = '' THEN query ELSE asked END, locale, count, first_at, last_at,
		unhelpful, article_id FROM kb_unanswered ORDER BY count DESC, last_at DESC LIMIT $1`, limit)
	out, err := collect(rows, err, func(s scanner) (u knowledge.UnansweredQuery, err error) {
		return u, s.Scan(&u.Query, &u.Locale, &u.Count, at(&u.FirstAt), at(&u.LastAt), &u.Unhelpful, &u.ArticleID)
	})
	if err != nil {
		return nil, fmt.Errorf("list unanswered: %w", err)
	}
	return out, nil
}

// RecordFeedback implements knowledge.ArticleStore.
func (d *DB) RecordFeedback(ctx context.Context, articleID string, helpful bool) error {
	h, u := 0, 1
	if helpful {
		h, u = 1, 0
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO kb_feedback (article_id, helpful, unhelpful) VALUES ($1, $2, $3)
		ON CONFLICT (article_id) DO UPDATE SET helpful = kb_feedback.helpful + excluded.helpful,
		unhelpful = kb_feedback.unhelpful + excluded.unhelpful`, articleID, h, u)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// ListFeedback implements knowledge.ArticleStore.
func (d *DB) ListFeedback(ctx context.Context) ([]knowledge.FeedbackStat, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, helpful, unhelpful FROM kb_feedback ORDER BY unhelpful DESC, article_id`)
	out, err := collect(rows, err, func(s scanner) (f knowledge.FeedbackStat, err error) {
		return f, s.Scan(&f.ArticleID, &f.Helpful, &f.Unhelpful)
	})
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	return out, nil
}

// ArticlesVersion implements knowledge.ArticleStore.
func (d *DB) ArticlesVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM article_revisions`).Scan(&v); err != nil {
		return 0, fmt.Errorf("articles version: %w", err)
	}
	return v, nil
}

func scanArticle(s scanner) (knowledge.Article, error) {
	var a knowledge.Article
	err := s.Scan(&a.ID, &a.Title, list(&a.Questions), &a.Body, list(&a.Tags), &a.Category, &a.Locale, &a.Action,
		&a.Published, &a.UpdatedBy, at(&a.UpdatedAt))
	return a, err
}

func (d *DB) articleArgs(a knowledge.Article) []any {
	return []any{a.ID, a.Title, encodeList(a.Questions), a.Body, encodeList(a.Tags), a.Category, a.Locale,
		a.Action, a.Published, a.UpdatedBy, d.t(a.UpdatedAt)}
}

// encodeList encodes a list of strings as a JSON array.
func encodeList(l []string) string {
	b, _ := json.Marshal(orEmpty(l))
	return string(b)
}

// list scans a JSON array of strings into l (nil when empty).
func list(l *[]string) sql.Scanner { return listScanner{l} }

type listScanner struct{ l *[]string }

func (s listScanner) Scan(v any) error {
	var b []byte
	switch v := v.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("scan list from %T", v)
	}
	*s.l = nil
	if err := json.Unmarshal(b, s.l); err != nil {
		return fmt.Errorf("scan list: %w", err)
	}
	if len(*s.l) == 0 {
		*s.l = nil
	}
	return nil
}

var _ knowledge.UnansweredStore = (*DB)(nil)

// DismissUnanswered implements knowledge.UnansweredStore.
func (d *DB) DismissUnanswered(ctx context.Context, qs []knowledge.UnansweredQuery, seen time.Time) (int, error) {
	n := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, q := range qs {
			res, err := tx.ExecContext(ctx, `DELETE FROM kb_unanswered WHERE query = $1 AND locale = $2 AND last_at <= $3`,
				knowledge.NormalizeUnanswered(q.Query), q.Locale, d.t(seen))
			if err != nil {
				return fmt.Errorf("dismiss unanswered: %w", err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// RecordUnhelpful implements knowledge.UnansweredStore.
func (d *DB) RecordUnhelpful(ctx context.Context, query, locale, articleID string) error {
	q := knowledge.NormalizeUnanswered(query)
	if q == "" {
		return nil
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO kb_unanswered (query, locale, first_at, last_at, unhelpful, article_id, asked)
		VALUES ($1, $2, $3, $3, 1, $4, $5)
		ON CONFLICT (query, locale) DO UPDATE SET count = kb_unanswered.count + 1, last_at = excluded.last_at,
		unhelpful = kb_unanswered.unhelpful + 1, article_id = excluded.article_id, asked = `+keepAsked,
		q, locale, d.now(), articleID, askedForm(query))
	if err != nil {
		return fmt.Errorf("record unhelpful: %w", err)
	}
	return nil
}
