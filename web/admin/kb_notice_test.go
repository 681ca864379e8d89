package admin_test

import (
	"net/http"
	"strings"
	"testing"
)

// After a save the editor is told what residents get now: a published
// article answers them at once, a draft or an unpublished one does not.
func TestTheSavedNoticeSaysWhetherTheBotAnswersWithTheArticle(t *testing.T) {
	e := newEnv(t, nil)
	c, _ := e.login("editor")
	for _, tc := range []struct {
		op, published, want, not string
	}{
		{"save", "", "Збережено як чернетку", "Бот уже відповідає"},
		{"publish", "", "Бот уже відповідає новим текстом", "чернетк"},
		{"unpublish", "on", "знято з публікації", "Бот уже відповідає"},
		{"save", "on", "Бот уже відповідає новим текстом", "чернетк"},
	} {
		form := e.editForm(c, "passport", "Як оформити паспорт?", "Зверніться до ЦНАП.")
		form.Set("op", tc.op)
		if tc.published == "" {
			form.Del("published")
		}
		code, _, resp := e.do(c, "POST", "/admin/kb/save", form)
		if code != http.StatusSeeOther {
			t.Fatalf("%s = %d", tc.op, code)
		}
		_, html, _ := e.do(c, "GET", resp.Header.Get("Location"), nil)
		notice := html[strings.Index(html, "<main"):]
		if !strings.Contains(notice, tc.want) || strings.Contains(notice, tc.not) {
			t.Errorf("%s (published=%q): the notice lacks %q or says %q:\n%.1500s", tc.op, tc.published, tc.want, tc.not, notice)
		}
	}
}
