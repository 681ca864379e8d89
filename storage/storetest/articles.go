package storetest

import (
	"context"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

func article(id, title string) knowledge.Article {
	return knowledge.Article{
		ID: id, Title: title, Questions: []string{"як " + title}, Body: "**Відповідь** про " + title,
		Tags: []string{"тег"}, Category: "Паспортні послуги", Locale: "uk", Action: "book:id-card", Published: true,
	}
}

func testArticles(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("ImportIsAllOrNothingAndIdempotent", func(t *testing.T) {
		s := open(t)
		batch := []knowledge.Article{article("a-1", "паспорт"), article("a-2", "довідка")}
		st, err := s.SaveArticles(ctx, batch, "editor")
		if err != nil || st.Created != 2 {
			t.Fatalf("first import = %+v, %v", st, err)
		}
		st, err = s.SaveArticles(ctx, batch, "editor")
		if err != nil || st.Unchanged != 2 || st.Created+st.Updated != 0 {
			t.Fatalf("re-import = %+v, %v; want all unchanged", st, err)
		}
		got, err := s.FindArticle(ctx, "a-1")
		if err != nil || !knowledge.SameContent(got, batch[0]) || got.UpdatedBy != "editor" || got.UpdatedAt.IsZero() {
			t.Fatalf("FindArticle = %+v, %v", got, err)
		}
		v1, err := s.ArticlesVersion(ctx)
		if err != nil || v1 == 0 {
			t.Fatalf("ArticlesVersion = %d, %v", v1, err)
		}
		s.SaveArticles(ctx, batch, "editor")
		if v2, _ := s.ArticlesVersion(ctx); v2 != v1 {
			t.Fatalf("version changed from %d to %d without a change", v1, v2)
		}
		edited := batch[0]
		edited.Body = "інакше"
		s.SaveArticles(ctx, []knowledge.Article{edited}, "editor")
		if v3, _ := s.ArticlesVersion(ctx); v3 <= v1 {
			t.Fatalf("version %d did not grow after an edit (was %d)", v3, v1)
		}
		revs, _ := s.ArticleRevisions(ctx, "a-2")
		if len(revs) != 1 {
			t.Fatalf("revisions after idempotent re-import = %d, want 1", len(revs))
		}
	})
	t.Run("EditKeepsHistoryNewestFirst", func(t *testing.T) {
		s := open(t)
		a := article("a-1", "паспорт")
		mustSave(t, s, a)
		a.Body, a.Questions, a.Tags = "Нова відповідь", nil, nil
		st, err := s.SaveArticles(ctx, []knowledge.Article{a}, "chief")
		if err != nil || st.Updated != 1 {
			t.Fatalf("edit = %+v, %v", st, err)
		}
		got, _ := s.FindArticle(ctx, "a-1")
		if got.Body != "Нова відповідь" || got.Questions != nil || got.UpdatedBy != "chief" {
			t.Fatalf("after edit %+v", got)
		}
		revs, err := s.ArticleRevisions(ctx, "a-1")
		if err != nil || len(revs) != 2 || revs[0].Version != 2 || revs[0].Body != "Нова відповідь" || revs[1].Version != 1 {
			t.Fatalf("revisions = %+v, %v", revs, err)
		}
	})
	t.Run("DeleteRemovesButKeepsHistory", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, article("a-1", "паспорт"))
		if err := s.DeleteArticle(ctx, "a-1", "chief"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindArticle(ctx, "a-1"); !vikno.IsNotFound(err) {
			t.Fatalf("after delete err = %v", err)
		}
		revs, _ := s.ArticleRevisions(ctx, "a-1")
		if len(revs) != 2 || !revs[0].Deleted {
			t.Fatalf("revisions = %+v", revs)
		}
		if err := s.DeleteArticle(ctx, "a-1", "chief"); !vikno.IsNotFound(err) {
			t.Fatalf("second delete err = %v", err)
		}
		mustSave(t, s, article("a-1", "паспорт")) // re-creating after delete works
	})
	t.Run("ListIsOrderedByID", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, article("b", "б"), article("a", "а"), article("c", "в"))
		list, err := s.ListArticles(ctx)
		if err != nil || len(list) != 3 || list[0].ID != "a" || list[2].ID != "c" {
			t.Fatalf("ListArticles = %+v, %v", list, err)
		}
	})
	t.Run("UnansweredAreCountedNormalisedAndShownAsAsked", func(t *testing.T) {
		s := open(t)
		// A wording with capitals is kept over one typed all in lower case.
		for _, q := range []string{"Рецепт  борщу", "рецепт борщу", "курс долара", "курс долара в ПриватБанку", "Курс долара в Приватбанку"} {
			if err := s.RecordUnanswered(ctx, q, "uk"); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.ListUnanswered(ctx, 10)
		got := map[string]int{}
		for _, q := range list {
			got[q.Query] = q.Count
		}
		if err != nil || len(list) != 3 || got["Рецепт борщу"] != 2 || got["Курс долара в Приватбанку"] != 2 || got["курс долара"] != 1 {
			t.Fatalf("ListUnanswered = %+v, %v", list, err)
		}
		// Dismissed as listed, the question goes.
		if n, err := s.DismissUnanswered(ctx, list[:1], list[0].LastAt); err != nil || n != 1 {
			t.Fatalf("DismissUnanswered = %d, %v; want 1", n, err)
		}
	})
	t.Run("UnhelpfulAnswersCountWithTheirArticle", func(t *testing.T) {
		s := open(t)
		if err := s.RecordUnanswered(ctx, "Як зареєструвати кота", "uk"); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"pets", "pets-2"} {
			if err := s.RecordUnhelpful(ctx, "як зареєструвати  кота", "uk", id); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.ListUnanswered(ctx, 10)
		if err != nil || len(list) != 1 || list[0].Count != 3 || list[0].Unhelpful != 2 || list[0].ArticleID != "pets-2" {
			t.Fatalf("ListUnanswered = %+v, %v; want 3 asks, 2 of them 👎, the last on pets-2", list, err)
		}
	})
	t.Run("DismissKeepsQuestionsAskedAfterTheEditorLooked", func(t *testing.T) {
		s := open(t)
		for _, q := range []string{"рецепт борщу", "курс долара", "курс долара"} {
			if err := s.RecordUnanswered(ctx, q, "uk"); err != nil {
				t.Fatal(err)
			}
		}
		seenList, err := s.ListUnanswered(ctx, 10)
		if err != nil || len(seenList) != 2 {
			t.Fatalf("ListUnanswered = %+v, %v", seenList, err)
		}
		seen := seenList[0].LastAt
		for _, q := range seenList {
			if q.LastAt.After(seen) {
				seen = q.LastAt
			}
		}
		// Asked again after the editor saw the list: it stays.
		if err := s.RecordUnanswered(ctx, "рецепт борщу", "uk"); err != nil {
			t.Fatal(err)
		}
		n, err := s.DismissUnanswered(ctx, seenList, seen)
		if err != nil || n != 1 {
			t.Fatalf("DismissUnanswered = %d, %v; want 1", n, err)
		}
		left, err := s.ListUnanswered(ctx, 10)
		if err != nil || len(left) != 1 || left[0].Query != "рецепт борщу" || left[0].Count != 2 {
			t.Fatalf("after dismiss = %+v, %v", left, err)
		}
		if n, err := s.DismissUnanswered(ctx, left, left[0].LastAt); err != nil || n != 1 {
			t.Fatalf("second dismiss = %d, %v", n, err)
		}
	})
	t.Run("FeedbackIsCountedPerArticle", func(t *testing.T) {
		s := open(t)
		for _, h := range []bool{true, false, false} {
			if err := s.RecordFeedback(ctx, "a-1", h); err != nil {
				t.Fatal(err)
			}
		}
		s.RecordFeedback(ctx, "a-2", true)
		list, err := s.ListFeedback(ctx)
		if err != nil || len(list) != 2 || list[0].ArticleID != "a-1" || list[0].Helpful != 1 || list[0].Unhelpful != 2 {
			t.Fatalf("ListFeedback = %+v, %v", list, err)
		}
	})
}

func mustSave(t *testing.T, s Store, as ...knowledge.Article) {
	t.Helper()
	if _, err := s.SaveArticles(context.Background(), as, "test"); err != nil {
		t.Fatal(err)
	}
}
