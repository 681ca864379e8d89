package analysis

import "strings"

// TypoLike reports whether word (as typed, stemmed) can be a misspelling of
// near within edits edits of the kinds people make when they type Ukrainian:
//
//   - a letter left out (any letter);
//   - two neighbouring letters swapped;
//   - a letter replaced by a key next to it on the Ukrainian keyboard, or by
//     a letter that sounds alike: any vowel for another (unstressed е/и, і/и
//     of a Russian keyboard, о/і of вибір/вибори), a voiced consonant for its
//     voiceless pair (б/п, д/т, з/с, ж/ш, г/х, ґ/к), г/ґ, ш/щ; or a
//     consonant for one it alternates with in the forms of a word (к/ч/ц,
//     г/ж/з, х/ш/с);
//   - a letter too many that repeats or neighbours on the keyboard a letter
//     next to it, a vowel, a soft sign or an apostrophe.
//
// A near word that differs otherwise (батьківськ and банківськ: т for н, keys
// three rows apart; заміж and замін) is another real word, not the word
// mistyped, and must not replace it. Words that are not all Cyrillic are not
// judged: TypoLike returns true for them.
func TypoLike(word, near string, edits int) bool {
	a, b := []rune(word), []rune(near)
	if !cyrillicWord(a) || !cyrillicWord(b) {
		return true
	}
	return typoDistance(a, b, edits+1) <= edits
}

// typoDistance is the optimal-string-alignment distance from a (typed) to b
// (meant) in which only the edits of TypoLike count one; any other costs
// limit, as does a distance of limit or more.
func typoDistance(a, b []rune, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, limit) // letters of b left out of a
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = min(prev[0]+extraCost(a, i-1), limit)
		for j := 1; j <= len(b); j++ {
			d := prev[j] + extraCost(a, i-1) // a[i-1] typed too many
			d = min(d, cur[j-1]+1)           // b[j-1] left out
			d = min(d, prev[j-1]+substCost(a[i-1], b[j-1]))
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = min(d, limit)
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

const typoNever = 1 << 20

// extraCost is the cost of a[i] being a letter typed too many.
func extraCost(a []rune, i int) int {
	r := a[i]
	if strings.ContainsRune(ukrainianVowels+"ь'", r) {
		return 1
	}
	for _, k := range []int{i - 1, i + 1} {
		if k >= 0 && k < len(a) && (a[k] == r || keysAdjacent(a[k], r)) {
			return 1
		}
	}
	return typoNever
}

// substCost is the cost of typing r for want.
func substCost(r, want rune) int {
	switch {
	case r == want:
		return 0
	case soundAlike(r, want), keysAdjacent(r, want):
		return 1
	}
	return typoNever
}

// consonantPairs are consonants written for one another because they sound
// alike (voiced and voiceless pairs, г and ґ, ш and щ), or that alternate in
// the forms of one word (the palatalisations: рука, ручка, руці; місяць,
// щомісячний; друг, дружба, друзі; вухо, вушко, вусі).
var consonantPairs = map[rune]string{
	'б': "п", 'п': "б", 'д': "т", 'т': "д", 'з': "сжг", 'с': "зшх", 'ж': "шзг",
	'ш': "жщсх", 'щ': "ш", 'г': "хґжз", 'х': "гшс", 'ґ': "кг", 'к': "ґчц",
	'ч': "кц", 'ц': "чк",
}

func soundAlike(a, b rune) bool {
	if strings.ContainsRune(ukrainianVowels, a) && strings.ContainsRune(ukrainianVowels, b) {
		return true
	}
	return strings.ContainsRune(consonantPairs[a], b)
}

// keyboardRows is the Ukrainian keyboard (ЙЦУКЕН), each row shifted right of
// the one above, so that key i of a row touches keys i and i+1 of the row
// above it.
var keyboardRows = [3][]rune{
	[]rune("йцукенгшщзхї"),
	[]rune("фівапролджє"),
	[]rune("ячсмитьбю"),
}

type keyPos struct{ row, col int }

var keyPositions = func() map[rune]keyPos {
	m := map[rune]keyPos{}
	for r, row := range keyboardRows {
		for c, k := range row {
			m[k] = keyPos{r, c}
		}
	}
	m['ґ'] = m['г']
	return m
}()

// keysAdjacent reports whether two letters are on keys that touch.
func keysAdjacent(a, b rune) bool {
	pa, okA := keyPositions[a]
	pb, okB := keyPositions[b]
	if !okA || !okB || a == b {
		return false
	}
	if pa.row > pb.row {
		pa, pb = pb, pa
	}
	switch pb.row - pa.row {
	case 0:
		return pa.col-pb.col == 1 || pb.col-pa.col == 1
	case 1:
		return pa.col == pb.col || pa.col == pb.col+1
	}
	return false
}
