package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
)

func staffUser(login string, role staff.Role) staff.User {
	return staff.User{Login: login, Name: "Name of " + login, Role: role, PasswordHash: "$argon2id$hash-of-" + login}
}

func mustCreateUser(t *testing.T, s Store, u staff.User) staff.User {
	t.Helper()
	out, err := s.CreateUser(context.Background(), u, staff.AuditEntry{Actor: "cli", Action: "user.create"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testStaff(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("UsersRoundTripAndLoginIsUnique", func(t *testing.T) {
		s := open(t)
		m := staffUser("olena", staff.RoleManager)
		m.Level, m.Scope = cases.LevelRegion, "lviv"
		u := mustCreateUser(t, s, m)
		ex := staffUser("taras", staff.RoleExecutor)
		ex.Categories = []string{"pothole", "lighting"}
		mustCreateUser(t, s, ex)
		got, err := s.FindUserByLogin(ctx, "OLENA")
		if err != nil || got.ID != u.ID || got.Level != cases.LevelRegion || got.Scope != "lviv" ||
			got.PasswordHash != m.PasswordHash || got.CreatedAt.IsZero() || got.Disabled {
			t.Fatalf("FindUserByLogin = %+v, %v", got, err)
		}
		if _, err := s.CreateUser(ctx, staffUser("olena", staff.RoleEditor), staff.AuditEntry{Actor: "cli", Action: "user.create"}); vikno.ErrorCode(err) != vikno.ECONFLICT {
			t.Fatalf("second olena err = %v, want conflict", err)
		}
		list, err := s.ListUsers(ctx)
		if err != nil || len(list) != 2 || list[0].Login != "olena" || len(list[1].Categories) != 2 {
			t.Fatalf("ListUsers = %+v, %v", list, err)
		}
		if _, err := s.FindUser(ctx, 999999); !vikno.IsNotFound(err) {
			t.Fatalf("FindUser(unknown) err = %v", err)
		}
		audit, _ := s.ListAudit(ctx, 10)
		if len(audit) != 2 || audit[0].Target != "user:taras" || audit[1].Target != "user:olena" || audit[0].At.IsZero() {
			t.Fatalf("audit after two creations (one refused) = %+v", audit)
		}
	})
	t.Run("SessionsExpireAndEndWithPasswordOrDisable", func(t *testing.T) {
		s := open(t)
		u := mustCreateUser(t, s, staffUser("ivan", staff.RoleEditor))
		now := time.Now().UTC()
		for _, h := range []string{"live-1", "live-2"} {
			if err := s.CreateSession(ctx, staff.Session{TokenHash: h, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		s.CreateSession(ctx, staff.Session{TokenHash: "old", UserID: u.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)})
		sess, got, err := s.FindSession(ctx, "live-1")
		if err != nil || sess.UserID != u.ID || got.Login != "ivan" {
			t.Fatalf("FindSession = %+v %+v %v", sess, got, err)
		}
		if _, _, err := s.FindSession(ctx, "old"); !vikno.IsNotFound(err) {
			t.Fatalf("expired session err = %v, want not found", err)
		}
		if err := s.DeleteSession(ctx, "live-1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "live-1"); !vikno.IsNotFound(err) {
			t.Fatalf("deleted session err = %v", err)
		}
		if err := s.SetPassword(ctx, u.ID, "$argon2id$new", staff.AuditEntry{Actor: "cli", Action: "user.passwd"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "live-2"); !vikno.IsNotFound(err) {
			t.Fatalf("session after password change err = %v, want not found", err)
		}
		if got, _ := s.FindUser(ctx, u.ID); got.PasswordHash != "$argon2id$new" {
			t.Fatalf("hash = %q", got.PasswordHash)
		}
		s.CreateSession(ctx, staff.Session{TokenHash: "live-3", UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
		u.Disabled = true
		if _, err := s.UpdateUser(ctx, u, staff.AuditEntry{Actor: "cli", Action: "user.disable"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "live-3"); !vikno.IsNotFound(err) {
			t.Fatalf("session of a disabled user err = %v, want not found", err)
		}
		if err := s.SetPassword(ctx, 999999, "x", staff.AuditEntry{Actor: "cli", Action: "user.passwd"}); !vikno.IsNotFound(err) {
			t.Fatalf("SetPassword(unknown) err = %v", err)
		}
	})
	t.Run("AuditFromContextCommitsWithTheChange", func(t *testing.T) {
		s := open(t)
		actx := staff.WithAudit(ctx, staff.AuditEntry{UserID: 7, Actor: "editor", Action: "article.save", Target: "article:a-1"})
		if _, err := s.SaveArticles(actx, []knowledge.Article{article("a-1", "паспорт")}, "editor"); err != nil {
			t.Fatal(err)
		}
		// An operation of several transactions is written once.
		if _, err := s.SaveArticles(actx, []knowledge.Article{article("a-2", "субсидія")}, "editor"); err != nil {
			t.Fatal(err)
		}
		gone := staff.WithAudit(ctx, staff.AuditEntry{UserID: 7, Actor: "editor", Action: "article.delete", Target: "article:none"})
		if err := s.DeleteArticle(gone, "none", "editor"); !vikno.IsNotFound(err) {
			t.Fatalf("DeleteArticle(unknown) err = %v", err)
		}
		audit, err := s.ListAudit(ctx, 10)
		if err != nil || len(audit) != 1 || audit[0].Action != "article.save" || audit[0].UserID != 7 {
			t.Fatalf("audit = %+v, %v", audit, err)
		}
	})
	t.Run("ConcurrentCreationsOfOneLoginGiveOneUser", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		var mu sync.Mutex
		created := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.CreateUser(ctx, staffUser("same", staff.RoleEditor), staff.AuditEntry{Actor: "cli", Action: "user.create"}); err == nil {
					mu.Lock()
					created++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		audit, _ := s.ListAudit(ctx, 20)
		if created != 1 || len(audit) != 1 {
			t.Fatalf("created %d users and %d audit entries, want 1 and 1", created, len(audit))
		}
	})
}
