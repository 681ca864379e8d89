package analysis

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/vikno-city/vikno/internal/hunspell"
)

// Names under which the components are registered in bleve.
const (
	Name                 = "vikno_uk" // the analyzer (and its tokenizer)
	CharFilterName       = "vikno_uk_normalize"
	TranslitFilterName   = "vikno_uk_translit"
	RussianFilterName    = "vikno_uk_russian"
	StemFilterName       = "vikno_uk_stem"
	DictionaryFilterName = "vikno_uk_dictionary"
	StopFilterName       = "vikno_uk_stop"
	LetterFilterName     = "vikno_uk_letters"
)

// Analyzer is the Ukrainian analyzer. It implements bleve's
// analysis.Analyzer and is safe for concurrent use.
type Analyzer struct {
	dict DictionaryFilter
	lex  Lexicon // nil: no real morphology (see WithLexicon)
}

var _ analysis.Analyzer = (*Analyzer)(nil)

// New returns an analyzer that uses d; a nil d means DefaultDictionary(). It
// fails when a rule has a phrase without words.
func New(d *Dictionary) (*Analyzer, error) {
	if d == nil {
		d = DefaultDictionary()
	}
	a := &Analyzer{}
	m, err := compile(d.rules, a.stems)
	if err != nil {
		return nil, err
	}
	a.dict = DictionaryFilter{m: m}
	return a, nil
}

// Analyze implements analysis.Analyzer: the whole pipeline, with the lemma
// keys of a lexicon when there is one (see WithLexicon).
func (a *Analyzer) Analyze(input []byte) analysis.TokenStream {
	if a.lex == nil {
		return a.Expand(a.Words(string(input)))
	}
	norm := Normalize(string(input))
	return a.addLemmas(a.Expand(a.normalizedWords(norm)), norm)
}

// Words runs the first half of the pipeline: normalisation, tokenisation,
// marking English stop words, transliteration, Russian letters, stop words and
// stemming. Callers that correct typos against an index vocabulary do it
// between Words and Expand.
func (a *Analyzer) Words(text string) analysis.TokenStream { return a.normalizedWords(Normalize(text)) }

// normalizedWords is Words of a text already normalised.
func (a *Analyzer) normalizedWords(norm string) analysis.TokenStream {
	ts := Tokenizer{}.Tokenize([]byte(norm))
	ts = EnglishStopFilter{}.Filter(ts)
	ts = TranslitFilter{}.Filter(ts)
	ts = RussianFilter{}.Filter(ts)
	ts = StopFilter{}.Filter(ts)
	return StemFilter{}.Filter(ts)
}

// Expand runs the second half of the pipeline on the output of Words: the
// dictionary, then the removal of English stop words and single letters.
func (a *Analyzer) Expand(ts analysis.TokenStream) analysis.TokenStream {
	return LetterFilter{}.Filter(dropEnglishStop(a.dict.Filter(ts)))
}

// InDictionary reports whether a stem occurs in a phrase of the dictionary.
// A query word the dictionary knows is not a typo, even when no article
// contains it.
func (a *Analyzer) InDictionary(stem string) bool { return a.dict.m != nil && a.dict.m.known[stem] }

// IsStop reports whether a word (lower case, as the tokenizer emits it) is a
// stop word.
func IsStop(word string) bool { return defaultStop[Derussify(word)] }

func (a *Analyzer) stems(text string) []string {
	ts := a.Words(text)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

// AddTo defines in m an analyzer called name that uses d (nil: the default
// dictionary) and, when morphologyDir is not "", the Hunspell dictionary
// uk_UA in that folder as its lexicon (see WithLexicon), so that a bleve
// index with this mapping analyses text with it. The dictionary travels in
// the mapping as text, the lexicon as its folder; it is loaded once per
// process (hunspell.Shared). It fails when the lexicon cannot be loaded.
func AddTo(m *mapping.IndexMappingImpl, name string, d *Dictionary, morphologyDir string) error {
	if d == nil {
		d = DefaultDictionary()
	}
	err := m.AddCustomAnalyzer(name, map[string]any{
		"type":       Name,
		"dictionary": d.String(),
		"no_default": true,
		"morphology": morphologyDir,
	})
	if err != nil {
		return fmt.Errorf("analysis: add analyzer %s: %w", name, err)
	}
	return nil
}

// dictionaryFromConfig reads the "dictionary" (rules text, added to the
// default ones unless "no_default" is true) of a bleve component config.
func dictionaryFromConfig(config map[string]any) (*Dictionary, error) {
	d := DefaultDictionary()
	if skip, _ := config["no_default"].(bool); skip {
		d = &Dictionary{}
	}
	if text, ok := config["dictionary"].(string); ok {
		if err := d.Parse(strings.NewReader(text)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func init() {
	mustRegister(registry.RegisterAnalyzer(Name, func(config map[string]any, _ *registry.Cache) (analysis.Analyzer, error) {
		a, err := analyzerFromConfig(config)
		if err != nil {
			return nil, err
		}
		return withMorphologyFromConfig(a, config)
	}))
	mustRegister(registry.RegisterCharFilter(CharFilterName, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) {
		return CharFilter{}, nil
	}))
	mustRegister(registry.RegisterTokenizer(Name, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return Tokenizer{}, nil
	}))
	registerFilter(TranslitFilterName, TranslitFilter{})
	registerFilter(RussianFilterName, RussianFilter{})
	registerFilter(StemFilterName, StemFilter{})
	mustRegister(registry.RegisterTokenFilter(DictionaryFilterName, func(config map[string]any, _ *registry.Cache) (analysis.TokenFilter, error) {
		a, err := analyzerFromConfig(config)
		if err != nil {
			return nil, err
		}
		return a.dict, nil
	}))
	registerFilter(StopFilterName, StopFilter{})
	registerFilter(LetterFilterName, LetterFilter{})
}

func analyzerFromConfig(config map[string]any) (*Analyzer, error) {
	d, err := dictionaryFromConfig(config)
	if err != nil {
		return nil, err
	}
	return New(d)
}

// withMorphologyFromConfig gives a the lexicon in the folder named by the
// "morphology" of a bleve component config, if any.
func withMorphologyFromConfig(a *Analyzer, config map[string]any) (*Analyzer, error) {
	dir, _ := config["morphology"].(string)
	if dir == "" {
		return a, nil
	}
	lex, err := hunspell.Shared(dir, hunspell.Ukrainian)
	if err != nil {
		return nil, fmt.Errorf("analysis: morphology: %w", err)
	}
	return a.WithLexicon(lex), nil
}

func registerFilter(name string, f analysis.TokenFilter) {
	mustRegister(registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return f, nil
	}))
}

// mustRegister stops the program at start-up if a name is taken twice: a
// programming error, not an input error.
func mustRegister(err error) {
	if err != nil {
		panic(err)
	}
}
