package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vikno-city/vikno"
)

// maxLoadErrors is how many file errors LoadDir reports at most.
const maxLoadErrors = 20

// LoadDir reads every *.md file under dir, sub-folders included (folders
// whose name starts with "." are skipped), in lexical order. It returns either
// all articles or none: on any error it returns nil and every problem found
// (up to 20), each naming its file and line, joined with errors.Join. Two files
// with the same id are an error that names both.
func LoadDir(dir string) ([]Article, error) {
	return LoadDirChecked(dir, nil)
}

// LoadFS is LoadDir for a file system (the embedded demo knowledge base);
// file names in errors are paths within fsys.
func LoadFS(fsys fs.FS) ([]Article, error) {
	return LoadFSChecked(fsys, nil)
}

// Check is a rule every article of an import must pass besides the file
// format's (CityCheck: the city's): it returns the front matter key the
// article breaks it on ("body" for the body) and what is wrong, or "" and
// nil.
type Check func(Article) (key string, problem error)

// CityCheck is the Check of CityFault for city, with its English message.
func CityCheck(city vikno.City) Check {
	return func(a Article) (string, error) {
		if f := CityFault(a, city); f != nil {
			return f.Key, f
		}
		return "", nil
	}
}

// SkipUnchanged is check for an import into a store that holds stored: an
// article the store already holds as it is (SameContent) passes, as the
// import leaves it alone. An import refuses what it would change, not an
// article that a later rule or a change of the city made invalid (its
// next edit in the editor is refused until it is fixed).
func SkipUnchanged(check Check, stored []Article) Check {
	byID := make(map[string]Article, len(stored))
	for _, a := range stored {
		byID[a.ID] = a
	}
	return func(a Article) (string, error) {
		if old, ok := byID[a.ID]; ok && SameContent(old, a) {
			return "", nil
		}
		return check(a)
	}
}

// LoadDirChecked is LoadDir that also applies check (nil: none) to every
// article it reads; what it finds is an error like the others, naming the
// file and the line of the key, and nothing is returned.
func LoadDirChecked(dir string, check Check) ([]Article, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("knowledge: read %s: %w", dir, err)
	}
	return LoadFSChecked(os.DirFS(dir), check)
}

// LoadFSChecked is LoadDirChecked for a file system.
func LoadFSChecked(fsys fs.FS, check Check) ([]Article, error) {
	names, err := articleFiles(fsys)
	if err != nil {
		return nil, err
	}
	var (
		articles []Article
		errs     []error
		seen     = map[string]string{} // id → file
	)
	for _, name := range names {
		a, err := loadFile(fsys, name, check)
		if err == nil {
			if first, dup := seen[a.ID]; dup {
				err = fileError(name, 2, "id %q is already used by %s", a.ID, first)
			}
		}
		if err != nil {
			if errs = append(errs, err); len(errs) == maxLoadErrors {
				break
			}
			continue
		}
		seen[a.ID] = name
		articles = append(articles, a)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return articles, nil
}

// articleFiles lists the *.md files of fsys in lexical order, skipping
// folders whose name starts with ".".
func articleFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(p), ".md") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("knowledge: read articles: %w", err)
	}
	return names, nil
}

func loadFile(fsys fs.FS, name string, check Check) (Article, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Article{}, fmt.Errorf("knowledge: %w", err)
	}
	a, at, err := parseArticle(name, data)
	if err != nil || check == nil {
		return a, err
	}
	if key, problem := check(a); problem != nil {
		return Article{}, fileError(name, max(at[key], 1), "%s", problem)
	}
	return a, nil
}

// WriteDir writes each article to dir/<id>.md in the format ParseArticle
// reads, creating dir if needed. It checks all articles first (valid ids and
// titles, no duplicates) and writes nothing if one is invalid.
func WriteDir(dir string, articles []Article) error {
	seen := map[string]bool{}
	for _, a := range articles {
		if err := checkArticle(a.ID+".md", 1, &a); err != nil {
			return err
		}
		if seen[a.ID] {
			return vikno.Errorf(vikno.EINVALID, "id %q given twice", a.ID)
		}
		seen[a.ID] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}
	for _, a := range articles {
		data, err := FormatArticle(a)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, a.ID+".md"), data, 0o644); err != nil {
			return fmt.Errorf("knowledge: %w", err)
		}
	}
	return nil
}

// FormatArticle returns the file text of an article: front matter (keys in
// the documented order, empty optional keys left out, published only when
// false) and the body.
func FormatArticle(a Article) ([]byte, error) {
	if a.Locale == "" {
		a.Locale = LocaleUK
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	addScalar(m, "id", a.ID)
	addScalar(m, "title", a.Title)
	addList(m, "questions", a.Questions, 0)
	addList(m, "tags", a.Tags, yaml.FlowStyle)
	addScalar(m, "category", a.Category)
	addScalar(m, "locale", a.Locale)
	addScalar(m, "action", a.Action)
	if !a.Published {
		m.Content = append(m.Content, strNode("published"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"})
	}
	var b strings.Builder
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("knowledge: format %s: %w", a.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("knowledge: format %s: %w", a.ID, err)
	}
	b.WriteString("---\n")
	if body := strings.TrimSpace(a.Body); body != "" {
		b.WriteString(body + "\n")
	}
	return []byte(b.String()), nil
}

func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func addScalar(m *yaml.Node, key, value string) {
	if value != "" {
		m.Content = append(m.Content, strNode(key), strNode(value))
	}
}

func addList(m *yaml.Node, key string, items []string, style yaml.Style) {
	if len(items) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: style}
	for _, it := range items {
		seq.Content = append(seq.Content, strNode(it))
	}
	m.Content = append(m.Content, strNode(key), seq)
}
