package dialog

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// bookAsks are the word lists of the questions about the chosen service a
// resident may type at any step of the booking («а скільки коштує?», «які
// документи взяти?»), in the order they are tried.
var bookAsks = []string{"words.book_ask_fee", "words.book_ask_documents", "words.book_ask_term", "words.service_wait"}

// maxTermServices is how many services' terms one answer gives.
const maxTermServices = 3

// answerServiceTerm answers a question outside a booking about how long a
// service takes («скільки чекати паспорт?», words.book_ask_term and
// words.service_wait) from the cards of the services it names, with a
// button to book each. A question that names the queue
// (words.intent_queue_noun: «довго чекати в черзі?») is the queue's; one
// that names no service with a term is the knowledge base's.
func answerServiceTerm(_ context.Context, c *Conv, q string) (bool, error) {
	f, ok := c.engine.flows[FlowBook].(*bookFlow)
	if !ok || !c.hasWord("book_ask_term", q) && !c.hasWord("service_wait", q) || c.hasWord("intent_queue_noun", q) {
		return false, nil
	}
	named := servicesNamedIn(f.v.City, q)
	if !c.termObjectNamed(q, named) {
		return false, nil // «скільки чекати довідку про несудимість?»: not «Довідка ВПО»
	}
	var answer Text
	var rows [][]Button
	for _, svc := range named {
		s := svc.In(c.Locale)
		if s.Term == "" || len(rows) == maxTermServices {
			continue
		}
		if answer != nil {
			answer = answer.Append(Plain("\n"))
		}
		answer = answer.Append(c.T("book.answer_term", "service", s.Name, "term", s.Term))
		rows = append(rows, []Button{{Label: "📅 " + shorten(s.Name, 40), Action: "menu:" + FlowBook + ":" + svc.ID}})
	}
	if answer == nil {
		return false, nil
	}
	if len(rows) == 1 {
		rows[0][0] = c.Button("faq.act_book", rows[0][0].Action)
	}
	c.Say(answer, append(rows, c.MenuRow())...)
	return true, nil
}

// answerServiceQuestion answers a question about the chosen service from
// its card (fee, documents, term) and asks the step's question again. It
// reports false when text asks none of them, or the card does not say.
func (f *bookFlow) answerServiceQuestion(ctx context.Context, c *Conv, text string) (bool, error) {
	svc, ok := f.service(c)
	if !ok || !strings.ContainsRune(text, '?') && !sentenceLike(text) {
		return false, nil
	}
	s := svc.In(c.Locale)
	var answer Text
	for _, k := range bookAsks {
		if !c.hasWord(strings.TrimPrefix(k, wordsGroup), text) ||
			k == "words.service_wait" && c.hasWord("intent_queue_noun", text) { // «довго чекати в черзі?»: not the term
			continue
		}
		switch k {
		case "words.book_ask_fee":
			if s.Fee != "" {
				answer = c.T("book.answer_fee", "service", s.Name, "fee", s.Fee)
			}
		case "words.book_ask_documents":
			if len(s.Documents) > 0 {
				answer = c.T("book.answer_documents", "service", s.Name, "documents", "• "+strings.Join(s.Documents, "\n• "))
			}
		default:
			if s.Term != "" {
				answer = c.T("book.answer_term", "service", s.Name, "term", s.Term)
			}
		}
		break
	}
	if answer == nil {
		return false, nil
	}
	c.Say(answer)
	return true, f.show(ctx, c)
}

// termObjectNamed reports whether the services named hold every word (of
// four letters or more) of what the sentence asking the term asks about:
// the words after «скільки чекати», or before it when none follow.
func (c *Conv) termObjectNamed(q string, named []vikno.Service) bool {
	if len(named) == 0 {
		return false
	}
	for _, s := range sentences(q) {
		padded := " " + labelKey(s) + " "
		asked := "" // the longest phrase: «how long does it take», not «how long does»
		for _, list := range []string{"service_wait", "book_ask_term"} {
			for _, k := range c.engine.wordKeys[list] {
				if len(k) > len(asked) && containsWords(padded, k) {
					asked = k
				}
			}
		}
		if asked == "" {
			continue
		}
		before, after, _ := strings.Cut(padded, " "+asked+" ")
		object := strings.Fields(after)
		if len(object) == 0 {
			object = strings.Fields(before)
		}
		return c.servicesHold(named, object)
	}
	return false
}

// servicesHold reports whether every word of four letters or more, not a
// word of words.please, begins with a stem of a name or a keyword of one of
// the services.
func (c *Conv) servicesHold(services []vikno.Service, words []string) bool {
	for _, w := range words {
		if utf8.RuneCountInString(w) < 4 || c.isWord("please", w) {
			continue
		}
		norm := []string{cases.NormalizeText(w)}
		if !slices.ContainsFunc(services, func(s vikno.Service) bool {
			return nameWordsIn(s.Name, norm)+nameWordsIn(s.NameEN, norm)+keywordsIn(s.Keywords, norm) > 0
		}) {
			return false
		}
	}
	return true
}
