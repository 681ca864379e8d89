package analysis

import "testing"

func TestAlternateUVSwapsTheInitialLetterBeforeAConsonant(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"вкусив", "укусив"},
		{"укусив", "вкусив"},
		{"вчитель", "учитель"},
		{"учитель", "вчитель"},
		{"вода", ""},   // before a vowel в is part of the root
		{"уява", ""},   // likewise у
		{"увага", ""},  // у before в would give вв
		{"вулиця", ""}, // в before у
		{"мова", ""},   // begins with neither
		{"вп", ""},     // too short to say
		{"vkusyv", ""}, // not Cyrillic
	} {
		if got := AlternateUV(c.word); got != c.want {
			t.Errorf("AlternateUV(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
