package dialog

import (
	"strings"

	"github.com/vikno-city/vikno/cases"
)

// A question about the appeal itself («а скільки це буде тривати?», "how
// long will it take?") typed while the appeal's description or photos are
// asked is answered from the chosen topic (who handles it and in what
// term), and the step goes on: the question is not made part of the
// description, and what the message says besides it is kept.

// appealQuestion splits text into what it says about the problem and the
// questions about the appeal it asks: sentences that end with «?» and hold
// words.appeal_ask.
func (c *Conv) appealQuestion(text string) (rest string, asked bool) {
	var kept []string
	for _, s := range sentences(text) {
		if strings.HasSuffix(s, "?") && c.hasWord(strings.TrimPrefix("words.appeal_ask", wordsGroup), s) {
			asked = true
			continue
		}
		kept = append(kept, s)
	}
	if !asked {
		return text, false
	}
	return strings.Join(kept, " "), true
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

// answerAppealQuestion takes a question about the appeal out of the message
// at the description or photo step and answers it; the rest of the message
// stays the step's answer. It reports whether there was one.
func (f *appealFlow) answerAppealQuestion(c *Conv) bool {
	if c.Update.Text == "" {
		return false
	}
	rest, asked := c.appealQuestion(c.Update.Text)
	cat, ok := f.category(c)
	if !asked || !ok {
		return false
	}
	c.Update.Text = rest
	c.Say(c.T("appeal.answer_term", "category", appealLocalName(c, cat.Name, cat.NameEN),
		"executor", executorName(c, f.svc.City, cat.Executor), "term", appealTermText(c, cases.TermOf(cat))))
	return true
}
