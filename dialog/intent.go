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
	// late offers only where no article is near (no choices either): a
	// question about how to book a child into school has articles to offer.
	late bool
	// unless is the catalogue key of words that make the message something
	// else: a question about booking («як записатися?»), or a change to a
	// booking held («скасувати запис»).
	unless string
	// with is the catalogue key of words the message must hold too: the
	// words of a request may stand apart («чи є зараз черга», «скока щас
	// народу в черзі»).
	with string
	// named starts the flow only when the request names what the flow
	// would ask (a visit's service, CNAP, day or time: visitNamer).
	named bool
	// text is the catalogue key of an offer's text when it is not the
	// flow's usual offer (offers).
	text string
}

// intents in the order they are tried.
var intents = []intent{
	{words: "words.intent_queue", flow: FlowQueue, unless: "words.intent_queue_not"},
	{words: "words.intent_queue_noun", with: "words.intent_queue_how", flow: FlowQueue, unless: "words.intent_queue_not"},
	{words: "words.intent_queue_crowd", with: "words.intent_queue_how", flow: FlowQueue, unless: "words.intent_queue_not", named: true},
	{words: "words.intent_book", flow: FlowBook, unless: "words.intent_book_howto"},
	{words: "words.intent_cnap", flow: FlowCNAP},
	{words: "words.intent_mybookings", flow: FlowMyBookings},
	{words: "words.cancel_booking", with: "words.booking_noun", flow: FlowMyBookings, unless: "words.intent_cancel_question"},
	{words: "words.intent_myappeals", flow: FlowMyAppeals},
	{words: "words.intent_track_ready", with: "words.intent_track_docs", flow: FlowTrack, unless: "words.intent_track_not"},
	{words: "words.intent_book_request", flow: FlowBook, unless: "words.intent_book_not"},
	{words: "words.intent_book_offer", flow: FlowBook, unless: "words.intent_book_question", named: true},
	{words: "words.intent_file", flow: FlowAppeal, unless: "words.intent_file_not"},
	{words: "words.intent_book_howto", flow: FlowBook, offer: true, unless: "words.intent_book_howto_not", text: "intent.book_howto"},
	{words: "words.intent_book_offer", flow: FlowBook, offer: true, late: true},
	{words: "words.intent_appeal", flow: FlowAppeal, offer: true},
}

// offers are the text and button of each offered flow.
var offers = map[string]struct{ text, button string }{
	FlowBook:   {"intent.book_offer", "faq.act_book"},
	FlowAppeal: {"intent.appeal_offer", "faq.act_appeal"},
}

// startIntent starts the flow a message asks for (the queue, booking)
// before the knowledge base is searched, and reports whether it did.
// Starting them loses nothing: «назад» and «меню» leave them.
func startIntent(ctx context.Context, c *Conv, text string) (bool, error) {
	return startIntentBut(ctx, c, text, "")
}

// startIntentBut is startIntent for a request to a flow other than flow:
// typed at one of flow's steps («ой, передумала, скільки людей у черзі?»
// while booking), a request to flow itself is the step's business. What
// the resident entered in flow's form is put aside (Engine.park).
func startIntentBut(ctx context.Context, c *Conv, text, flow string) (bool, error) {
	starts := func(in intent) bool {
		return !in.offer && in.flow != flow && (!in.named || namesVisit(c, in.flow, text))
	}
	if in, ok := intentOf(c, text, starts); ok {
		arg := ""
		if r, ok := c.engine.flows[in.flow].(intentReader); ok {
			arg = r.IntentArg(c, text)
		}
		if flow != "" {
			c.engine.park(c) // the form left in the middle: the menu offers to go back to it
		}
		return true, c.Enter(ctx, in.flow, arg)
	}
	return false, nil
}

// visitNamer is a flow that tells whether a request names what it would
// ask: booking, a service, a CNAP, a day or a time («хочу записати маму на
// завтра на 10 в ЦНАП на Сихові» is a request to book, not a question about
// booking someone else).
type visitNamer interface {
	NamesVisit(c *Conv, text string) bool
}

func namesVisit(c *Conv, flow, text string) bool {
	n, ok := c.engine.flows[flow].(visitNamer)
	return ok && n.NamesVisit(c, text)
}

// intentReader is a flow that reads from the request that opened it what
// its Start takes as arg: booking, the service named («записатися на
// субсидію»).
type intentReader interface {
	IntentArg(c *Conv, text string) string
}

// offerIntent offers the flow of a request the knowledge base has no sure
// answer to: a reported problem (an appeal) or a visit to book for oneself
// or someone else («хочу записати онука на паспорт»). An article that
// answers it carries its own button, with the category or service chosen.
// A late offer is made only when the search found no article near the
// question. It reports whether it offered one.
func offerIntent(c *Conv, text string, late bool) bool {
	in, ok := intentOf(c, text, func(in intent) bool { return in.offer && in.late == late })
	if !ok {
		return false
	}
	o := offers[in.flow]
	if in.text != "" {
		o.text = in.text
	}
	if in.text == "intent.book_howto" && howToBookOnDay(c, text) {
		return true // «чи можна записатися на суботу до ЦНАП на Сихові?»
	}
	action := "menu:" + in.flow
	if r, ok := c.engine.flows[in.flow].(offerReader); ok {
		if arg := r.OfferArg(c, text); arg != "" {
			action += ":" + arg
		}
	}
	c.Say(c.T(o.text, "hotline", c.Hotline()), []Button{c.Button(o.button, action)}, c.MenuRow())
	return true
}

// offerReader is a flow that reads from a request it is offered for what
// its Start takes as arg, short enough for a button: booking, whom for
// («хочу записати онука»).
type offerReader interface {
	OfferArg(c *Conv, text string) string
}

// intentOf returns the first intent of the kind asked for whose phrases
// text holds and whose flow is registered.
func intentOf(c *Conv, text string, kind func(intent) bool) (intent, bool) {
	for _, in := range intents {
		if _, ok := c.engine.flows[in.flow]; ok && kind(in) && c.hasWord(strings.TrimPrefix(in.words, wordsGroup), text) &&
			(in.with == "" || c.hasWord(strings.TrimPrefix(in.with, wordsGroup), text)) &&
			(in.unless == "" || !c.hasWord(strings.TrimPrefix(in.unless, wordsGroup), text)) {
			return in, true
		}
	}
	return intent{}, false
}
