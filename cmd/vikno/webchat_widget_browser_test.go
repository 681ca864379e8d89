package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// widgetHost serves a city site's page embedding the chat of the program
// at *vikno with widget.js; frameLoaded turns true when the chat's frame
// has loaded.
func widgetHost(t *testing.T, vikno *string) *httptest.Server {
	t.Helper()
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>Місто</title>
<script>document.addEventListener("load", function (e) { if (e.target.tagName === "IFRAME") { window.frameLoaded = true; } }, true);</script>
</head><body><main><h1>Місто</h1><p><a href="#news">Новини</a></p></main>
<script src="` + *vikno + `/chat/widget.js" defer></script></body></html>`))
	}))
	t.Cleanup(host.Close)
	return host
}

// launcherState is a JS expression: whether the chat's frame is shown,
// the launcher's aria-expanded and label, and whether it has the focus.
const launcherState = `(function () {
	var b = document.querySelector("button[aria-expanded]"), f = document.querySelector("iframe");
	return [f && f.style.display !== "none" ? "open" : "closed", b.getAttribute("aria-expanded"), b.textContent, document.activeElement === b ? "focus" : "elsewhere"].join(" ");
})()`

// A keyboard user closes the chat on a city's site with Escape, from inside
// the chat or from the launcher, and the focus goes back to the launcher,
// which says what it does: open the chat, or close it when it is open.
func TestBrowserEscapeClosesTheWidget(t *testing.T) {
	ctx := browserCtx(t)
	var vikno string
	host := widgetHost(t, &vikno)
	cfg := testConfig(t)
	cfg.WebChat.Origins = []string{host.URL}
	m := MustRunMain(t, cfg)
	vikno = m.HTTP.URL()
	if err := chromedp.Do(ctx, chromedp.Navigate(host.URL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the launcher", `!!document.querySelector("button[aria-expanded]")`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("button[aria-expanded]").click(), true`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the chat's frame", `window.frameLoaded === true && document.activeElement === document.querySelector("iframe")`)
	checkAxeOn(t, ctx, "a city page with the chat open")

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil { // inside the chat
		t.Fatal(err)
	}
	waitJS(t, ctx, "the chat closed by Escape inside it", launcherState+` === "closed false Чат з містом focus"`)

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil { // the launcher again
		t.Fatal(err)
	}
	waitJS(t, ctx, "the chat open again", launcherState+` === "open true Закрити чат elsewhere"`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("button[aria-expanded]").focus(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil { // on the site's page
		t.Fatal(err)
	}
	waitJS(t, ctx, "the chat closed by Escape on the page", launcherState+` === "closed false Чат з містом focus"`)
}
