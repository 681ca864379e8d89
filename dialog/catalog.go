package dialog

import (
	"fmt"
	"strconv"
	"strings"
)

// Locales the engine speaks. Ukrainian is the default.
const (
	UK = "uk"
	EN = "en"
)

// Catalog holds message templates per locale. A template marks bold runs with
// asterisks ("Ваш номер: *{number}*") and placeholders with braces. A
// placeholder "{n#people}" prints the number n followed by the plural form of
// the noun "people" that fits it ("5 людей", "21 людина"). Values substituted
// into a template are plain text: they never turn into markup.
type Catalog struct {
	msgs  map[string]map[string]string
	nouns map[string]map[string][]string
}

// NewCatalog returns an empty catalogue.
func NewCatalog() *Catalog {
	return &Catalog{msgs: map[string]map[string]string{}, nouns: map[string]map[string][]string{}}
}

// Add adds templates for a locale, replacing existing keys.
func (c *Catalog) Add(locale string, msgs map[string]string) {
	if c.msgs[locale] == nil {
		c.msgs[locale] = map[string]string{}
	}
	for k, v := range msgs {
		c.msgs[locale][k] = v
	}
}

// AddNouns adds plural forms for a locale: for uk three forms (one, few,
// many: "людина", "людини", "людей"); for en two (one, other).
func (c *Catalog) AddNouns(locale string, nouns map[string][]string) {
	if c.nouns[locale] == nil {
		c.nouns[locale] = map[string][]string{}
	}
	for k, v := range nouns {
		c.nouns[locale][k] = v
	}
}

// Has reports whether key has a template in locale or in Ukrainian.
func (c *Catalog) Has(locale, key string) bool {
	_, ok := c.lookup(locale, key)
	return ok
}

func (c *Catalog) lookup(locale, key string) (string, bool) {
	if s, ok := c.msgs[locale][key]; ok {
		return s, true
	}
	s, ok := c.msgs[UK][key]
	return s, ok
}

// Text renders key in locale with args given as name, value pairs. A missing
// key renders as the key itself so that a gap is visible in tests.
func (c *Catalog) Text(locale, key string, args ...any) Text {
	tmpl, ok := c.lookup(locale, key)
	if !ok {
		return Plain(key)
	}
	vals := argMap(args)
	out := make(Text, 0, strings.Count(tmpl, "*")+1)
	for i := 0; ; i++ {
		seg, rest, more := strings.Cut(tmpl, "*")
		if s := c.fill(locale, seg, vals); s != "" {
			out = append(out, Span{Text: s, Bold: i%2 == 1})
		}
		if !more {
			if len(out) == 0 {
				return nil // as before: an empty template is no text
			}
			return out
		}
		tmpl = rest
	}
}

// String renders key as plain text (button labels, short words).
func (c *Catalog) String(locale, key string, args ...any) string {
	return c.Text(locale, key, args...).String()
}

func argMap(args []any) map[string]string {
	if len(args) < 2 {
		return nil
	}
	m := make(map[string]string, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		m[argString(args[i])] = argString(args[i+1])
	}
	return m
}

// argString is fmt.Sprint(v), without fmt for the common kinds.
func argString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(v)
}

func (c *Catalog) fill(locale, seg string, vals map[string]string) string {
	if strings.IndexByte(seg, '{') < 0 {
		return seg // most segments hold no placeholder
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(seg, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(seg[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(seg[:open])
		b.WriteString(c.placeholder(locale, seg[open+1:open+end], vals))
		seg = seg[open+end+1:]
	}
	b.WriteString(seg)
	return b.String()
}

func (c *Catalog) placeholder(locale, name string, vals map[string]string) string {
	arg, noun, plural := strings.Cut(name, "#")
	v := vals[arg]
	if !plural {
		return v
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return v
	}
	return v + " " + c.Noun(locale, noun, n)
}

// Noun returns the form of noun that agrees with n in locale.
func (c *Catalog) Noun(locale, noun string, n int) string {
	forms, ok := c.nouns[locale][noun]
	if !ok {
		forms, locale = c.nouns[UK][noun], UK
	}
	if len(forms) == 0 {
		return noun
	}
	i := PluralIndex(locale, n)
	if i >= len(forms) {
		i = len(forms) - 1
	}
	return forms[i]
}

// PluralIndex returns which plural form n takes: for Ukrainian 0 (1, 21, 31…),
// 1 (2–4, 22–24…) or 2 (0, 5–20, 25–30…, and 11–14); for English 0 for one
// and 1 otherwise.
func PluralIndex(locale string, n int) int {
	if n < 0 {
		n = -n
	}
	if locale != UK {
		if n == 1 {
			return 0
		}
		return 1
	}
	mod10, mod100 := n%10, n%100
	switch {
	case mod10 == 1 && mod100 != 11:
		return 0
	case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
		return 1
	default:
		return 2
	}
}

// wordsGroup is the catalogue group of words the engine recognises in input
// ("меню", "скасувати", "завтра"): each text lists them separated by "|".
const wordsGroup = "words."

// wordSets returns, for every key of the words group, the words of all
// locales together, lowercased: a resident may type "cancel" in a Ukrainian
// conversation and "скасувати" in an English one.
func (c *Catalog) wordSets() map[string]map[string]bool {
	sets := map[string]map[string]bool{}
	for _, msgs := range c.msgs {
		for key, list := range msgs {
			name, ok := strings.CutPrefix(key, wordsGroup)
			if !ok {
				continue
			}
			if sets[name] == nil {
				sets[name] = map[string]bool{}
			}
			for _, w := range strings.Split(list, "|") {
				if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
					sets[name][w] = true
				}
			}
		}
	}
	return sets
}
