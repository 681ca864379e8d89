package dialog

import (
	"context"
	"strings"
)

// bookAsks are the word lists of the questions about the chosen service a
// resident may type at any step of the booking («а скільки коштує?», «які
// документи взяти?»), in the order they are tried.
var bookAsks = []string{"words.book_ask_fee", "words.book_ask_documents", "words.book_ask_term"}

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
		if !c.hasWord(strings.TrimPrefix(k, wordsGroup), text) {
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
