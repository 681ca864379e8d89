package admin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/knowledge"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, text := range files {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upload posts data as the import form's file with the CSRF token.
func (e *env) upload(c *http.Client, token string, data []byte) (int, string) {
	e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", token)
	fw, _ := mw.CreateFormFile("zip", "kb.zip")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", e.srv.URL+"/admin/kb/import", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

const pets = `---
id: pets
title: Як зареєструвати собаку?
questions:
  - реєстрація домашніх тварин
---
Зверніться до **ЦНАП** з ветеринарним паспортом.
`

func TestKBExportsAsAZipThatImportsBack(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	code, data, resp := e.do(c, "GET", "/admin/kb/export.zip", nil)
	if code != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export = %d %s", code, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) != 1 || zr.File[0].Name != "passport.md" {
		t.Fatalf("export zip = %v, %v", zr, err)
	}
	arts, err := knowledge.LoadFS(zr)
	if err != nil || len(arts) != 1 || arts[0].Title != "Як оформити паспорт?" {
		t.Fatalf("exported articles = %+v, %v", arts, err)
	}

	code, html := e.upload(c, token, zipOf(t, map[string]string{"animals/pets.md": pets, "passport.md": mustFile(t, arts[0])}))
	if code != http.StatusOK || !strings.Contains(html, "Імпортовано статей: 2 (нових 1, змінених 0, без змін 1)") {
		t.Fatalf("import = %d:\n%.2000s", code, html)
	}
	res, err := e.kb.Search("реєстрація домашніх тварин", knowledge.SearchOptions{})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "pets" {
		t.Fatalf("the bot does not find the imported article: %+v, %v", res, err)
	}
}

func mustFile(t *testing.T, a knowledge.Article) string {
	t.Helper()
	b, err := knowledge.FormatArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestKBImportIsAllOrNothingWithFileAndLine(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	bad := "---\nid: Bad Id\ntitle: x\n---\nbody\n"
	code, html := e.upload(c, token, zipOf(t, map[string]string{"pets.md": pets, "bad.md": bad}))
	if code != http.StatusBadRequest || !strings.Contains(html, "bad.md:2") {
		t.Fatalf("import of a bad file = %d:\n%.2000s", code, html)
	}
	if _, err := e.db.FindArticle(context.Background(), "pets"); err == nil {
		t.Fatal("the good file was imported although another failed")
	}
	if code, html := e.upload(c, token, []byte("not a zip")); code != http.StatusBadRequest || !strings.Contains(html, "Це не архів .zip") {
		t.Fatalf("not a zip = %d", code)
	}
	// A zip bomb: one small compressed file that unpacks past the limit.
	bomb := zipOf(t, map[string]string{"big.md": "---\nid: big\ntitle: x\n---\n" + strings.Repeat("a", 2<<20)})
	if code, html := e.upload(c, token, bomb); code != http.StatusBadRequest || !strings.Contains(html, "big.md: файл більший за 1024 КБ") {
		t.Fatalf("oversized article = %d:\n%.1500s", code, html)
	}
}

func TestKBFilesAreForEditorsWithTheCSRFToken(t *testing.T) {
	e := newEnv(t, nil)
	m, mtoken := e.login("manager")
	if code, _, _ := e.do(m, "GET", "/admin/kb/export.zip", nil); code != http.StatusForbidden {
		t.Fatalf("manager's export = %d, want 403", code)
	}
	if code, _ := e.upload(m, mtoken, zipOf(t, map[string]string{"pets.md": pets})); code != http.StatusForbidden {
		t.Fatalf("manager's import = %d, want 403", code)
	}
	c, _ := e.login("editor")
	if code, _ := e.upload(c, "wrong", zipOf(t, map[string]string{"pets.md": pets})); code != http.StatusForbidden {
		t.Fatalf("import without the CSRF token = %d, want 403", code)
	}
	if _, err := e.db.FindArticle(context.Background(), "pets"); err == nil {
		t.Fatal("a refused import saved an article")
	}
}

// An import applies the editor's rules: a body longer than one answer
// message, a next step the city does not offer. Nothing is saved, and each
// refused article is named with its file, line and the reason in Ukrainian.
func TestKBImportRefusesWhatTheEditorWouldWithAReasonPerArticle(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	long := "---\nid: long\ntitle: Довга стаття\n---\n" + strings.Repeat("Дуже довгий текст. ", 200) + "\n"
	book := "---\nid: book\ntitle: Запис\naction: book:no-such-service\n---\nТекст.\n"
	appeal := "---\nid: appeal\ntitle: Скарга\naction: appeal:no-such-category\n---\nТекст.\n"
	draft := "---\nid: draft\ntitle: Чернетка\naction: book:no-such-service\npublished: false\n---\nТекст.\n"
	code, html := e.upload(c, token, zipOf(t, map[string]string{
		"pets.md": pets, "long.md": long, "sub/book.md": book, "appeal.md": appeal, "draft.md": draft}))
	if code != http.StatusBadRequest {
		t.Fatalf("import = %d, want 400:\n%.3000s", code, html)
	}
	for _, want := range []string{
		"long.md:5: Текст відповіді задовгий: можна до 3000 символів, а в ньому 3799",
		"sub/book.md:4: Кнопка дії: послуги «no-such-service», на яку можна записатися, у місті немає",
		"appeal.md:4: Кнопка дії: категорії звернень «no-such-category» у місті немає",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page does not say %q:\n%.3000s", want, html)
		}
	}
	if strings.Contains(html, "draft.md") || strings.Contains(html, "pets.md") {
		t.Errorf("a draft's action or a good article is named as a problem:\n%.3000s", html)
	}
	for _, id := range []string{"pets", "draft", "long"} {
		if _, err := e.db.FindArticle(context.Background(), id); err == nil {
			t.Errorf("%s was saved by a refused import", id)
		}
	}
	code, html = e.upload(c, token, zipOf(t, map[string]string{"pets.md": pets, "draft.md": draft}))
	if code != http.StatusOK || !strings.Contains(html, "Імпортовано статей: 2") {
		t.Fatalf("import of the valid ones = %d:\n%.2000s", code, html)
	}
}

