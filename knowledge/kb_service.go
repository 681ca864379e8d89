package knowledge

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
)

// EventsTopic is the change-event topic of the knowledge base: every
// replica refreshes its index from the database when it hears one.
const EventsTopic = "kb"

// Service keeps an in-memory index in step with the ArticleStore, the
// source of truth. Edits through Save and Delete show in the index at once,
// other replicas hear of them through change events, and edits made by
// another process (`vikno kb import` next to an SQLite server) are noticed by
// a cheap version check every few seconds.
type Service struct {
	store  ArticleStore
	events vikno.Events
	opts   Options
	logger *slog.Logger

	mu       sync.RWMutex
	refresh  sync.Mutex // one refresh at a time
	idx      *Index
	articles map[string]Article // published articles by id
	version  int64
	poll     time.Duration // how often the version stamp is checked
}

// NewService builds the index from the store.
func NewService(ctx context.Context, store ArticleStore, events vikno.Events, opts Options, logger *slog.Logger) (*Service, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{store: store, events: events, opts: opts, logger: logger, poll: 2 * time.Second}
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Refresh brings the index up to date with the store: changed articles are
// re-indexed, removed or unpublished ones dropped.
func (s *Service) Refresh(ctx context.Context) error {
	s.refresh.Lock()
	defer s.refresh.Unlock()
	version, err := s.store.ArticlesVersion(ctx)
	if err != nil {
		return fmt.Errorf("knowledge refresh: %w", err)
	}
	s.mu.RLock()
	same := s.idx != nil && version == s.version
	s.mu.RUnlock()
	if same {
		return nil
	}
	list, err := s.store.ListArticles(ctx)
	if err != nil {
		return fmt.Errorf("knowledge refresh: %w", err)
	}
	return s.apply(list, version)
}

func (s *Service) apply(list []Article, version int64) error {
	next := make(map[string]Article, len(list))
	for _, a := range list {
		if a.Published {
			next[a.ID] = a
		}
	}
	s.mu.RLock()
	idx, prev := s.idx, s.articles
	s.mu.RUnlock()
	if idx == nil {
		var err error
		if idx, err = NewIndex(published(next), s.opts); err != nil {
			return fmt.Errorf("knowledge index: %w", err)
		}
	} else if err := syncIndex(idx, prev, next); err != nil {
		return err
	}
	s.mu.Lock()
	s.idx, s.articles, s.version = idx, next, version
	s.mu.Unlock()
	return nil
}

func published(m map[string]Article) []Article {
	out := make([]Article, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	return out
}

// syncIndex applies the difference between two article sets to idx.
func syncIndex(idx *Index, prev, next map[string]Article) error {
	for id, a := range next {
		if old, ok := prev[id]; ok && SameContent(old, a) {
			continue
		}
		if err := idx.Upsert(a); err != nil {
			return fmt.Errorf("knowledge index %s: %w", id, err)
		}
	}
	for id := range prev {
		if _, ok := next[id]; !ok {
			if err := idx.Delete(id); err != nil {
				return fmt.Errorf("knowledge index %s: %w", id, err)
			}
		}
	}
	return nil
}

// Search searches the published articles.
func (s *Service) Search(query string, opts SearchOptions) (Result, error) {
	s.mu.RLock()
	idx := s.idx
	s.mu.RUnlock()
	return idx.Search(query, opts)
}

// Article returns a published article; ENOTFOUND otherwise.
func (s *Service) Article(id string) (Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.articles[id]
	if !ok {
		return Article{}, vikno.Errorf(vikno.ENOTFOUND, "article %q not found", id)
	}
	return a, nil
}

// Count returns how many published articles are indexed.
func (s *Service) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.articles)
}

// Save stores articles (all or none), updates this replica's index at once
// and tells the others.
func (s *Service) Save(ctx context.Context, articles []Article, by string) (ImportStats, error) {
	st, err := s.store.SaveArticles(ctx, articles, by)
	if err != nil {
		return ImportStats{}, err
	}
	return st, s.changed(ctx)
}

// Delete removes an article and updates the index.
func (s *Service) Delete(ctx context.Context, id, by string) error {
	if err := s.store.DeleteArticle(ctx, id, by); err != nil {
		return err
	}
	return s.changed(ctx)
}

func (s *Service) changed(ctx context.Context) error {
	if err := s.Refresh(ctx); err != nil {
		return err
	}
	if s.events != nil {
		if err := s.events.Publish(ctx, EventsTopic, []byte("changed")); err != nil {
			s.logger.Warn("knowledge change event not published", "err", err)
		}
	}
	return nil
}

// SetPoll changes how often Run checks the store's version stamp (2 s by
// default); it takes effect after the current wait.
func (s *Service) SetPoll(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.poll = d
}

func (s *Service) pollEvery() time.Duration {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.poll
}

// Run keeps the index fresh until ctx ends: on change events from other
// replicas at once, and by polling the version stamp.
func (s *Service) Run(ctx context.Context) {
	var events <-chan []byte
	if s.events != nil {
		ch, err := s.events.Subscribe(ctx, EventsTopic)
		if err != nil {
			s.logger.Warn("knowledge events unavailable, polling only", "err", err)
		} else {
			events = ch
		}
	}
	for {
		timer := time.NewTimer(s.pollEvery())
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case _, ok := <-events:
			if !ok {
				events = nil
			}
		case <-timer.C:
		}
		timer.Stop()
		if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("knowledge refresh failed", "err", err)
		}
	}
}
