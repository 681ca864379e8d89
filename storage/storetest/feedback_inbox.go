package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
)

func testInbox(t *testing.T, open Opener) {
	t.Run("StaffSeeOnlyTheirScope", func(t *testing.T) { testInboxScopes(t, open(t)) })
	t.Run("FiltersAndPages", func(t *testing.T) { testInboxFilters(t, open(t)) })
	t.Run("ThreadKeepsEveryAnswerAndReply", func(t *testing.T) { testInboxThread(t, open(t)) })
	t.Run("ConcurrentAnswersAreAllKeptAndDoubleSubmitsOnce", func(t *testing.T) { testInboxConcurrentAnswers(t, open(t)) })
	t.Run("MarkingHandledTwiceIsHarmless", func(t *testing.T) { testInboxMarkSeen(t, open(t)) })
}

// staffOf creates a staff account of role at level and scope.
func staffOf(t *testing.T, s Store, login string, role staff.Role, level cases.Level, scope string) staff.User {
	t.Helper()
	u := staffUser(login, role)
	u.Level, u.Scope = level, scope
	if role == staff.RoleExecutor {
		u.Categories = []string{"pothole"}
	}
	return mustCreateUser(t, s, u)
}

func answerNotice(r cases.Rating, key string) notify.Message {
	return notify.Message{Key: key, Kind: notify.KindRatingAnswer, ResidentID: r.ResidentID, Channel: vikno.Telegram,
		UserID: "resident", Replies: []dialog.Reply{{Text: dialog.Plain("answer")}}}
}

func staffAudit(ctx context.Context, u staff.User, action string, id int64) context.Context {
	return staff.WithAudit(ctx, staff.AuditEntry{UserID: u.ID, Actor: u.Login, Action: action, Target: fmt.Sprint("rating:", id)})
}

