package dialog

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// FAQVerdict is how sure the knowledge base is about a question.
type FAQVerdict int

// Verdicts of a knowledge-base search.
const (
	FAQNone      FAQVerdict = iota // no good answer
	FAQConfident                   // the first hit answers the question
	FAQAmbiguous                   // several hits are about equally good
)

// FAQHit is one article found for a question.
type FAQHit struct {
	ID    string
	Title string
}

// FAQAnswer is the outcome of a knowledge-base search.
type FAQAnswer struct {
	Verdict FAQVerdict
	Hits    []FAQHit
	// SmallTalk is set when the message asks nothing: "greeting",
	// "how_are_you", "thanks", "farewell" or "about_bot". It gets a short
	// human answer, not «не знайшов».
	SmallTalk string
	// Language the question is written in: UK or EN.
	Language string
	// HitsLanguage is the locale of the articles found (UK or EN; "" if
	// unknown): an English question may be answered from Ukrainian ones.
	HitsLanguage string
}

// FAQArticle is the part of a knowledge-base article the FAQ flow shows.
type FAQArticle struct {
	ID    string
	Title string
	Body  string // Markdown subset: paragraphs, **bold**, lists, links
	// Action is the next step the answer offers as a button:
	// "book:<service-id>", "appeal:<category-id>", "queue", "status" or "".
	Action string
	// Language is the locale the article is written in ("" if unknown).
	Language string
}

// KnowledgeBase is what the FAQ flow needs of the knowledge base.
type KnowledgeBase interface {
	Ask(ctx context.Context, query, locale string) (FAQAnswer, error)
	// Article returns a published article; ENOTFOUND otherwise.
	Article(ctx context.Context, id string) (FAQArticle, error)
	RecordUnanswered(ctx context.Context, query, locale string) error
	RecordFeedback(ctx context.Context, articleID string, helpful bool) error
}

// UnhelpfulRecorder is a KnowledgeBase that also keeps which article a
// resident marked 👎 for a question (an optional capability).
type UnhelpfulRecorder interface {
	RecordUnhelpful(ctx context.Context, query, locale, articleID string) error
}

// keyQuestion is the FAQ's session key of the last question asked.
const keyQuestion = "q"

// faqFlow answers residents' questions from the knowledge base.
type faqFlow struct{ kb KnowledgeBase }

// NewFAQ returns the FAQ flow; register it with Engine.Register and make it
// the default flow so that free text anywhere outside a flow is a question.
func NewFAQ(kb KnowledgeBase) Flow { return faqFlow{kb: kb} }

func (faqFlow) Name() string { return FlowFAQ }

func (f faqFlow) Start(ctx context.Context, c *Conv, arg string) error {
	c.Session.Flow = FlowFAQ
	if arg != "" {
		return f.show(ctx, c, arg)
	}
	if c.Update.Action == "" && c.Update.Text != "" {
		return f.ask(ctx, c, c.Update.Text)
	}
	c.Say(c.T("faq.prompt"), c.MenuRow())
	return nil
}

func (f faqFlow) Handle(ctx context.Context, c *Conv) error {
	c.Session.Flow = FlowFAQ
	kind, id, _ := strings.Cut(c.Arg, ":")
	switch {
	case c.Arg == "none":
		return f.noAnswer(ctx, c, c.Session.Get(keyQuestion))
	case kind == "a" && id != "":
		return f.show(ctx, c, id)
	case (kind == "y" || kind == "n") && id != "":
		return f.feedback(ctx, c, id, kind == "y")
	case c.Update.Text != "" && c.Update.Action == "":
		return f.ask(ctx, c, c.Update.Text)
	}
	c.Say(c.T("faq.prompt"), c.MenuRow())
	return nil
}

