package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge/analysis"
)

// Scoring models of the bleve index (Options.Scoring).
const (
	ScoringBM25  = index.BM25Scoring  // "bm25"
	ScoringTFIDF = index.TFIDFScoring // "tf-idf"
)

// DefaultScoring is the scoring model NewIndex uses when Options.Scoring is
// empty, chosen by measurement on the demo knowledge base
// (TestScoringModelsOnDemoKB): with bleve's ranking alone TF-IDF ranked
// slightly better (top1 0.873 vs 0.864, mrr 0.909 vs 0.904; top3 0.939 and
// noanswer 0.910 for both); with the reranking that Search applies both give
// the same figures, as bleve's model then only picks the candidates.
const DefaultScoring = ScoringTFIDF

// Options configure an Index.
type Options struct {
	// Dictionary holds the synonyms, abbreviations and Russian words the
	// Ukrainian analyzer uses; nil means analysis.DefaultDictionary().
	Dictionary *analysis.Dictionary
	// Scoring is ScoringBM25 or ScoringTFIDF; "" means DefaultScoring.
	Scoring string
	// Morphology is the folder of the Hunspell dictionary uk_UA.aff/.dic
	// (Debian's hunspell-uk: hunspell.SystemDir) that the Ukrainian analyzer
	// reads word forms with, in addition to its stemmer
	// (analysis.Analyzer.WithLexicon); "" means none.
	Morphology string
}

// Index is the in-memory search index of the knowledge base: one bleve index
// per locale, holding the published articles of that locale. It is safe for
// concurrent use: searches run while articles are added, changed or removed.
//
// Each article is indexed as several small bleve documents: one for the
// title, one for each alternative question (field "q") and one for the body
// with tags and category (field "body"). Bleve picks the candidates; they are
// then scored by their best title or question plus a share of their body
// (see rerank), so an article gains nothing merely by having more questions
// filled in, and loses nothing either (one field holding all questions would
// make long articles score lower, separate fields would give the questions of
// the few articles that have them a high idf).
type Index struct {
	mu       sync.RWMutex
	tune     tuning
	articles map[string]Article // every article by id, published or not
	locales  map[string]*localeIndex
}

// NewIndex builds an index of articles. It fails on an invalid article (see
// ParseArticle) or a duplicate id, with a *vikno.Error of code EINVALID.
func NewIndex(articles []Article, opts Options) (*Index, error) {
	if opts.Scoring == "" {
		opts.Scoring = DefaultScoring
	}
	if opts.Scoring != ScoringBM25 && opts.Scoring != ScoringTFIDF {
		return nil, vikno.Errorf(vikno.EINVALID, "unknown scoring model %q", opts.Scoring)
	}
	ix := &Index{tune: defaultTuning, articles: map[string]Article{}, locales: map[string]*localeIndex{}}
	for _, loc := range []string{LocaleUK, LocaleEN} {
		li, err := newLocaleIndex(loc, opts)
		if err != nil {
			ix.Close()
			return nil, err
		}
		ix.locales[loc] = li
	}
	if err := ix.addAll(articles); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// addAll indexes the articles in one batch per locale.
func (ix *Index) addAll(articles []Article) error {
	batches := ix.newBatches()
	for _, a := range articles {
		a = withDefaults(a)
		if err := validate(a); err != nil {
			return err
		}
		if _, dup := ix.articles[a.ID]; dup {
			return vikno.Errorf(vikno.EINVALID, "article id %q given twice", a.ID)
		}
		ix.articles[a.ID] = a
		if a.Published {
			if err := ix.locales[a.Locale].add(batches[a.Locale], a); err != nil {
				return err
			}
		}
	}
	return ix.apply(batches)
}

// Upsert adds an article or replaces the one with the same id. An
// unpublished article is kept but not found by Search. It fails with EINVALID
// on an invalid article.
func (ix *Index) Upsert(a Article) error {
	a = withDefaults(a)
	if err := validate(a); err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	batches := ix.newBatches()
	ix.unindex(batches, a.ID)
	if a.Published {
		if err := ix.locales[a.Locale].add(batches[a.Locale], a); err != nil {
			return err
		}
	}
	ix.articles[a.ID] = a
	return ix.apply(batches)
}

// Delete removes an article. Deleting an unknown id is not an error.
func (ix *Index) Delete(id string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	batches := ix.newBatches()
	ix.unindex(batches, id)
	delete(ix.articles, id)
	return ix.apply(batches)
}

// Article returns the article with the given id, published or not.
func (ix *Index) Article(id string) (Article, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	a, ok := ix.articles[id]
	return a, ok
}

// Len returns the number of articles, published or not.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.articles)
}

// Close releases the bleve indexes.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var first error
	for _, li := range ix.locales {
		if err := li.bleve.Close(); err != nil && first == nil {
			first = fmt.Errorf("knowledge: close index: %w", err)
		}
	}
	return first
}

// newBatches returns an empty bleve batch for each locale.
func (ix *Index) newBatches() map[string]*bleve.Batch {
	batches := make(map[string]*bleve.Batch, len(ix.locales))
	for loc, li := range ix.locales {
		batches[loc] = li.bleve.NewBatch()
	}
	return batches
}

