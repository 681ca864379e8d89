package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// What an editor can type wrong in a draft is refused in the editor's
// language, never with knowledge's English message; and a title longer than
// a question (it heads the bot's answer, in the same chat message) is
// refused with the form kept.
func TestADraftsMistakesAreSaidInTheEditorsLanguage(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	form := func(title, action, lang string) url.Values {
		return url.Values{"csrf": {token}, "new": {"1"}, "id": {"draft-check"}, "title": {title}, "body": {"Текст"},
			"locale": {"uk"}, "action": {action}, "op": {"save"}, "lang": {lang}}
	}
	long := strings.Repeat("Як оформити довідку? ", 12) // 251 characters
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"words in the action", form("Як записатися?", "запис на прийом", "uk"), "Кнопка дії «запис на прийом» невідома"},
		{"words in the action, English", form("Як записатися?", "book me", "en"), "Action button «book me» is unknown"},
		{"a long title", form(long, "", "uk"), "Заголовок задовгий: можна до 200 символів, а в ньому 251."},
		{"a long title, English", form(long, "", "en"), "The title is too long: up to 200 characters, and it has 251."},
	} {
		code, html, _ := e.do(c, "POST", "/admin/kb/save?lang="+tc.form.Get("lang"), tc.form)
		if code != http.StatusBadRequest || !strings.Contains(html, tc.want) || strings.Contains(html, "is not book:") {
			t.Errorf("%s = %d, want 400 with %q:\n%.2000s", tc.name, code, tc.want, html)
		}
	}
	if code, html, _ := e.do(c, "POST", "/admin/kb/save", form(strings.Repeat("ї", 200), "", "uk")); code != http.StatusSeeOther {
		t.Fatalf("a 200-character title = %d:\n%.2000s", code, html)
	}
}

// A double click on «Зберегти» saves once and shows the saved article: not
// «Стаття з ідентифікатором … уже є» for a new one, nor «статтю вже змінено»
// naming the editor themselves. Another editor's form is still refused.
func TestAnArticleFormSentTwiceIsSavedOnce(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	fresh := url.Values{"csrf": {token}, "new": {"1"}, "id": {"double"}, "title": {"Як?"}, "body": {"Ось так.\n"},
		"locale": {"uk"}, "published": {"on"}, "op": {"save"}}
	edit := func() url.Values {
		return e.editForm(c, "passport", "Як оформити паспорт?", "Нова редакція.\r\n")
	}
	for _, tc := range []struct {
		name string
		form url.Values
		id   string
	}{{"a new article", fresh, "double"}, {"an edit", edit(), "passport"}} {
		before, err := e.db.ArticleRevisions(t.Context(), tc.id)
		if err != nil && tc.id == "passport" {
			t.Fatal(err)
		}
		for i := range 2 {
			if code, html, _ := e.do(c, "POST", "/admin/kb/save", tc.form); code != http.StatusSeeOther {
				t.Fatalf("%s, post %d = %d:\n%.2000s", tc.name, i+1, code, html)
			}
		}
		if after, _ := e.db.ArticleRevisions(t.Context(), tc.id); len(after) != len(before)+1 {
			t.Errorf("%s sent twice made %d versions", tc.name, len(after)-len(before))
		}
	}
	other, _ := e.login("admin")
	stale := e.editForm(other, "passport", "Як оформити паспорт?", "Інша редакція.")
	e.do(c, "POST", "/admin/kb/save", e.editForm(c, "passport", "Як оформити паспорт?", "Третя редакція."))
	if code, _, _ := e.do(other, "POST", "/admin/kb/save", stale); code != http.StatusConflict {
		t.Errorf("a stale form of another editor = %d, want 409", code)
	}
}
