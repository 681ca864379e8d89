package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A double click on «Надіслати» (or Enter pressed twice) while the first
// post is on its way sends the message once.
func TestBrowserDoubleSendPostsTheMessageOnce(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(m.HTTP.URL()+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))
	n := botCount(t, ctx)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#text`), "скільки коштує ID-картка")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
		var send = document.getElementById("send");
		send.click(); send.click(); send.click();
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the FAQ answer", botSays(n, "ID-карт"))
	time.Sleep(time.Second) // a second answer would come as fast as the first
	copies, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#log .msg.me")).filter(function (m) { return m.textContent.indexOf("скільки коштує ID-картка") >= 0; }).length`))
	if err != nil {
		t.Fatal(err)
	}
	answers, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#log .msg.bot")).filter(function (m) { return m.textContent.indexOf("Скільки коштує оформлення ID-картки") >= 0; }).length`))
	if err != nil {
		t.Fatal(err)
	}
	if copies != 1 || answers != 1 {
		t.Fatalf("a triple click on Send posted the message %d times and got %d answers, want 1 and 1", copies, answers)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("text").value`)); v != "" {
		t.Errorf("the field still holds %q after the message was sent", v)
	}
}
