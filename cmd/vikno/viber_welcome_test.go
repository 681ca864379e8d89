package main

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
)

// The short Viber welcome comes from the texts, in the resident's language,
// and its button says what its text tells the resident to press.
func TestViberSlowWelcomeIsInTheResidentsLanguage(t *testing.T) {
	welcome := viberSlowWelcome(dialog.DefaultCatalog())
	for _, tc := range []struct{ locale, text, button string }{
		{"uk", "Вітаємо", "▶️ Почати"},
		{"", "Вітаємо", "▶️ Почати"},
		{"en-GB", "Welcome", "▶️ Start"},
	} {
		text, button := welcome(tc.locale)
		if !strings.HasPrefix(text, tc.text) || button != tc.button || !strings.Contains(text, "«"+button+"»") {
			t.Errorf("%q: %q with %q", tc.locale, text, button)
		}
	}
}
