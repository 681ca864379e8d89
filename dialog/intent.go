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

// intents in the order they are tried: the queue and booking are asked for
// in words of their own, a problem report in the words of many problems.
var intents = []intent{
	{words: "words.intent_queue", flow: FlowQueue},
	{words: "words.intent_book", flow: FlowBook},
	{words: "words.intent_appeal", flow: FlowAppeal, offer: true},
}

// routeIntent starts (or offers) the flow a message asks for before the
// knowledge base is searched. It reports whether the message was an intent.
// Starting the queue or booking loses nothing: «назад» and «меню» leave them,
// and a problem is only offered, as the message may also be a question.
func routeIntent(ctx context.Context, c *Conv, text string) (bool, error) {
	for _, in := range intents {
		if _, ok := c.engine.flows[in.flow]; !ok || !c.hasWord(strings.TrimPrefix(in.words, wordsGroup), text) {
			continue
		}
		if in.offer {
			c.Say(c.T("intent.appeal_offer", "hotline", c.Hotline()),
				[]Button{c.Button("faq.act_appeal", "menu:"+FlowAppeal)}, c.MenuRow())
			return true, nil
		}
		return true, c.Enter(ctx, in.flow, "")
	}
	return false, nil
}
