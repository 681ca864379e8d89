package dialog

import (
	"slices"
	"strings"

	"github.com/vikno-city/vikno/cases"
)

// A question about the appeal itself («а скільки це буде тривати?», "how
// long will it take?") typed while the appeal's description or photos are
// asked is answered from the chosen topic (who handles it and in what
// term), and the step goes on: the question is not made part of the
// description, and what the message says besides it is kept.

// appealAsks are the word lists of the questions about the appeal the flow
// answers, each with the text of its answer.
var appealAsks = []struct{ words, answer string }{
	{"words.appeal_ask", "appeal.answer_term"},
	{"words.appeal_ask_private", "appeal.answer_private"},
	{"words.appeal_ask_photo", "appeal.answer_photo"},
}

// appealQuestion splits text into what it says about the problem and the
// questions about the appeal it asks: sentences that end with «?» and hold
// the words of appealAsks. It returns the answers' keys, in order, once
// each.
func (c *Conv) appealQuestion(text string) (rest string, answers []string) {
	var kept []string
	for _, s := range sentences(text) {
		asked := false
		for _, a := range appealAsks {
			if strings.HasSuffix(s, "?") && c.hasWord(strings.TrimPrefix(a.words, wordsGroup), s) {
				asked = true
				if !slices.Contains(answers, a.answer) {
					answers = append(answers, a.answer)
				}
			}
		}
		if !asked {
			kept = append(kept, s)
		}
	}
	if len(answers) == 0 {
		return text, nil
	}
	return strings.Join(kept, " "), answers
}

// onlyQuestions reports whether every sentence of text ends with «?».
func onlyQuestions(text string) bool {
	ss := sentences(text)
	for _, s := range ss {
		if !strings.HasSuffix(s, "?") {
			return false
		}
	}
	return len(ss) > 0
}

// sentences splits text after «.», «!», «?» and «…» followed by a space or
// a line break.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		end := i == len(rs)-1
		if !end && !strings.ContainsRune(".!?…", r) || !end && !strings.ContainsRune(" \n\t", rs[i+1]) {
			continue
		}
		if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
			out = append(out, s)
		}
		start = i + 1
	}
	return out
}

// answerAppealQuestion takes the questions about the appeal out of the
// message at the description or photo step and answers them; the rest of
// the message stays the step's answer. It reports whether there were any.
func (f *appealFlow) answerAppealQuestion(c *Conv) bool {
	if c.Update.Text == "" {
		return false
	}
	rest, answers := c.appealQuestion(c.Update.Text)
	cat, ok := f.category(c)
	if len(answers) == 0 || !ok {
		return false
	}
	c.Update.Text = rest
	for _, key := range answers {
		c.Say(c.T(key, "category", appealLocalName(c, cat.Name, cat.NameEN),
			"executor", executorName(c, f.svc.City, cat.Executor), "term", appealTermText(c, cases.TermOf(cat))))
	}
	return true
}
