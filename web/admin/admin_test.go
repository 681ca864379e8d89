package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/web/admin"
)

const password = "правильний пароль"

type env struct {
	t     *testing.T
	srv   *httptest.Server
	db    *sqlstore.DB
	kb    *knowledge.Service
	users map[string]staff.User
}

func newEnv(t *testing.T, tweak func(*admin.Config)) *env {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "vikno.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	eph := memory.New()
	t.Cleanup(func() { eph.Close() })
	art := knowledge.Article{ID: "passport", Title: "Як оформити паспорт?", Body: "Зверніться до **ЦНАП**.", Locale: "uk", Published: true}
	if _, err := db.SaveArticles(ctx, []knowledge.Article{art}, "seed"); err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.NewService(ctx, db, eph, knowledge.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, kb: kb, users: map[string]staff.User{}}
	hash, _ := staff.HashPassword(password)
	for _, u := range []staff.User{
		{Login: "admin", Role: staff.RoleAdmin},
		{Login: "editor", Role: staff.RoleEditor},
		{Login: "manager", Role: staff.RoleManager, Level: cases.LevelLocation, Scope: cfg.City.Locations[0].ID},
		{Login: "gone", Role: staff.RoleEditor, Disabled: true},
	} {
		u.PasswordHash, u.Name = hash, "Name "+u.Login
		if e.users[u.Login], err = db.CreateUser(ctx, u, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	c := admin.Config{Staff: db, Articles: db, KB: kb, Limiter: eph, City: cfg.City,
		Dashboard: db, Queue: &cases.Queue{City: cfg.City, KV: eph}, Unanswered: db, Leases: eph}
	if tweak != nil {
		tweak(&c)
	}
	h, err := admin.New(c)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

// browser is a client with its own cookies that does not follow redirects.
func (e *env) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *env) do(c *http.Client, method, path string, form url.Values) (int, string, *http.Response) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, html string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no csrf field in:\n%.1500s", html)
	}
	return m[1]
}

// login signs in as login and returns the signed-in client and the CSRF
// token of its forms.
func (e *env) login(login string) (*http.Client, string) {
	e.t.Helper()
	c := e.browser()
	code, status := e.tryLogin(c, login, password)
	if code != http.StatusSeeOther {
		e.t.Fatalf("sign-in of %s = %d:\n%.1500s", login, code, status)
	}
	_, html, _ := e.do(c, "GET", "/admin/", nil)
	return c, csrfOf(e.t, html)
}

func (e *env) tryLogin(c *http.Client, login, pw string) (int, string) {
	_, html, _ := e.do(c, "GET", "/admin/login", nil)
	code, body, _ := e.do(c, "POST", "/admin/login", url.Values{"csrf": {csrfOf(e.t, html)}, "login": {login}, "password": {pw}})
	return code, body
}

