package dialog

import (
	"context"
	"strings"
	"unicode"
)

// englishMarkers are frequent English function words that transliterated
// Ukrainian or Russian does not use as words of its own: «a», «i», «do»,
// «no», «to», «my», «on» are left out (they are Ukrainian or Russian words
// written in Latin letters too: «a de tse», «do tsnapu», «my khochemo»).
var englishMarkers = map[string]bool{
	"the": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"how": true, "what": true, "where": true, "when": true, "which": true, "who": true, "why": true,
	"can": true, "could": true, "would": true, "should": true, "will": true, "does": true, "did": true,
	"have": true, "has": true, "need": true, "want": true, "like": true, "there": true, "this": true,
	"that": true, "it": true, "its": true, "an": true, "and": true, "or": true, "of": true, "for": true,
	"in": true, "at": true, "with": true, "from": true, "about": true, "me": true, "you": true,
	"your": true, "our": true, "we": true, "i'm": true, "i’m": true, "i'd": true, "i’d": true,
	"please": true, "not": true, "many": true, "much": true, "get": true,
}

// writtenInEnglish reports whether text is a whole English sentence: no
// Cyrillic letter, at least three words, and at least two of them common
// English function words. A single Latin word («booking») or
// transliterated Ukrainian («nemaie vody») is not.
func writtenInEnglish(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
	markers := 0
	for _, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
			return false
		}
		if englishMarkers[w] {
			markers++
		}
	}
	return len(words) >= 3 && markers >= 2
}

// inEnglish runs start, which may start a flow, in English when english is
// set (a resident of a Ukrainian chat wrote a whole English sentence): once
// it starts something, the chat goes on in English and the resident is told
// so first, with how to switch back. It reports what start reports.
func inEnglish(ctx context.Context, c *Conv, english bool, start func() (bool, error)) (bool, error) {
	if !english {
		return start()
	}
	locale, n := c.Locale, len(c.replies)
	c.Locale = EN
	started, err := start()
	if err != nil || !started {
		c.Locale = locale
		return started, err
	}
	return true, switchedToEnglish(ctx, c, n)
}

// switchedToEnglish keeps English as the resident's language and puts the
// note that says so before the replies from the n-th on.
func switchedToEnglish(ctx context.Context, c *Conv, n int) error {
	if err := c.engine.cfg.Residents.SetResidentLocale(ctx, c.Resident.ID, EN); err != nil {
		return err
	}
	c.Resident.Locale = EN
	c.Session.Set("en_offered", "1")
	c.Say(c.T("settings.switched_en"))
	note := c.replies[len(c.replies)-1]
	copy(c.replies[n+1:], c.replies[n:len(c.replies)-1])
	c.replies[n] = note
	return nil
}