func (f faqFlow) ask(ctx context.Context, c *Conv, q string) error {
	if low := strings.ToLower(q); c.isWord("yes", low) || c.isWord("no", low) {
		if id := c.askedHelpful(); id != "" {
			// «так, дякую» under «Чи допомогла відповідь?»: as 👍
			return f.feedback(ctx, c, id, c.isWord("yes", low))
		}
		// «Підтвердити», «так» with no step waiting: no question to search
		if asked, err := remindResolution(ctx, c); asked || err != nil {
			return err
		}
		c.SayMenu(c.T("menu.nothing_to_confirm"))
		return nil
	}
	if asked, err := remindResolutionOf(ctx, c, q); asked || err != nil { // «ні, не зроблено»
		return err
	}
	// A whole English sentence in a Ukrainian chat (or a Ukrainian one in
	// an English chat) that starts or offers a flow goes on in that
	// language; an answer from the knowledge base offers English instead
	// (offerEnglish). The emergency numbers come in English to an English
	// sentence at once.
	lang := languageWritten(c, q)
	emergency := warnEmergencyIn(c, q, lang == EN)
	if started, err := inLanguage(ctx, c, lang, func() (bool, error) { return startRequested(ctx, c, q) }); started || err != nil {
		return err
	}
	ans, err := f.kb.Ask(ctx, q, c.Locale)
	if err != nil {
		return fmt.Errorf("faq: %w", err)
	}
	c.Session.Set(keyQuestion, q)
	defer offerEnglish(c, ans.Language, q)
	offer := func(late bool) (bool, error) {
		return inLanguage(ctx, c, lang, func() (bool, error) { return offerIntent(c, q, late), nil })
	}
	switch {
	case ans.SmallTalk == "thanks" && c.askedHelpful() != "":
		return f.feedback(ctx, c, c.askedHelpful(), true) // «👍», «дякую» under «Чи допомогла відповідь?»
	case ans.SmallTalk != "":
		return f.smallTalk(c, ans.SmallTalk)
	case ans.Verdict == FAQConfident && len(ans.Hits) > 0:
		return f.show(ctx, c, ans.Hits[0].ID)
	}
	if offered, err := offer(false); offered || err != nil {
		return err
	}
	switch {
	case ans.Verdict == FAQAmbiguous && len(ans.Hits) > 0:
		f.choices(c, ans.Hits, ans.HitsLanguage)
		return nil
	case emergency:
		// the emergency numbers are the answer
		c.Say(c.T("faq.emergency_more", "hotline", c.Hotline()), c.MenuRow())
		return nil
	}
	if offered, err := offer(true); offered || err != nil {
		return err
	}
	switch {
	case strings.IndexFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
		// «😡😡😡», «🤔»: no words to search, and no question for editors
		c.SayMenu(c.T("faq.no_words"))
		return nil
	}
	return f.noAnswer(ctx, c, q)
}

// startRequested starts what a message asks for before the knowledge base
// is searched (a status check, the queue, booking...) or answers an outage
// question, and reports whether it did.
func startRequested(ctx context.Context, c *Conv, q string) (bool, error) {
	for _, start := range []func(context.Context, *Conv, string) (bool, error){
		startStatusCheck, startTrackRef, answerOutage, cnapFollowUp, startIntent, answerServiceTerm, startLocationNamed,
	} {
		if started, err := start(ctx, c, q); started || err != nil {
			return started, err
		}
	}
	return false, nil
}

// askedHelpful returns the article whose «Чи допомогла відповідь?» the
// latest reply asked, or "".
func (c *Conv) askedHelpful() string {
	for _, b := range c.Session.Buttons {
		action, _ := cutStepToken(b.Action)
		if id, ok := strings.CutPrefix(action, FlowFAQ+":y:"); ok {
			return id
		}
	}
	return ""
}

// choices offers up to three close articles by title.
func (faqFlow) choices(c *Conv, hits []FAQHit, language string) {
	var rows [][]Button
	for i, h := range hits {
		if i == 3 {
			break
		}
		rows = append(rows, []Button{{Label: shorten(oneApostrophe(h.Title), 60), Action: "faq:a:" + h.ID}})
	}
	rows = append(rows, []Button{c.Button("faq.btn_none", "faq:none")}, c.MenuRow())
	text := c.T("faq.choices")
	if language == UK && c.Locale != UK {
		// titles in Ukrainian offered to a resident who reads English
		text = text.Append(Plain(" "), c.T("faq.choices_in_ukrainian"))
	}
	c.Say(text, rows...)
}

