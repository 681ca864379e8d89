package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// pageInEnglish is a JS condition: the page's own texts are in English.
const pageInEnglish = `document.documentElement.lang === "en" && document.getElementById("send").getAttribute("aria-label") === "Send" && document.getElementById("text").placeholder.indexOf("Type") === 0`

// A resident who asks the bot to speak English gets the page in English
// too (its field, its buttons, its messages), and keeps it after a reload
// of a page whose address says uk.
func TestBrowserPageFollowsTheLanguageTheResidentChose(t *testing.T) {
	ctx, m := openWebChat(t)
	typeAndSend(t, ctx, "in English please")
	waitJS(t, ctx, "the page in English", pageInEnglish)
	waitJS(t, ctx, "the bot's answer after the switch", botSays(0, "we now speak English"))

	if err := chromedp.Do(ctx, chromedp.Navigate(m.HTTP.URL()+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the history", botSays(0, "we now speak English"))
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](pageInEnglish)); err != nil || !ok {
		t.Fatalf("after a reload the page is not in the resident's English (%v)", err)
	}
	n := botCount(t, ctx)
	typeAndSend(t, ctx, "українською")
	waitJS(t, ctx, "the page in Ukrainian", `document.documentElement.lang === "uk" && document.getElementById("send").getAttribute("aria-label") === "Надіслати"`)
	waitJS(t, ctx, "the bot's answer in Ukrainian", botSays(n, "говоримо українською"))
}
