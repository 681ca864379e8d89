package knowledge

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The light stemmer leaves different stems for some forms of one word
// (вакцина → вакцин, вакцинація → вакцинац; інвалідність → інвалідност,
// інвалідний → інвалідн), and residents typing on a Russian keyboard write и
// for і and drop the soft sign (пилги for пільги). A query stem therefore also
// counts as the knowledge base's terms that are the same word written so
// (fold), that it is a prefix of, or that are a prefix of it, as long as the
// shorter of the two keeps minFormRunes letters: a prefix that long is a
// root, not a syllable. Such a match is weaker evidence than the stem itself
// and weighs like a corrected typo.
const (
	minFormRunes = 5
	// maxForms is the most related terms one query word gains: a root with
	// more forms than this in the knowledge base is common enough that its
	// own stem finds it.
	maxForms = 6
)

// formFolder writes a stem the way it reads on any keyboard: и and ї as і,
// no soft sign, no apostrophe.
var formFolder = strings.NewReplacer("и", "і", "ї", "і", "ь", "", "'", "", "ʼ", "")

func fold(term string) string { return formFolder.Replace(term) }

// formVocab is the folded vocabulary of a locale, sorted for prefix lookups.
// A term with a verbal prefix is also filed under its root (зареєстр under
// реєстр, see roots), so that a word without the prefix finds it. It is
// rebuilt on the first lookup after the vocabulary changed.
type formVocab struct {
	mu    sync.Mutex
	dirty bool
	keys  []formKey
}

type formKey struct{ folded, term string }

func (v *formVocab) invalidate() {
	v.mu.Lock()
	v.dirty = true
	v.mu.Unlock()
}

// sorted returns the current vocabulary, rebuilding it from df if needed.
// Callers hold at least the index's read lock, so df does not change.
func (v *formVocab) sorted(df map[string]int) []formKey {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.dirty || v.keys == nil {
		keys := make([]formKey, 0, len(df))
		for t := range df {
			if utf8.RuneCountInString(t) >= minFormRunes {
				keys = append(keys, formKey{fold(t), t})
			}
			for _, r := range roots(t) {
				keys = append(keys, formKey{fold(r), t})
			}
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].folded != keys[j].folded {
				return keys[i].folded < keys[j].folded
			}
			return keys[i].term < keys[j].term
		})
		v.keys, v.dirty = keys, false
	}
	return v.keys
}

// relatedForms returns the knowledge base's terms, other than term itself,
// that are term written otherwise, extend it, or that it extends (see
// minFormRunes), the nearest in length first, at most maxForms.
func (li *localeIndex) relatedForms(term string) []string {
	f := fold(term)
	n := utf8.RuneCountInString(f)
	if n < minFormRunes {
		return nil
	}
	keys := li.forms.sorted(li.stats.df)
	var out []string
	add := func(t string) {
		if t != term && len(out) < maxForms*2 && !contains(out, t) {
			out = append(out, t)
		}
	}
	// shorter stems that f extends, longest first
	rs := []rune(f)
	for k := n; k >= minFormRunes; k-- {
		p := string(rs[:k])
		for i := sort.Search(len(keys), func(i int) bool { return keys[i].folded >= p }); i < len(keys) && keys[i].folded == p; i++ {
			add(keys[i].term)
		}
	}
	// longer stems that extend f
	for i := sort.Search(len(keys), func(i int) bool { return keys[i].folded > f }); i < len(keys) && strings.HasPrefix(keys[i].folded, f); i++ {
		add(keys[i].term)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return abs(utf8.RuneCountInString(out[i])-n) < abs(utf8.RuneCountInString(out[j])-n)
	})
	return out[:min(len(out), maxForms)]
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// minCompoundHead is the shortest first part of a compound word: Ukrainian
// compounds begin with a clipped word or a stem (буд-, ново-, авто-), never
// with a single letter.
const minCompoundHead = 2

// compoundParts returns the knowledge base's forms of the last part of a
// compound word (будпаспорт → паспорт, новонароджений → народження): the
// last part names what the word is about, the first narrows it. The longest
// last part that the knowledge base has in some form wins; like any form it
// keeps minFormRunes letters.
func (li *localeIndex) compoundParts(term string) []string {
	rs := []rune(term)
	for k := minCompoundHead; len(rs)-k >= minFormRunes; k++ {
		tail := string(rs[k:])
		if li.stats.df[tail] > 0 {
			return []string{tail}
		}
		if forms := li.relatedForms(tail); len(forms) > 0 {
			return forms
		}
	}
	return nil
}

// verbPrefixes are the prefixes Ukrainian (and Russian, once its letters are
// read as Ukrainian ones) puts before a verb and the nouns made from it
// (за-реєструвати, пере-оформити, від-новити), longest first.
var verbPrefixes = []string{
	"перед", "пере", "через",
	"роз", "без", "від", "під", "над", "при", "про", "пре", "об",
	"ви", "до", "за", "на", "по", "зі", "із",
	"з", "с", "о",
}

// minRootRunes is the fewest letters left of a word without its prefix for
// the rest to be taken for the root of the word: fewer make a syllable that
// many unrelated words begin with (о-плат, за-дач).
const minRootRunes = 5

// unprefixedForms returns, for a stem the knowledge base holds in no form,
// the forms of the same stem without its verbal prefix (зареєстр → реєстр,
// реєстрац): a prefix changes the aspect or the direction of an action, not
// what it is about. The longest prefix whose rest the knowledge base holds
// wins.
func (li *localeIndex) unprefixedForms(term string) []string {
	for _, p := range verbPrefixes {
		rest, ok := strings.CutPrefix(term, p)
		if !ok || utf8.RuneCountInString(rest) < minRootRunes {
			continue
		}
		forms := li.relatedForms(rest)
		if li.stats.df[rest] > 0 {
			forms = append([]string{rest}, forms...)
		}
		if len(forms) > 0 {
			return forms[:min(len(forms), maxForms)]
		}
	}
	return li.univerbatedForms(term)
}

// univerbatedForms returns, for a stem the knowledge base holds in no form
// that ends in the suffix -к of a noun made of an adjective (аварійка for
// аварійна служба, маршрутка for маршрутне таксі), the knowledge base's
// forms that extend the adjective's root (аварійк → аварійн).
func (li *localeIndex) univerbatedForms(term string) []string {
	root, ok := strings.CutSuffix(term, "к")
	if !ok || utf8.RuneCountInString(root) < minRootRunes+1 {
		return nil
	}
	var out []string
	for _, f := range li.relatedForms(root) {
		if len(f) > len(root) {
			out = append(out, f)
		}
	}
	return out
}

// roots returns term without each verbal prefix it begins with that leaves a
// root of minRootRunes letters or more.
func roots(term string) []string {
	var out []string
	for _, p := range verbPrefixes {
		if rest, ok := strings.CutPrefix(term, p); ok && utf8.RuneCountInString(rest) >= minRootRunes && !contains(out, rest) {
			out = append(out, rest)
		}
	}
	return out
}
