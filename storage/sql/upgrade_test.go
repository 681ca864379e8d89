package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// legacy writes values as the code before the one store did: SQLite times
// in the three text formats it used and ” for unset times, PostgreSQL
// photos as TEXT[].
type legacy struct{ sqlite bool }

func (l legacy) time(t time.Time, layout string) any {
	if l.sqlite {
		return t.UTC().Format(layout)
	}
	return t
}

func (l legacy) unset() any {
	if l.sqlite {
		return ""
	}
	return nil
}

func (l legacy) photos(p ...string) any {
	if l.sqlite {
		return `["` + p[0] + `"]`
	}
	return p
}

const (
	rfcNano    = time.RFC3339Nano                 // most SQLite times
	appealTime = "2006-01-02T15:04:05.000000000Z" // SQLite appeals
	visitTime  = "2006-01-02T15:04:05Z"           // SQLite visits
)

var base = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// seedVersion6 fills a fresh schema at version 6 with rows as the old stores
// wrote them; every table's first id is 1.
func seedVersion6(t *testing.T, db *sqlstore.DB, l legacy) {
	t.Helper()
	ms := base.Add(500 * time.Millisecond)
	steps := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO residents (channel, external_id, locale, created_at, updated_at) VALUES ('telegram', '42', 'uk', $1, $1)`,
			[]any{l.time(ms, rfcNano)}},
		{`INSERT INTO articles (id, title, questions, tags, body, updated_at) VALUES ('a1', 'Паспорт', '["як?"]', '[]', 'Тіло', $1)`,
			[]any{l.time(base, rfcNano)}},
		{`INSERT INTO appeal_numbers (year, last) VALUES (2026, 1)`, nil},
		{`INSERT INTO appeals (number, pin_hash, channel, resident_id, client_token, category, executor, description,
			address, photos, status, due_at, created_at, updated_at) VALUES ('2026-000001', 'h', 'telegram', 1, 'tok',
			'roads', 'zhek', 'Яма', 'вул. Шевченка, 1', $1, 'in_progress', $2, $3, $3)`,
			[]any{l.photos("p1.jpg"), l.time(base.Add(72*time.Hour), appealTime), l.time(ms, appealTime)}},
		{`INSERT INTO appeal_events (appeal_id, at, to_status, actor_kind) VALUES (1, $1, 'registered', 'resident')`,
			[]any{l.time(ms, appealTime)}},
		{`INSERT INTO visits (code, resident_id, location_id, service_id, start_at, end_at, seat, name, phone,
			remind_day_at, created_at, updated_at) VALUES ('V1', 1, 'cnap', 'passport', $1, $2, 1, 'Олена', '+380', $3, $4, $4)`,
			[]any{l.time(base.Add(24*time.Hour), visitTime), l.time(base.Add(24*time.Hour+15*time.Minute), visitTime),
				l.time(base, visitTime), l.time(base, visitTime)}},
		{`INSERT INTO visit_seats (location_id, unit_at, seat, visit_id) VALUES ('cnap', $1, 1, 1)`,
			[]any{l.time(base.Add(24*time.Hour), visitTime)}},
		// Due at 10:00:00 and 10:00:00.5: the old SQLite text sorted the
		// first after the second.
		{`INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, lease_until, created_at, sent_at)
			VALUES ('k1', 1, 'telegram', '42', 'alert', '[]', $1, $2, $1, $2)`, []any{l.time(base, rfcNano), l.unset()}},
		{`INSERT INTO outbox (key, resident_id, channel, user_id, kind, replies, next_at, lease_until, created_at, sent_at)
			VALUES ('k2', 1, 'telegram', '42', 'alert', '[]', $1, $2, $1, $2)`, []any{l.time(ms, rfcNano), l.unset()}},
		{`INSERT INTO location_regions (location_id, region_id) VALUES ('cnap', 'city')`, nil},
		{`INSERT INTO managers (resident_id, level, scope, created_at, revoked_at) VALUES (1, 1, 'cnap', $1, $2)`,
			[]any{l.time(base, rfcNano), l.unset()}},
		{`INSERT INTO manager_invites (token, level, scope, created_at, expires_at, used_at) VALUES ('inv', 2, 'city', $1, $2, $3)`,
			[]any{l.time(base, rfcNano), l.time(base.Add(time.Hour), rfcNano), l.unset()}},
		{`INSERT INTO ratings (resident_id, location_id, day, score, created_at, updated_at, answered_at)
			VALUES (1, 'cnap', '2026-03-02', 2, $1, $1, $2)`, []any{l.time(base, rfcNano), l.unset()}},
	}
	for _, s := range steps {
		if err := db.Exec(context.Background(), s.q, s.args...); err != nil {
			t.Fatalf("seed %.60s: %v", s.q, err)
		}
	}
}

// TestUpgradeFromVersion6KeepsData builds the schema of the stores before
// storage/sql (version 6) with rows written the old way, migrates it, and
// reads everything back through the store.
func TestUpgradeFromVersion6KeepsData(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url func(t *testing.T) string) {
		ctx := context.Background()
		db := MustOpen(t, url(t))
		if err := db.MigrateTo(ctx, 6); err != nil {
			t.Fatal(err)
		}
		seedVersion6(t, db, legacy{sqlite: db.Dialect() == "sqlite"})
		if v, err := db.Migrate(ctx); err != nil || v < 8 {
			t.Fatalf("Migrate = %d, %v", v, err)
		}
		checkResidentAndAppeal(t, db)
		checkVisit(t, db)
		checkManagers(t, db)
		checkOutboxOrder(t, db)
		// The store keeps working on the migrated data: the next number follows.
		a, created, err := db.CreateAppeal(ctx, cases.Appeal{PINHash: "h", Channel: vikno.Telegram, ResidentID: 1,
			ClientToken: "tok2", Category: "roads", Executor: "zhek", Description: "Ще яма", Address: "вул. Лесі, 2",
			Status: cases.AppealRegistered, DueAt: base, CreatedAt: base, UpdatedAt: base},
			cases.AppealEvent{At: base, To: cases.AppealRegistered, Actor: cases.ResidentActor(1)})
		if err != nil || !created || a.Number != "2026-000002" {
			t.Fatalf("CreateAppeal after upgrade = %s, %v, %v", a.Number, created, err)
		}
	})
}

func checkResidentAndAppeal(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	r, err := db.FindResident(ctx, 1)
	if err != nil || !r.CreatedAt.Equal(base.Add(500*time.Millisecond)) {
		t.Fatalf("resident = %+v, %v", r, err)
	}
	a, err := db.FindAppeal(ctx, "2026-000001")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Photos) != 1 || a.Photos[0] != "p1.jpg" || !a.DueAt.Equal(base.Add(72*time.Hour)) || !a.ClosedAt.IsZero() ||
		len(a.History) != 1 || a.ClientToken != "tok" || a.Description != "Яма" {
		t.Fatalf("appeal after upgrade = %+v", a)
	}
	if got, err := db.ListAppeals(ctx, cases.AppealFilter{DueBefore: base.Add(73 * time.Hour)}); err != nil || len(got) != 1 {
		t.Fatalf("ListAppeals(due before) = %d, %v", len(got), err)
	}
	arts, err := db.ListArticles(ctx)
	if err != nil || len(arts) != 1 || arts[0].Questions[0] != "як?" || !arts[0].UpdatedAt.Equal(base) {
		t.Fatalf("articles = %+v, %v", arts, err)
	}
}

func checkVisit(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	v, err := db.FindVisit(ctx, 1)
	if err != nil || !v.Start.Equal(base.Add(24*time.Hour)) || !v.RemindDayAt.Equal(base) || !v.RemindHourAt.IsZero() {
		t.Fatalf("visit = %+v, %v", v, err)
	}
	uses, err := db.SeatUses(ctx, "cnap", base, base.Add(48*time.Hour))
	if err != nil || len(uses) != 1 || !uses[0].Unit.Equal(base.Add(24*time.Hour)) {
		t.Fatalf("seat uses = %+v, %v", uses, err)
	}
	due, err := db.DueReminders(ctx, base.Add(time.Minute), 10)
	if err != nil || len(due) != 1 || due[0].Kind != cases.RemindDay {
		t.Fatalf("due reminders = %+v, %v", due, err)
	}
}

func checkManagers(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	m, err := db.FindManager(ctx, 1)
	if err != nil || !m.RevokedAt.IsZero() || m.Scope != "cnap" {
		t.Fatalf("manager = %+v, %v", m, err)
	}
	invites, err := db.ListInvites(ctx)
	if err != nil || len(invites) != 1 || !invites[0].UsedAt.IsZero() {
		t.Fatalf("invites = %+v, %v", invites, err)
	}
	r, err := db.FindRating(ctx, m.ID, 1)
	if err != nil || !r.AnsweredAt.IsZero() || r.Score != 2 {
		t.Fatalf("rating = %+v, %v", r, err)
	}
}

func checkOutboxOrder(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	db.Now = func() time.Time { return base.Add(200 * time.Millisecond) }
	got, err := db.Claim(context.Background(), 10, time.Minute, notify.Scope{Channels: []vikno.Channel{vikno.Telegram, vikno.Terminal}})
	if err != nil || len(got) != 1 || got[0].Key != "k1" || !got[0].SentAt.IsZero() {
		t.Fatalf("Claim at 10:00:00.2 = %+v, %v; want k1 (due 10:00:00) only", got, err)
	}
}
