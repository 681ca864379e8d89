package dialog

import (
	"context"
	"strings"
)

// intent is a request to do something that a flow does, not a question for
// the knowledge base: «хочу записатися на прийом» books a visit, «скільки
// людей у черзі» shows the queue, «не світить ліхтар» reports a problem.
// The phrases live in the catalogue under the key words; a flow that is not
// registered has no intent.
type intent struct {
	words string // catalogue key of the phrases, words.<name>
	flow  string
	offer bool // offer the flow with a button instead of starting it
}

// intents in the order they are tried.
var intents = []intent{
	{words: "words.intent_queue", flow: FlowQueue},
	{words: "words.intent_book", flow: FlowBook},
	{words: "words.intent_cnap", flow: FlowCNAP},
	{words: "words.intent_mybookings", flow: FlowMyBookings},
	{words: "words.intent_myappeals", flow: FlowMyAppeals},
	{words: "words.intent_file", flow: FlowAppeal},
	{words: "words.intent_appeal", flow: FlowAppeal, offer: true},
}

// startIntent starts the flow a message asks for (the queue, booking)
// before the knowledge base is searched, and reports whether it did.
// Starting them loses nothing: «назад» and «меню» leave them.
func startIntent(ctx context.Context, c *Conv, text string) (bool, error) {
	if in, ok := intentOf(c, text, false); ok {
		return true, c.Enter(ctx, in.flow, "")
	}
	return false, nil
}

// offerIntent offers the flow of a reported problem (an appeal) when the
// knowledge base has no sure answer: an article that answers it carries its
// own button, with the problem's category chosen. It reports whether it
// offered one.
func offerIntent(c *Conv, text string) bool {
	if _, ok := intentOf(c, text, true); !ok {
		return false
	}
	c.Say(c.T("intent.appeal_offer", "hotline", c.Hotline()),
		[]Button{c.Button("faq.act_appeal", "menu:"+FlowAppeal)}, c.MenuRow())
	return true
}

// intentOf returns the first intent of the kind (offered or started) whose
// phrases text holds and whose flow is registered.
func intentOf(c *Conv, text string, offer bool) (intent, bool) {
	for _, in := range intents {
		if _, ok := c.engine.flows[in.flow]; ok && in.offer == offer && c.hasWord(strings.TrimPrefix(in.words, wordsGroup), text) {
			return in, true
		}
	}
	return intent{}, false
}
