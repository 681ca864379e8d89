package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// A text pasted longer than a message may be is not cut short and sent
// in part: the resident is told how long it is and keeps it to shorten.
func TestBrowserPastedTextTooLongIsKeptNotCut(t *testing.T) {
	ctx, _ := openWebChat(t)
	long := strings.Repeat("Біля будинку тече вода. ", 100) + "Допоможіть." // 2,411 characters
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#text`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: long}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("form").requestSubmit(); true`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the reason", `document.getElementById("status").textContent.indexOf("задовге: 2411 символів") >= 0`)
	time.Sleep(time.Second)
	sent, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#log .msg.me").length`))
	if err != nil {
		t.Fatal(err)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementById("text").value.length`))
	if err != nil {
		t.Fatal(err)
	}
	if sent != 0 || kept != len([]rune(long)) {
		t.Fatalf("a pasted text of %d characters: %d messages sent, %d characters kept in the field", len([]rune(long)), sent, kept)
	}
}
