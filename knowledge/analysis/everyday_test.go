package analysis

import (
	"bytes"
	"strings"
	"testing"
)

// everydayParts parses the embedded files: the base dictionary (synonyms and
// Russian words) and everyday.txt on its own.
func everydayParts(t *testing.T) (base, everyday *Dictionary) {
	t.Helper()
	base, everyday = &Dictionary{}, &Dictionary{}
	for _, src := range [][]byte{defaultSynonyms, defaultRussian} {
		if err := base.Parse(bytes.NewReader(src)); err != nil {
			t.Fatal(err)
		}
	}
	if err := everyday.Parse(bytes.NewReader(defaultEveryday)); err != nil {
		t.Fatal(err)
	}
	return base, everyday
}

func mustNew(t *testing.T, d *Dictionary) *Analyzer {
	t.Helper()
	a, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEverydayPhrasesAreNewToTheDictionary(t *testing.T) {
	base, everyday := everydayParts(t)
	plain := mustNew(t, &Dictionary{})
	key := func(p string) string { return strings.Join(plain.stems(p), " ") }
	taken := map[string]int{}
	for _, r := range base.Rules() {
		for _, p := range r.Phrases {
			taken[key(p)] = r.Line
		}
	}
	seen := map[string]int{}
	for _, r := range everyday.Rules() {
		for i, p := range r.Phrases {
			if r.To == "" && i == 0 {
				continue // a group starts with the official term, which other lines may share
			}
			k := key(p)
			if line, ok := taken[k]; ok {
				t.Errorf("everyday.txt line %d: %q is already a phrase of synonyms.txt or russian.txt (line %d)", r.Line, p, line)
			}
			if line, ok := seen[k]; ok && line != r.Line {
				t.Errorf("everyday.txt line %d: %q is already on line %d", r.Line, p, line)
			}
			seen[k] = r.Line
			if collapses(p, plain.stems(p)) {
				t.Errorf("everyday.txt line %d: %q keeps one word after stop words and is ignored", r.Line, p)
			}
		}
	}
}

// An official term on the right of a mapping must reach the index unchanged,
// or a question mapped to it would miss the articles that use it.
func TestEverydayLeavesOfficialTermsAndOtherPhrasesAlone(t *testing.T) {
	base, everyday := everydayParts(t)
	withBase, withAll := mustNew(t, base), mustNew(t, DefaultDictionary())
	mapped := func(a *Analyzer, p string) string { return strings.Join(a.dict.m.mapStems(a.stems(p)), " ") }
	for _, r := range append(base.Rules(), everyday.Rules()...) {
		if r.To == "" {
			continue
		}
		before, after := mapped(withBase, r.To), mapped(withAll, r.To)
		if after != strings.Join(withAll.stems(r.To), " ") && before == strings.Join(withBase.stems(r.To), " ") {
			t.Errorf("line %d: the target %q is rewritten to %q by everyday.txt", r.Line, r.To, after)
		}
	}
	for _, r := range base.Rules() {
		for _, p := range r.Phrases {
			if before, after := mapped(withBase, p), mapped(withAll, p); r.To == "" && before != after {
				t.Errorf("line %d: the group phrase %q reads %q with everyday.txt, %q without", r.Line, p, after, before)
			}
		}
	}
}

// A mapping replaces its words in articles too. Its left side therefore holds
// only words the rest of the dictionary does not know: a phrase with a word
// that synonyms.txt groups or russian.txt produces («не працює ліфт»: «не
// працює», «ліфт») would take that word away from the articles, and a
// question reaching it through another rule («лифт не работает») would no
// longer find them. Such phrases go into a group headed by the official term.
func TestEverydayMappingsTakeNoWordTheDictionaryKnows(t *testing.T) {
	base, everyday := everydayParts(t)
	plain := mustNew(t, &Dictionary{})
	known := map[string]bool{}
	for _, r := range base.Rules() {
		if r.To != "" {
			known[strings.Join(plain.stems(r.To), " ")] = true
			continue
		}
		for _, p := range r.Phrases {
			known[strings.Join(plain.stems(p), " ")] = true
		}
	}
	for _, r := range everyday.Rules() {
		if r.To == "" {
			continue
		}
		for _, p := range r.Phrases {
			st := plain.stems(p)
			for i := range st {
				for j := i + 1; j <= len(st); j++ {
					if w := strings.Join(st[i:j], " "); known[w] {
						t.Errorf("everyday.txt line %d: %q maps %q, which the dictionary already knows", r.Line, p, w)
					}
				}
			}
		}
	}
}

func TestEverydayWordsReachOfficialTerms(t *testing.T) {
	a := mustNew(t, nil)
	tests := []struct{ resident, official string }{
		{"памперси для дорослих безкоштовно", "технічні засоби реабілітації"},
		{"як прописати дитину", "реєстрація місця проживання дитини"},
		{"виплата на дитину", "допомога на дітей"},
		{"витяг з реєстру нерухомості", "витяг з державного реєстру речових прав на нерухоме майно"},
		{"лежачий поліцейський біля школи", "влаштування штучної нерівності"},
		{"сусід захопив землю", "самовільне зайняття земельної ділянки"},
		{"записати дитину в садок", "зарахування до закладу дошкільної освіти"},
	}
	for _, tt := range tests {
		got := map[string]bool{}
		for _, tok := range a.Analyze([]byte(tt.resident)) {
			got[string(tok.Term)] = true
		}
		shared, group := 0, false
		for _, tok := range a.Analyze([]byte(tt.official)) {
			if got[string(tok.Term)] {
				shared++
				group = group || tok.Type == SynonymType
			}
		}
		if shared < 2 && !group {
			t.Errorf("%q shares %d terms with %q: %s | %s", tt.resident, shared, tt.official, terms(t, a, tt.resident), terms(t, a, tt.official))
		}
	}
}

// A word with other everyday senses keeps them: a stroller is not a
// wheelchair, a speed bump is not a bedridden patient.
func TestEverydayKeepsOtherSensesApart(t *testing.T) {
	a := mustNew(t, nil)
	tests := []struct{ text, notWant string }{
		{"дитячий візок у тролейбусі", "реабілітац"},
		{"лежачий поліцейський", "догляд"},
		{"сліпа зона будинку", "зор"},
		{"зупинковий павільйон", "споруд"},
	}
	for _, tt := range tests {
		if got := terms(t, a, tt.text); strings.Contains(got, tt.notWant) {
			t.Errorf("%q reads %q, want nothing with %q", tt.text, got, tt.notWant)
		}
	}
}
