package analysis

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

// The default dictionary: Ukrainian synonyms and abbreviations, the Russian
// and surzhyk words residents use for Ukrainian ones, residents' everyday
// words read as the official terms of city services, and the English words
// and phrases residents use for the Ukrainian ones of official articles.
var (
	//go:embed data/synonyms.txt
	defaultSynonyms []byte
	//go:embed data/russian.txt
	defaultRussian []byte
	//go:embed data/everyday.txt
	defaultEveryday []byte
	//go:embed data/english_uk.txt
	defaultEnglishUk []byte
	//go:embed data/english.txt
	englishSynonyms []byte
)

// EnglishSynonyms returns a new Dictionary holding the embedded English
// synonym groups (single words: lift, elevator), for the English analyzer.
func EnglishSynonyms() *Dictionary {
	d := &Dictionary{}
	if err := d.Parse(bytes.NewReader(englishSynonyms)); err != nil {
		panic(fmt.Sprintf("analysis: embedded English dictionary: %v", err)) // a build error, caught by tests
	}
	return d
}

// Rule is one line of a dictionary.
//
// A group ("гвп, гаряча вода, гаряче водопостачання") makes its phrases
// equivalent: wherever one of them occurs, the analyzer also emits the
// group's token, so a query with any phrase finds text with any other. A
// mapping ("справка, справку => довідка") reads the phrases on the left as the
// phrase on the right, one way; it is meant for Russian and surzhyk words.
type Rule struct {
	Line    int      // line number in the source it came from, 1-based
	Phrases []string // the group, or the left side of a mapping
	To      string   // the right side of a mapping; "" for a group
}

// Dictionary is an editable list of synonym groups and one-way mappings.
//
// The text format has one rule a line; '#' starts a comment:
//
//	# abbreviations
//	гвп, гаряча вода, гаряче водопостачання
//	справка, справку => довідка
//
// Phrases are matched after normalisation and stemming, so one form of a word
// stands for all of its forms. A Dictionary is not safe for concurrent Parse;
// build it first, then hand it to New.
type Dictionary struct {
	rules []Rule
}

// DefaultDictionary returns a new Dictionary holding the embedded default
// rules. Editors' additions are parsed into it on top.
func DefaultDictionary() *Dictionary {
	d := &Dictionary{}
	for _, src := range [][]byte{defaultSynonyms, defaultRussian, defaultEveryday} {
		if err := d.Parse(bytes.NewReader(src)); err != nil {
			panic(fmt.Sprintf("analysis: embedded dictionary: %v", err)) // a build error, caught by tests
		}
	}
	en := &Dictionary{}
	if err := en.Parse(bytes.NewReader(defaultEnglishUk)); err != nil {
		panic(fmt.Sprintf("analysis: embedded dictionary: %v", err)) // a build error, caught by tests
	}
	d.rules = append(d.rules, withEnglishNumber(en.rules, d.rules)...)
	return d
}

// Rules returns the rules in the order they were added.
func (d *Dictionary) Rules() []Rule { return append([]Rule(nil), d.rules...) }

// Add appends rules that were built by hand.
func (d *Dictionary) Add(rules ...Rule) { d.rules = append(d.rules, rules...) }

// Parse reads rules in the text format and appends them to d. On an error
// nothing is appended; the error is a *ParseError naming the line.
func (d *Dictionary) Parse(r io.Reader) error {
	var rules []Rule
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		rule, ok, err := parseRule(sc.Text())
		if err != nil {
			return &ParseError{Line: line, Err: err}
		}
		if ok {
			rule.Line = line
			rules = append(rules, rule)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("analysis: read dictionary: %w", err)
	}
	d.rules = append(d.rules, rules...)
	return nil
}

// String returns the rules in the text format; Parse reads it back.
func (d *Dictionary) String() string {
	var b strings.Builder
	for _, r := range d.rules {
		b.WriteString(strings.Join(r.Phrases, ", "))
		if r.To != "" {
			b.WriteString(" => " + r.To)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ParseError is a dictionary line that could not be read.
type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("analysis: dictionary line %d: %v", e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// parseRule reads one line; ok is false for a blank or comment line.
func parseRule(line string) (Rule, bool, error) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return Rule{}, false, nil
	}
	left, right, mapping := strings.Cut(line, "=>")
	if mapping && strings.Contains(right, "=>") {
		return Rule{}, false, fmt.Errorf("more than one =>")
	}
	phrases, err := splitPhrases(left)
	if err != nil {
		return Rule{}, false, err
	}
	if !mapping {
		if len(phrases) < 2 {
			return Rule{}, false, fmt.Errorf("a group needs at least two phrases separated by commas")
		}
		return Rule{Phrases: phrases}, true, nil
	}
	to := strings.TrimSpace(right)
	if !hasWord(to) {
		return Rule{}, false, fmt.Errorf("nothing after =>")
	}
	return Rule{Phrases: phrases, To: to}, true, nil
}

func splitPhrases(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if !hasWord(p) {
			return nil, fmt.Errorf("empty phrase in %q", strings.TrimSpace(s))
		}
		out = append(out, p)
	}
	return out, nil
}

// hasWord reports whether s holds at least one word for the tokenizer.
func hasWord(s string) bool {
	return len(Tokenizer{}.Tokenize([]byte(Normalize(s)))) > 0
}
