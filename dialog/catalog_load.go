package dialog

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// builtinTexts are the catalogue files compiled into the binary, one per
// locale: texts/uk.yaml and texts/en.yaml.
//
//go:embed texts/*.yaml
var builtinTexts embed.FS

// Locales are the locales the engine speaks, Ukrainian first.
var Locales = []string{UK, EN}

// PluralForms names the plural forms a catalogue file gives for each noun:
// for Ukrainian "one" (1, 21 людина), "few" (2–4 людини) and "many" (5–20
// людей, 11–14 людей); for English "one" and "other".
var PluralForms = map[string][]string{
	UK: {"one", "few", "many"},
	EN: {"one", "other"},
}

// pluralGroup is the top-level group of a catalogue file that holds plural
// nouns rather than texts: plural.people.one, plural.people.few...
const pluralGroup = "plural"

var (
	keyPart     = regexp.MustCompile(`^[a-z0-9_]+$`)
	placeholder = regexp.MustCompile(`^[a-z][a-z0-9_]*(#[a-z][a-z0-9_]*)?$`)
)

// DefaultCatalog returns the built-in texts in Ukrainian and English. It
// panics if the embedded files are broken, which the package's tests rule out.
func DefaultCatalog() *Catalog {
	c, err := LoadCatalog(nil)
	if err != nil {
		panic(err)
	}
	return c
}

// LoadCatalog returns the built-in catalogue with the texts of overrides laid
// over it. overrides (nil for none) holds uk.yaml and/or en.yaml in the format
// of the built-in files; each may give any subset of the built-in keys and
// plural nouns. It returns an error naming the file, line and key when a file
// is malformed, a text is empty, its placeholders or bold markers are broken,
// or an override names a key the built-in catalogue does not have or changes
// the placeholders of a text.
func LoadCatalog(overrides fs.FS) (*Catalog, error) {
	c := NewCatalog()
	for _, locale := range Locales {
		name := "texts/" + locale + ".yaml"
		data, err := builtinTexts.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("texts: %w", err)
		}
		f, err := parseTextFile(name, locale, data, nil)
		if err != nil {
			return nil, err
		}
		c.Add(locale, f.msgs)
		c.AddNouns(locale, f.nouns)
	}
	if overrides == nil {
		return c, nil
	}
	if err := c.override(overrides); err != nil {
		return nil, err
	}
	return c, nil
}

// override lays the files of dir over c.
func (c *Catalog) override(dir fs.FS) error {
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		locale := strings.TrimSuffix(e.Name(), ext)
		if !slices.Contains(Locales, locale) {
			return fmt.Errorf("texts: %s: unknown language (want %s)", e.Name(), strings.Join(Locales, ".yaml or ")+".yaml")
		}
		data, err := fs.ReadFile(dir, e.Name())
		if err != nil {
			return fmt.Errorf("texts: %w", err)
		}
		f, err := parseTextFile(e.Name(), locale, data, c.nouns[locale])
		if err != nil {
			return err
		}
		if err := c.checkOverride(e.Name(), locale, f); err != nil {
			return err
		}
		c.Add(locale, f.msgs)
		c.AddNouns(locale, f.nouns)
	}
	return nil
}

// checkOverride refuses keys and nouns the built-in catalogue lacks and texts
// whose placeholders differ from the built-in ones.
func (c *Catalog) checkOverride(name, locale string, f textFile) error {
	for _, key := range slices.Sorted(maps.Keys(f.msgs)) {
		builtin, ok := c.msgs[locale][key]
		if !ok {
			return f.errorf(key, "no such text in the built-in catalogue")
		}
		got, want := Placeholders(f.msgs[key]), Placeholders(builtin)
		if !slices.Equal(got, want) {
			return f.errorf(key, "placeholders %s differ from the built-in %s", braces(got), braces(want))
		}
	}
	for _, noun := range slices.Sorted(maps.Keys(f.nouns)) {
		if _, ok := c.nouns[locale][noun]; !ok {
			return f.errorf(pluralGroup+"."+noun, "no such plural noun in the built-in catalogue")
		}
	}
	return nil
}

