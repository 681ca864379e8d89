package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno/staff"
)

func TestBrowserVisitorAttachesAPhotoAtTheAppealsPhotoStep(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	base := m.HTTP.URL()
	browserInCentre(t, ctx, base)
	// The narrowest phone the chat is made for.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/chat/?lang=uk")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the welcome", botSays(0, "Вітаємо"))

	// The attach button is a labelled button inside the composer, in reach
	// of the keyboard, and fits the phone's width beside the others.
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () {
		var b = document.getElementById("attach"), f = document.getElementById("photo");
		var r = b.getBoundingClientRect(), s = document.getElementById("send").getBoundingClientRect();
		return b.tagName === "BUTTON" && b.getAttribute("aria-label") === "Додати фото" && b.tabIndex === 0 &&
			f.accept.indexOf("image/jpeg") >= 0 && f.accept.indexOf("image/png") >= 0 && f.accept.indexOf("image/webp") >= 0 &&
			r.width >= 40 && s.right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;
	})()`))
	if err != nil || !ok {
		t.Fatalf("the attach button is missing, unlabelled or off the 360-px screen (%v)", err)
	}

	n := botCount(t, ctx)
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
	n = botCount(t, ctx)
	typeAndSend(t, ctx, "Не тече гаряча вода з понеділка в усьому під’їзді")
	waitJS(t, ctx, "the photo step", botSays(n, "Додайте фото"))

	// The visitor picks a small PNG; it shows as their message with the
	// picture, loaded back from the server, and the bot counts it.
	file := filepath.Join(t.TempDir(), "yama.png")
	if err := os.WriteFile(file, testImage(t, "png", 32, 24), 0o600); err != nil {
		t.Fatal(err)
	}
	n = botCount(t, ctx)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#photo`), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the bot's answer to the photo", botSays(n, "Фото додано (1"))
	waitJS(t, ctx, "the photo in the conversation", `Array.from(document.querySelectorAll("#log .msg.me")).some(function (m) {
		var img = m.querySelector("img");
		return m.textContent.indexOf("📷 Фото") >= 0 && img && img.complete && img.naturalWidth === 32;
	})`)

	n = botCount(t, ctx)
	click(t, ctx, "Далі")
	waitJS(t, ctx, "the phone step", botSays(n, "телефон"))
	n = botCount(t, ctx)
	typeAndSend(t, ctx, "+380 67 123 45 67")
	waitJS(t, ctx, "the public description question", `document.querySelectorAll("#log .msg.bot").length > `+strconv.Itoa(n))
	n = botCount(t, ctx)
	click(t, ctx, "Ні")
	waitJS(t, ctx, "the summary", botSays(n, "Фото: 1 фото"))
	n = botCount(t, ctx)
	click(t, ctx, "Підтвердити")
	waitJS(t, ctx, "the confirmation", botSays(n, "зареєстровано"))
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("log").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	num := filedRE.FindStringSubmatch(text)
	if num == nil {
		t.Fatalf("no appeal number on the page:\n%s", text)
	}
	a, err := m.appeals.Find(context.Background(), num[1])
	if err != nil || len(a.Photos) != 1 || !strings.HasPrefix(a.Photos[0], "web:") {
		t.Fatalf("appeal %s photos = %q, %v", num[1], a.Photos, err)
	}
	exec := signIn(t, m, "teplo", staff.RoleExecutor)
	resp, body := fetch(t, exec.c, base+"/admin/appeals/"+a.Number+"/photos/1")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || len(body) == 0 {
		t.Fatalf("the executor's photo = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	// The page with the attach button and a photo in it is still accessible.
	checkAxe(t, ctx)
}
