package knowledge

import (
	"strings"
	"unicode/utf8"

	blevea "github.com/blevesearch/bleve/v2/analysis"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// unit is one content word of a query with the terms that count as it: its
// stem, a typo correction, the tokens of synonym groups it is part of.
type unit struct {
	term  string // the stem (or its correction)
	alts  []alt
	start int // byte span of the word in the normalised query
	end   int
	// context marks a word of a sentence that does not ask (see
	// focusOnQuestion): evidence for an article that holds it, none against
	// one that does not.
	context bool
	// mapped marks a word a one-way mapping replaced (see mappedAway): it
	// ranks articles but is no evidence.
	mapped bool
}

// alt is a term that counts as a unit, with the boost of a match in bleve and
// the credit it earns towards coverage.
type alt struct {
	term   string
	weight float64
	credit float64
}

// queryUnits analyses a query into units: words, typos corrected against the
// locale's vocabulary, synonyms attached to the words they stand for.
func (li *localeIndex) queryUnits(q string, t tuning) ([]unit, error) {
	words := li.an.words(q)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	fixed, err := li.correct(words, li.an.normalize(q))
	if err != nil {
		return nil, err
	}
	expanded := li.an.expand(words, q)
	units := buildUnits(expanded, fixed, t)
	for i := range units {
		li.addForms(&units[i], t)
	}
	units = withoutOthersWords(units)
	return append(units, li.mappedAway(words, expanded, units, t)...), nil
}

// addForms adds to a content unit whose word the knowledge base does not
// hold the knowledge base's other forms of that word (see relatedForms),
// weighted like a corrected typo. A word the knowledge base holds keeps its
// other forms apart, as they may be other words (реєстрація, реєстр;
// маршрут, маршрутка), except the one stem a letter shorter: the light
// stemmer leaves a letter of the suffix on one verb of an aspect pair
// (повідомляти → повідомл, повідомити → повідом). Such a form adds where
// the word is found but never makes it weigh more than the word itself. The
// English stemmer conflates its forms already.
func (li *localeIndex) addForms(u *unit, t tuning) {
	if !li.isContent(*u) {
		return
	}
	held := li.stats.df[u.term] > 0 || len(u.alts) > 1 && li.unitWeight(*u) > 0
	if held && li.locale != LocaleUK {
		return
	}
	w, c := t.formWeight*u.alts[0].weight, t.formWeight*u.alts[0].credit
	own, n := li.unitWeight(*u), utf8.RuneCountInString(fold(u.term))
	forms := li.relatedForms(u.term)
	if !held && len(forms) == 0 && li.locale == LocaleUK {
		forms = li.unprefixedForms(u.term)
	}
	if !held && len(forms) == 0 {
		li.addCompoundParts(u, c)
		return
	}
	for _, f := range forms {
		if held && utf8.RuneCountInString(fold(f)) != n-1 || hasAlt(u.alts, f) {
			continue
		}
		fc := c
		if held {
			fc = min(c, own/idfOf(len(li.stats.docs), li.stats.df[f]))
		}
		u.alts = append(u.alts, alt{f, w, fc})
	}
}

// addCompoundParts adds to a unit whose word the knowledge base holds in no
// form the last part of the word as a compound (see compoundParts), with the
// credit c of a form and no weight in ranking: the part says what the word
// is about, so the word is not unknown and an article holding the part
// agrees with it, but a part is too loose to rank articles by (новонароджена
// дитина is about several articles on birth, not the one that says
// народження most), so the other words of the query rank them.
func (li *localeIndex) addCompoundParts(u *unit, c float64) {
	for _, f := range li.compoundParts(u.term) {
		if !hasAlt(u.alts, f) {
			u.alts = append(u.alts, alt{f, 0, c})
		}
	}
}

// buildUnits groups tokens into units; fixed marks typo-corrected tokens.
func buildUnits(toks blevea.TokenStream, fixed map[*blevea.Token]bool, t tuning) []unit {
	var units []unit
	seen := map[string]bool{}
	for _, tok := range toks {
		term := string(tok.Term)
		if tok.Type == analysis.SynonymType || seen[term] {
			continue
		}
		seen[term] = true
		w := 1.0
		if fixed[tok] {
			w = t.typoWeight
		}
		units = append(units, unit{term: term, alts: []alt{{term, w, w}}, start: tok.Start, end: tok.End})
	}
	for _, tok := range toks {
		if tok.Type == analysis.SynonymType {
			units = attachSynonym(units, string(tok.Term), tok.Start, tok.End, t)
		}
	}
	return units
}

// withoutOthersWords drops from each unit the related forms that are
// another unit's own word: in «водій не зупинився на зупинці» the verb's form
// зупинк is the next word itself, which counts once, as that word.
func withoutOthersWords(units []unit) []unit {
	for i := range units {
		alts := units[i].alts[:1]
		for _, a := range units[i].alts[1:] {
			if a.weight >= units[i].alts[0].weight || !hasUnit(units, a.term) {
				alts = append(alts, a)
			}
		}
		units[i].alts = alts
	}
	return units
}

// mappedAway returns, as context units (evidence for an article that holds
// them, none against one that does not), the query's words that a one-way
// mapping of the dictionary replaced: the mapping reads the resident's
// phrase as the official term (адміністратор додому → виїзне
// обслуговування), yet an article may say it in the resident's words or
// half of them (виїзний адміністратор), and a word the message holds is not
// lost to the search. They weigh like another form of a word.
func (li *localeIndex) mappedAway(words, expanded blevea.TokenStream, units []unit, t tuning) []unit {
	var out []unit
	for _, w := range words {
		term := string(w.Term)
		if li.stats.df[term] == 0 || hasUnit(units, term) || hasUnit(out, term) || !replaced(w, expanded) {
			continue
		}
		out = append(out, unit{term: term, alts: []alt{{term, t.formWeight, t.formWeight}}, start: w.Start, end: w.End, context: true, mapped: true})
	}
	return out
}

// replaced reports whether a mapping replaced w: a token of another term
// that is no synonym token spans it.
func replaced(w *blevea.Token, expanded blevea.TokenStream) bool {
	for _, e := range expanded {
		if e.Type != analysis.SynonymType && e.Start <= w.Start && e.End >= w.End && string(e.Term) != string(w.Term) {
			return true
		}
	}
	return false
}

func hasUnit(units []unit, term string) bool {
	for _, u := range units {
		if u.term == term {
			return true
		}
	}
	return false
}

// attachSynonym adds a synonym token to the units of the words it spans. A
// lemma key (analysis.LemmaPrefix) weighs like another form of the word
// (formWeight): it says that the word and a word of an article are forms of
// one dictionary word, which is less than being the same word.
func attachSynonym(units []unit, term string, start, end int, t tuning) []unit {
	for i := range units {
		u := &units[i]
		if u.start < start || u.end > end || hasAlt(u.alts, term) {
			continue
		}
		w, c := t.synonymWeight, 1.0
		if strings.HasPrefix(term, analysis.LemmaPrefix) {
			w, c = t.formWeight, t.formWeight
		}
		u.alts = append(u.alts, alt{term, w * u.alts[0].weight, c * u.alts[0].credit})
	}
	return units
}

func hasAlt(alts []alt, term string) bool {
	for _, a := range alts {
		if a.term == term {
			return true
		}
	}
	return false
}

// maxCorrections is the most words of one message looked up as typos. Each
// lookup walks the vocabulary with a Levenshtein automaton; a message with
// more unknown words than this is mostly a story around its question, whose
// words no article holds whether spelt right or wrong.
const maxCorrections = 4

// minDictionaryTypo is the shortest stem corrected to a dictionary word that
// no article holds. The dictionary holds many short forms of the words of two
// languages, and a stem shorter than this one edit from one of them is more
// often another word (скаж, скарж; восен, воєн) than a misspelling of it.
const minDictionaryTypo = 6

// fuzziness is the number of edits allowed in a word of n letters (runes, not
// bytes: a Cyrillic letter is two bytes in UTF-8).
func fuzziness(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// correct replaces each word the locale has never seen (and the dictionary
// does not know, and that is not one of the closed classes of weak and
// question words: зараз is a real word, not a typo of зарах) with the
// closest term of the vocabulary, and returns the tokens it changed. The
// edits allowed depend on the shorter of the word as typed (in text, which
// the token offsets refer to) and its stem: the stem is what is compared, and
// one letter changed or added in a stem of four (візк → вік, стін → стан,
// дід → дія) makes another word far more often than it mends a typo, so such
// a stem is only given back a letter it lacks (дорз → дороз). A word whose stem
// ends in a consonant of the second palatalisation (see velar) is first
// read as its stem with the velar, which is morphology, not a typo. A word
// near no term of the vocabulary may be a misspelt word of the dictionary
// (спарвка for справка, which the dictionary reads as довідка): a stem of
// minDictionaryTypo letters or more is corrected to the nearest dictionary
// stem it can be a misspelling of (analysis.TypoLike).
func (li *localeIndex) correct(words blevea.TokenStream, text string) (map[*blevea.Token]bool, error) {
	fixed := map[*blevea.Token]bool{}
	var r *vocabReader
	defer func() { r.close() }()
	lookups := 0
	for _, tok := range words {
		if tok.Type == analysis.EnglishStopType {
			continue // dropped by expand
		}
		term := string(tok.Term)
		if li.stats.df[term] == 0 && li.locale == LocaleUK {
			if v := li.spelledOtherwise(term, surface(tok, text)); v != "" {
				tok.Term = []byte(v)
				continue
			}
		}
		n := surfaceLen(tok, text)
		edits, insertOnly := fuzziness(min(n, utf8.RuneCount(tok.Term))), false
		if edits == 0 && fuzziness(n) > 0 {
			edits, insertOnly = 1, true
		}
		if tok.Type == blevea.Numeric || edits == 0 || li.stats.df[term] > 0 || li.an.known(term) || !li.an.topical(term) ||
			len(li.relatedForms(term)) > 0 || li.an.inflected(surface(tok, text)) {
			continue
		}
		if lookups++; lookups > maxCorrections {
			break
		}
		if r == nil {
			var err error
			if r, err = li.openVocab(); err != nil {
				return nil, err
			}
		}
		best, err := r.closest(term, edits, n, insertOnly, li.stats.df)
		if err != nil {
			return nil, err
		}
		if best == "" && !insertOnly && utf8.RuneCountInString(term) >= minDictionaryTypo {
			best = li.an.nearestKnown(term, edits, insertOnly)
		}
		if best != "" {
			tok.Term = []byte(best)
			fixed[tok] = true
		}
	}
	return fixed, nil
}

// spelledOtherwise returns, for a stem the knowledge base does not hold, the
// same word spelt by another rule of Ukrainian that the knowledge base holds:
// the velar before -і (see velar), or the other initial у/в (see
// analysis.AlternateUV), held as such or in related forms (see relatedForms)
// when the stem has none of its own; "" if there is none.
func (li *localeIndex) spelledOtherwise(stem, word string) string {
	if v := velar(stem, word); v != "" && li.stats.df[v] > 0 {
		return v
	}
	v := analysis.AlternateUV(stem)
	switch {
	case v == "":
		return ""
	case li.stats.df[v] > 0:
		return v
	case len(li.relatedForms(v)) > 0 && len(li.relatedForms(stem)) == 0:
		return v
	}
	return ""
}

// palatalised maps the consonants that г, к and х become before the ending
// -і of the dative and locative (the second palatalisation: дорога → дорозі,
// черга → черзі, поїздка → поїздці, пільга → пільзі, муха → мусі) back to
// them.
var palatalised = map[rune]rune{'з': 'г', 'ц': 'к', 'с': 'х'}

// velar returns the stem with its last consonant back to the velar when the
// word as typed is the stem plus -і and the stem ends in a palatalised
// consonant; "" otherwise. The caller takes it only when the knowledge base
// holds that stem and not the word's own (вулиці keeps вулиц).
func velar(stem, word string) string {
	rs := []rune(stem)
	if len(rs) < 3 || word != stem+"і" {
		return ""
	}
	v, ok := palatalised[rs[len(rs)-1]]
	if !ok {
		return ""
	}
	rs[len(rs)-1] = v
	return string(rs)
}

// surface is the word a token was made from, in lower case.
func surface(tok *blevea.Token, text string) string {
	if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
		return string(tok.Term)
	}
	return strings.ToLower(text[tok.Start:tok.End])
}

// surfaceLen is the length in runes of the word a token was made from.
func surfaceLen(tok *blevea.Token, text string) int {
	if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
		return utf8.RuneCount(tok.Term)
	}
	return utf8.RuneCountInString(text[tok.Start:tok.End])
}