func TestSignInSetsAHardenedSessionCookieAndSignOutEndsIt(t *testing.T) {
	e := newEnv(t, func(c *admin.Config) { c.SecureCookies = true })
	c := e.browser()
	_, html, _ := e.do(c, "GET", "/admin/login", nil)
	code, _, resp := e.do(c, "POST", "/admin/login", url.Values{"csrf": {csrfOf(t, html)}, "login": {"Editor"}, "password": {password}})
	if code != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/" {
		t.Fatalf("sign-in = %d → %q", code, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "vikno_admin" && ck.MaxAge > 0 {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode || session.Path != "/admin/" {
		t.Fatalf("session cookie = %+v", session)
	}
	if len(session.Value) < 40 {
		t.Fatalf("session token %d characters: too short", len(session.Value))
	}
	if _, _, err := e.db.FindSession(context.Background(), session.Value); !vikno.IsNotFound(err) {
		t.Fatal("the raw session token is stored in the database; only its hash may be")
	}
	// httptest is plain HTTP: the jar does not send Secure cookies back.
	c.Jar.SetCookies(mustURL(e.srv.URL+"/admin/"), []*http.Cookie{{Name: "vikno_admin", Value: session.Value, Path: "/admin/"}})
	code, home, _ := e.do(c, "GET", "/admin/", nil)
	if code != http.StatusOK || !strings.Contains(home, "Name editor") {
		t.Fatalf("home = %d", code)
	}
	if code, _, _ := e.do(c, "POST", "/admin/logout", url.Values{"csrf": {csrfOf(t, home)}}); code != http.StatusSeeOther {
		t.Fatalf("logout = %d", code)
	}
	if code, _, resp := e.do(c, "GET", "/admin/", nil); code != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Fatalf("after logout /admin/ = %d, want a redirect to sign in", code)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestWrongPasswordsUnknownAndDisabledAccountsAreRefusedAlike(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct{ login, pw string }{{"editor", "неправильний пароль"}, {"nobody", password}, {"gone", password}} {
		code, body := e.tryLogin(e.browser(), tc.login, tc.pw)
		if code != http.StatusUnauthorized || !strings.Contains(body, "Неправильний логін або пароль") {
			t.Errorf("sign-in %s = %d", tc.login, code)
		}
	}
}

func TestSignInIsRateLimitedPerLogin(t *testing.T) {
	e := newEnv(t, nil)
	var codes []int
	for range 7 {
		code, _ := e.tryLogin(e.browser(), "editor", "неправильний пароль")
		codes = append(codes, code)
	}
	if codes[0] != http.StatusUnauthorized || codes[6] != http.StatusTooManyRequests {
		t.Fatalf("codes of 7 wrong attempts = %v; want 401 first, 429 last", codes)
	}
	// The right password does not get through while the login is limited.
	if code, body := e.tryLogin(e.browser(), "editor", password); code != http.StatusTooManyRequests || !strings.Contains(body, "Забагато спроб") {
		t.Fatalf("right password while limited = %d", code)
	}
	// Another login from the same address still works.
	e.login("admin")
}

func TestSignInIsRateLimitedPerAddress(t *testing.T) {
	e := newEnv(t, func(c *admin.Config) { c.LoginLimitIP = vikno.Limit{Events: 3, Per: 1 << 40, Burst: 3} })
	for i := range 3 {
		if code, _ := e.tryLogin(e.browser(), "user"+string(rune('a'+i)), "x"); code != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d", i, code)
		}
	}
	if code, _ := e.tryLogin(e.browser(), "admin", password); code != http.StatusTooManyRequests {
		t.Fatalf("fourth attempt from one address = %d, want 429", code)
	}
}

func TestFormsWithoutTheCSRFTokenAreRefused(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	form := url.Values{"id": {"passport"}, "title": {"Підроблено"}, "body": {"x"}, "locale": {"uk"}, "op": {"save"}}
	if code, body, _ := e.do(c, "POST", "/admin/kb/save", form); code != http.StatusForbidden || !strings.Contains(body, "Форма застаріла") {
		t.Fatalf("save without token = %d", code)
	}
	form.Set("csrf", strings.Repeat("0", len(token)))
	if code, _, _ := e.do(c, "POST", "/admin/kb/save", form); code != http.StatusForbidden {
		t.Fatalf("save with a wrong token = %d", code)
	}
	if code, _, _ := e.do(c, "POST", "/admin/logout", url.Values{}); code != http.StatusForbidden {
		t.Fatalf("logout without token = %d", code)
	}
	a, _ := e.db.FindArticle(context.Background(), "passport")
	if a.Title == "Підроблено" {
		t.Fatal("a forged form changed the article")
	}
	// Signing in needs the pre-login token of the form's own cookie.
	other := e.browser()
	if code, _, _ := e.do(other, "POST", "/admin/login", url.Values{"login": {"editor"}, "password": {password}, "csrf": {"guess"}}); code != http.StatusForbidden {
		t.Fatalf("sign-in without the form's token = %d", code)
	}
}

func TestEveryPageChecksTheRole(t *testing.T) {
	e := newEnv(t, nil)
	manager, _ := e.login("manager")
	editor, _ := e.login("editor")
	admin, _ := e.login("admin")
	anonymous := e.browser()
	tests := []struct {
		name   string
		client *http.Client
		path   string
		want   int
	}{
		{"ManagerCannotOpenTheKnowledgeBase", manager, "/admin/kb", http.StatusForbidden},
		{"ManagerCannotOpenAnArticle", manager, "/admin/kb/passport", http.StatusForbidden},
		{"ManagerCannotOpenHistory", manager, "/admin/kb/passport/history", http.StatusForbidden},
		{"EditorCannotOpenTheAuditLog", editor, "/admin/audit", http.StatusForbidden},
		{"EditorCannotListUsers", editor, "/admin/users", http.StatusForbidden},
		{"EditorOpensTheKnowledgeBase", editor, "/admin/kb", http.StatusOK},
		{"AdminOpensTheAuditLog", admin, "/admin/audit", http.StatusOK},
		{"AdminListsUsers", admin, "/admin/users", http.StatusOK},
		{"AnonymousIsSentToSignIn", anonymous, "/admin/kb", http.StatusSeeOther},
		{"UnknownArticleIsNotFound", editor, "/admin/kb/no-such", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := e.do(tt.client, "GET", tt.path, nil); code != tt.want {
				t.Fatalf("GET %s = %d, want %d", tt.path, code, tt.want)
			}
		})
	}
	// A manager's valid form token does not open an editor's action.
	c, token := e.login("manager")
	form := url.Values{"csrf": {token}, "id": {"passport"}, "title": {"Менеджер"}, "locale": {"uk"}, "op": {"save"}}
	if code, _, _ := e.do(c, "POST", "/admin/kb/save", form); code != http.StatusForbidden {
		t.Fatalf("manager's save = %d, want 403", code)
	}
}

func TestEditingAnArticleChangesTheBotsAnswerAndKeepsHistory(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	save := func(body, op string) int {
		code, _, _ := e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "id": {"passport"},
			"title": {"Як оформити паспорт?"}, "body": {body}, "locale": {"uk"}, "published": {"on"}, "op": {op}})
		return code
	}
	if code := save("Запишіться онлайн до **ЦНАП**.", "save"); code != http.StatusSeeOther {
		t.Fatalf("save = %d", code)
	}
	a, err := e.kb.Article("passport")
	if err != nil || a.Body != "Запишіться онлайн до **ЦНАП**." || a.UpdatedBy != "editor" {
		t.Fatalf("the bot's article after save = %+v, %v", a, err)
	}
	audit, _ := e.db.ListAudit(context.Background(), 1)
	if len(audit) != 1 || audit[0].Action != "article.save" || audit[0].Actor != "editor" || audit[0].Target != "article:passport" {
		t.Fatalf("audit = %+v", audit)
	}
	_, hist, _ := e.do(c, "GET", "/admin/kb/passport/history", nil)
	if !strings.Contains(hist, `<div class="add">+ Запишіться онлайн до **ЦНАП**.</div>`) ||
		!strings.Contains(hist, `<div class="del">- Зверніться до **ЦНАП**.</div>`) {
		t.Fatalf("history shows no diff:\n%.3000s", hist)
	}
	if code, _, _ := e.do(c, "POST", "/admin/kb/passport/restore", url.Values{"csrf": {token}, "version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("restore = %d", code)
	}
	if a, _ := e.kb.Article("passport"); a.Body != "Зверніться до **ЦНАП**." {
		t.Fatalf("after restore body = %q", a.Body)
	}
	if code := save("Запишіться онлайн.", "unpublish"); code != http.StatusSeeOther {
		t.Fatalf("unpublish = %d", code)
	}
	if _, err := e.kb.Article("passport"); !vikno.IsNotFound(err) {
		t.Fatalf("unpublished article still answers: %v", err)
	}
	revs, _ := e.db.ArticleRevisions(context.Background(), "passport")
	if len(revs) != 4 || revs[0].Published {
		t.Fatalf("revisions = %d, newest published=%v", len(revs), revs[0].Published)
	}
}

