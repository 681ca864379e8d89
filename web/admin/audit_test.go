package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/staff"
)

// The audit log says what was done in words, in the admin's language, and
// names people by their names; a conflict names the colleague too.
func TestTheAuditLogAndConflictsSpeakInWordsAndNames(t *testing.T) {
	b := newBoard(t)
	editor, _ := b.login("editor")
	admin, csrf := b.login("admin")
	form := b.editForm(editor, "passport", "Як оформити паспорт?", "Нова редакція.")
	form.Set("op", "publish")
	stale := b.editForm(admin, "passport", "Як оформити паспорт?", "Інша редакція.")
	if _, err := b.db.CreateUser(t.Context(), staff.User{Login: "ivan", Name: "Іван Сидоренко", Role: staff.RoleEditor},
		staff.AuditEntry{Actor: "cli", Action: "user.create", Target: "user:ivan"}); err != nil { // vikno users add
		t.Fatal(err)
	}
	if code, _, _ := b.do(editor, "POST", "/admin/kb/save", form); code != http.StatusSeeOther {
		t.Fatalf("publish = %d", code)
	}
	_, page, _ := b.do(admin, "GET", "/admin/appeals/"+b.hot.Number, nil)
	if code, _, _ := b.do(admin, "POST", "/admin/appeals/"+b.hot.Number+"/status", url.Values{"csrf": {csrf},
		"seen": {seenOf(t, page)}, "to": {"in_progress"}, "comment": {"Беремо в роботу"}}); code != http.StatusSeeOther {
		t.Fatalf("status change = %d", code)
	}
	_, conflict, _ := b.do(admin, "POST", "/admin/kb/save", stale)
	if !strings.Contains(conflict, "статтю вже змінено (Name editor,") {
		t.Errorf("the conflict does not name the colleague:\n%.2000s", conflict)
	}
	for _, path := range []string{"/admin/kb", "/admin/kb/passport/history"} {
		if _, html, _ := b.do(admin, "GET", path, nil); !strings.Contains(html, "Name editor") {
			t.Errorf("%s does not name the editor:\n%.3000s", path, html)
		}
	}
	_, page, _ = b.do(admin, "GET", "/admin/appeals/"+b.hot.Number, nil)
	if !strings.Contains(page, "<td>Name admin</td>") || strings.Contains(page, "staff:admin") {
		t.Errorf("the appeal's history does not name the executor:\n%.4000s", page)
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"uk", []string{"<td>командний рядок</td><td>Створення облікового запису</td><td>користувач Іван Сидоренко", "<td>Name editor</td><td>Публікація статті</td><td>стаття passport", "<td>Name admin</td><td>Зміна стану звернення</td><td>звернення " + b.hot.Number + " зареєстровано → в роботі"}},
		{"en", []string{"<td>command line</td><td>Account created</td><td>user Іван Сидоренко", "<td>Name editor</td><td>Article published</td><td>article passport", "<td>Name admin</td><td>Appeal status changed</td><td>appeal " + b.hot.Number + " registered → in progress"}},
	} {
		_, audit, _ := b.do(admin, "GET", "/admin/audit?lang="+tc.lang, nil)
		for _, want := range tc.want {
			if !strings.Contains(audit, want) {
				t.Errorf("%s audit log lacks %q:\n%.3000s", tc.lang, want, audit)
			}
		}
		if strings.Contains(audit, "article.publish") || strings.Contains(audit, "appeal.status") || strings.Contains(audit, "user.create") {
			t.Errorf("%s audit log shows raw codes", tc.lang)
		}
	}
}
