package knowledge

import (
	"fmt"

	blevea "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// textAnalyzer is what search needs from the analyzer of a locale.
type textAnalyzer interface {
	// words is the analysis up to stems; expand adds synonyms (and the
	// lemma keys of a lexicon, for which it needs the text given to words)
	// and drops stop words. Typos are corrected in between.
	words(text string) blevea.TokenStream
	expand(ts blevea.TokenStream, text string) blevea.TokenStream
	// known reports whether a stem is a dictionary word (not a typo);
	// inflected whether a word reads as a real word form (not a typo).
	known(stem string) bool
	inflected(word string) bool
	// nearestKnown returns the dictionary stem a misspelt stem stands for
	// (see analysis.Analyzer.NearestInDictionary), "" if none.
	nearestKnown(stem string, edits int, insertOnly bool) string
	// normalize returns the text that token offsets of words refer to.
	normalize(text string) string
	// weak reports whether a stem seldom carries the topic of a question;
	// topical whether it can carry one at all (question words cannot).
	weak(stem string) bool
	topical(stem string) bool
}

func analyzerOf(m *mapping.IndexMappingImpl, name string) (textAnalyzer, error) {
	a := m.AnalyzerNamed(name)
	switch a := a.(type) {
	case *analysis.Analyzer:
		return ukAnalyzer{a}, nil
	case nil:
		return nil, fmt.Errorf("knowledge: no analyzer %q", name)
	default:
		return newPlainAnalyzer(a), nil
	}
}

// ukAnalyzer is the Ukrainian analyzer.
type ukAnalyzer struct{ a *analysis.Analyzer }

func (u ukAnalyzer) words(text string) blevea.TokenStream { return u.a.Words(text) }
func (u ukAnalyzer) expand(ts blevea.TokenStream, text string) blevea.TokenStream {
	return u.a.Lemmas(u.a.Expand(ts), text)
}
func (u ukAnalyzer) known(stem string) bool     { return u.a.InDictionary(stem) }
func (u ukAnalyzer) inflected(word string) bool { return analysis.Inflected(word) }
func (u ukAnalyzer) nearestKnown(stem string, edits int, insertOnly bool) string {
	return u.a.NearestInDictionary(stem, edits, insertOnly)
}
func (u ukAnalyzer) normalize(text string) string { return analysis.Normalize(text) }
func (u ukAnalyzer) weak(stem string) bool        { return analysis.IsWeak(stem) }
func (u ukAnalyzer) topical(stem string) bool {
	return !analysis.IsWeak(stem) && !analysis.IsQuestionWord(stem)
}

// plainAnalyzer is any other bleve analyzer (English).
type plainAnalyzer struct {
	a blevea.Analyzer
	// stems of englishWeakWords and englishPoliteWords in this analyzer
	weakStems, politeStems termSet
	// synonyms maps the stem of a word of analysis.EnglishSynonyms to the
	// stems of the other words of its group
	synonyms map[string][]string
}

// englishWeakWords are the English counterparts of analysis.WeakWords: words
// of when and how much, which seldom say what is asked. englishPoliteWords
// are the greetings, thanks, apologies and the phrases residents ask with
// (could you please tell me), which the Ukrainian analyzer drops as stop
// words: they name no topic. Both are closed classes of the language, not
// words of any knowledge base.
const (
	englishWeakWords = `today tomorrow yesterday now soon ago already still day days week weeks month months
		year years hour hours minute minutes morning evening night last next`
	englishPoliteWords = `hello hi hey dear good afternoon greetings sorry apologies excuse bother bothering
		please kindly thank thanks advance appreciate appreciated grateful tell could would can need want get`
)

func newPlainAnalyzer(a blevea.Analyzer) plainAnalyzer {
	return plainAnalyzer{a: a, weakStems: stemsIn(a, englishWeakWords), politeStems: stemsIn(a, englishPoliteWords),
		synonyms: synonymStems(a, analysis.EnglishSynonyms())}
}

// synonymStems maps each stem of a group of d (its single-word phrases) to
// the other stems of the group.
func synonymStems(a blevea.Analyzer, d *analysis.Dictionary) map[string][]string {
	out := map[string][]string{}
	for _, r := range d.Rules() {
		var stems []string
		for _, p := range r.Phrases {
			if ts := a.Analyze([]byte(p)); len(ts) == 1 && !contains(stems, string(ts[0].Term)) {
				stems = append(stems, string(ts[0].Term))
			}
		}
		for _, s := range stems {
			for _, o := range stems {
				if o != s && !contains(out[s], o) {
					out[s] = append(out[s], o)
				}
			}
		}
	}
	return out
}

// stemsIn returns the terms an analyzer makes of words.
func stemsIn(a blevea.Analyzer, words string) termSet {
	set := termSet{}
	for _, t := range a.Analyze([]byte(words)) {
		set[string(t.Term)] = struct{}{}
	}
	return set
}

func (p plainAnalyzer) words(text string) blevea.TokenStream { return p.a.Analyze([]byte(text)) }

// expand adds after each word the stems of its synonyms, as tokens of
// analysis.SynonymType spanning the word.
func (p plainAnalyzer) expand(ts blevea.TokenStream, _ string) blevea.TokenStream {
	out := make(blevea.TokenStream, 0, len(ts))
	for _, t := range ts {
		out = append(out, t)
		if t.Type == blevea.Numeric {
			continue
		}
		for _, s := range p.synonyms[string(t.Term)] {
			out = append(out, &blevea.Token{Term: []byte(s), Start: t.Start, End: t.End, Position: t.Position, Type: analysis.SynonymType})
		}
	}
	return out
}
func (p plainAnalyzer) known(string) bool                     { return false }
func (p plainAnalyzer) inflected(string) bool                 { return false }
func (p plainAnalyzer) nearestKnown(string, int, bool) string { return "" }
func (p plainAnalyzer) normalize(text string) string          { return text }
func (p plainAnalyzer) weak(stem string) bool                 { return analysis.IsWeak(stem) || p.weakStems.has(stem) }
func (p plainAnalyzer) topical(stem string) bool              { return !p.weak(stem) && !p.politeStems.has(stem) }

// termSet is the set of terms a text yields.
type termSet map[string]struct{}

func (s termSet) has(term string) bool {
	_, ok := s[term]
	return ok
}

func setOf(counts map[string]int) termSet {
	set := make(termSet, len(counts))
	for t := range counts {
		set[t] = struct{}{}
	}
	return set
}

// analyzeText returns the terms of text with their frequencies and the number
// of words (synonym tokens not counted).
func analyzeText(an textAnalyzer, text string) (map[string]int, int) {
	counts, words := map[string]int{}, 0
	for _, t := range an.expand(an.words(text), text) {
		counts[string(t.Term)]++
		if t.Type != analysis.SynonymType {
			words++
		}
	}
	return counts, words
}

// variant is an analysed title or question.
type variant struct {
	terms termSet // words and synonym tokens
	words []variantWord
}

// variantWord is a word of a variant with the synonym tokens whose phrase
// includes it.
type variantWord struct {
	term     string
	synonyms []string
}

func analyzeVariant(an textAnalyzer, text string) variant {
	toks := an.expand(an.words(text), text)
	v := variant{terms: termSet{}}
	for _, t := range toks {
		v.terms[string(t.Term)] = struct{}{}
		if t.Type == analysis.SynonymType {
			continue
		}
		w := variantWord{term: string(t.Term)}
		for _, s := range toks {
			if s.Type == analysis.SynonymType && s.Start <= t.Start && s.End >= t.End {
				w.synonyms = append(w.synonyms, string(s.Term))
			}
		}
		v.words = append(v.words, w)
	}
	return v
}

// articleTerms are the terms of one article: of its title and each question,
// and of its body (with their frequencies).
type articleTerms struct {
	questions []variant
	body      map[string]int
	bodyLen   int // words in the body
}

// inQuestions reports whether the title or a question holds term.
func (t articleTerms) inQuestions(term string) bool {
	for _, q := range t.questions {
		if q.terms.has(term) {
			return true
		}
	}
	return false
}

func (t articleTerms) questionTerms() termSet {
	all := termSet{}
	for _, q := range t.questions {
		for term := range q.terms {
			all[term] = struct{}{}
		}
	}
	return all
}

func (t articleTerms) all() termSet {
	all := t.questionTerms()
	for term := range t.body {
		all[term] = struct{}{}
	}
	return all
}

// termStats are the terms of the articles of a locale and their document
// frequencies (in how many articles a term occurs).
type termStats struct {
	docs map[string]articleTerms
	df   map[string]int // articles with the term anywhere
	dfQ  map[string]int // articles with the term in the title or a question
	dfB  map[string]int // articles with the term in the body
	// totals for average lengths
	questions, questionWords, bodyWords int
}

func newTermStats() *termStats {
	return &termStats{docs: map[string]articleTerms{}, df: map[string]int{}, dfQ: map[string]int{}, dfB: map[string]int{}}
}

func (s *termStats) add(id string, t articleTerms) {
	s.remove(id)
	s.docs[id] = t
	s.count(t, 1)
}

func (s *termStats) remove(id string) {
	if t, ok := s.docs[id]; ok {
		s.count(t, -1)
		delete(s.docs, id)
	}
}

// count adds (sign 1) or takes away (sign -1) the article's terms and lengths.
func (s *termStats) count(t articleTerms, sign int) {
	bump(s.df, t.all(), sign)
	bump(s.dfQ, t.questionTerms(), sign)
	bump(s.dfB, setOf(t.body), sign)
	s.questions += sign * len(t.questions)
	for _, q := range t.questions {
		s.questionWords += sign * len(q.words)
	}
	s.bodyWords += sign * t.bodyLen
}

func bump(df map[string]int, terms termSet, sign int) {
	for term := range terms {
		if df[term] += sign; df[term] <= 0 {
			delete(df, term)
		}
	}
}

// avgQuestionLen and avgBodyLen are the mean lengths in words.
func (s *termStats) avgQuestionLen() float64 {
	return float64(max(s.questionWords, 1)) / float64(max(s.questions, 1))
}

func (s *termStats) avgBodyLen() float64 {
	return float64(max(s.bodyWords, 1)) / float64(max(len(s.docs), 1))
}
