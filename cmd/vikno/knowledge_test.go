package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/knowledge"
)

// ask sends a question as a terminal resident and returns the replies' text.
func ask(t *testing.T, h dialog.Handler, user, text string) string {
	t.Helper()
	replies, err := h.Handle(context.Background(), dialog.Update{Channel: vikno.Terminal, UserID: user, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text.String())
		b.WriteString("\n")
	}
	return b.String()
}

const pierogiArticle = `---
id: pierogi-festival
title: Коли відбудеться фестиваль вареників?
questions:
  - дата фестивалю вареників
---
Фестиваль вареників відбудеться **12 грудня** на площі Ринок.
`

func TestDemoKnowledgeBaseAnswersAQuestion(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	got := ask(t, m.Handler, "r1", "скільки коштує ID-картка")
	if !strings.Contains(got, "ID-карт") || !strings.Contains(got, "Чи допомогла відповідь?") {
		t.Fatalf("answer:\n%s", got)
	}
	got = ask(t, m.Handler, "r1", "як подати на грін-карту в США")
	if !strings.Contains(got, "не знайшов відповіді") {
		t.Fatalf("an unanswerable question got:\n%s", got)
	}
	unanswered, err := m.Store.ListUnanswered(context.Background(), 10)
	if err != nil || len(unanswered) != 1 || !strings.Contains(unanswered[0].Query, "грін-карту") {
		t.Fatalf("unanswered = %+v, %v", unanswered, err)
	}
}

func TestEditingAnArticleChangesTheAnswerWithoutRestart(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	ctx := context.Background()
	if got := ask(t, m.Handler, "r1", "коли фестиваль вареників"); strings.Contains(got, "12 грудня") {
		t.Fatalf("answer before the article exists:\n%s", got)
	}
	a, err := knowledge.ParseArticle("pierogi.md", []byte(pierogiArticle))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Knowledge.Save(ctx, []knowledge.Article{a}, "editor"); err != nil {
		t.Fatal(err)
	}
	if got := ask(t, m.Handler, "r1", "коли фестиваль вареників"); !strings.Contains(got, "12 грудня") {
		t.Fatalf("answer after saving:\n%s", got)
	}
	a.Body = "Фестиваль перенесено на **19 грудня**."
	m.Knowledge.Save(ctx, []knowledge.Article{a}, "editor")
	if got := ask(t, m.Handler, "r1", "коли фестиваль вареників"); !strings.Contains(got, "19 грудня") {
		t.Fatalf("answer after editing:\n%s", got)
	}
	if err := m.Knowledge.Delete(ctx, a.ID, "editor"); err != nil {
		t.Fatal(err)
	}
	if got := ask(t, m.Handler, "r1", "коли фестиваль вареників"); strings.Contains(got, "19 грудня") {
		t.Fatalf("answer after deleting:\n%s", got)
	}
}

func TestKBImportFromAnotherProcessReachesTheRunningBot(t *testing.T) {
	cfg := testConfig(t)
	m := MustRunMain(t, cfg)
	// The serving process notices the other process's import by polling the
	// version stamp (every 2 s by default).
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pierogi.md"), []byte(pierogiArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "import", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "1 new") {
		t.Fatalf("kb import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "import", dir); !strings.Contains(r.stdout, "1 unchanged") {
		t.Fatalf("re-import is not idempotent:\n%s%s", r.stdout, r.stderr)
	}
	waitFor(t, func() bool {
		return strings.Contains(ask(t, m.Handler, "r2", "фестиваль вареників"), "12 грудня")
	})
}

func TestEditOnOneReplicaReachesAnotherThroughRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	a := MustRunMain(t, cfg)
	b := NewMain(cfg, slog.New(slog.DiscardHandler))
	b.KBPoll = time.Hour // only the change event can tell b in time
	t.Cleanup(func() { b.Close() })
	if err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	art, _ := knowledge.ParseArticle("pierogi.md", []byte(pierogiArticle))
	if _, err := a.Knowledge.Save(context.Background(), []knowledge.Article{art}, "editor"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		return strings.Contains(ask(t, b.Handler, "r3", "фестиваль вареників"), "12 грудня")
	})
}

func TestKBImportRejectsABrokenFolderAndSavesNothing(t *testing.T) {
	cfg := testConfig(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.md"), []byte(pierogiArticle), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.md"), []byte("---\nid: Bad Id\ntitle: x\n---\nbody\n"), 0o644)
	r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "import", dir)
	if r.code == 0 || !strings.Contains(r.stderr, "bad.md:2") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	out := t.TempDir()
	if r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "export", out); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "pierogi-festival.md")); err == nil {
		t.Fatal("an article of a rejected import was saved")
	}
}

// `vikno kb import` applies the rules the article editor applies: the body
// fits one answer message, a published article's next step names a service
// or appeal category of the configured city.
func TestKBImportRefusesWhatTheEditorWouldAndSavesNothing(t *testing.T) {
	cfg := testConfig(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.md"), []byte(pierogiArticle), 0o644)
	os.WriteFile(filepath.Join(dir, "long.md"), []byte("---\nid: long\ntitle: x\n---\n"+strings.Repeat("я", 3001)+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "book.md"), []byte("---\nid: book\ntitle: x\naction: book:no-such-service\n---\nbody\n"), 0o644)
	r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "import", dir)
	for _, want := range []string{"long.md:5: the body has 3001 characters, more than 3000", `book.md:4: action book:no-such-service: the city has no service "no-such-service" that can be booked`} {
		if r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr does not say %q:\n%s", r.code, want, r.stderr)
		}
	}
	out := t.TempDir()
	if r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + cfg.DataDir}, "kb", "export", out); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "pierogi-festival.md")); err == nil {
		t.Fatal("an article of a refused import was saved")
	}
}

func TestKBEvalPrintsTheContractLineLast(t *testing.T) {
	r := runCLI(t, "", nil, "kb", "eval", "--kb", "../../knowledge/demokb/articles", "--queries", "../../knowledge/demokb/eval.tsv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "top1=") || !strings.Contains(last, " noanswer=") || !strings.Contains(last, " p99_ms=") {
		t.Fatalf("last line = %q", last)
	}
	if !strings.Contains(r.stdout, "baseline top1=") {
		t.Fatalf("no baseline line:\n%s", r.stdout)
	}
}

func TestKBSearchFromFolderAsJSON(t *testing.T) {
	r := runCLI(t, "", nil, "kb", "search", "--kb", "../../knowledge/demokb/articles", "--json", "загранпаспорт", "ціна")
	if r.code != 0 || !strings.Contains(r.stdout, `"hits"`) || !strings.Contains(r.stdout, "passport") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestKBEvalWithAMissingMorphologyDictionaryFailsNamingIt(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", nil, "kb", "eval", "--kb", "../../knowledge/demokb/articles", "--queries", "../../knowledge/demokb/eval.tsv", "--morphology", dir)
	if r.code == 0 || !strings.Contains(r.stderr, "morphology") || !strings.Contains(r.stderr, "uk_UA.aff") {
		t.Fatalf("exit %d, stderr %q: want a failure naming the morphology dictionary", r.code, r.stderr)
	}
}

// waitFor polls cond for up to 5 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
