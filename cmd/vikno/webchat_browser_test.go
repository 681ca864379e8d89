package main

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// openWebChat runs the program, opens its web chat in Ukrainian in a
// headless browser (after the actions before, such as a phone's viewport)
// and waits for the welcome.
func openWebChat(t *testing.T, before ...chromedp.Action[chromedp.Void]) (context.Context, *Main) {
	t.Helper()
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	if err := chromedp.Do(ctx, append(before, chromedp.Navigate(m.HTTP.URL()+"/chat/?lang=uk"))...); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))
	return ctx, m
}

// waitJS evaluates expr until it is true, for up to 20 seconds.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	log, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("log") ? document.getElementById("log").innerText : document.body.innerText`))
	t.Fatalf("timed out waiting for %s; the page shows:\n%s", what, log)
}

// botSays is a JS condition: a bot message after the first n contains s.
func botSays(n int, s string) string {
	q, _ := json.Marshal(s)
	return `Array.from(document.querySelectorAll("#log .msg.bot")).slice(` + strconv.Itoa(n) + `).some(function (m) { return m.textContent.indexOf(` + string(q) + `) >= 0; })`
}

func botCount(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#log .msg.bot").length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// click presses the newest enabled button of the conversation whose label
// contains label.
func click(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	q, _ := json.Marshal(label)
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function (l) {
		var b = Array.from(document.querySelectorAll("#log button")).reverse().find(function (x) { return !x.disabled && x.textContent.indexOf(l) >= 0; });
		if (!b) { return false; }
		b.click();
		return true;
	})(`+string(q)+`)`))
	if err != nil || !ok {
		t.Fatalf("no button %q to press (%v)", label, err)
	}
}

// typeAndSend writes text in the message field and presses Enter.
func typeAndSend(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#text`), text+"\r")); err != nil {
		t.Fatal(err)
	}
}

// browserInCentre lets the pages of base read the location, and puts the
// browser in the city centre.
func browserInCentre(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	lat, lon, acc := 49.8419, 24.0315, 20.0
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{
		Latitude: &lat, Longitude: &lon, Accuracy: &acc,
	}); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserVisitorAsksFilesAnAppealAndComesBack(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	base := m.HTTP.URL()
	browserInCentre(t, ctx, base)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))

	// A question typed and sent with Enter is answered.
	n := botCount(t, ctx)
	typeAndSend(t, ctx, "скільки коштує ID-картка")
	waitJS(t, ctx, "the FAQ answer", botSays(n, "ID-карт"))

	// An appeal: a topic by button, the place by the browser's location.
	n = botCount(t, ctx)
	click(t, ctx, "Подати звернення")
	waitJS(t, ctx, "the topics", botSays(n, "Про яку проблему"))
	n = botCount(t, ctx)
	typeAndSend(t, ctx, "гарячої води немає")
	waitJS(t, ctx, "the topic choice", `Array.from(document.querySelectorAll("#log button")).some(function (b) { return !b.disabled && b.textContent.indexOf("Немає гарячої води") >= 0; })`)
	click(t, ctx, "Немає гарячої води")
	waitJS(t, ctx, "the place step", botSays(n, "Де саме"))
	n = botCount(t, ctx)
	click(t, ctx, "📍")
	waitJS(t, ctx, "the description step", botSays(n, "Опишіть"))
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll("#log .msg.me")).some(function (m) { return m.textContent.indexOf("49.84190") >= 0; })`))
	if err != nil || !shown {
		t.Errorf("the shared point is not shown as the visitor's message (%v)", err)
	}

	// HTML typed by a visitor is shown as text.
	n = botCount(t, ctx)
	typeAndSend(t, ctx, `<img src=x onerror="document.title='pwned'"> тече гаряча вода з труби`)
	waitJS(t, ctx, "the next step", `document.querySelectorAll("#log .msg.bot").length > `+strconv.Itoa(n))
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#log .msg.me img").length`))
	if err != nil {
		t.Fatal(err)
	}
	if title == "pwned" || imgs != 0 {
		t.Fatalf("resident's HTML was rendered: title %q, %d images", title, imgs)
	}

	// Coming back (a reload) shows the conversation again.
	before := botCount(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the history after a reload", `document.querySelectorAll("#log .msg.bot").length >= `+strconv.Itoa(before))

	// The accessibility check: axe-core finds no serious violation.
	checkAxe(t, ctx)
}

// checkAxe runs axe-core on the page and fails on a serious violation.
func checkAxe(t *testing.T, ctx context.Context) {
	t.Helper()
	checkAxeOn(t, ctx, "/chat/")
}

// checkAxeOn is checkAxe on the page named page in its messages.
func checkAxeOn(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	axe := os.Getenv("VIKNO_TEST_AXE")
	src, err := os.ReadFile(axe)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is required in CI (.ci/run installs it; VIKNO_TEST_AXE=%q): %v", axe, err)
		}
		t.Skipf("axe-core not found (set VIKNO_TEST_AXE): %v", err)
	}
	type violation struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  int    `json:"nodes"`
	}
	run := string(src) + `;
		axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
			return r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}; });
		})`
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var serious []string
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v.ID+" ("+v.Impact+", "+strconv.Itoa(v.Nodes)+" nodes): "+v.Help)
		}
	}
	if len(serious) > 0 {
		t.Fatalf("axe-core found serious accessibility violations on %s:\n%s", page, strings.Join(serious, "\n"))
	}
	for _, v := range violations {
		t.Logf("axe-core, %s, %s: %s (%s)", page, v.Impact, v.ID, v.Help)
	}
}
