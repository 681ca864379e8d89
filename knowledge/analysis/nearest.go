package analysis

import (
	"sort"
	"unicode/utf8"
)

// NearestInDictionary returns the stem of a dictionary phrase within edits
// edits of stem that stem can be a misspelling of (TypoLike), with the same
// first letter: the nearest, then the first in order; "" if there is none. With insertOnly only a stem that is stem with one letter more is
// taken. A misspelt word the dictionary knows (спарвка for справка) is read
// as the dictionary word, which the dictionary then maps as usual.
func (a *Analyzer) NearestInDictionary(stem string, edits int, insertOnly bool) string {
	if a.dict.m == nil || edits <= 0 || stem == "" {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(stem)
	rs := []rune(stem)
	best, bestDist := "", edits+1
	for _, k := range a.dict.m.byFirst[first] {
		kr := []rune(k)
		if k == stem || abs(len(kr)-len(rs)) > edits || insertOnly && len(kr) != len(rs)+1 {
			continue
		}
		if d := editDistance(rs, kr, bestDist); d < bestDist && TypoLike(stem, k, edits) {
			best, bestDist = k, d
		}
	}
	return best
}

// sortedKnown groups the known stems by first letter, each group in order.
func sortedKnown(known map[string]bool) map[rune][]string {
	out := map[rune][]string{}
	for k := range known {
		r, _ := utf8.DecodeRuneInString(k)
		out[r] = append(out[r], k)
	}
	for _, ks := range out {
		sort.Strings(ks)
	}
	return out
}

// editDistance is the optimal-string-alignment distance of a and b, or limit
// if it is limit or more.
func editDistance(a, b []rune, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