func TestScriptInAnArticleRendersInertInThePreview(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	code, html, _ := e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "new": {"1"}, "id": {"xss"},
		"title": {"<script>alert(1)</script>"}, "body": {"[click](javascript:alert(1)) <img src=x onerror=alert(1)>"},
		"locale": {"uk"}, "op": {"preview"}})
	if code != http.StatusOK {
		t.Fatalf("preview = %d", code)
	}
	if strings.Contains(html, "<script>alert") || strings.Contains(html, "<img src=x") || strings.Contains(html, `href="javascript:`) {
		t.Fatalf("active markup in the preview:\n%s", html)
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatal("the title is not shown escaped")
	}
}

func TestInvalidArticleIsRefusedWithTheReason(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	code, html, _ := e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "new": {"1"}, "id": {"Bad Id"},
		"title": {"x"}, "locale": {"uk"}, "op": {"save"}})
	if code != http.StatusBadRequest || !strings.Contains(html, "Ідентифікатор «Bad Id» не підходить") {
		t.Fatalf("bad id = %d:\n%.2000s", code, html)
	}
	code, _, _ = e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "new": {"1"}, "id": {"passport"},
		"title": {"x"}, "locale": {"uk"}, "op": {"save"}})
	if code != http.StatusConflict {
		t.Fatalf("new article over an existing id = %d, want 409", code)
	}
}

