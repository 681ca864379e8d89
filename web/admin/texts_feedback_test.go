package admin

import (
	"regexp"
	"testing"
)

var textKeyRe = regexp.MustCompile(`\{\{(?:t|trf|plural) \S+ "([a-z_]+)"`)

// TestFeedbackTextsExistInBothLanguages: every key the feedback pages use
// has a Ukrainian and an English text.
func TestFeedbackTextsExistInBothLanguages(t *testing.T) {
	found := 0
	for _, name := range []string{"feedback_list.html", "feedback_rating.html", "layout.html", "home.html"} {
		b, err := templateFS.ReadFile("templates/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range textKeyRe.FindAllStringSubmatch(string(b), -1) {
			found++
			for _, l := range []string{"uk", "en"} {
				if _, ok := texts[l][m[1]]; !ok {
					t.Errorf("%s uses %q, which has no %s text", name, m[1], l)
				}
			}
		}
	}
	if found < 30 {
		t.Fatalf("found %d text keys in the templates; the pattern misses them", found)
	}
	for key := range feedbackTexts["uk"] {
		if _, ok := feedbackTexts["en"][key]; !ok {
			t.Errorf("%q has no English text", key)
		}
	}
}

func TestPluralsAgreeWithTheCount(t *testing.T) {
	for n, want := range map[int]string{1: "1 оцінка", 3: "3 оцінки", 5: "5 оцінок", 11: "11 оцінок", 21: "21 оцінка", 24: "24 оцінки"} {
		if got := plural("uk", "fb_ratings_n", n); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
	if got := plural("en", "fb_ratings_n", 1); got != "1 rating" {
		t.Errorf("English plural(1) = %q", got)
	}
}
