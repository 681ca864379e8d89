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
	if len(answers) == 0 {
		return false
	}
	cat, ok := f.category(c)
	c.Update.Text = rest
	for _, key := range answers {
		if !ok && key == "appeal.answer_term" { // no topic yet: the terms it may have
			c.Say(f.termsOfTopics(c))
			continue
		}
		c.Say(c.T(key, "category", appealLocalName(c, cat.Name, cat.NameEN),
			"executor", executorName(c, f.svc.City, cat.Executor), "term", appealTermText(c, cases.TermOf(cat))))
	}
	return true
}

// answerEarlyQuestion answers the questions about the appeal asked at the
// topic or place step («а скільки розглядають?») and, when the message
// asks nothing else, asks the step again. It reports whether the update
// is fully handled; else the rest of the message is the step's answer.
func (f *appealFlow) answerEarlyQuestion(c *Conv) (bool, error) {
	if c.Update.Text == "" || !f.answerAppealQuestion(c) {
		return false, nil
	}
	if !c.informative(c.Update.Text) {
		return true, f.repeat(c)
	}
	return false, nil
}

// termsOfTopics says the shortest and the longest term of the topics the
// resident is choosing from: the chosen sphere's, or the city's.
func (f *appealFlow) termsOfTopics(c *Conv) Text {
	var shortest, longest cases.AppealTerm
	for _, s := range f.svc.City.Spheres {
		if sphere := c.Session.Get("sphere"); sphere != "" && s.ID != sphere {
			continue
		}
		for _, cat := range s.Categories {
			t := cases.TermOf(cat)
			if shortest == (cases.AppealTerm{}) || termHours(t) < termHours(shortest) {
				shortest = t
			}
			if termHours(t) > termHours(longest) {
				longest = t
			}
		}
	}
	if termHours(shortest) == termHours(longest) {
		return c.T("appeal.answer_term_same", "term", appealTermText(c, shortest))
	}
	return c.T("appeal.answer_term_range", "shortest", appealTermText(c, shortest), "longest", appealTermText(c, longest))
}

// termHours is a term's length in hours, to compare terms.
func termHours(t cases.AppealTerm) int {
	if t.Hours > 0 {
		return t.Hours
	}
	return t.Days * 24
}