func TestEnglishPagesByHeaderOrSwitch(t *testing.T) {
	e := newEnv(t, nil)
	req, _ := http.NewRequest("GET", e.srv.URL+"/admin/login", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Sign in") {
		t.Fatal("English browser got no English page")
	}
	c := e.browser()
	if _, html, _ := e.do(c, "GET", "/admin/login?lang=en", nil); !strings.Contains(html, "Sign in") {
		t.Fatal("?lang=en ignored")
	}
	if _, html, _ := e.do(c, "GET", "/admin/login", nil); !strings.Contains(html, "Sign in") {
		t.Fatal("the chosen language is not remembered")
	}
	if _, html, _ := e.do(e.browser(), "GET", "/admin/login", nil); !strings.Contains(html, "Увійти") {
		t.Fatal("Ukrainian is not the default")
	}
}

func TestOversizedFormIsRefusedAndChangesNothing(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	code, body, _ := e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "id": {"passport"}, "title": {"x"},
		"body": {strings.Repeat("я", 1<<20)}, "locale": {"uk"}, "op": {"save"}})
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Форма завелика: можна надіслати до 1 МБ") ||
		strings.Contains(body, "Форма застаріла") {
		t.Fatalf("a 2 MB form = %d, want 413 that says it is too large:\n%.2000s", code, body)
	}
	if a, _ := e.db.FindArticle(context.Background(), "passport"); a.Title == "x" {
		t.Fatal("the oversized form was saved")
	}
}

var seenFieldRe = regexp.MustCompile(`name="seen" value="([^"]*)"`)

// editForm opens the article's editor and returns its form as a browser
// would send it, with the title and body changed.
func (e *env) editForm(c *http.Client, id, title, body string) url.Values {
	e.t.Helper()
	code, html, _ := e.do(c, "GET", "/admin/kb/"+id, nil)
	m := seenFieldRe.FindStringSubmatch(html)
	if code != http.StatusOK || m == nil {
		e.t.Fatalf("editor of %s = %d, no seen field:\n%.2000s", id, code, html)
	}
	return url.Values{"csrf": {csrfOf(e.t, html)}, "id": {id}, "seen": {m[1]}, "title": {title}, "body": {body},
		"locale": {"uk"}, "published": {"on"}, "op": {"save"}}
}

