package analysis

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// SynonymType marks a token the dictionary added for a synonym group. Such a
// token spans the phrase it stands for (Start to End) and shares the position
// of the phrase's first word.
const SynonymType = analysis.Shingle

// matcher is a compiled Dictionary working on stems.
type matcher struct {
	mappings map[string][]oneWay      // by first stem, longest first
	groups   map[string][]groupPhrase // by first stem
	known    map[string]bool          // every stem of every phrase
	byFirst  map[rune][]string        // the known stems by first letter, in order
}

type oneWay struct{ from, to []string }

type groupPhrase struct {
	stems []string
	token string // the group's token
}

// compile turns rules into a matcher, stemming phrases with words.
func compile(rules []Rule, words func(string) []string) (*matcher, error) {
	m := &matcher{mappings: map[string][]oneWay{}, groups: map[string][]groupPhrase{}, known: map[string]bool{}}
	for _, r := range rules {
		if r.To != "" {
			if err := m.addMapping(r, words); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range rules {
		if r.To == "" {
			if err := m.addGroup(r, words); err != nil {
				return nil, err
			}
		}
	}
	m.byFirst = sortedKnown(m.known)
	return m, nil
}

func (m *matcher) addMapping(r Rule, words func(string) []string) error {
	to := words(r.To)
	if len(to) == 0 {
		return fmt.Errorf("analysis: dictionary line %d: no words in %q", r.Line, r.To)
	}
	for _, p := range r.Phrases {
		from := words(p)
		if len(from) == 0 {
			return fmt.Errorf("analysis: dictionary line %d: no words in %q", r.Line, p)
		}
		if collapses(p, from) {
			continue
		}
		m.remember(from)
		m.mappings[from[0]] = insertLongest(m.mappings[from[0]], oneWay{from: from, to: to})
	}
	return nil
}

func insertLongest(list []oneWay, mp oneWay) []oneWay {
	for _, old := range list {
		if equalStems(old.from, mp.from) {
			return list // the first rule for a phrase wins
		}
	}
	i := 0
	for i < len(list) && len(list[i].from) >= len(mp.from) {
		i++
	}
	return append(list[:i], append([]oneWay{mp}, list[i:]...)...)
}

func (m *matcher) addGroup(r Rule, words func(string) []string) error {
	var token string
	for i, p := range r.Phrases {
		stems := m.mapStems(words(p))
		if len(stems) == 0 {
			return fmt.Errorf("analysis: dictionary line %d: no words in %q", r.Line, p)
		}
		if i == 0 {
			token = strings.Join(stems, "_")
		}
		if collapses(p, stems) {
			continue
		}
		m.addPhrase(groupPhrase{stems: stems, token: token})
	}
	return nil
}

// collapses reports whether a phrase of several words is left with a single
// stem once its stop words are dropped («за скільки» → скільки). Such a
// phrase would make that one word, in any sentence, mean the whole group (every
// «скільки» a «строк», mixing prices and terms), so it is left out of the
// dictionary; the group keeps its other phrases.
func collapses(phrase string, stems []string) bool {
	return len(stems) == 1 && len(Tokenizer{}.Tokenize([]byte(Normalize(phrase)))) > 1
}

func (m *matcher) remember(stems []string) {
	for _, s := range stems {
		m.known[s] = true
	}
}

func (m *matcher) addPhrase(p groupPhrase) {
	m.remember(p.stems)
	for _, old := range m.groups[p.stems[0]] {
		if old.token == p.token && equalStems(old.stems, p.stems) {
			return
		}
	}
	m.groups[p.stems[0]] = append(m.groups[p.stems[0]], p)
}

// mapStems applies the one-way mappings to a phrase of a group, so that a group
// written with a mapped word still matches.
func (m *matcher) mapStems(stems []string) []string {
	toks := make(analysis.TokenStream, len(stems))
	for i, s := range stems {
		toks[i] = &analysis.Token{Term: []byte(s)}
	}
	toks = m.applyMappings(toks)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

// applyMappings replaces every mapped phrase, longest first, left to right.
func (m *matcher) applyMappings(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	for i := 0; i < len(in); {
		mp, ok := m.mappingAt(in, i)
		if !ok {
			out = append(out, in[i])
			i++
			continue
		}
		last := in[i+len(mp.from)-1]
		for _, t := range mp.to {
			out = append(out, &analysis.Token{Term: []byte(t), Start: in[i].Start, End: last.End, Type: analysis.AlphaNumeric})
		}
		i += len(mp.from)
	}
	return out
}

func (m *matcher) mappingAt(in analysis.TokenStream, i int) (oneWay, bool) {
	if in[i].Type == analysis.Numeric {
		return oneWay{}, false
	}
	for _, mp := range m.mappings[string(in[i].Term)] {
		if matchesAt(in, i, mp.from) {
			return mp, true
		}
	}
	return oneWay{}, false
}

// addGroupTokens emits, after the first word of every phrase of a group, the
// group's token.
func (m *matcher) addGroupTokens(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	for i, tok := range in {
		out = append(out, tok)
		if tok.Type == analysis.Numeric {
			continue
		}
		added := map[string]bool{}
		for _, p := range m.groups[string(tok.Term)] {
			if added[p.token] || !matchesAt(in, i, p.stems) || (len(p.stems) == 1 && p.token == p.stems[0]) {
				continue
			}
			added[p.token] = true
			last := in[i+len(p.stems)-1]
			out = append(out, &analysis.Token{Term: []byte(p.token), Start: tok.Start, End: last.End, Type: SynonymType})
		}
	}
	return out
}

func matchesAt(in analysis.TokenStream, i int, stems []string) bool {
	if i+len(stems) > len(in) {
		return false
	}
	for j, s := range stems {
		if string(in[i+j].Term) != s {
			return false
		}
	}
	return true
}

func equalStems(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// DictionaryFilter is the bleve token filter that applies a compiled
// Dictionary to stemmed tokens: mappings first, then synonym groups.
type DictionaryFilter struct{ m *matcher }

// Filter implements analysis.TokenFilter.
func (f DictionaryFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	if f.m == nil {
		return input
	}
	return renumber(f.m.addGroupTokens(f.m.applyMappings(input)))
}

// renumber gives words consecutive positions; a synonym token takes the
// position of the word it follows.
func renumber(ts analysis.TokenStream) analysis.TokenStream {
	pos := 0
	for _, t := range ts {
		if t.Type != SynonymType || pos == 0 {
			pos++
		}
		t.Position = pos
	}
	return ts
}
