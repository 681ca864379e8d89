package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/web/admin"
)

// seedUnanswered adds an article about the rubbish company (its title names
// no rubbish: the dictionaries know residents' words for rubbish collection)
// and questions the bot could not answer, one of them with a phone number.
func seedUnanswered(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	art := knowledge.Article{ID: "garbage", Title: "Комунальне підприємство «Чисте місто»", Body: "Графік є на сайті міста.", Locale: "uk", Published: true}
	if _, err := e.kb.Save(ctx, []knowledge.Article{art}, "seed"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"коли приїде сміттєвоз", "коли приїде сміттєвоз", "Де приїде сміттєвоз?",
		"коли приїде сміттєвоз 067 123 45 67",
		"як отримати ключі від укриття",
	} {
		if err := e.db.RecordUnanswered(ctx, q, "uk"); err != nil {
			t.Fatal(err)
		}
	}
}

var groupRe = regexp.MustCompile(`<li id="g-([0-9a-f]+)">\s*<p><strong class="question">([^<]*)</strong>`)

// groups returns the group ids of the page with their first question.
func groups(html string) map[string]string {
	out := map[string]string{}
	for _, m := range groupRe.FindAllStringSubmatch(html, -1) {
		out[m[2]] = m[1]
	}
	return out
}

func TestUnansweredQuestionsAreGroupedMaskedAndAddedToAnArticle(t *testing.T) {
	e := newEnv(t, nil)
	seedUnanswered(t, e)
	c, token := e.login("editor")
	code, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	if code != http.StatusOK {
		t.Fatalf("unanswered = %d", code)
	}
	gs := groups(html)
	id, ok := gs["коли приїде сміттєвоз"]
	if len(gs) != 2 || !ok {
		t.Fatalf("groups = %v; want the rubbish truck questions as one group and the shelter one", gs)
	}
	if !strings.Contains(html, `<span class="count">4</span> рази`) {
		t.Error("the group's count (4, with its plural) is not shown")
	}
	if strings.Contains(html, "123 45 67") || !strings.Contains(html, "••• ••• •• ••") {
		t.Error("the phone number in a question is not masked")
	}
	if res, _ := e.kb.Search("коли приїде сміттєвоз", knowledge.SearchOptions{}); res.Verdict == knowledge.Confident {
		t.Fatalf("before: the bot already answers it: %+v", res)
	}

	code, _, _ = e.do(c, "POST", "/admin/unanswered/add", url.Values{"csrf": {token}, "group": {id}, "article_id": {"garbage"}})
	if code != http.StatusSeeOther {
		t.Fatalf("add = %d", code)
	}
	res, err := e.kb.Search("коли приїде сміттєвоз", knowledge.SearchOptions{})
	if err != nil || res.Verdict != knowledge.Confident || res.Hits[0].ID != "garbage" {
		t.Fatalf("after adding, search = %+v, %v; want garbage, confident", res, err)
	}
	a, _ := e.db.FindArticle(context.Background(), "garbage")
	if len(a.Questions) != 1 || a.Questions[0] != "коли приїде сміттєвоз" || a.UpdatedBy != "editor" {
		t.Fatalf("article questions = %q by %q", a.Questions, a.UpdatedBy)
	}
	audit, _ := e.db.ListAudit(context.Background(), 1)
	if len(audit) != 1 || audit[0].Action != "article.add_question" || strings.Contains(audit[0].Detail, "сміттєвоз") {
		t.Fatalf("audit = %+v", audit)
	}
	_, html, _ = e.do(c, "GET", "/admin/unanswered", nil)
	if gs := groups(html); len(gs) != 1 {
		t.Fatalf("after adding, groups = %v; want only the shelter one", gs)
	}

	// A new article starts prefilled with the question; dismissing removes
	// the group.
	shelter := groups(html)["як отримати ключі від укриття"]
	_, form, _ := e.do(c, "GET", "/admin/unanswered/new?group="+shelter, nil)
	if !strings.Contains(form, `value="Як отримати ключі від укриття"`) {
		t.Fatal("the new article is not prefilled with the question")
	}
	if code, _, _ := e.do(c, "POST", "/admin/unanswered/dismiss", url.Values{"csrf": {token}, "group": {shelter}}); code != http.StatusSeeOther {
		t.Fatalf("dismiss = %d", code)
	}
	if _, html, _ = e.do(c, "GET", "/admin/unanswered", nil); len(groups(html)) != 0 {
		t.Fatalf("after dismiss groups = %v", groups(html))
	}
}

