package dialog

import (
	"strings"
	"unicode"
)

var (
	_ intentReader = (*appealFlow)(nil)
	_ offerReader  = (*appealFlow)(nil)
)

// appealArgAsked is the Start argument of an appeal offered for a problem
// the resident reported to the FAQ («не світить ліхтар біля будинку»): that
// message is read as at the topic step.
const appealArgAsked = "asked"

// OfferArg implements offerReader: appealArgAsked when the message the
// appeal is offered for says what the problem is.
func (f *appealFlow) OfferArg(c *Conv, text string) string {
	if c.informative(text) {
		return appealArgAsked
	}
	return ""
}

// appealArgSaid is the Start argument of an appeal opened by a request that
// also says what the problem is («хочу подати звернення, не горить ліхтар
// на Зеленій, 20»): the rest of the message is read as at the topic step.
const appealArgSaid = "said"

// IntentArg implements intentReader: appealArgSaid when the request says
// more than that the resident wants to file an appeal.
func (f *appealFlow) IntentArg(c *Conv, text string) string {
	if rest := afterFileRequest(c, text); rest != "" && c.informative(rest) {
		return appealArgSaid
	}
	return ""
}

// afterFileRequest returns what text says after the request to file an
// appeal (words.intent_file), with the punctuation that joins them taken
// off and a capital letter, or "" when nothing follows.
func afterFileRequest(c *Conv, text string) string {
	words := strings.Fields(text)
	for n := 1; n <= len(words); n++ {
		if c.hasWord("intent_file", strings.Join(words[:n], " ")) {
			rest := []rune(strings.TrimLeftFunc(strings.Join(words[n:], " "), func(r rune) bool {
				return unicode.IsPunct(r) || unicode.IsSpace(r)
			}))
			if len(rest) > 0 { // a description begins a sentence
				rest[0] = unicode.ToUpper(rest[0])
			}
			return string(rest)
		}
	}
	return ""
}
