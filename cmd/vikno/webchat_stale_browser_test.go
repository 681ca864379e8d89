package main

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// buttonState is a JS expression: whether the newest button whose label
// contains label is disabled ("disabled"), enabled ("enabled") or missing.
func buttonState(label string) string {
	return `(function () {
		var b = Array.from(document.querySelectorAll("#log button")).reverse().find(function (x) { return x.textContent.indexOf(` + strconv.Quote(label) + `) >= 0; });
		return !b ? "missing" : b.disabled ? "disabled" : "enabled";
	})()`
}

// The web chat disables the step buttons of older messages once the form
// moved on, and keeps menu buttons working.
func TestBrowserOldStepButtonsAreDisabled(t *testing.T) {
	ctx, _ := openWebChat(t)
	n := botCount(t, ctx)
	typeAndSend(t, ctx, "Подати звернення") // typed: the welcome's menu stays as it was
	waitJS(t, ctx, "the topics", botSays(n, "Про яку проблему"))
	n = botCount(t, ctx)
	typeAndSend(t, ctx, "гарячої води немає")
	waitJS(t, ctx, "the topic choice", botSays(n, "Оберіть"))
	for label, want := range map[string]string{
		"Житлове господарство": "disabled", // a topic of the step before, not pressed
		"Немає гарячої води":   "enabled",  // the current step
		"Статус звернення":     "enabled",  // the welcome's menu
	} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](buttonState(label)))
		if err != nil || got != want {
			t.Errorf("button %q is %s (%v), want %s", label, got, err, want)
		}
	}
}
