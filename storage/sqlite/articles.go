package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

var _ knowledge.ArticleStore = (*DB)(nil)

const articleColumns = `id, title, questions, body, tags, category, locale, action, published, updated_by, updated_at`

// ListArticles implements knowledge.ArticleStore.
func (d *DB) ListArticles(ctx context.Context) ([]knowledge.Article, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []knowledge.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindArticle implements knowledge.ArticleStore.
func (d *DB) FindArticle(ctx context.Context, id string) (knowledge.Article, error) {
	return findArticle(ctx, d.db, id)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findArticle(ctx context.Context, q querier, id string) (knowledge.Article, error) {
	a, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return knowledge.Article{}, vikno.Errorf(vikno.ENOTFOUND, "article %q not found", id)
	}
	return a, err
}

// SaveArticles implements knowledge.ArticleStore.
func (d *DB) SaveArticles(ctx context.Context, articles []knowledge.Article, by string) (knowledge.ImportStats, error) {
	var st knowledge.ImportStats
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, a := range articles {
			a.UpdatedBy, a.UpdatedAt = by, d.Now().UTC()
			old, err := findArticle(ctx, tx, a.ID)
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
func insertArticle(ctx context.Context, tx *sql.Tx, a knowledge.Article) error {
	var version int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM article_revisions WHERE article_id = ?`, a.ID).Scan(&version)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	args := articleArgs(a)
	_, err = tx.ExecContext(ctx, `INSERT INTO articles (`+articleColumns+`, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		append(args, version)...)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	return addRevision(ctx, tx, a, version, false)
}

func updateArticle(ctx context.Context, tx *sql.Tx, a knowledge.Article) error {
	var version int
	args := articleArgs(a)[1:]
	err := tx.QueryRowContext(ctx, `UPDATE articles SET title=?, questions=?, body=?, tags=?, category=?, locale=?,
		action=?, published=?, updated_by=?, updated_at=?, version = version + 1 WHERE id = ? RETURNING version`,
		append(args, a.ID)...).Scan(&version)
	if err != nil {
		return fmt.Errorf("update article %s: %w", a.ID, err)
	}
	return addRevision(ctx, tx, a, version, false)
}

func addRevision(ctx context.Context, tx *sql.Tx, a knowledge.Article, version int, deleted bool) error {
	args := articleArgs(a)
	_, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, title, questions, body, tags, category,
		locale, action, published, updated_by, updated_at, version, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		append(args, version, deleted)...)
	if err != nil {
		return fmt.Errorf("add revision of %s: %w", a.ID, err)
	}
	return nil
}

// DeleteArticle implements knowledge.ArticleStore.
func (d *DB) DeleteArticle(ctx context.Context, id, by string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		a, err := findArticle(ctx, tx, id)
		if err != nil {
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = ?`, id).Scan(&version); err != nil {
			return fmt.Errorf("delete article: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete article: %w", err)
		}
		a.UpdatedBy, a.UpdatedAt = by, d.Now().UTC()
		return addRevision(ctx, tx, a, version+1, true)
	})
}

// ArticleRevisions implements knowledge.ArticleStore.
func (d *DB) ArticleRevisions(ctx context.Context, id string) ([]knowledge.Revision, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, title, questions, body, tags, category, locale, action,
		published, updated_by, updated_at, version, deleted FROM article_revisions WHERE article_id = ? ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("article revisions: %w", err)
	}
	defer rows.Close()
	var out []knowledge.Revision
	for rows.Next() {
		var r knowledge.Revision
		var questions, tags, updated string
		err := rows.Scan(&r.ID, &r.Title, &questions, &r.Body, &tags, &r.Category, &r.Locale, &r.Action,
			&r.Published, &r.UpdatedBy, &updated, &r.Version, &r.Deleted)
		if err != nil {
			return nil, fmt.Errorf("scan revision: %w", err)
		}
		r.Questions, r.Tags, r.UpdatedAt = decodeList(questions), decodeList(tags), parseTime(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RecordUnanswered implements knowledge.ArticleStore.
func (d *DB) RecordUnanswered(ctx context.Context, query, locale string) error {
	q := knowledge.NormalizeUnanswered(query)
	if q == "" {
		return nil
	}
	now := d.now()
	_, err := d.db.ExecContext(ctx, `INSERT INTO kb_unanswered (query, locale, first_at, last_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (query, locale) DO UPDATE SET count = count + 1, last_at = excluded.last_at`, q, locale, now, now)
	if err != nil {
		return fmt.Errorf("record unanswered: %w", err)
	}
	return nil
}

// ListUnanswered implements knowledge.ArticleStore.
func (d *DB) ListUnanswered(ctx context.Context, limit int) ([]knowledge.UnansweredQuery, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT query, locale, count, first_at, last_at FROM kb_unanswered
		ORDER BY count DESC, last_at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list unanswered: %w", err)
	}
	defer rows.Close()
	var out []knowledge.UnansweredQuery
	for rows.Next() {
		var u knowledge.UnansweredQuery
		var first, last string
		if err := rows.Scan(&u.Query, &u.Locale, &u.Count, &first, &last); err != nil {
			return nil, fmt.Errorf("scan unanswered: %w", err)
		}
		u.FirstAt, u.LastAt = parseTime(first), parseTime(last)
		out = append(out, u)
	}
	return out, rows.Err()
}

// RecordFeedback implements knowledge.ArticleStore.
func (d *DB) RecordFeedback(ctx context.Context, articleID string, helpful bool) error {
	h, u := 0, 1
	if helpful {
		h, u = 1, 0
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO kb_feedback (article_id, helpful, unhelpful) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET helpful = helpful + excluded.helpful, unhelpful = unhelpful + excluded.unhelpful`,
		articleID, h, u)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// ListFeedback implements knowledge.ArticleStore.
func (d *DB) ListFeedback(ctx context.Context) ([]knowledge.FeedbackStat, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, helpful, unhelpful FROM kb_feedback ORDER BY unhelpful DESC, article_id`)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	defer rows.Close()
	var out []knowledge.FeedbackStat
	for rows.Next() {
		var f knowledge.FeedbackStat
		if err := rows.Scan(&f.ArticleID, &f.Helpful, &f.Unhelpful); err != nil {
			return nil, fmt.Errorf("scan feedback: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(s scanner) (knowledge.Article, error) {
	var a knowledge.Article
	var questions, tags, updated string
	err := s.Scan(&a.ID, &a.Title, &questions, &a.Body, &tags, &a.Category, &a.Locale, &a.Action,
		&a.Published, &a.UpdatedBy, &updated)
	if err != nil {
		return knowledge.Article{}, err
	}
	a.Questions, a.Tags, a.UpdatedAt = decodeList(questions), decodeList(tags), parseTime(updated)
	return a, nil
}

func articleArgs(a knowledge.Article) []any {
	return []any{a.ID, a.Title, encodeList(a.Questions), a.Body, encodeList(a.Tags), a.Category, a.Locale,
		a.Action, a.Published, a.UpdatedBy, formatTime(a.UpdatedAt)}
}

func encodeList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func decodeList(s string) []string {
	var l []string
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &l); err != nil || len(l) == 0 {
		return nil
	}
	return l
}

// ArticlesVersion implements knowledge.ArticleStore.
func (d *DB) ArticlesVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM article_revisions`).Scan(&v); err != nil {
		return 0, fmt.Errorf("articles version: %w", err)
	}
	return v, nil
}
