package analysis

import "testing"

func TestTypoLikeTellsMistypedWordsFromOtherWords(t *testing.T) {
	for _, c := range []struct {
		typed, near string
		edits       int
		want        bool
	}{
		{"паспотр", "паспорт", 1, true},       // two letters swapped
		{"пасспорт", "паспорт", 1, true},      // a letter doubled
		{"дорз", "дороз", 1, true},            // a letter left out
		{"проект", "проєкт", 1, true},         // е for є sounds alike
		{"вибор", "вибір", 1, true},           // о for і
		{"прийд", "прийт", 1, true},           // д for т: voiced for voiceless
		{"ркмонт", "ремонт", 1, true},         // к next to е on the keyboard
		{"садочек", "садочк", 1, true},        // a vowel too many
		{"батьківськ", "банківськ", 2, false}, // т for н: keys rows apart
		{"заміж", "замін", 1, false},          // ж for н
		{"звест", "зверт", 1, false},          // с for р
		{"зверхн", "зверн", 1, false},         // х too many, next to no key around it
		{"прийд", "прийм", 1, false},          // д for м
		{"passport", "pasport", 1, true},      // Latin words are not judged
		{"заміна", "замін", 1, true},          // a vowel too many
	} {
		if got := TypoLike(c.typed, c.near, c.edits); got != c.want {
			t.Errorf("TypoLike(%q, %q, %d) = %v, want %v", c.typed, c.near, c.edits, got, c.want)
		}
	}
}
