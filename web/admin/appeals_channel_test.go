package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// The appeal page names the channel the appeal came from as people do,
// in the page's language, not by its code.
func TestAppealPageNamesTheChannelInThePagesLanguage(t *testing.T) {
	b := newBoard(t)
	r, err := b.db.EnsureResident(context.Background(), vikno.Web, "web-resident", "uk")
	if err != nil {
		t.Fatal(err)
	}
	web, err := b.svc.File(context.Background(), cases.AppealDraft{Channel: vikno.Web, ResidentID: r.ID,
		Category: "no-hot-water", Description: "Немає гарячої води", Address: "вул. Зелена, 2"})
	if err != nil {
		t.Fatal(err)
	}
	water, _ := b.login("water")
	for _, tc := range []struct{ number, lang, want, never string }{
		{b.hot.Number, "uk", "<dd>Telegram</dd>", "<dd>telegram</dd>"},
		{web.Appeal.Number, "uk", "<dd>вебчат на сайті</dd>", "<dd>web</dd>"},
		{web.Appeal.Number, "en", "<dd>web chat on the site</dd>", "<dd>web</dd>"},
	} {
		code, page, _ := b.do(water, "GET", "/admin/appeals/"+tc.number+"?lang="+tc.lang, nil)
		if code != http.StatusOK || !strings.Contains(page, tc.want) || strings.Contains(page, tc.never) {
			t.Errorf("%s %s appeal page = %d, want the channel as %q:\n%.3000s", tc.number, tc.lang, code, tc.want, page)
		}
	}
}