func TestAQuestionMarkedUnhelpfulShowsItsArticleFirst(t *testing.T) {
	e := newEnv(t, nil)
	seedUnanswered(t, e)
	ctx := context.Background()
	if err := e.db.RecordUnhelpful(ctx, "як отримати ключі від укриття", "uk", "garbage"); err != nil {
		t.Fatal(err)
	}
	c, _ := e.login("editor")
	_, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	if !strings.Contains(html, `👎 1 · не допомогла відповідь <a href="/admin/kb/garbage">Комунальне підприємство «Чисте місто»</a>`) {
		t.Fatal("the group does not name the article marked 👎")
	}
	id := groups(html)["як отримати ключі від укриття"]
	i := strings.Index(html, `id="a-`+id+`"`)
	if i < 0 || !strings.HasPrefix(html[i:], `id="a-`+id+`" name="article"><option value="garbage">`) {
		t.Fatal("the article marked 👎 is not offered first")
	}
}

func TestAddingWaitsForAnotherEditorsChangeToTheArticle(t *testing.T) {
	var leases vikno.Leases
	e := newEnv(t, func(c *admin.Config) { leases = c.Leases })
	seedUnanswered(t, e)
	c, token := e.login("editor")
	_, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	id := groups(html)["коли приїде сміттєвоз"]
	ctx := context.Background()
	// Another editor's addition holds the article (on any replica).
	if ok, err := leases.Acquire(ctx, "admin:article:garbage", "other", time.Minute); !ok || err != nil {
		t.Fatalf("Acquire = %v, %v", ok, err)
	}
	add := func() int {
		code, _, _ := e.do(c, "POST", "/admin/unanswered/add", url.Values{"csrf": {token}, "group": {id}, "article_id": {"garbage"}})
		return code
	}
	if code := add(); code != http.StatusConflict {
		t.Fatalf("add while the article is held = %d, want 409", code)
	}
	if a, _ := e.db.FindArticle(ctx, "garbage"); len(a.Questions) != 0 {
		t.Fatalf("saved while held: %q", a.Questions)
	}
	leases.Release(ctx, "admin:article:garbage", "other")
	if code := add(); code != http.StatusSeeOther {
		t.Fatalf("add after release = %d", code)
	}
	if a, _ := e.db.FindArticle(ctx, "garbage"); len(a.Questions) != 1 {
		t.Fatalf("questions = %q", a.Questions)
	}
}

