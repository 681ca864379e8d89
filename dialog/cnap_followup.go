package dialog

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
)

// keyCNAPShown is the CNAPs whose cards were shown last, comma-separated:
// a follow-up question («коли працює?», «а адреса?») is about them.
const keyCNAPShown = "shown"

// keyCNAPAsked is what the last follow-up question asked of a CNAP (its
// word lists, comma-separated): «а на Сихові?» asks the same of another.
const keyCNAPAsked = "asked"

// sameOfAnother answers a short follow-up that names another CNAP and asks
// nothing of its own («до котрої працює ЦНАП у Ратуші?», then «а на
// Сихові?») with what was asked before, and reports whether it did.
func (f *cnapFlow) sameOfAnother(ctx context.Context, c *Conv, text string) (bool, error) {
	asked := c.Session.Get(keyCNAPAsked)
	if asked == "" || len(strings.Fields(text)) > maxNameWords {
		return false, nil
	}
	l, ok := locationIn(f.q.City, text)
	if !ok {
		return f.hoursOnDay(c, text), nil
	}
	return true, f.answer(ctx, c, l, strings.Split(asked, ",")...)
}

// hoursOnDay answers «а в неділю?» after the hours of one CNAP: its hours
// on the weekdays text names, and reports whether it did.
func (f *cnapFlow) hoursOnDay(c *Conv, text string) bool {
	shown, days := f.shown(c), weekdaysIn(c, text)
	if c.Session.Get(keyCNAPAsked) != "cnap_hours" || len(shown) != 1 || len(days) == 0 ||
		!c.onlyFollowUpWords(labelKey(text)) {
		return false
	}
	l := shown[0]
	name := visitLocName(c, l)
	var answer Text
	for i, wd := range days {
		if i > 0 {
			answer = answer.Append(Plain("\n"))
		}
		answer = answer.Append(c.T("book.answer_day_hours", "location", name, "day", c.S("wd."+strconv.Itoa(int(wd))),
			"hours", dayHours(c, l, wd)))
	}
	c.Session.Flow = FlowCNAP
	c.Say(answer, []Button{{Label: c.S("cnap.btn_book", "location", name), Action: "menu:" + FlowBook + ":@" + l.ID}},
		[]Button{c.Button("cnap.btn_all", FlowCNAP+":all"), c.Button("btn.menu", "menu:")})
	return true
}

// cnapAsks are the word lists of the follow-up questions about one CNAP,
// in the order they are tried.
var cnapAsks = []string{"words.cnap_hours", "words.cnap_address", "words.cnap_phone", "words.cnap_queue"}

// followUp answers a question about the CNAP the conversation is about:
// the one the question names, else the one whose card was shown alone
// («ЦНАП на Сихові», then «коли працює?»); after several cards it asks
// which. A request to book there starts the booking at that CNAP with what
// it names. It reports whether it answered.
func (f *cnapFlow) followUp(ctx context.Context, c *Conv, text string) (bool, error) {
	kinds := c.cnapAsked(text)
	kind := ""
	if len(kinds) > 0 {
		kind = kinds[0]
	}
	if kind == "" && c.hasWord("intent_book_howto", text) && !c.hasWord("intent_book_howto_not", text) {
		return f.howToBook(c), nil // «як записатися?» asks, not books
	}
	book := kind == "" && (c.hasWord("intent_book", text) || c.hasWord("intent_book_request", text))
	if kind == "" && !book {
		return f.sameOfAnother(ctx, c, text)
	}
	rest := text
	for _, k := range kinds {
		rest = c.withoutWords(rest, k)
	}
	shown := f.shown(c)
	filler := c.onlyFollowUpWords(rest)
	// words like «коли» in «а коли він працює?» name no place (their
	// letters open «Миколи Хвильового»)
	if named, found := locationIn(f.q.City, rest); found && !filler {
		shown = []vikno.Location{named}
	} else if len(shown) == 0 && c.asksQueueAlone(text) {
		// «черга» alone with no CNAP in view: the queue in every CNAP
		return true, c.Enter(ctx, FlowQueue, "")
	} else if len(shown) == 0 || !book && !filler {
		// «як змінити номер телефону в Дії?» asks about something else
		return false, nil
	}
	switch {
	case len(shown) > 1: // after the nearest three: which of them?
		f.which(c, kind, shown)
		return true, nil
	case book:
		return true, f.book(ctx, c, shown[0], text)
	}
	return true, f.answer(ctx, c, shown[0], kinds...)
}

// asksQueueAlone reports whether text asks only about the queue
// («черга», «а черга?»), naming no CNAP and nothing else.
func (c *Conv) asksQueueAlone(text string) bool {
	kinds := c.cnapAsked(text)
	return len(kinds) == 1 && kinds[0] == "cnap_queue" && c.onlyFollowUpWords(c.withoutWords(text, "cnap_queue"))
}

// howToBook answers «як записатися?» after the card of one CNAP with how
// to book and the button to book there, and reports whether it did (after
// several cards the FAQ answers it).
func (f *cnapFlow) howToBook(c *Conv) bool {
	shown := f.shown(c)
	if len(shown) != 1 {
		return false
	}
	l := shown[0]
	c.Say(c.T("intent.book_howto", "hotline", c.Hotline()),
		[]Button{{Label: c.S("cnap.btn_book", "location", visitLocName(c, l)), Action: "menu:" + FlowBook + ":@" + l.ID}}, c.MenuRow())
	return true
}

// cnapAsked returns the word lists of the questions about one CNAP (hours,
// address...) that text asks, in the order of cnapAsks.
func (c *Conv) cnapAsked(text string) []string {
	var kinds []string
	for _, k := range cnapAsks {
		if name := strings.TrimPrefix(k, wordsGroup); c.hasWord(name, text) {
			kinds = append(kinds, name)
		}
	}
	return kinds
}

