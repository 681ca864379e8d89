package main

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusInNewest is a JS condition: the focus is on an enabled button of
// the newest bot message.
const focusInNewest = `(function () {
	var msgs = document.querySelectorAll("#log .msg.bot"), last = msgs[msgs.length - 1], a = document.activeElement;
	return !!last && a && a.tagName === "BUTTON" && !a.disabled && last.contains(a);
})()`

// A resident who uses the keyboard only goes through a form with Enter:
// after a button is pressed (and so disabled), the focus moves to the next
// step's buttons instead of falling back to the top of the page.
func TestBrowserKeyboardUserGoesFromStepToStep(t *testing.T) {
	ctx, _ := openWebChat(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
		var b = Array.from(document.querySelectorAll("#log button")).find(function (x) { return x.textContent.indexOf("Подати звернення") >= 0; });
		b.focus();
		return document.activeElement === b;
	})()`)); err != nil {
		t.Fatal(err)
	}
	n := botCount(t, ctx)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the topics", botSays(n, "Про яку проблему"))
	waitJS(t, ctx, "the focus on the topics", focusInNewest)

	n = botCount(t, ctx)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil { // the first topic
		t.Fatal(err)
	}
	waitJS(t, ctx, "the next step", `document.querySelectorAll("#log .msg.bot").length > `+strconv.Itoa(n))
	waitJS(t, ctx, "the focus on the next step", focusInNewest)
}
