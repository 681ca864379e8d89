package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// flakyFront is a proxy in front of m whose event streams answer 502 while
// down is set; refused counts those answers.
type flakyFront struct {
	*httptest.Server
	down    atomic.Bool
	refused atomic.Int32
}

func newFlakyFront(t *testing.T, m *Main) *flakyFront {
	t.Helper()
	target, _ := url.Parse(m.HTTP.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.FlushInterval = -1
	f := &flakyFront{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f.down.Load() && strings.HasPrefix(r.URL.Path, "/chat/api/events") {
			f.refused.Add(1)
			http.Error(w, "bad gateway", http.StatusBadGateway)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// A page whose event stream got a proxy's 502 (the server restarting
// behind it) connects again by itself: the answer to the next message
// comes without a reload.
func TestBrowserPageReconnectsAfterTheProxyAnswered502(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	front := newFlakyFront(t, m)
	ctx := browserCtx(t) // closed before the proxy, which waits for its streams
	if err := chromedp.Do(ctx, chromedp.Navigate(front.URL+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))

	front.down.Store(true)
	front.CloseClientConnections() // the stream breaks; the browser's retry gets 502
	waitJS(t, ctx, "the page saying it is offline", `document.getElementById("status").textContent.indexOf("Зв") === 0`)
	waitFor(t, func() bool { return front.refused.Load() > 0 })
	front.down.Store(false)

	n := botCount(t, ctx)
	typeAndSend(t, ctx, "скільки коштує ID-картка")
	waitJS(t, ctx, "the answer after the stream came back", botSays(n, "ID-карт"))
}

// A page whose chat cookie is gone (cleared, expired) while it is open
// gets a new one by reloading once, and works again.
func TestBrowserPageWhoseCookieIsGoneStartsANewChat(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	front := newFlakyFront(t, m)
	ctx := browserCtx(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(front.URL+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	front.CloseClientConnections() // the stream breaks; the browser's retry gets 401
	waitJS(t, ctx, "a new page with its welcome", `performance.getEntriesByType("navigation")[0].type === "reload" && `+botSays(0, "Вітаємо"))
	n := botCount(t, ctx)
	typeAndSend(t, ctx, "скільки коштує ID-картка")
	waitJS(t, ctx, "the answer in the new chat", botSays(n, "ID-карт"))
}
