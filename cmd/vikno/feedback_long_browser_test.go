package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestBrowserManagersLongAnswerIsKeptNotCut: a manager pastes a long
// answer to a complaint on a phone. The page does not cut it to the limit
// and send the first part as if it were the whole: nothing is sent, the
// page says how long it is, and the whole text stays in the form.
func TestBrowserManagersLongAnswerIsKeptNotCut(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	rt := managerWithRatings(t, m, "Чекала дві години, а вікно так і не відкрили.", 1)[0]
	long := strings.Repeat("Перепрошуємо за очікування: ми перевірили графік вікон. ", 40) + "Кінець відповіді." // 2,257 characters
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль менеджера")
	page := fmt.Sprintf("/admin/feedback/%d", rt.ID)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+page),
		chromedp.WaitVisible(chromedp.CSS(`#answer`)), chromedp.Focus(chromedp.CSS(`#answer`))); err != nil {
		t.Fatal(err)
	}
	fitsThePhone(t, ctx, page)
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: long}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#send`)), chromedp.WaitVisible(chromedp.CSS(`.problem, .notice`))); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("answer").value`))
	if err != nil {
		t.Fatal(err)
	}
	checkAxeOn(t, ctx, page+" with the answer refused")
	msgs, err := m.Store.FindOutbox(context.Background(), fmt.Sprintf("rating:%d:answer:", rt.ID))
	if err != nil {
		t.Fatal(err)
	}
	n := len([]rune(long))
	if len(msgs) != 0 || kept != long || !strings.Contains(shown, fmt.Sprintf("а в ній %d", n)) {
		t.Fatalf("a pasted answer of %d characters: %d sent, %d kept in the form, the page says:\n%s", n, len(msgs), len([]rune(kept)), shown)
	}
}
