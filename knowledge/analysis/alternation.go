package analysis

import "strings"

// AlternateUV returns word with its first letter у written в or в written у,
// as Ukrainian alternates them before a consonant for euphony (вчитель and
// учитель, вкусив and укусив, вчора and учора); "" when the word does not
// begin so. The two forms are one word only where the language alternates
// them freely: вправа (an exercise) is not управа (a department), so callers
// take the other form only for a word the knowledge base does not hold.
func AlternateUV(word string) string {
	rs := []rune(word)
	if len(rs) < 3 || strings.ContainsRune(ukrainianVowels+"вуйь'", rs[1]) || !cyrillicWord(rs) {
		return ""
	}
	switch rs[0] {
	case 'у':
		rs[0] = 'в'
	case 'в':
		rs[0] = 'у'
	default:
		return ""
	}
	return string(rs)
}