func TestASaveOverAnArticleChangedSinceItWasOpenedIsRefusedAndKeepsTheForm(t *testing.T) {
	e := newEnv(t, nil)
	first, _ := e.login("editor")
	second, _ := e.login("admin")
	form1 := e.editForm(first, "passport", "Як оформити паспорт?", "Перша редакція: зверніться до ЦНАП.")
	form2 := e.editForm(second, "passport", "Як оформити паспорт громадянина?", "Друга редакція від іншого редактора.")
	if code, _, _ := e.do(first, "POST", "/admin/kb/save", form1); code != http.StatusSeeOther {
		t.Fatalf("first save = %d", code)
	}
	code, html, _ := e.do(second, "POST", "/admin/kb/save", form2)
	if code != http.StatusConflict || !strings.Contains(html, "Поки Ви редагували, статтю вже змінено (Name editor,") ||
		!strings.Contains(html, "Друга редакція від іншого редактора.") {
		t.Fatalf("save over a newer version = %d:\n%.3000s", code, html)
	}
	if a, _ := e.db.FindArticle(context.Background(), "passport"); a.Body != "Перша редакція: зверніться до ЦНАП." {
		t.Fatalf("the first editor's save was overwritten: %q", a.Body)
	}
	// Reopened, the article saves.
	form2 = e.editForm(second, "passport", "Як оформити паспорт громадянина?", "Друга редакція від іншого редактора.")
	if code, _, _ := e.do(second, "POST", "/admin/kb/save", form2); code != http.StatusSeeOther {
		t.Fatalf("save of the reopened article = %d", code)
	}
	// A wording added from the unanswered questions is a change too.
	form1 = e.editForm(first, "passport", "Як оформити паспорт громадянина?", "Третя редакція.")
	if _, err := e.db.SaveArticles(context.Background(), []knowledge.Article{{ID: "passport",
		Title: "Як оформити паспорт громадянина?", Questions: []string{"де зробити паспорт"},
		Body: "Друга редакція від іншого редактора.", Locale: "uk", Published: true}}, "ivan"); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := e.do(first, "POST", "/admin/kb/save", form1); code != http.StatusConflict {
		t.Fatalf("save over an added wording = %d, want 409", code)
	}
	if a, _ := e.db.FindArticle(context.Background(), "passport"); len(a.Questions) != 1 {
		t.Fatalf("the added wording was lost: %+v", a)
	}
}

func TestANewArticleUnderATakenIDSaysSoInTheEditorsLanguage(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	code, html, _ := e.do(c, "POST", "/admin/kb/save", url.Values{"csrf": {token}, "new": {"1"}, "id": {"passport"},
		"title": {"Дубль"}, "body": {"Текст"}, "locale": {"uk"}, "op": {"save"}})
	if code != http.StatusConflict || !strings.Contains(html, "Стаття з ідентифікатором «passport» уже є") || strings.Contains(html, "Conflict") {
		t.Fatalf("new article over a taken id = %d:\n%.3000s", code, html)
	}
	if a, _ := e.db.FindArticle(context.Background(), "passport"); a.Title == "Дубль" {
		t.Fatal("the article was overwritten")
	}
}

func TestAFormThatIsNotTextIsRefusedAndChangesNothing(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	for name, form := range map[string]url.Values{
		"invalid UTF-8 in the title": {"csrf": {token}, "new": {"1"}, "id": {"bad-text"}, "title": {"\xff\xfe Паспорт"},
			"body": {"Текст"}, "locale": {"uk"}, "op": {"save"}},
		"a NUL byte in the body": {"csrf": {token}, "new": {"1"}, "id": {"bad-text"}, "title": {"Паспорт"},
			"body": {"Текст\x00"}, "locale": {"uk"}, "op": {"save"}},
		"invalid UTF-8 in a field name": {"csrf": {token}, "new": {"1"}, "id": {"bad-text"}, "title": {"Паспорт"},
			"body": {"Текст"}, "locale": {"uk"}, "op": {"save"}, "\xc3\x28": {"x"}},
	} {
		code, body, _ := e.do(c, "POST", "/admin/kb/save", form)
		if code != http.StatusBadRequest || !strings.Contains(body, "символи, що не є текстом") {
			t.Fatalf("%s = %d:\n%.2000s", name, code, body)
		}
	}
	if _, err := e.db.FindArticle(context.Background(), "bad-text"); !vikno.IsNotFound(err) {
		t.Fatalf("an article that is not text was saved (err %v)", err)
	}
}

