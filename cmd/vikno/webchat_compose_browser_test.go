package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A double click on «Надіслати» (or Enter pressed twice) while the first
// post is on its way sends the message once.
func TestBrowserDoubleSendPostsTheMessageOnce(t *testing.T) {
	ctx, _ := openWebChat(t)
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

// atEnd is a JS condition: the conversation shows its newest message.
const atEnd = `(function () { var l = document.getElementById("log"); return l.scrollHeight - l.scrollTop - l.clientHeight < 4; })()`

// The conversation stays at its newest message when the text grows
// («Більший шрифт») and when the page gets shorter (a phone's on-screen
// keyboard opening under the field).
func TestBrowserConversationStaysAtTheNewestMessage(t *testing.T) {
	ctx, _ := openWebChat(t, chromedp.EmulateViewport(360, 740))
	n := botCount(t, ctx)
	click(t, ctx, "Подати звернення")
	waitJS(t, ctx, "the topics", botSays(n, "Про яку проблему"))
	waitJS(t, ctx, "the newest message in view", atEnd)

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#large`))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](atEnd)); err != nil || !ok {
		t.Errorf("after «Більший шрифт» the conversation no longer shows its newest message (%v)", err)
	}

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 420)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](atEnd)); err != nil || !ok {
		t.Errorf("on a shorter screen the conversation no longer shows its newest message (%v)", err)
	}
}

// On a phone (360 px) the field takes most of the width, with the larger
// text too, so that a description can be read while it is written; the
// send button keeps its name for screen readers.
func TestBrowserFieldTakesMostOfAPhonesWidth(t *testing.T) {
	ctx, _ := openWebChat(t, chromedp.EmulateViewport(360, 740))
	width := `Math.round(document.getElementById("text").getBoundingClientRect().width)`
	for _, large := range []bool{false, true} {
		if large {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#large`))); err != nil {
				t.Fatal(err)
			}
		}
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int](width))
		if err != nil {
			t.Fatal(err)
		}
		if w < 200 {
			t.Errorf("larger text %v: the field is %d px of 360", large, w)
		}
	}
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function (b) { return b.getAttribute("aria-label") || b.textContent; })(document.getElementById("send"))`))
	if err != nil || name != "Надіслати" {
		t.Errorf("the send button is named %q (%v)", name, err)
	}
	checkAxe(t, ctx)
}
