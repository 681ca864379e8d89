package knowledge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// searchOutput is the JSON form of a search for `vikno kb search --json`.
type searchOutput struct {
	Query string `json:"query"`
	Result
}

// WriteSearch prints the result of a search for `vikno kb search`: with
// asJSON one JSON object (the query and the Result), otherwise one line per
// hit "rank. score id title", best first, and a last line with the verdict.
func WriteSearch(w io.Writer, query string, res Result, asJSON bool) error {
	if asJSON {
		if res.Hits == nil {
			res.Hits = []Hit{}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(searchOutput{Query: query, Result: res}); err != nil {
			return fmt.Errorf("knowledge: write search: %w", err)
		}
		return nil
	}
	bw := bufio.NewWriter(w)
	for i, h := range res.Hits {
		fmt.Fprintf(bw, "%d. %.4f  %s  %s\n", i+1, h.Score, h.ID, h.Title)
	}
	fmt.Fprintf(bw, "verdict=%s confidence=%.3f coverage=%.3f locale=%s\n", res.Verdict, res.Confidence, res.Coverage, res.Locale)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("knowledge: write search: %w", err)
	}
	return nil
}