// apply runs the non-empty batches, in locale order.
func (ix *Index) apply(batches map[string]*bleve.Batch) error {
	for _, loc := range []string{LocaleUK, LocaleEN} {
		if b := batches[loc]; b.Size() > 0 {
			if err := ix.locales[loc].bleve.Batch(b); err != nil {
				return fmt.Errorf("knowledge: index: %w", err)
			}
		}
	}
	return nil
}

// unindex adds the removal of an article's documents to the batches; the
// caller holds mu.
func (ix *Index) unindex(batches map[string]*bleve.Batch, id string) {
	if old, ok := ix.articles[id]; ok && old.Published {
		ix.locales[old.Locale].remove(batches[old.Locale], id)
	}
}

func withDefaults(a Article) Article {
	if a.Locale == "" {
		a.Locale = LocaleUK
	}
	return a
}

func validate(a Article) error { return checkArticle("article "+a.ID, 0, &a) }

// Fields and sub-document ids of the bleve documents of an article.
const (
	fieldQuestion = "q"
	fieldBody     = "body"
	bodyDoc       = "b"
	subDocSep     = "#"
)

// subDocID is the bleve id of part of an article: "b" for the body, "0" for the
// title, "1".."n" for the questions.
func subDocID(id, part string) string { return id + subDocSep + part }

func splitSubDocID(s string) (id, part string) {
	i := strings.LastIndex(s, subDocSep)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

// localeIndex is the bleve index and term statistics of one locale.
type localeIndex struct {
	locale string
	bleve  bleve.Index
	an     textAnalyzer
	stats  *termStats
	forms  formVocab
}

func newLocaleIndex(locale string, opts Options) (*localeIndex, error) {
	m, an, err := newMapping(locale, opts)
	if err != nil {
		return nil, err
	}
	idx, err := newMemIndex(m)
	if err != nil {
		return nil, fmt.Errorf("knowledge: new index: %w", err)
	}
	return &localeIndex{locale: locale, bleve: idx, an: an, stats: newTermStats()}, nil
}

// newMemIndex returns a bleve index kept in memory only. It uses scorch, not
// bleve.NewMemOnly's upsidedown: only scorch implements BM25 and fuzzy term
// dictionaries.
func newMemIndex(m mapping.IndexMapping) (bleve.Index, error) {
	return bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
}

// ukAnalyzerName is the name of the Ukrainian analyzer inside the mapping.
const ukAnalyzerName = "vikno_uk_kb"

// newMapping returns the bleve mapping of a locale and its analyzer.
func newMapping(locale string, opts Options) (*mapping.IndexMappingImpl, textAnalyzer, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = opts.Scoring
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false
	name := "en"
	if locale == LocaleUK {
		name = ukAnalyzerName
		if err := analysis.AddTo(m, name, opts.Dictionary, opts.Morphology); err != nil {
			return nil, nil, err
		}
	}
	m.DefaultAnalyzer = name
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fieldQuestion, fieldBody} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer, fm.Store, fm.IncludeInAll, fm.IncludeTermVectors, fm.DocValues = name, false, false, false, false
		doc.AddFieldMappingsAt(f, fm)
	}
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, nil, fmt.Errorf("knowledge: mapping: %w", err)
	}
	an, err := analyzerOf(m, name)
	return m, an, err
}

// add indexes article a into batch b and records its terms.
func (li *localeIndex) add(b *bleve.Batch, a Article) error {
	parts := append([]string{a.Title}, a.Questions...)
	terms := articleTerms{questions: make([]variant, len(parts))}
	for i, p := range parts {
		if err := b.Index(subDocID(a.ID, strconv.Itoa(i)), map[string]any{fieldQuestion: p}); err != nil {
			return fmt.Errorf("knowledge: index %s: %w", a.ID, err)
		}
		terms.questions[i] = analyzeVariant(li.an, p)
	}
	body := bodyText(a)
	if err := b.Index(subDocID(a.ID, bodyDoc), map[string]any{fieldBody: body}); err != nil {
		return fmt.Errorf("knowledge: index %s: %w", a.ID, err)
	}
	terms.body, terms.bodyLen = analyzeText(li.an, body)
	li.stats.add(a.ID, terms)
	li.forms.invalidate()
	return nil
}

// remove deletes the bleve documents of article id into batch b.
func (li *localeIndex) remove(b *bleve.Batch, id string) {
	terms, ok := li.stats.docs[id]
	if !ok {
		return
	}
	for i := range terms.questions {
		b.Delete(subDocID(id, strconv.Itoa(i)))
	}
	b.Delete(subDocID(id, bodyDoc))
	li.stats.remove(id)
	li.forms.invalidate()
}

// bodyText is the text of the body document: body, tags and category.
func bodyText(a Article) string {
	var b strings.Builder
	b.WriteString(plainText(a.Body))
	for _, t := range a.Tags {
		b.WriteString("\n" + t)
	}
	if a.Category != "" {
		b.WriteString("\n" + a.Category)
	}
	return b.String()
}

// plainText drops the Markdown link targets from s (the words of a URL are
// noise for search); the rest of the markup is punctuation to the analyzer.
func plainText(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			break
		}
		b.WriteString(s[:i+1])
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}
