package main

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A message that arrives while the resident has scrolled back to read an
// earlier answer does not pull the page to the end: a «нові повідомлення ↓»
// button appears instead, reachable from the keyboard, and takes them to
// the end. At the end, new messages scroll into view as before.
func TestBrowserNewMessageDoesNotScrollAResidentReadingEarlierOnes(t *testing.T) {
	ctx, _ := openWebChat(t, chromedp.EmulateViewport(360, 640))
	for _, q := range []string{"скільки коштує ID-картка", "як оформити закордонний паспорт"} {
		n := botCount(t, ctx)
		typeAndSend(t, ctx, q)
		waitJS(t, ctx, "the answer to "+q, `document.querySelectorAll("#log .msg.bot").length > `+strconv.Itoa(n))
	}
	waitJS(t, ctx, "a conversation taller than the screen", `(function (l) { return l.scrollHeight > l.clientHeight + 200; })(document.getElementById("log"))`)
	atEnd := `(function (l) { return l.scrollHeight - l.scrollTop - l.clientHeight < 4; })(document.getElementById("log"))`
	waitJS(t, ctx, "the newest message in view", atEnd)

	// The resident scrolls back; an answer arrives (sent from elsewhere:
	// a second tab, an operator).
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("log").scrollTop = 0; true`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	n := botCount(t, ctx)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`fetch("/chat/api/send", {method: "POST", credentials: "same-origin",
		headers: {"Content-Type": "application/json"}, body: JSON.stringify({id: "scroll-test-1", text: "меню", locale: "uk"})}); true`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the new answer", `document.querySelectorAll("#log .msg.bot").length > `+strconv.Itoa(n))
	time.Sleep(300 * time.Millisecond)
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("log").scrollTop`))
	if err != nil || top > 10 {
		t.Fatalf("the page scrolled to %v while the resident read the beginning (%v)", top, err)
	}
	waitJS(t, ctx, "the new messages button", `(function (b) { return !!b && !b.hidden && b.offsetHeight > 0 && b.tagName === "BUTTON" &&
		b.textContent.toLowerCase().indexOf("нові повідомлення") >= 0; })(document.getElementById("newer"))`)
	checkAxe(t, ctx)

	// Keyboard only: the button is focusable and Enter takes them to the end.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#newer`)), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the end of the conversation", atEnd)
	waitJS(t, ctx, "the button gone", `document.getElementById("newer").hidden`)
}