// cnapFollowUp answers, in the FAQ, a follow-up question about the CNAP
// whose card was shown before an answer in between («ЦНАП на Сихові», «як
// оформити паспорт?», then «а коли він працює?» or «запишіть мене туди»).
// It reports whether it answered.
func cnapFollowUp(ctx context.Context, c *Conv, text string) (bool, error) {
	f, ok := c.engine.flows[FlowCNAP].(*cnapFlow)
	if !ok || c.Session.Get(keyCNAPShown) == "" && !f.asksAboutNamed(c, text) {
		return false, nil
	}
	return f.followUp(ctx, c, text)
}

// asksAboutNamed reports whether text, with no CNAP's card shown before,
// asks the hours, the address or the phone of a CNAP it names by its own
// name («де знаходиться ЦНАП на Сихові і до котрої він працює?»). A
// question about the queue there is the queue's (intents).
func (f *cnapFlow) asksAboutNamed(c *Conv, text string) bool {
	kinds := c.cnapAsked(text)
	return len(kinds) > 0 && kinds[0] != "cnap_queue" && exactLocationIn(f.q.City, text) != ""
}

// shown returns the CNAPs whose cards the conversation showed last.
func (f *cnapFlow) shown(c *Conv) []vikno.Location {
	var out []vikno.Location
	for _, id := range strings.Split(c.Session.Get(keyCNAPShown), ",") {
		if l, ok := f.q.City.Location(id); ok {
			out = append(out, l)
		}
	}
	return out
}

// which asks which of the CNAPs shown a follow-up question is about; kind
// is its word list ("" for a request to book).
func (f *cnapFlow) which(c *Conv, kind string, locs []vikno.Location) {
	var rows [][]Button
	for _, l := range locs {
		action := FlowCNAP + ":f:" + kind + ":" + l.ID
		if kind == "" {
			action = "menu:" + FlowBook + ":@" + l.ID
		}
		rows = append(rows, []Button{{Label: visitLocName(c, l), Action: action}})
	}
	c.Say(c.T("cnap.which"), append(rows, c.MenuRow())...)
}

// answered handles "cnap:f:<kind>:<id>": the CNAP chosen for a follow-up
// question.
func (f *cnapFlow) answered(ctx context.Context, c *Conv, arg string) error {
	kind, id, _ := strings.Cut(arg, ":")
	l, ok := f.q.City.Location(id)
	if !ok || !slices.Contains(cnapAsks, wordsGroup+kind) {
		return f.ask(c, "cnap.ask")
	}
	return f.answer(ctx, c, l, kind)
}

// answer answers follow-up questions of kinds (their word lists) about l
// in one message: «де він і до котрої працює?» gets the address and the
// hours.
func (f *cnapFlow) answer(ctx context.Context, c *Conv, l vikno.Location, kinds ...string) error {
	st, err := f.q.Status(ctx, l)
	if err != nil {
		return err
	}
	name := visitLocName(c, l)
	var answer Text
	for i, kind := range kinds {
		var part Text
		switch kind {
		case "cnap_hours":
			part = c.T("cnap.hours_week", "location", name, "week", weekLines(c, l), "hours", f.hours(c, l, st))
		case "cnap_address":
			part = c.T("cnap.address_of", "location", name, "address", l.AddressIn(c.Locale))
		case "cnap_phone":
			part = c.T("cnap.phone_of", "location", name, "phone", l.Phone)
		default:
			part = c.T("cnap.queue_of", "location", name, "queue", f.queue(c, st))
		}
		if i > 0 {
			part = Plain("\n\n").Append(part)
		}
		answer = answer.Append(part)
	}
	c.Session.Flow = FlowCNAP
	c.Session.Set(keyCNAPShown, l.ID)
	c.Session.Set(keyCNAPAsked, strings.Join(kinds, ","))
	c.Say(answer, []Button{{Label: c.S("cnap.btn_book", "location", name), Action: "menu:" + FlowBook + ":@" + l.ID}},
		[]Button{c.Button("cnap.btn_all", FlowCNAP+":all"), c.Button("btn.menu", "menu:")})
	return nil
}

// book starts a booking at l with the service, day and time text names.
func (f *cnapFlow) book(ctx context.Context, c *Conv, l vikno.Location, text string) error {
	b, ok := c.engine.flows[FlowBook].(*bookFlow)
	if !ok {
		return c.Enter(ctx, FlowBook, "@"+l.ID)
	}
	w := b.wantedIn(c, text)
	w.loc = l.ID
	return c.Enter(ctx, FlowBook, w.arg())
}

// withoutWords returns text (as labelKey gives it) without the words and
// phrases of the list words.<name>, longest first («opening hours» before
// «hours»): what is left may name a place.
func (c *Conv) withoutWords(text, name string) string {
	padded := c.paddedKey(text)
	keys := slices.Clone(c.engine.wordKeys[name])
	slices.SortStableFunc(keys, func(a, b string) int { return len(b) - len(a) })
	for _, k := range keys {
		padded = strings.ReplaceAll(padded, " "+k+" ", "  ")
	}
	return strings.TrimSpace(padded)
}

// onlyFollowUpWords reports whether rest, what is left of a follow-up
// question without its question words, says nothing more than words like
// «а», «вони», «там» (words.cnap_filler) and weekdays («а в суботу?»).
func (c *Conv) onlyFollowUpWords(rest string) bool {
	for _, w := range strings.Fields(rest) {
		if _, wd := bookWeekday(c, w); !wd && !c.engine.wordParts[strings.TrimPrefix("words.cnap_filler", wordsGroup)][w] {
			return false
		}
	}
	return true
}
