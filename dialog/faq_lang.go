package dialog

// keyLangOffered marks a session that was offered the other language once.
const keyLangOffered = "en_offered"

// offerEnglish adds, once per session, a button that switches the bot to
// English when a resident whose chat is in Ukrainian writes in English: the
// answers, buttons and steps after it are then in English too. The offer
// itself is in English, the language the resident wrote in. The other way
// round, a Ukrainian question in a chat that is in English (a phone set to
// English) is offered Ukrainian, in Ukrainian.
func offerEnglish(c *Conv, asked, q string) {
	if c.Session.Get(keyLangOffered) != "" {
		return
	}
	cat := c.engine.cfg.Catalog
	switch {
	case asked == EN && c.Locale != EN:
		c.Session.Set(keyLangOffered, "1")
		c.Say(cat.Text(EN, "faq.offer_en"),
			[]Button{{Label: cat.String(EN, "faq.btn_en"), Action: "menu:" + FlowSettings + ":" + EN}})
	case c.Locale == EN && writtenInUkrainian(q):
		c.Session.Set(keyLangOffered, "1")
		c.Say(cat.Text(UK, "faq.offer_uk"),
			[]Button{{Label: cat.String(UK, "faq.btn_uk"), Action: "menu:" + FlowSettings + ":" + UK}})
	}
}
