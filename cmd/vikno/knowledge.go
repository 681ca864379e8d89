package main

import (
	"context"
	"fmt"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/knowledge/demokb"
)

// openKnowledge builds the knowledge base's index from the database (seeding
// the demo articles into an empty database of the demo city), keeps it fresh
// in the background and makes the FAQ the engine's answer to free text.
func (m *Main) openKnowledge(ctx context.Context) error {
	if err := m.seedDemoKB(ctx); err != nil {
		return err
	}
	kb, err := knowledge.NewService(ctx, m.Store, m.Ephemeral, knowledge.Options{Morphology: m.Config.MorphologyDir}, m.Logger)
	if err != nil {
		return err
	}
	m.Knowledge = kb
	if m.KBPoll > 0 {
		kb.SetPoll(m.KBPoll)
	}
	m.goBackground(func(ctx context.Context) error { kb.Run(ctx); return nil })
	m.Engine.Register(dialog.NewFAQ(faqSource{kb: kb, store: m.Store}))
	m.Engine.SetDefaultFlow(dialog.FlowFAQ)
	return nil
}

// seedDemoKB imports the embedded demo articles when the demo city runs on
// a database that has none.
func (m *Main) seedDemoKB(ctx context.Context) error {
	if !m.Config.City.Demo {
		return nil
	}
	existing, err := m.Store.ArticlesVersion(ctx)
	if err != nil || existing > 0 {
		return err
	}
	articles, err := demokb.Articles()
	if err != nil {
		return fmt.Errorf("demo knowledge base: %w", err)
	}
	_, err = m.Store.SaveArticles(ctx, articles, "demo")
	return err
}

// faqSource adapts the knowledge service to what the FAQ flow needs.
type faqSource struct {
	kb    *knowledge.Service
	store knowledge.ArticleStore
}

var _ dialog.KnowledgeBase = faqSource{}

// Ask searches in the language the question is written in, whatever the
// resident's interface language.
func (f faqSource) Ask(_ context.Context, query, _ string) (dialog.FAQAnswer, error) {
	lang := knowledge.GuessLocale(query)
	res, err := f.kb.Search(query, knowledge.SearchOptions{Locale: lang, Limit: 3})
	if err != nil {
		return dialog.FAQAnswer{}, err
	}
	ans := dialog.FAQAnswer{Verdict: dialog.FAQNone, SmallTalk: res.SmallTalk.String(), Language: lang, HitsLanguage: res.Locale}
	switch res.Verdict {
	case knowledge.Confident:
		ans.Verdict = dialog.FAQConfident
	case knowledge.Ambiguous:
		ans.Verdict = dialog.FAQAmbiguous
	}
	for _, h := range res.Hits {
		ans.Hits = append(ans.Hits, dialog.FAQHit{ID: h.ID, Title: h.Title})
	}
	return ans, nil
}

func (f faqSource) Article(_ context.Context, id string) (dialog.FAQArticle, error) {
	a, err := f.kb.Article(id)
	if err != nil {
		return dialog.FAQArticle{}, err
	}
	lang := a.Locale
	if lang == "" {
		lang = knowledge.LocaleUK
	}
	return dialog.FAQArticle{ID: a.ID, Title: a.Title, Body: a.Body, Action: a.Action, Language: lang}, nil
}

func (f faqSource) RecordUnanswered(ctx context.Context, query, locale string) error {
	return f.store.RecordUnanswered(ctx, query, locale)
}

// RecordUnhelpful implements dialog.UnhelpfulRecorder when the store keeps
// unanswered questions with their article.
func (f faqSource) RecordUnhelpful(ctx context.Context, query, locale, id string) error {
	if s, ok := f.store.(knowledge.UnansweredStore); ok {
		return s.RecordUnhelpful(ctx, query, locale, id)
	}
	return f.store.RecordUnanswered(ctx, query, locale)
}

func (f faqSource) RecordFeedback(ctx context.Context, id string, helpful bool) error {
	return f.store.RecordFeedback(ctx, id, helpful)
}
