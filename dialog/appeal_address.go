package dialog

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno/cases"
)

// An address in the message that describes the problem («на вулиці Зеленій
// 12 немає світла») is offered at the address step: one press (or «так»)
// takes it, and another address typed or a location sent replaces it.

// keyPlaceSaid is the session key of the address read from the message
// that described the problem.
const keyPlaceSaid = "addr0"

// maxHouseDigits is how many digits a house number has at most: a longer
// number is a phone or an amount.
const maxHouseDigits = 4

// addressIn returns the street and house number text names: after «на»,
// «по», «біля» or a street type (words.outage_at, words.street_types), up
// to three words of the street and a house number right after them
// («вул. Городоцька, 15а»), or a street type after the street and the
// number before or after it ("Zelena Street 12", "12 Zelena Street"), as
// the reply shows a street (outagePlace.shownStreet). ok is false when
// text names none.
func (c *Conv) addressIn(text string) (string, bool) {
	words := questionWords(text)
	for i, w := range words {
		if houseNumber(w.text) {
			if p, typ, next := c.streetAt(words[i+1:]); typ != "" && next > 0 {
				return p.shownStreet() + " " + typ + ", " + w.text, true // "12 Zelena Street"
			}
		}
		if !c.inWords("outage_at", w.key) && !c.inWords("street_types", w.key) {
			continue
		}
		rest := words[i+1:]
		p, typ, next := c.streetAt(rest)
		if len(p.street) == 0 || next >= len(rest) || !houseNumber(rest[next].text) {
			continue
		}
		if typ != "" {
			typ = " " + typ
		}
		return p.shownStreet() + typ + ", " + rest[next].text, true
	}
	return "", false
}

// streetAt reads a street at the beginning of words (streetAfter) and the
// street type written after it ("Zelena Street"), and returns the index
// of the word after them; typ is "" when no type follows or when it is
// inflected (a Ukrainian one, not abbreviated).
func (c *Conv) streetAt(words []questionWord) (p outagePlace, typ string, next int) {
	p, next = c.streetAfter(words)
	if len(p.street) > 0 && next < len(words) && c.inWords("street_types", words[next].key) {
		typ = strings.TrimRight(words[next].raw, ",;:!?")
		if r, _ := utf8.DecodeRuneInString(typ); unicode.Is(unicode.Cyrillic, r) && !strings.HasSuffix(typ, ".") {
			typ = "" // «на Зеленій вулиці 12»: the type inflected, not shown
		}
		return p, typ, next + 1
	}
	return p, "", next
}

// streetAfter reads the street words begin with, as questionPlace does
// after «на», and returns it with the index of the word after it.
func (c *Conv) streetAfter(words []questionWord) (outagePlace, int) {
	var p outagePlace
	for i, w := range words {
		if c.inWords("street_types", w.key) {
			if len(p.street) > 0 {
				return p, i
			}
			if strings.HasSuffix(w.raw, ".") {
				p.abbr = w.raw // «вул.», not inflected
			}
			continue
		}
		if placeStop(c, w) || len(p.street) > 0 && p.upper && !startsUpper(w.text) {
			return p, i
		}
		if len(p.street) == 0 {
			p.upper = startsUpper(w.text)
		}
		p.street = append(p.street, w.text)
		if w.end || len(p.street) == maxStreetWords {
			return p, i + 1
		}
	}
	return p, len(words)
}

// houseNumber reports whether s reads as a house number: digits first (at
// most maxHouseDigits), then at most a letter or a part after «/» or «-»
// («15а», «12/3», «7-Б»).
func houseNumber(s string) bool {
	digits := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if digits < 0 {
		digits = len(s)
	}
	return digits > 0 && digits <= maxHouseDigits && utf8.RuneCountInString(s[digits:]) <= 3
}

// keepPlaceSaid keeps the address text names, to offer at the address
// step.
func (f *appealFlow) keepPlaceSaid(c *Conv, text string) {
	if addr, ok := c.addressIn(text); ok {
		c.Session.Set(keyPlaceSaid, addr)
	}
}

// offerPlaceSaid asks whether the problem is at the address of the first
// message; it reports false when there is none.
func (f *appealFlow) offerPlaceSaid(c *Conv, category string) bool {
	addr := c.Session.Get(keyPlaceSaid)
	if addr == "" {
		return false
	}
	c.Ask(c.T("appeal.ask_place_said", "category", category, "address", addr), RequestLocation, c.S("appeal.btn_location"),
		[]Button{c.Button("appeal.btn_place_said", "appeal:addr")}, f.navRow(c))
	return true
}

// takePlaceSaid makes the offered address the appeal's place.
func (f *appealFlow) takePlaceSaid(c *Conv) error {
	addr := c.Session.Get(keyPlaceSaid)
	if c.Session.Step != appealPlace || addr == "" {
		return f.repeat(c)
	}
	c.Session.Set("addr", addr)
	c.Session.Set("lat", "")
	c.Session.Set("lon", "")
	return f.placeTaken(c)
}

// minStoryWords is how many words a message typed at the address step has
// at least to be a story around the address rather than an address with
// a landmark («вул. Шевченка 30, біля третього під’їзду»).
const minStoryWords = 7

// storyWithAddress takes a story typed at the address step that holds an
// address: the address read from it is the place, and the story the
// description unless one was given. It reports whether text was one.
func (f *appealFlow) storyWithAddress(c *Conv, text string) bool {
	addr, ok := c.addressIn(text)
	if !ok || len(strings.Fields(text)) < minStoryWords || utf8.RuneCountInString(text) > cases.MaxDescriptionLen {
		return false
	}
	c.Session.Set("addr", addr)
	c.Session.Set("lat", "")
	c.Session.Set("lon", "")
	if c.Session.Get("desc") == "" {
		c.Session.Set("desc", text)
		c.Session.Set("desc_first", "1")
	}
	return true
}