func braces(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// Placeholders returns the sorted distinct placeholders of a template:
// "name" for {name} and "n#people" for {n#people}.
func Placeholders(tmpl string) []string {
	var out []string
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			break
		}
		out = append(out, tmpl[open+1:open+end])
		tmpl = tmpl[open+end+1:]
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// textFile is one parsed catalogue file.
type textFile struct {
	name  string
	msgs  map[string]string
	nouns map[string][]string
	lines map[string]int // key → line, for errors
}

func (f textFile) errorf(key, format string, args ...any) error {
	return fmt.Errorf("texts: %s:%d: %s: %s", f.name, f.lines[key], key, fmt.Sprintf(format, args...))
}

// parseTextFile reads a catalogue file of locale: nested groups of texts, and
// the plural group. Placeholders may use the nouns of the file itself and
// those in known (the built-in ones, for an override).
func parseTextFile(name, locale string, data []byte, known map[string][]string) (textFile, error) {
	f := textFile{name: name, msgs: map[string]string{}, nouns: map[string][]string{}, lines: map[string]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return f, fmt.Errorf("texts: %s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return f, nil // an empty file overrides nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return f, fmt.Errorf("texts: %s:%d: want groups of texts (a mapping) at the top", name, root.Line)
	}
	if err := f.walk(root, "", locale); err != nil {
		return f, err
	}
	for _, key := range slices.Sorted(maps.Keys(f.msgs)) {
		if err := checkTemplate(f.msgs[key], func(noun string) bool {
			_, ok := f.nouns[noun]
			_, builtin := known[noun]
			return ok || builtin
		}); err != nil {
			return f, f.errorf(key, "%v", err)
		}
	}
	return f, nil
}

// walk collects the texts of a group node under prefix.
func (f *textFile) walk(group *yaml.Node, prefix, locale string) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(group.Content); i += 2 {
		k, v := group.Content[i], group.Content[i+1]
		key := prefix + k.Value
		f.lines[key] = k.Line
		switch {
		case k.Kind != yaml.ScalarNode || !keyPart.MatchString(k.Value):
			return f.errorf(key, "a key is lowercase letters, digits and _")
		case seen[k.Value]:
			return f.errorf(key, "duplicate key")
		}
		seen[k.Value] = true
		if key == pluralGroup {
			if err := f.walkNouns(v, locale); err != nil {
				return err
			}
			continue
		}
		if err := f.value(key, v, locale); err != nil {
			return err
		}
	}
	return nil
}

// value takes one text or a nested group.
func (f *textFile) value(key string, v *yaml.Node, locale string) error {
	switch {
	case v.Kind == yaml.MappingNode:
		return f.walk(v, key+".", locale)
	case v.Kind != yaml.ScalarNode:
		return f.errorf(key, "want a text or a group of texts")
	case v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
		return f.errorf(key, "empty text")
	}
	f.msgs[key] = v.Value
	return nil
}

// walkNouns takes the plural group: noun → form name → word.
func (f *textFile) walkNouns(group *yaml.Node, locale string) error {
	if group.Kind != yaml.MappingNode {
		return f.errorf(pluralGroup, "want nouns with their plural forms")
	}
	forms := PluralForms[locale]
	for i := 0; i+1 < len(group.Content); i += 2 {
		k, v := group.Content[i], group.Content[i+1]
		key := pluralGroup + "." + k.Value
		f.lines[key] = k.Line
		if !keyPart.MatchString(k.Value) || f.nouns[k.Value] != nil {
			return f.errorf(key, "bad or duplicate noun")
		}
		sub := textFile{name: f.name, msgs: map[string]string{}, lines: f.lines}
		if v.Kind != yaml.MappingNode {
			return f.errorf(key, "want the forms %s", strings.Join(forms, ", "))
		}
		if err := sub.walk(v, key+".", locale); err != nil {
			return err
		}
		words := make([]string, len(forms))
		for j, form := range forms {
			w, ok := sub.msgs[key+"."+form]
			if !ok {
				return f.errorf(key, "missing the form %q (want %s)", form, strings.Join(forms, ", "))
			}
			words[j] = w
		}
		if len(sub.msgs) != len(forms) {
			return f.errorf(key, "unknown plural form (want only %s)", strings.Join(forms, ", "))
		}
		f.nouns[k.Value] = words
	}
	return nil
}

// errTemplate describes a broken template.
var errTemplate = errors.New("bad template")

// checkTemplate checks that bold markers pair up and that every placeholder
// is {name} or {name#noun} with a known noun.
func checkTemplate(tmpl string, isNoun func(string) bool) error {
	if strings.Count(tmpl, "*")%2 != 0 {
		return fmt.Errorf("%w: an odd number of * (bold markers come in pairs)", errTemplate)
	}
	rest := tmpl
	for {
		open, closing := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case open < 0 && closing < 0:
			return nil
		case open < 0 || (closing >= 0 && closing < open):
			return fmt.Errorf("%w: } without {", errTemplate)
		case closing < 0:
			return fmt.Errorf("%w: { without }", errTemplate)
		}
		name := rest[open+1 : closing]
		if !placeholder.MatchString(name) {
			return fmt.Errorf("%w: placeholder {%s}: want {name} or {name#noun}", errTemplate, name)
		}
		if _, noun, ok := strings.Cut(name, "#"); ok && !isNoun(noun) {
			return fmt.Errorf("%w: placeholder {%s}: no plural noun %q", errTemplate, name, noun)
		}
		rest = rest[closing+1:]
	}
}
