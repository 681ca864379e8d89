package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
)

// wordsSplitJS lists the words of the elements matching a selector that
// the page breaks across two lines.
const wordsSplitJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll(%q)) {
    const node = el.firstChild, text = node ? node.textContent : "";
    let at = 0;
    for (const w of text.split(" ")) {
      const r = document.createRange();
      r.setStart(node, at); r.setEnd(node, at + w.length);
      if (w && r.getClientRects().length > 1) out.push(w);
      at += w.length + 1;
    }
  }
  return out.join(", ");
})()`

// managerWithRatings adds the manager olena («пароль менеджера») of
// cnap-center and a rating there for each score, each by its own resident
// with comment.
func managerWithRatings(t *testing.T, m *Main, comment string, scores ...int) []cases.Rating {
	t.Helper()
	createStaff(t, m, staff.User{Login: "olena", Name: "Олена Коваль", Role: staff.RoleManager, Level: cases.LevelLocation,
		Scope: "cnap-center"}, "пароль менеджера")
	bg := context.Background()
	var out []cases.Rating
	for i, score := range scores {
		res, err := m.Store.EnsureResident(bg, vikno.Telegram, fmt.Sprint("rated-", i), "uk")
		if err != nil {
			t.Fatal(err)
		}
		rt, err := m.Store.SaveRating(bg, cases.Rating{ResidentID: res.ID, LocationID: "cnap-center", Day: "2026-12-07",
			Score: score, Comment: comment}, func(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, nil })
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rt)
	}
	return out
}

// TestBrowserFeedbackListKeepsGradesWholeOnAPhone: on a 360 px phone the
// grade under each score («задовільно», «дуже погано») is not broken in
// the middle of a word by the narrow score column, the list with its
// five-level summary passes axe-core, and each rating is one Tab stop.
func TestBrowserFeedbackListKeepsGradesWholeOnAPhone(t *testing.T) {
	ctx := browserCtx(t)
	m := MustRunMain(t, testConfig(t))
	managerWithRatings(t, m, "Коментар відвідувача про візит до ЦНАП", 1, 2, 3, 4, 5)
	base := m.HTTP.URL()
	browserSignIn(t, ctx, base, "olena", "пароль менеджера")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+"/admin/feedback"),
		chromedp.WaitVisible(chromedp.CSS(`#ratings`))); err != nil {
		t.Fatal(err)
	}
	fitsThePhone(t, ctx, "/admin/feedback")
	checkAxeOn(t, ctx, "/admin/feedback with a rating of each score")
	// From the keyboard each rating is one Tab stop, not two links to the
	// same page.
	stops, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("#ratings a")].filter(a => a.tabIndex >= 0).length`))
	if err != nil || stops != 5 {
		t.Fatalf("the list of 5 ratings has %d Tab stops (%v), want 5", stops, err)
	}
	// A screen reader tells the menu from the pages of the list.
	unnamed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("nav")].filter(n => !n.getAttribute("aria-label")).length`))
	if err != nil || unnamed > 1 {
		t.Fatalf("%d navigation landmarks without a name (%v), at most the menu may be", unnamed, err)
	}
	split, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(wordsSplitJS, "#ratings .sc small")))
	if err != nil || split != "" {
		t.Fatalf("grades broken mid-word on a phone: %q (%v)", split, err)
	}
}