func TestAnArticleIsCheckedInTheEditorsLanguageAndItsButtonAgainstTheCity(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	form := func(id, title, action string) url.Values {
		return url.Values{"csrf": {token}, "new": {"1"}, "id": {id}, "title": {title}, "body": {"Текст"},
			"locale": {"uk"}, "action": {action}, "published": {"on"}, "op": {"save"}}
	}
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no id", form("", "Як?", ""), "Вкажіть ідентифікатор статті"},
		{"no title", form("drone", " ", ""), "Вкажіть заголовок"},
		{"a service the city lacks", form("drone", "Як зареєструвати дрон?", "book:drone-registration"),
			"послуги «drone-registration», на яку можна записатися, у місті немає"},
		{"a category the city lacks", form("drone", "Як зареєструвати дрон?", "appeal:drones"),
			"категорії звернень «drones» у місті немає"},
		{"an unknown action", form("drone", "Як зареєструвати дрон?", "call"), "Кнопка дії «call» невідома"},
	} {
		code, html, _ := e.do(c, "POST", "/admin/kb/save", tc.form)
		if code != http.StatusBadRequest || !strings.Contains(html, tc.want) {
			t.Fatalf("%s = %d:\n%.2000s", tc.name, code, html)
		}
	}
	// A draft may keep a wrong button until it is published; taking an
	// article down is never held up by it.
	draft := form("drone", "Як зареєструвати дрон?", "book:drone-registration")
	draft.Del("published")
	if code, html, _ := e.do(c, "POST", "/admin/kb/save", draft); code != http.StatusSeeOther {
		t.Fatalf("draft with a wrong button = %d:\n%.2000s", code, html)
	}
	for op, want := range map[string]int{"publish": http.StatusBadRequest, "unpublish": http.StatusSeeOther} {
		f := e.editForm(c, "drone", "Як зареєструвати дрон?", "Текст")
		f.Set("action", "book:drone-registration")
		f.Set("op", op)
		if code, html, _ := e.do(c, "POST", "/admin/kb/save", f); code != want {
			t.Fatalf("%s with a wrong button = %d, want %d:\n%.2000s", op, code, want, html)
		}
	}
	for _, action := range []string{"book:id-card", "appeal:pothole", "queue", "status", ""} {
		id := "ok-" + strings.NewReplacer(":", "-").Replace(action)
		if code, html, _ := e.do(c, "POST", "/admin/kb/save", form(id, "Як?", action)); code != http.StatusSeeOther {
			t.Fatalf("action %q = %d:\n%.2000s", action, code, html)
		}
	}
}

func TestTheArticleListFindsAWordWhateverApostropheItIsTypedWith(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.kb.Save(context.Background(), []knowledge.Article{{ID: "congress", Title: "Як отримати пам’ятку про з'їзд?",
		Questions: []string{"довідка про зʼїзд"}, Body: "У ЦНАП.", Locale: "uk", Published: true}}, "seed"); err != nil {
		t.Fatal(err)
	}
	c, _ := e.login("editor")
	for _, q := range []string{"з’їзд", "з'їзд", "зʼїзд", "пам'ятку", "ПАМ’ЯТКУ"} {
		_, html, _ := e.do(c, "GET", "/admin/kb?q="+url.QueryEscape(q), nil)
		if !strings.Contains(html, `href="/admin/kb/congress"`) {
			t.Errorf("search %q does not find the article", q)
		}
	}
}

