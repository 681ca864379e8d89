package admin

import "strings"

// diffLine is one line of a line diff: Op is ' ' (kept), '-' or '+'.
type diffLine struct {
	Op   string
	Text string
}

// maxDiffCells bounds the LCS table; longer texts are shown as replaced.
const maxDiffCells = 1 << 20

// diffLines returns the line diff from a to b by longest common
// subsequence.
func diffLines(a, b string) []diffLine {
	x, y := splitLines(a), splitLines(b)
	if len(x)*len(y) > maxDiffCells {
		return replaced(x, y)
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffLine
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			out = append(out, diffLine{" ", x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, diffLine{"-", x[i]})
			i++
		default:
			out = append(out, diffLine{"+", y[j]})
			j++
		}
	}
	return append(out, replaced(x[i:], y[j:])...)
}

// replaced shows every line of x removed and every line of y added.
func replaced(x, y []string) []diffLine {
	var out []diffLine
	for _, l := range x {
		out = append(out, diffLine{"-", l})
	}
	for _, l := range y {
		out = append(out, diffLine{"+", l})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}
