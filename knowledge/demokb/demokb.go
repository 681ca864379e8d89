// Package demokb embeds the demo city's knowledge base: Ukrainian articles
// (with English versions of the most asked) and the evaluation set that
// measures search quality on them. It is demo content, written for the demo
// city; a real deployment imports its own with `vikno kb import`.
package demokb

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/vikno-city/vikno/knowledge"
)

//go:embed articles
var files embed.FS

// Articles parses the embedded articles.
func Articles() ([]knowledge.Article, error) {
	sub, err := fs.Sub(files, "articles")
	if err != nil {
		return nil, fmt.Errorf("demo kb: %w", err)
	}
	return knowledge.LoadFS(sub)
}
