package dialog

// offerEnglish adds, once per session, a button that switches the bot to
// English when a resident whose chat is in Ukrainian writes in English: the
// answers, buttons and steps after it are then in English too. The offer
// itself is in English, the language the resident wrote in.
func offerEnglish(c *Conv, asked string) {
	if asked != EN || c.Locale == EN || c.Session.Get("en_offered") != "" {
		return
	}
	c.Session.Set("en_offered", "1")
	c.Say(c.engine.cfg.Catalog.Text(EN, "faq.offer_en"),
		[]Button{{Label: c.engine.cfg.Catalog.String(EN, "faq.btn_en"), Action: "menu:" + FlowSettings + ":" + EN}})
}
