package dialog

// warnEmergency answers a message that speaks of a danger to life or health
// (a fire, a smell of gas, a person unwell, violence, a live wire) with the
// emergency numbers before anything else: whatever the knowledge base holds,
// a resident in danger must not read an FAQ first, nor be told «не знайшов».
// The phrases are the «emergency» word list of the texts, in every language.
// It reports whether it warned.
func warnEmergency(c *Conv, q string) bool {
	if !c.hasWord("emergency", q) {
		return false
	}
	c.Say(c.T("faq.emergency"))
	return true
}

// warnEmergencyIn is warnEmergency in English when english is set (the
// message is a whole English sentence), whatever the chat's language.
func warnEmergencyIn(c *Conv, q string, english bool) bool {
	if !english {
		return warnEmergency(c, q)
	}
	locale := c.Locale
	c.Locale = EN
	defer func() { c.Locale = locale }()
	return warnEmergency(c, q)
}
