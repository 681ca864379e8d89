package analysis

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugAnalyze(t *testing.T) {
	q := os.Getenv("VIKNO_ANALYZE")
	if q == "" {
		t.Skip()
	}
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(q, "|") {
		var parts []string
		for _, tok := range a.Analyze([]byte(line)) {
			s := string(tok.Term)
			if tok.Type == SynonymType {
				s = "+" + s
			}
			parts = append(parts, s)
		}
		fmt.Printf("%s → %s\n", line, strings.Join(parts, " "))
	}
}
