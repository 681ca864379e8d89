// Package knowledge holds the knowledge base: articles, their Markdown files,
// Ukrainian-aware analysis, the in-memory bleve index and search.
package knowledge

import "time"

// Locales an article can be written in.
const (
	LocaleUK = "uk"
	LocaleEN = "en"
)

// Article is one answer in the knowledge base.
type Article struct {
	ID        string   // unique, [a-z0-9-]
	Title     string   // the main question, as a resident would ask it
	Questions []string // other ways people ask
	Body      string   // Markdown subset: paragraphs, **bold**, lists, links
	Tags      []string
	Category  string
	Locale    string // LocaleUK (default) or LocaleEN
	// Action is the next step the answer offers as a button:
	// "book:<service-id>", "appeal:<category-id>", "queue", "status" or "".
	Action    string
	Published bool
	UpdatedBy string
	UpdatedAt time.Time
}