// restoreForm opens the article's history and returns the form of its
// «Restore this version» button for version.
func (e *env) restoreForm(c *http.Client, id string, version int) url.Values {
	e.t.Helper()
	code, html, _ := e.do(c, "GET", "/admin/kb/"+id+"/history", nil)
	if code != http.StatusOK {
		e.t.Fatalf("history of %s = %d", id, code)
	}
	form := url.Values{"csrf": {csrfOf(e.t, html)}, "version": {strconv.Itoa(version)}}
	if m := seenFieldRe.FindStringSubmatch(html); m != nil {
		form.Set("seen", m[1])
	}
	return form
}

func TestARestoreOverANewerSaveOrAHeldArticleIsRefused(t *testing.T) {
	var leases vikno.Leases
	e := newEnv(t, func(c *admin.Config) { leases = c.Leases })
	ctx := context.Background()
	first, _ := e.login("editor")
	second, _ := e.login("admin")
	if code, _, _ := e.do(first, "POST", "/admin/kb/save", e.editForm(first, "passport", "Як оформити паспорт?", "Друга версія.")); code != http.StatusSeeOther {
		t.Fatalf("save = %d", code)
	}
	restore := e.restoreForm(first, "passport", 1) // the history shows versions 2 and 1
	if code, _, _ := e.do(second, "POST", "/admin/kb/save", e.editForm(second, "passport", "Як оформити паспорт?", "Третя версія від адміністратора.")); code != http.StatusSeeOther {
		t.Fatalf("second save = %d", code)
	}
	code, html, _ := e.do(first, "POST", "/admin/kb/passport/restore", restore)
	if code != http.StatusConflict || !strings.Contains(html, "статтю вже змінено (Name admin,") || !strings.Contains(html, "Третя версія від адміністратора.") {
		t.Fatalf("restore over a newer save = %d:\n%.3000s", code, html)
	}
	if a, _ := e.db.FindArticle(ctx, "passport"); a.Body != "Третя версія від адміністратора." {
		t.Fatalf("the newer save was overwritten by the restore: %q", a.Body)
	}
	// Someone holds the article (another replica saving it).
	restore = e.restoreForm(first, "passport", 1)
	if ok, err := leases.Acquire(ctx, "admin:article:passport", "another-replica", time.Minute); err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	code, html, _ = e.do(first, "POST", "/admin/kb/passport/restore", restore)
	if code != http.StatusConflict || !strings.Contains(html, "Цю статтю саме зберігає хтось інший") {
		t.Fatalf("restore of a held article = %d:\n%.3000s", code, html)
	}
	if a, _ := e.db.FindArticle(ctx, "passport"); a.Body != "Третя версія від адміністратора." {
		t.Fatalf("a held article was restored: %q", a.Body)
	}
	leases.Release(ctx, "admin:article:passport", "another-replica")
	// From a history that shows the newest version, the restore goes.
	if code, _, _ := e.do(first, "POST", "/admin/kb/passport/restore", e.restoreForm(first, "passport", 1)); code != http.StatusSeeOther {
		t.Fatalf("restore from a fresh history = %d", code)
	}
	if a, _ := e.db.FindArticle(ctx, "passport"); a.Body != "Зверніться до **ЦНАП**." {
		t.Fatalf("after restore body = %q", a.Body)
	}
}

