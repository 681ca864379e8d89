// Package demokb embeds the demo city's knowledge base: Ukrainian articles
// (with English versions of the most asked) and the evaluation set that
// measures search quality on them. It is demo content, written for the demo
// city; a real deployment imports its own with `vikno kb import`.
package demokb

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/vikno-city/vikno/knowledge"
)

//go:embed articles
var files embed.FS

// Articles parses the embedded articles. Ids are unique (checked by a test).
func Articles() ([]knowledge.Article, error) {
	var names []string
	err := fs.WalkDir(files, "articles", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".md" {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("demo kb: %w", err)
	}
	sort.Strings(names)
	var out []knowledge.Article
	var errs []error
	seen := map[string]string{}
	for _, name := range names {
		data, _ := files.ReadFile(name)
		a, err := knowledge.ParseArticle(name, data)
		if err == nil && seen[a.ID] != "" {
			err = fmt.Errorf("%s: id %q is already used by %s", name, a.ID, seen[a.ID])
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		seen[a.ID] = name
		out = append(out, a)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}