// show sends an article with its next step and the "did it help?" question.
func (f faqFlow) show(ctx context.Context, c *Conv, id string) error {
	a, err := f.kb.Article(ctx, id)
	if err != nil {
		c.Say(c.T("faq.gone"), c.MenuRow())
		return nil
	}
	text := Bold(oneApostrophe(a.Title)).Append(Plain("\n\n"), Markdown(a.Body))
	if a.Language == UK && c.Locale != UK {
		// a resident who reads English answered by an article in
		// Ukrainian (a knowledge base written in Ukrainian only): say so
		text = c.T("faq.in_ukrainian").Append(Plain("\n\n"), text)
	}
	// One message: the article, then the question under it with its
	// buttons (a second message would double what every answer costs the
	// chat's rate budget and push the article up the screen).
	text = text.Append(Plain("\n\n"), c.T("faq.helpful"))
	var rows [][]Button
	if b, ok := c.actionButton(a.Action); ok {
		rows = append(rows, []Button{b})
	}
	rows = append(rows, []Button{
		{Label: "👍 " + c.S("faq.yes"), Action: "faq:y:" + a.ID},
		{Label: "👎 " + c.S("faq.no"), Action: "faq:n:" + a.ID},
	}, c.MenuRow())
	c.Say(text, rows...)
	return nil
}

// actionButton turns an article's related action into a button.
func (c *Conv) actionButton(action string) (Button, bool) {
	kind, arg, _ := strings.Cut(action, ":")
	switch kind {
	case "book":
		return c.Button("faq.act_book", "menu:"+FlowBook+":"+arg), true
	case "appeal":
		return c.Button("faq.act_appeal", "menu:"+FlowAppeal+":"+arg), true
	case "queue":
		return c.Button("faq.act_queue", "menu:"+FlowQueue), true
	case "status":
		return c.Button("faq.act_status", "menu:"+FlowStatus), true
	}
	return Button{}, false
}

func (f faqFlow) feedback(ctx context.Context, c *Conv, id string, helpful bool) error {
	if err := f.kb.RecordFeedback(ctx, id, helpful); err != nil {
		return fmt.Errorf("faq feedback: %w", err)
	}
	if helpful {
		shown := c.Session.Get(keyCNAPShown)
		c.Done(c.T("faq.thanks"))
		c.Session.Set(keyCNAPShown, shown) // thanks for an answer is no move away from the CNAP
		return nil
	}
	// The question the answer did not help with joins the unanswered ones
	// editors work through, with the article when the knowledge base can
	// keep it.
	if q := c.Session.Get(keyQuestion); q != "" {
		var err error
		if r, ok := f.kb.(UnhelpfulRecorder); ok {
			err = r.RecordUnhelpful(ctx, q, c.Locale, id)
		} else {
			err = f.kb.RecordUnanswered(ctx, q, c.Locale)
		}
		if err != nil {
			return fmt.Errorf("faq feedback: %w", err)
		}
	}
	c.Say(c.T("faq.sorry", "hotline", c.Hotline()), noAnswerRows(c)...)
	return nil
}

// smallTalk answers a greeting, «як справи?», thanks, a farewell or «ти
// бот?» briefly, in words that suit any time of day, and offers the menu;
// nothing is recorded as an unanswered question.
func (faqFlow) smallTalk(c *Conv, kind string) error {
	if kind == "thanks" && c.menuBefore && !strings.ContainsFunc(c.Update.Text, isLetterOrDigit) {
		// «🙂», «👍» with nothing to thank for: a smile, not thanks
		c.SayMenu(c.T("faq.small_emoji"))
		return nil
	}
	key := "faq.small_greeting"
	switch kind {
	case "how_are_you":
		key = "faq.small_how_are_you"
	case "thanks":
		key = "faq.small_thanks"
	case "farewell":
		key = "faq.small_farewell"
	case "about_bot":
		key = "faq.small_about_bot"
	}
	c.Say(c.T(key, "hotline", c.Hotline()), c.MenuRow())
	return nil
}

func (f faqFlow) noAnswer(ctx context.Context, c *Conv, q string) error {
	if q != "" {
		if err := f.kb.RecordUnanswered(ctx, q, c.Locale); err != nil {
			return fmt.Errorf("faq: %w", err)
		}
	}
	c.Say(c.T("faq.none", "hotline", c.Hotline()), noAnswerRows(c)...)
	return nil
}

// noAnswerRows are the ways on when the bot has no answer: the appeal form,
// a person (when operators answer in the chat) and the menu.
func noAnswerRows(c *Conv) [][]Button {
	rows := [][]Button{{c.Button("faq.act_appeal", "menu:"+FlowAppeal)}}
	rows = append(rows, operatorRow(c)...)
	return append(rows, c.MenuRow())
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// shorten cuts s to at most n characters at a word boundary, adding "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