func testInboxScopes(t *testing.T, s Store) {
	ctx := context.Background()
	f := newScopeFixture(t, s)
	gone := staffOf(t, s, "gone", staff.RoleManager, cases.LevelCountry, "ua")
	gone.Disabled = true
	if _, err := s.UpdateUser(ctx, gone, staff.AuditEntry{Actor: "test", Action: "user.disable"}); err != nil {
		t.Fatal(err)
	}
	accounts := []staff.User{
		staffOf(t, s, "admin", staff.RoleAdmin, 0, ""),
		staffOf(t, s, "m-lviv-1", staff.RoleManager, cases.LevelLocation, "lviv-1"),
		staffOf(t, s, "m-lviv", staff.RoleManager, cases.LevelRegion, "lviv"),
		staffOf(t, s, "m-west", staff.RoleManager, cases.LevelRegion, "west"),
		staffOf(t, s, "m-ua", staff.RoleManager, cases.LevelCountry, "ua"),
		staffOf(t, s, "editor", staff.RoleEditor, 0, ""),
		staffOf(t, s, "executor", staff.RoleExecutor, 0, ""),
		gone,
	}
	for _, u := range accounts {
		var want []int64
		for _, r := range f.ratings {
			if u.Covers(f.city, r.LocationID) {
				want = append(want, r.ID)
			}
		}
		list, err := s.InboxRatings(ctx, u.ID, cases.InboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range list {
			got = append(got, r.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want %v", u.Login, got, want)
		}
		scores, err := s.InboxScores(ctx, u.ID, cases.InboxFilter{})
		n := 0
		for _, c := range scores {
			n += c.Count
		}
		if err != nil || n != len(want) {
			t.Errorf("%s scores count %d ratings, want %d (%v)", u.Login, n, len(want), err)
		}
		for _, r := range f.ratings {
			_, _, err := s.InboxRating(ctx, u.ID, r.ID)
			if in := slices.Contains(want, r.ID); in != (err == nil) || (!in && !vikno.IsNotFound(err)) {
				t.Errorf("%s InboxRating(%s) err = %v, visible %v", u.Login, r.LocationID, err, in)
			}
		}
	}
	// Changes outside the scope are refused and leave nothing behind.
	local, outside := accounts[1], f.ratings[len(f.ratings)-1]
	actx := staffAudit(ctx, local, "rating.answer", outside.ID)
	if _, _, err := s.InboxAnswer(actx, local.ID, outside.ID, cases.ThreadMessage{Text: "ні", Key: "web:outside"},
		answerNotice(outside, "web:outside")); !vikno.IsNotFound(err) {
		t.Fatalf("answer outside the scope: err = %v, want not found", err)
	}
	if _, _, err := s.InboxMarkSeen(staffAudit(ctx, local, "rating.handled", outside.ID), local.ID, outside.ID); !vikno.IsNotFound(err) {
		t.Fatalf("mark outside the scope: err = %v, want not found", err)
	}
	if msgs, _ := s.FindOutbox(ctx, "web:"); len(msgs) != 0 {
		t.Fatalf("an answer outside the scope was queued: %+v", msgs)
	}
	audit, _ := s.ListAudit(ctx, 50)
	for _, e := range audit {
		if e.Action == "rating.answer" || e.Action == "rating.handled" {
			t.Fatalf("a refused change was audited: %+v", e)
		}
	}
	admin := accounts[0]
	if r, _, _ := s.InboxRating(ctx, admin.ID, outside.ID); r.Status != cases.RatingNew || r.Answer != "" {
		t.Fatalf("the rating outside the scope changed: %+v", r)
	}
}

func testInboxFilters(t *testing.T, s Store) {
	ctx := context.Background()
	admin := staffOf(t, s, "admin", staff.RoleAdmin, 0, "")
	res := ratingResident(t, s, "r")
	rate := func(loc, day string, score int, aspects ...cases.Aspect) cases.Rating {
		r, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: loc, Day: day, Score: score, Aspects: aspects}, noAlerts)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := rate("lviv-1", "2026-05-01", 1, cases.AspectWaiting, cases.AspectPoliteness)
	b := rate("lviv-1", "2026-05-02", 3, cases.AspectPoliteness)
	c := rate("lviv-2", "2026-05-03", 5)
	d := rate("lviv-2", "2026-05-04", 2, cases.AspectPremises)
	if _, _, err := s.InboxMarkSeen(ctx, admin.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    cases.InboxFilter
		want []int64
	}{
		{"All", cases.InboxFilter{}, []int64{d.ID, c.ID, b.ID, a.ID}},
		{"Location", cases.InboxFilter{LocationID: "lviv-1"}, []int64{b.ID, a.ID}},
		{"Score", cases.InboxFilter{Score: 3}, []int64{b.ID}},
		{"AspectAmongOthers", cases.InboxFilter{Aspect: cases.AspectPoliteness}, []int64{b.ID, a.ID}},
		{"AspectAlone", cases.InboxFilter{Aspect: cases.AspectPremises}, []int64{d.ID}},
		{"Status", cases.InboxFilter{Status: cases.RatingSeen}, []int64{d.ID}},
		{"Days", cases.InboxFilter{FromDay: "2026-05-02", ToDay: "2026-05-03"}, []int64{c.ID, b.ID}},
		{"Page", cases.InboxFilter{Offset: 1, Limit: 2}, []int64{c.ID, b.ID}},
		{"Nothing", cases.InboxFilter{LocationID: "lviv-2", Score: 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.InboxRatings(ctx, admin.ID, tt.f)
			var got []int64
			for _, r := range list {
				got = append(got, r.ID)
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("InboxRatings = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	scores, err := s.InboxScores(ctx, admin.ID, cases.InboxFilter{LocationID: "lviv-2"})
	want := []cases.ScoreCount{{LocationID: "lviv-2", Day: "2026-05-03", Score: 5, Count: 1},
		{LocationID: "lviv-2", Day: "2026-05-04", Score: 2, Count: 1}}
	if err != nil || !slices.Equal(scores, want) {
		t.Fatalf("InboxScores = %+v, %v; want %+v", scores, err, want)
	}
}

func testInboxThread(t *testing.T, s Store) {
	ctx := context.Background()
	if err := s.SetLocationRegions(ctx, cases.LocationRegions(scopeCity())); err != nil {
		t.Fatal(err)
	}
	tg := mustManager(t, s, "m-tg", cases.LevelRegion, "lviv")
	web := staffOf(t, s, "olena", staff.RoleManager, cases.LevelLocation, "lviv-1")
	r := mustRate(t, s, ratingResident(t, s, "r").ID, "lviv-1", "2026-05-14", 2)
	if _, err := s.AnswerRating(ctx, tg.ID, r.ID, "Відповідь з Telegram", answerNotice(r, "tg:1")); err != nil {
		t.Fatal(err)
	}
	actx := staffAudit(ctx, web, "rating.answer", r.ID)
	got, added, err := s.InboxAnswer(actx, web.ID, r.ID, cases.ThreadMessage{Text: "Відповідь з адмінки", Key: "web:1"},
		answerNotice(r, "web:1"))
	if err != nil || !added || got.Status != cases.RatingAnswered || got.Answer != "Відповідь з адмінки" || got.AnsweredBy != 0 {
		t.Fatalf("InboxAnswer = %+v, %v, %v", got, added, err)
	}
	// The same form sent again changes nothing, queues nothing, audits nothing.
	if _, added, err := s.InboxAnswer(actx, web.ID, r.ID, cases.ThreadMessage{Text: "Відповідь з адмінки", Key: "web:1"},
		answerNotice(r, "web:1")); err != nil || added {
		t.Fatalf("second InboxAnswer: added %v, %v", added, err)
	}
	// The resident's reply reaches the Telegram managers who cover the
	// location, since the latest answer came from the web.
	var told []int64
	if _, err := s.ReplyRating(ctx, r.ResidentID, r.ID, "Дякую", "u1", replyNotices("reply:1", &told)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(told, []int64{tg.ID}) {
		t.Fatalf("reply told %v, want %v", told, []int64{tg.ID})
	}
	told = nil
	if _, err := s.ReplyRating(ctx, r.ResidentID, r.ID, "Дякую", "u1", replyNotices("reply:1", &told)); err != nil || len(told) != 0 {
		t.Fatalf("a redelivered reply told %v, %v", told, err)
	}
	cur, thread, err := s.InboxRating(ctx, web.ID, r.ID)
	if err != nil || cur.Status != cases.RatingNew || cur.Reply != "Дякую" {
		t.Fatalf("rating after the reply = %+v, %v", cur, err)
	}
	type entry struct {
		author      cases.Author
		text, name  string
		manager, by int64
	}
	var gotThread []entry
	for _, m := range thread {
		if m.At.IsZero() || m.RatingID != r.ID {
			t.Fatalf("thread message %+v", m)
		}
		gotThread = append(gotThread, entry{m.Author, m.Text, m.Name, m.ManagerID, m.StaffID})
	}
	wantThread := []entry{
		{cases.AuthorManager, "Відповідь з Telegram", "", tg.ID, 0},
		{cases.AuthorStaff, "Відповідь з адмінки", "Name of olena", 0, web.ID},
		{cases.AuthorResident, "Дякую", "", 0, 0},
	}
	if !slices.Equal(gotThread, wantThread) {
		t.Fatalf("thread = %+v\nwant %+v", gotThread, wantThread)
	}
	if msgs, _ := s.FindOutbox(ctx, "web:"); len(msgs) != 1 || msgs[0].Kind != notify.KindRatingAnswer {
		t.Fatalf("queued web answers = %+v", msgs)
	}
	audit, _ := s.ListAudit(ctx, 10)
	if len(audit) != 2 || audit[0].Action != "rating.answer" || audit[0].Actor != "olena" {
		t.Fatalf("audit = %+v; want one answer after the account's creation", audit)
	}
}

func testInboxConcurrentAnswers(t *testing.T, s Store) {
	ctx := context.Background()
	a := staffOf(t, s, "a", staff.RoleManager, cases.LevelCountry, "ua")
	b := staffOf(t, s, "b", staff.RoleAdmin, 0, "")
	r := mustRate(t, s, ratingResident(t, s, "r").ID, "kharkiv-1", "2026-05-14", 1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	added := map[string]int{}
	for i := range 8 {
		u, key := a, "web:a"
		if i%2 == 1 {
			u, key = b, "web:b"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ok, err := s.InboxAnswer(staffAudit(ctx, u, "rating.answer", r.ID), u.ID, r.ID,
				cases.ThreadMessage{Text: "від " + u.Login, Key: key}, answerNotice(r, key))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				added[key]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if added["web:a"] != 1 || added["web:b"] != 1 {
		t.Fatalf("answers added %v; want each form once", added)
	}
	cur, thread, err := s.InboxRating(ctx, b.ID, r.ID)
	if err != nil || len(thread) != 2 || thread[0].Text == thread[1].Text {
		t.Fatalf("thread = %+v, %v; want both answers", thread, err)
	}
	if cur.Answer != thread[1].Text {
		t.Fatalf("the rating's latest answer %q is not the thread's last %q", cur.Answer, thread[1].Text)
	}
	if msgs, _ := s.FindOutbox(ctx, "web:"); len(msgs) != 2 {
		t.Fatalf("queued %d answers, want 2", len(msgs))
	}
	n := 0
	audit, _ := s.ListAudit(ctx, 50)
	for _, e := range audit {
		if e.Action == "rating.answer" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d answers audited, want 2", n)
	}
}

func testInboxMarkSeen(t *testing.T, s Store) {
	ctx := context.Background()
	u := staffOf(t, s, "m", staff.RoleManager, cases.LevelLocation, "lviv-1")
	if err := s.SetLocationRegions(ctx, cases.LocationRegions(scopeCity())); err != nil {
		t.Fatal(err)
	}
	r := mustRate(t, s, ratingResident(t, s, "r").ID, "lviv-1", "2026-05-14", 2)
	var wg sync.WaitGroup
	changed := make([]bool, 4)
	for i := range changed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, ok, err := s.InboxMarkSeen(staffAudit(ctx, u, "rating.handled", r.ID), u.ID, r.ID)
			if err != nil || got.Status != cases.RatingSeen {
				t.Errorf("InboxMarkSeen = %+v, %v", got, err)
			}
			changed[i] = ok
		}()
	}
	wg.Wait()
	if n := len(slices.DeleteFunc(slices.Clone(changed), func(b bool) bool { return !b })); n != 1 {
		t.Fatalf("%d of 4 marks changed the rating, want 1", n)
	}
	audit, _ := s.ListAudit(ctx, 10)
	if len(audit) != 2 || audit[0].Action != "rating.handled" {
		t.Fatalf("audit = %+v; want one handled entry after the account's creation", audit)
	}
}