func TestAnArticleBodyTooLongForOneChatMessageIsRefusedWithTheFormKept(t *testing.T) {
	e := newEnv(t, nil)
	c, _ := e.login("editor")
	long := strings.Repeat("Візьміть паспорт і довідку про місце проживання. ", 70) // 3430 characters
	form := e.editForm(c, "passport", "Як оформити паспорт?", long)
	code, html, _ := e.do(c, "POST", "/admin/kb/save", form)
	if code != http.StatusBadRequest || !strings.Contains(html, "Текст відповіді задовгий: можна до 3000 символів, а в ньому 3429.") ||
		!strings.Contains(html, strings.TrimSpace(long)) {
		t.Fatalf("a 3429-character body = %d:\n%.3000s", code, html)
	}
	if a, _ := e.db.FindArticle(context.Background(), "passport"); a.Body != "Зверніться до **ЦНАП**." {
		t.Fatalf("the long body was saved: %d characters", len([]rune(a.Body)))
	}
	form.Set("lang", "en")
	if code, en, _ := e.do(c, "POST", "/admin/kb/save?lang=en", form); code != http.StatusBadRequest ||
		!strings.Contains(en, "The answer text is too long: up to 3000 characters, and it has 3429.") {
		t.Fatalf("in English = %d:\n%.3000s", code, en)
	}
	fits := strings.Repeat("ї", 3000) // the limit counts characters, not bytes
	if code, html, _ := e.do(c, "POST", "/admin/kb/save?lang=uk", e.editForm(c, "passport", "Як оформити паспорт?", fits)); code != http.StatusSeeOther {
		t.Fatalf("a 3000-character body = %d:\n%.3000s", code, html)
	}
}

// A version saved before a rule existed, or against a city that has
// changed since, is not restored past the editor's checks: the history
// says why and the article stays as it is.
func TestARestoreIsRefusedWhenTheVersionBreaksTheEditorsRules(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	long := knowledge.Article{ID: "passport", Title: "Як оформити паспорт?", Body: strings.Repeat("Довгий текст. ", 250), Locale: "uk", Published: true}
	gone := knowledge.Article{ID: "passport", Title: "Як оформити паспорт?", Body: "Запишіться.", Locale: "uk", Published: true, Action: "book:closed-service"}
	for _, a := range []knowledge.Article{long, gone} { // versions 2 and 3, saved past the editor
		if _, err := e.db.SaveArticles(ctx, []knowledge.Article{a}, "old-import"); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := e.login("editor")
	if code, _, _ := e.do(c, "POST", "/admin/kb/save", e.editForm(c, "passport", "Як оформити паспорт?", "Четверта версія.")); code != http.StatusSeeOther {
		t.Fatalf("save = %d", code)
	}
	for _, tc := range []struct {
		version int
		want    string
	}{
		{2, "Версію 2 не відновлено: Текст відповіді задовгий: можна до 3000 символів, а в ньому 3499"},
		{3, "Версію 3 не відновлено: Кнопка дії: послуги «closed-service», на яку можна записатися, у місті немає"},
	} {
		code, html, _ := e.do(c, "POST", "/admin/kb/passport/restore", e.restoreForm(c, "passport", tc.version))
		if code != http.StatusBadRequest || !strings.Contains(html, tc.want) {
			t.Errorf("restore of version %d = %d, want 400 saying %q:\n%.3000s", tc.version, code, tc.want, html)
		}
	}
	if a, _ := e.db.FindArticle(ctx, "passport"); a.Body != "Четверта версія." {
		t.Fatalf("a refused restore changed the article: %q", a.Body)
	}
}

func TestTheHistorySaysPublishedInThePagesLanguage(t *testing.T) {
	e := newEnv(t, nil)
	c, _ := e.login("editor")
	form := e.editForm(c, "passport", "Як оформити паспорт?", "Зверніться до **ЦНАП**.")
	form.Set("op", "unpublish")
	if code, _, _ := e.do(c, "POST", "/admin/kb/save", form); code != http.StatusSeeOther {
		t.Fatalf("unpublish = %d", code)
	}
	_, html, _ := e.do(c, "GET", "/admin/kb/passport/history", nil)
	row := regexp.MustCompile(`<tr><th scope="row">Опубліковано</th>.*?</tr>`).FindString(html)
	if !strings.Contains(row, ">так<") || !strings.Contains(row, ">ні<") || strings.Contains(html, "false") {
		t.Fatalf("the published row = %q:\n%.3000s", row, html)
	}
	// which value is the old one is said in words, not by colour alone
	if !strings.Contains(html, `<th scope="col">Було</th><th scope="col">Стало</th>`) {
		t.Fatalf("the changed fields have no «Було» / «Стало» headers:\n%.3000s", html)
	}
}
