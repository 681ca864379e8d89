package analysis

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Lexicon is a dictionary of Ukrainian that knows which dictionary words
// (lemmas) a word form is a form of: the optional real morphology read from
// Hunspell's uk_UA dictionary (internal/hunspell). It must be safe for
// concurrent use.
type Lexicon interface {
	// Stems returns the dictionary words that a lower-case word is a form
	// of; nil when it is no word of the dictionary.
	Stems(word string) []string
}

// LemmaPrefix begins the lemma keys that an analyzer with a lexicon emits
// (see WithLexicon). The tokenizer never emits it, so a lemma key is never
// taken for a word: typo correction and the related forms of a word, which
// look terms up by their first letters, never meet one.
const LemmaPrefix = "="

// WithLexicon returns a copy of a that also reads word forms with lex: after
// the dictionary step, each word that lex knows as a form of one dictionary
// word (or of several that stem alike) is followed by that word's lemma key,
// LemmaPrefix and the dictionary word's stem, as a token of SynonymType
// spanning the word. Forms the light stemmer keeps apart (шкіл and школа,
// осіб and особа, черзі and черга) share the key, at index and at query time
// alike; a search can weigh a match by the key alone less than a match of
// the word. A word with readings of different stems (маю: мати, маяти; іду:
// іда, іти) gets none. A nil lex leaves the analysis as it is without one.
func (a *Analyzer) WithLexicon(lex Lexicon) *Analyzer {
	c := *a
	c.lex = lex
	return &c
}

// Lemmas adds to ts, the output of Expand, the lemma keys of its words (see
// WithLexicon); text is the text given to Words. Without a lexicon it
// returns ts as it is.
func (a *Analyzer) Lemmas(ts analysis.TokenStream, text string) analysis.TokenStream {
	if a.lex == nil {
		return ts
	}
	return a.addLemmas(ts, Normalize(text))
}

// addLemmas inserts after each word of ts its lemma key. normalized is the
// text the token offsets refer to.
func (a *Analyzer) addLemmas(ts analysis.TokenStream, normalized string) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, 2*len(ts))
	for _, t := range ts {
		out = append(out, t)
		if key := a.lemmaKey(t, normalized); key != "" {
			out = append(out, &analysis.Token{Term: []byte(LemmaPrefix + key), Start: t.Start, End: t.End, Position: t.Position, Type: SynonymType})
		}
	}
	return out
}

// lemmaKey returns the stem of the dictionary word of a word token, "" when
// there is none or more than one. Numbers, synonym tokens, words that a
// mapping replaced or a typo correction changed (their term is not the stem
// of the word as written), and weak and question words get none.
func (a *Analyzer) lemmaKey(t *analysis.Token, normalized string) string {
	if t.Type == analysis.Numeric || t.Type == SynonymType || t.Start < 0 || t.End > len(normalized) || t.Start >= t.End {
		return ""
	}
	word, term := normalized[t.Start:t.End], string(t.Term)
	if Stem(tokenWord(word)) != term || IsWeak(term) || IsQuestionWord(term) {
		return ""
	}
	key := ""
	for _, lemma := range a.lex.Stems(word) {
		k := Stem(tokenWord(lemma))
		if key != "" && k != key {
			return "" // two readings: the word is ambiguous
		}
		key = k
	}
	return key
}

// tokenWord is a word as the tokenizer emits it: without apostrophes.
func tokenWord(word string) string { return strings.ReplaceAll(word, string(Apostrophe), "") }
