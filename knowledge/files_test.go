package knowledge

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseArticleReadsAllKeys(t *testing.T) {
	src := "---\nid: passport-abroad-documents\ntitle: Які документи потрібні?\nquestions:\n  - що треба для закордонного\n  - \"питання: з двокрапкою\"\ntags: [паспорт, закордонний]\ncategory: Паспортні послуги\nlocale: uk\naction: book:passport\npublished: false\n---\n\nТіло **статті**.\n\n- пункт\n"
	got, err := ParseArticle("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := Article{
		ID: "passport-abroad-documents", Title: "Які документи потрібні?",
		Questions: []string{"що треба для закордонного", "питання: з двокрапкою"},
		Tags:      []string{"паспорт", "закордонний"}, Category: "Паспортні послуги",
		Locale: "uk", Action: "book:passport", Published: false,
		Body: "Тіло **статті**.\n\n- пункт",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseArticleDefaultsLocaleAndPublished(t *testing.T) {
	got, err := ParseArticle("a.md", []byte("---\r\nid: a\r\ntitle: T\r\n---\r\nbody\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Locale != LocaleUK || !got.Published || got.Body != "body" {
		t.Errorf("got %+v", got)
	}
}

func TestParseArticleRejectsBadFiles(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no front matter", "id: a\n", "x.md:1: front matter must start"},
		{"unclosed", "---\nid: a\ntitle: T\n", "x.md:1: front matter is not closed"},
		{"bad yaml", "---\nid: a\ntitle: [T\n---\n", "x.md:"},
		{"missing id", "---\ntitle: T\n---\n", "x.md:2: id is required"},
		{"missing title", "---\nid: a\n---\n", "x.md:2: title is required"},
		{"bad id", "---\nid: Паспорт\ntitle: T\n---\n", "must be 1-48 characters"},
		{"unknown locale", "---\nid: a\ntitle: T\nlocale: ru\n---\n", `locale "ru" is not uk or en`},
		{"unknown key", "---\nid: a\ntitle: T\nauthor: me\n---\n", `x.md:4: unknown key "author"`},
		{"duplicate key", "---\nid: a\ntitle: T\nid: b\n---\n", "x.md:"},
		{"questions not a list", "---\nid: a\ntitle: T\nquestions: one\n---\n", "x.md:4: questions must be a list"},
		{"empty question", "---\nid: a\ntitle: T\nquestions:\n  - ok\n  - \"\"\n---\n", "x.md:6: questions: each item"},
		{"published not bool", "---\nid: a\ntitle: T\npublished: yes\n---\n", "x.md:4: published must be true or false"},
		{"bad action", "---\nid: a\ntitle: T\naction: call me\n---\n", `action "call me"`},
		{"title a list", "---\nid: a\ntitle: [a, b]\n---\n", "x.md:3: title must be a single line"},
		{"not utf8", "---\nid: a\ntitle: \xff\n---\n", "x.md:1: not UTF-8"},
		{"front matter a list", "---\n- a\n---\n", "x.md:2: front matter must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArticle("x.md", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseArticleTakesTitlesWithAColonAsEditorsWriteThem(t *testing.T) {
	src := "---\nid: parking\ntitle: Паркування: порядок оплати та пільги\nquestions:\n  - паркування: скільки коштує?\n  - \"вже: в лапках\"\n---\nТекст.\n"
	a, err := ParseArticle("parking.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Паркування: порядок оплати та пільги" || len(a.Questions) != 2 ||
		a.Questions[0] != "паркування: скільки коштує?" || a.Questions[1] != "вже: в лапках" || a.Body != "Текст." {
		t.Errorf("parsed %+v", a)
	}
	// Still wrong after quoting: the error names the line as written.
	if _, err := ParseArticle("x.md", []byte("---\nid: a\ntitle: Т: т\n  bad: [\n---\n")); err == nil || !strings.Contains(err.Error(), "x.md:") {
		t.Errorf("err = %v", err)
	}
}

func TestWriteDirRoundTrips(t *testing.T) {
	articles := []Article{
		{ID: "a", Title: "Як: з двокрапкою?", Questions: []string{"- з дефісом", "'лапки'"}, Tags: []string{"x, y", "z"},
			Category: "Кат", Locale: "uk", Action: "queue", Published: true, Body: "Тіло\n\n---\n\nще"},
		{ID: "b-en", Title: "Title", Locale: "en", Published: false, Body: ""},
		{ID: "c", Title: "yes", Questions: []string{"true", "123", "null"}, Locale: "uk", Published: true, Body: "x"},
	}
	dir := t.TempDir()
	if err := WriteDir(dir, articles); err != nil {
		t.Fatal(err)
	}
	got, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, articles) {
		t.Errorf("round trip:\n got  %+v\n want %+v", got, articles)
	}
}

func TestLoadDirRejectsDuplicateIDsNamingBothFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "one/a.md", "---\nid: same\ntitle: A\n---\n")
	writeFile(t, dir, "two/b.md", "---\nid: same\ntitle: B\n---\n")
	got, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "one/a.md") || !strings.Contains(err.Error(), "two/b.md") {
		t.Errorf("err = %v, want both files named", err)
	}
	if got != nil {
		t.Errorf("got %d articles, want none", len(got))
	}
}

func TestLoadDirReturnsNothingWhenOneFileIsBad(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "---\nid: a\ntitle: A\n---\n")
	writeFile(t, dir, "sub/b.md", "---\nid: b\n---\n")
	writeFile(t, dir, ".hidden/c.md", "garbage")
	writeFile(t, dir, "notes.txt", "garbage")
	got, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "sub/b.md:2: title is required") {
		t.Errorf("err = %v", err)
	}
	if got != nil {
		t.Errorf("got %d articles, want none", len(got))
	}
}

func TestLoadDirReadsSubfolders(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.md", "---\nid: b\ntitle: B\n---\n")
	writeFile(t, dir, "x/y/a.md", "---\nid: a\ntitle: A\n---\n")
	writeFile(t, dir, ".git/z.md", "garbage")
	got, err := LoadDir(dir)
	if err != nil || len(got) != 2 {
		t.Fatalf("got %d, %v", len(got), err)
	}
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
