package knowledge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// UnansweredStore lets editors work through the unanswered questions.
type UnansweredStore interface {
	// ListUnanswered returns the most asked unanswered questions first.
	ListUnanswered(ctx context.Context, limit int) ([]UnansweredQuery, error)
	// DismissUnanswered removes the questions (by Query and Locale) that
	// nobody asked after seen, and returns how many it removed: a question
	// asked again while an editor was looking at the list stays.
	DismissUnanswered(ctx context.Context, qs []UnansweredQuery, seen time.Time) (int, error)
	// RecordUnhelpful counts the question as unanswered because the
	// resident marked the article's answer to it 👎.
	RecordUnhelpful(ctx context.Context, query, locale, articleID string) error
}

// UnansweredGroup is unanswered questions that say the same thing: the same
// set of content stems (question words and stop words aside) in one locale.
type UnansweredGroup struct {
	// ID names the group in forms (a hash: it shows nothing of the text).
	ID      string
	Locale  string
	Stems   string // the shared content stems, space-separated
	Queries []UnansweredQuery
	Count   int // times asked, over every query
	LastAt  time.Time
	// Unhelpful counts the asks answered with an article marked 👎;
	// ArticleID is that article (of the most asked such query).
	Unhelpful int
	ArticleID string
}

// Top returns the group's most asked question.
func (g UnansweredGroup) Top() UnansweredQuery { return g.Queries[0] }

var wordsOnly = sync.OnceValue(func() *analysis.Analyzer {
	a, err := analysis.New(nil)
	if err != nil {
		panic("knowledge: default analyzer: " + err.Error())
	}
	return a
})

// QuestionStems returns the content stems of q, sorted and unique: what is
// left of it after the analyzer's normalisation, stop words and stemming,
// without question words («як», «де», «коли»).
func QuestionStems(q string) []string {
	var out []string
	for _, tok := range wordsOnly().Words(q) {
		s := string(tok.Term)
		if tok.Type == analysis.EnglishStopType || analysis.IsQuestionWord(s) || isDigits(s) {
			continue
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// GroupUnanswered groups questions by locale and content stems, most asked
// group first (then the most recent). A question with no content stems is
// a group of its own.
func GroupUnanswered(qs []UnansweredQuery) []UnansweredGroup {
	byKey := map[string]*UnansweredGroup{}
	var order []string
	for _, q := range qs {
		stems := strings.Join(QuestionStems(q.Query), " ")
		key := q.Locale + "\x00" + stems
		if stems == "" {
			key = q.Locale + "\x00\x00" + q.Query
		}
		g, ok := byKey[key]
		if !ok {
			sum := sha256.Sum256([]byte(key))
			g = &UnansweredGroup{ID: hex.EncodeToString(sum[:10]), Locale: q.Locale, Stems: stems}
			byKey[key] = g
			order = append(order, key)
		}
		g.Queries = append(g.Queries, q)
		g.Count += q.Count
		g.Unhelpful += q.Unhelpful
		if q.LastAt.After(g.LastAt) {
			g.LastAt = q.LastAt
		}
	}
	out := make([]UnansweredGroup, 0, len(order))
	for _, k := range order {
		g := byKey[k]
		slices.SortStableFunc(g.Queries, func(a, b UnansweredQuery) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return b.LastAt.Compare(a.LastAt)
		})
		for _, q := range g.Queries {
			if q.ArticleID != "" {
				g.ArticleID = q.ArticleID
				break
			}
		}
		out = append(out, *g)
	}
	slices.SortStableFunc(out, func(a, b UnansweredGroup) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return b.LastAt.Compare(a.LastAt)
	})
	return out
}

// phoneLike is a run of at least seven digits, maybe with a leading + and
// spaces, dashes, dots or brackets between them: a phone number or another
// personal number (a tax number, a card).
var phoneLike = regexp.MustCompile(`\+?\d(?:[\s\-.()]*\d){6,}`)

// MaskDigits hides phone-number-like digit runs in a resident's text: each
// digit of such a run becomes •.
func MaskDigits(s string) string {
	return phoneLike.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '•'
			}
			return r
		}, m)
	})
}

// CleanQuestion is a resident's question fit to become an article's
// alternative question: phone-number-like runs removed, spaces single.
func CleanQuestion(s string) string {
	return strings.Join(strings.Fields(phoneLike.ReplaceAllString(s, " ")), " ")
}