func TestUnansweredQuestionsAreForEditorsOnly(t *testing.T) {
	e := newEnv(t, nil)
	seedUnanswered(t, e)
	for _, u := range []staff.User{
		{Login: "hotwater", Role: staff.RoleExecutor, Categories: []string{"no-hot-water"}},
		{Login: "dispatch", Role: staff.RoleDispatcher},
	} {
		u.Name, u.PasswordHash = u.Login, e.users["admin"].PasswordHash
		if _, err := e.db.CreateUser(context.Background(), u, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, login := range []string{"manager", "hotwater", "dispatch"} {
		c, token := e.login(login)
		if code, _, _ := e.do(c, "GET", "/admin/unanswered", nil); code != http.StatusForbidden {
			t.Errorf("%s: list = %d, want 403", login, code)
		}
		if code, _, _ := e.do(c, "POST", "/admin/unanswered/add", url.Values{"csrf": {token}, "group": {"x"}, "article_id": {"garbage"}}); code != http.StatusForbidden {
			t.Errorf("%s: add = %d, want 403", login, code)
		}
		if code, _, _ := e.do(c, "POST", "/admin/unanswered/dismiss", url.Values{"csrf": {token}, "group": {"x"}}); code != http.StatusForbidden {
			t.Errorf("%s: dismiss = %d, want 403", login, code)
		}
	}
	c, _ := e.login("editor")
	_, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	id := groups(html)["коли приїде сміттєвоз"]
	if code, _, _ := e.do(c, "POST", "/admin/unanswered/dismiss", url.Values{"group": {id}}); code != http.StatusForbidden {
		t.Fatalf("dismiss without CSRF = %d, want 403", code)
	}
	if code, _, _ := e.do(c, "POST", "/admin/unanswered/add", url.Values{"csrf": {"x"}, "group": {id}, "article_id": {"garbage"}}); code != http.StatusForbidden {
		t.Fatalf("add with a wrong CSRF = %d, want 403", code)
	}
}

func TestANewArticleWrittenForUnansweredQuestionsTakesThemOffTheList(t *testing.T) {
	e := newEnv(t, nil)
	seedUnanswered(t, e)
	c, _ := e.login("editor")
	_, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	shelter := groups(html)["як отримати ключі від укриття"]
	_, page, _ := e.do(c, "GET", "/admin/unanswered/new?group="+shelter, nil)
	form := url.Values{"csrf": {csrfOf(t, page)}, "new": {"1"}, "id": {"shelter-keys"}, "title": {"Як отримати ключі від укриття?"},
		"body": {"Ключі є в голови ОСББ."}, "locale": {"uk"}, "published": {"on"}, "op": {"preview"}}
	for _, m := range regexp.MustCompile(`name="(group|group_seen)" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		form.Set(m[1], m[2])
	}
	if form.Get("group") != shelter || form.Get("group_seen") == "" {
		t.Fatalf("the new article's form does not carry its group:\n%.3000s", page)
	}
	// A preview keeps the group in the form.
	if _, preview, _ := e.do(c, "POST", "/admin/kb/save", form); !strings.Contains(preview, `name="group" value="`+shelter+`"`) {
		t.Fatalf("the preview lost the group:\n%.3000s", preview)
	}
	form.Set("op", "save")
	if code, body, _ := e.do(c, "POST", "/admin/kb/save", form); code != http.StatusSeeOther {
		t.Fatalf("save = %d:\n%.2000s", code, body)
	}
	_, html, _ = e.do(c, "GET", "/admin/unanswered", nil)
	if gs := groups(html); len(gs) != 1 || gs["коли приїде сміттєвоз"] == "" {
		t.Fatalf("after the article, groups = %v; want only the rubbish truck one", gs)
	}
	// A question asked again after the editor opened the form stays listed.
	if err := e.db.RecordUnanswered(context.Background(), "як отримати ключі від укриття", "uk"); err != nil {
		t.Fatal(err)
	}
	_, html, _ = e.do(c, "GET", "/admin/unanswered", nil)
	if len(groups(html)) != 2 {
		t.Fatalf("a question asked after the save is not listed: %v", groups(html))
	}
}

func TestEditorsAreToldInTheirLanguageWhenAQuestionIsGoneOrAnArticleBusy(t *testing.T) {
	var leases vikno.Leases
	e := newEnv(t, func(c *admin.Config) { leases = c.Leases })
	seedUnanswered(t, e)
	first, token := e.login("editor")
	_, html, _ := e.do(first, "GET", "/admin/unanswered", nil)
	shelter := groups(html)["як отримати ключі від укриття"]
	if code, _, _ := e.do(first, "POST", "/admin/unanswered/dismiss", url.Values{"csrf": {token}, "group": {shelter}}); code != http.StatusSeeOther {
		t.Fatalf("dismiss = %d", code)
	}
	// A second editor's page still shows the group.
	code, body, _ := e.do(first, "POST", "/admin/unanswered/add", url.Values{"csrf": {token}, "group": {shelter}, "article_id": {"passport"}})
	if code != http.StatusNotFound || !strings.Contains(body, "Цього питання вже немає в списку") {
		t.Fatalf("adding a dismissed question = %d:\n%.2000s", code, body)
	}
	// Someone holds the article (another replica saving it): the save is
	// refused with the editor's text kept.
	if ok, err := leases.Acquire(context.Background(), "admin:article:passport", "another-replica", time.Minute); err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	form := e.editForm(first, "passport", "Як оформити паспорт?", "Новий текст відповіді.")
	code, body, _ = e.do(first, "POST", "/admin/kb/save", form)
	if code != http.StatusConflict || !strings.Contains(body, "Цю статтю саме зберігає хтось інший") || !strings.Contains(body, "Новий текст відповіді.") {
		t.Fatalf("save of a held article = %d:\n%.2000s", code, body)
	}
}

func TestAnUnansweredQuestionIsShownAndPrefilledAsTheResidentWroteIt(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	for _, q := range []string{"як зареєструвати дрон у цнап", "Як  зареєструвати дрон у ЦНАП?", "як зареєструвати дрон у цнап?"} {
		if err := e.db.RecordUnanswered(ctx, q, "uk"); err != nil {
			t.Fatal(err)
		}
	}
	c, token := e.login("editor")
	_, html, _ := e.do(c, "GET", "/admin/unanswered", nil)
	g := groups(html)["Як зареєструвати дрон у ЦНАП?"]
	if g == "" || strings.Contains(html, ">як зареєструвати дрон у цнап?<") {
		t.Fatalf("the question is not shown as written: %v\n%.3000s", groups(html), html)
	}
	_, form, _ := e.do(c, "GET", "/admin/unanswered/new?group="+g, nil)
	if !strings.Contains(form, `value="Як зареєструвати дрон у ЦНАП?"`) {
		t.Fatalf("the new article's title is not the question as written:\n%.3000s", form)
	}
	// Added to an article as another wording, it keeps its letters, and
	// the group leaves the list.
	if code, body, _ := e.do(c, "POST", "/admin/unanswered/add", url.Values{"csrf": {token}, "group": {g}, "article_id": {"passport"}}); code != http.StatusSeeOther {
		t.Fatalf("add = %d:\n%.2000s", code, body)
	}
	if a, _ := e.db.FindArticle(ctx, "passport"); !slices.Contains(a.Questions, "Як зареєструвати дрон у ЦНАП?") {
		t.Fatalf("the article's wordings = %q", a.Questions)
	}
	if _, html, _ := e.do(c, "GET", "/admin/unanswered", nil); len(groups(html)) != 0 {
		t.Fatalf("the group is still listed: %v", groups(html))
	}
}