// Every problem a file can have is said in the admin's language, after its
// file and line, whichever of the format's rules the file breaks.
func TestKBImportSaysEveryFileProblemInUkrainian(t *testing.T) {
	e := newEnv(t, nil)
	c, token := e.login("editor")
	files := map[string]string{
		"nonutf.md":  "---\nid: x\ntitle: \xff\xfe\n---\n",
		"nofront.md": "Просто текст.\n",
		"open.md":    "---\nid: open\n",
		"yaml.md":    "---\nid: [\n---\n",
		"empty.md":   "---\n---\nТекст.\n",
		"list.md":    "---\n- a\n---\n",
		"twice.md":   "---\nid: twice\nid: twice\ntitle: T\n---\n",
		"unknown.md": "---\nid: unknown\ntitle: U\nfoo: 1\n---\n",
		"single.md":  "---\nid: single\ntitle: [a, b]\n---\n",
		"notlist.md": "---\nid: notlist\ntitle: N\nquestions: текст\n---\n",
		"item.md":    "---\nid: item\ntitle: I\nquestions:\n  -\n---\n",
		"pub.md":     "---\nid: pub\ntitle: P\npublished: так\n---\n",
		"noid.md":    "---\ntitle: T\n---\n",
		"badid.md":   "---\nid: Bad\ntitle: T\n---\n",
		"notitle.md": "---\nid: notitle\n---\n",
		"locale.md":  "---\nid: locale\ntitle: L\nlocale: de\n---\n",
		"action.md":  "---\nid: action\ntitle: A\naction: dance\n---\n",
		"dup1.md":    "---\nid: dup\ntitle: D\n---\n",
		"dup2.md":    "---\nid: dup\ntitle: D\n---\n",
	}
	code, html := e.upload(c, token, zipOf(t, files))
	items := regexp.MustCompile(`<li>([^<]*)</li>`).FindAllStringSubmatch(html, -1)
	if code != http.StatusBadRequest || len(items) != len(files)-1 {
		t.Fatalf("import = %d with %d problems, want 400 with %d:\n%.4000s", code, len(items), len(files)-1, html)
	}
	cyrillic := regexp.MustCompile(`\p{Cyrillic}`)
	for _, it := range items {
		_, reason, _ := strings.Cut(it[1], ": ")
		if !cyrillic.MatchString(reason) {
			t.Errorf("problem %q is not said in Ukrainian", it[1])
		}
	}
	for _, want := range []string{"badid.md:2: Ідентифікатор", "unknown.md:4: Невідомий ключ «foo»", "dup2.md:2: Ідентифікатор «dup» уже має dup1.md"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page does not say %q:\n%.4000s", want, html)
		}
	}
}

// An import refuses what it would change, not an article it leaves as the
// knowledge base already holds it: exporting, fixing one article and
// importing the archive back is not held up by another article that a
// later rule or a change of the city made invalid.
func TestKBImportPassesAnUnchangedArticleThatARuleNowRefuses(t *testing.T) {
	e := newEnv(t, nil)
	old := knowledge.Article{ID: "pickup", Title: "Як забрати документи?", Body: "Без запису.", Locale: "uk", Published: true, Action: "book:gone-service"}
	if _, err := e.db.SaveArticles(context.Background(), []knowledge.Article{old}, "old-import"); err != nil {
		t.Fatal(err)
	}
	c, token := e.login("editor")
	code, html := e.upload(c, token, zipOf(t, map[string]string{"pickup.md": mustFile(t, old), "pets.md": pets}))
	if code != http.StatusOK || !strings.Contains(html, "Імпортовано статей: 2 (нових 1, змінених 0, без змін 1)") {
		t.Fatalf("import with an unchanged old article = %d:\n%.3000s", code, html)
	}
	changed := old
	changed.Body = "Без запису, у вікні видачі."
	code, html = e.upload(c, token, zipOf(t, map[string]string{"pickup.md": mustFile(t, changed)}))
	if code != http.StatusBadRequest || !strings.Contains(html, "pickup.md:") || !strings.Contains(html, "«gone-service»") {
		t.Fatalf("import changing the old article = %d:\n%.3000s", code, html)
	}
}
