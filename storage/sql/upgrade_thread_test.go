package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
)

// TestUpgradeToThreadsKeepsEarlierAnswersAndReplies: ratings answered and
// replied to before threads existed (version 16) start their thread with
// that answer and reply, in order, with the manager's name.
func TestUpgradeToThreadsKeepsEarlierAnswersAndReplies(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustOpen(t, url(t))
		if err := db.MigrateTo(ctx, 16); err != nil {
			t.Fatal(err)
		}
		res, err := db.EnsureResident(ctx, vikno.Telegram, "42", "uk")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC().Truncate(time.Millisecond)
		inv := cases.Invite{Token: cases.NewToken(), Level: cases.LevelCountry, Scope: "ua", Name: "Олена",
			CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		if _, err := db.CreateInvite(ctx, inv); err != nil {
			t.Fatal(err)
		}
		m, err := db.RedeemInvite(ctx, inv.Token, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		before, after := db.EncodeTime(now.Add(-time.Hour)), db.EncodeTime(now)
		for _, row := range []struct {
			q    string
			args []any
		}{
			{`INSERT INTO ratings (resident_id, location_id, day, score, status, answer, answered_by, answered_at, reply,
				replied_at, created_at, updated_at) VALUES ($1, 'cnap', '2026-03-02', 2, 'new', 'Вибачте', $2, $3, 'Дякую', $4, $3, $4)`,
				[]any{res.ID, m.ID, before, after}},
			{`INSERT INTO ratings (resident_id, location_id, day, score, created_at, updated_at)
				VALUES ($1, 'cnap', '2026-03-03', 5, $2, $2)`, []any{res.ID, before}},
		} {
			if err := db.Exec(ctx, row.q, row.args...); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		admin, err := db.CreateUser(ctx, staff.User{Login: "admin", Name: "Адмін", Role: staff.RoleAdmin, PasswordHash: "x"},
			staff.AuditEntry{Actor: "test", Action: "user.create"})
		if err != nil {
			t.Fatal(err)
		}
		_, thread, err := db.InboxRating(ctx, admin.ID, 1)
		if err != nil || len(thread) != 2 || thread[0].Author != cases.AuthorManager || thread[0].Text != "Вибачте" ||
			thread[0].Name != "Олена" || thread[0].ManagerID != m.ID || thread[1].Author != cases.AuthorResident ||
			thread[1].Text != "Дякую" || !thread[1].At.Equal(now) {
			t.Fatalf("thread after the upgrade = %+v, %v", thread, err)
		}
		if _, thread, err := db.InboxRating(ctx, admin.ID, 2); err != nil || len(thread) != 0 {
			t.Fatalf("an unanswered rating's thread = %+v, %v", thread, err)
		}
		// A reply with the earlier reply's key (none) works as before.
		if _, err := db.ReplyRating(ctx, res.ID, 1, "Ще одне", "u2", noNotices); err != nil {
			t.Fatal(err)
		}
	})
}

func noNotices(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, nil }
