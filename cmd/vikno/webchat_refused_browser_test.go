package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A message the server refuses (400) is reported to the resident in their
// language only: the server's reason is English for developers and stays
// out of the status line.
func TestBrowserRefusedMessageIsReportedInTheResidentsLanguage(t *testing.T) {
	ctx, _ := openWebChat(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
		var real = window.fetch;
		window.fetch = function (url, opts) {
			if (String(url).indexOf("/chat/api/send") >= 0) {
				return Promise.resolve(new Response(JSON.stringify({error: "message refused"}),
					{status: 400, headers: {"Content-Type": "application/json"}}));
			}
			return real.apply(this, arguments);
		};
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#text`), "скільки коштує ID-картка"), chromedp.Click(chromedp.CSS(`#send`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the status line", `document.getElementById("status").textContent !== ""`)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("status").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "refused") || !strings.Contains(got, "Не вдалося надіслати") {
		t.Fatalf("the status line says %q; want the Ukrainian failure alone", got)
	}
}
