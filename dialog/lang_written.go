package dialog

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno/internal/translit"
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
	// and words of what residents ask a CNAP about, which no Ukrainian
	// word spells alike
	"book": true, "booking": true, "appointment": true, "passport": true, "queue": true, "report": true,
	"problem": true, "help": true, "visit": true, "certificate": true, "tomorrow": true, "today": true,
	"hello": true, "thanks": true, "thank": true, "water": true, "street": true, "building": true,
}

// writtenInEnglish reports whether text is a whole English sentence: no
// Cyrillic letter, at least three words, and at least two of them common
// English words (englishMarkers). A single Latin word («booking») or
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

// writtenInUkrainian reports whether text is a Ukrainian (or Russian,
// surzhyk) sentence: at least two words in Cyrillic letters. A single word
// («Запис») or a name in Latin letters is not.
func writtenInUkrainian(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
			n++
		}
	}
	return n >= 2
}

// languageWritten returns the language a message asks the chat to go on in
// once it starts something: EN for a whole English sentence in a Ukrainian
// chat, UK for a Ukrainian sentence in an English one (a phone set to
// English), "" otherwise.
func languageWritten(c *Conv, text string) string {
	switch {
	case c.Locale != EN && writtenInEnglish(text):
		return EN
	case c.Locale == EN && writtenInUkrainian(text):
		return UK
	}
	return ""
}

// inLanguage runs start, which may start a flow, in lang when lang is set
// (languageWritten): once it starts something, the chat goes on in that
// language and the resident is told so first, with how to switch back. It
// reports what start reports.
func inLanguage(ctx context.Context, c *Conv, lang string, start func() (bool, error)) (bool, error) {
	if lang == "" {
		return start()
	}
	locale, n := c.Locale, len(c.replies)
	c.Locale = lang
	started, err := start()
	if err != nil || !started {
		c.Locale = locale
		return started, err
	}
	return true, switchedLanguage(ctx, c, n)
}

// switchedLanguage keeps c.Locale as the resident's language and puts the
// note that says so before the replies from the n-th on.
func switchedLanguage(ctx context.Context, c *Conv, n int) error {
	if err := c.engine.cfg.Residents.SetResidentLocale(ctx, c.Resident.ID, c.Locale); err != nil {
		return err
	}
	c.Resident.Locale = c.Locale
	c.Session.Set(keyLangOffered, "1")
	key := "settings.switched_uk"
	if c.Locale == EN {
		key = "settings.switched_en"
	}
	c.Say(c.T(key))
	note := c.replies[len(c.replies)-1]
	copy(c.replies[n+1:], c.replies[n:len(c.replies)-1])
	c.replies[n] = note
	return nil
}

// fromLatin returns Ukrainian written in Latin letters («nemaie vody na
// Sykhovi») in Cyrillic («немає води на Сихові»), word by word, keeping a
// capital first letter; an English sentence (writtenInEnglish) and text
// without Latin letters are returned as they are.
func fromLatin(text string) string {
	if !strings.ContainsFunc(text, isLatinLetter) || writtenInEnglish(text) {
		return text
	}
	words := strings.Fields(text)
	for i, w := range words {
		if !strings.ContainsFunc(w, isLatinLetter) {
			continue // «Сихові» stays as written
		}
		cyr := translit.Word(strings.ToLower(w))
		if first, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(first) {
			r, n := utf8.DecodeRuneInString(cyr)
			cyr = string(unicode.ToUpper(r)) + cyr[n:]
		}
		words[i] = cyr
	}
	return strings.Join(words, " ")
}

func isLatinLetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }
