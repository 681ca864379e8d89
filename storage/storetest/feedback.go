package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
)

// scopeCity is a country of two oblasts with cities and a hromada, and
// CNAP locations in each: enough to tell every access level apart.
func scopeCity() vikno.City {
	return vikno.City{
		Regions: []vikno.Region{
			{ID: "ua", Kind: "country"},
			{ID: "west", Kind: "oblast", Parent: "ua"},
			{ID: "east", Kind: "oblast", Parent: "ua"},
			{ID: "lviv", Kind: "city", Parent: "west"},
			{ID: "vynnyky", Kind: "hromada", Parent: "west"},
			{ID: "kharkiv", Kind: "city", Parent: "east"},
		},
		Locations: []vikno.Location{
			{ID: "lviv-1", Region: "lviv"}, {ID: "lviv-2", Region: "lviv"}, {ID: "lviv-3", Region: "lviv"},
			{ID: "vynnyky-1", Region: "vynnyky"}, {ID: "west-1", Region: "west"},
			{ID: "kharkiv-1", Region: "kharkiv"}, {ID: "kharkiv-2", Region: "kharkiv"},
		},
	}
}

// alertsTo returns an alerts function that queues one message per manager
// and records whom it was asked to alert.
func alertsTo(got *[]int64) func(cases.Rating, []cases.Manager) ([]notify.Message, error) {
	return func(r cases.Rating, ms []cases.Manager) ([]notify.Message, error) {
		var out []notify.Message
		for _, m := range ms {
			*got = append(*got, m.ID)
			out = append(out, notify.Message{Key: cases.AlertKey(r, m.ID), Kind: "alert", ResidentID: m.Resident.ID,
				Channel: m.Resident.Channel, UserID: m.Resident.ExternalID,
				Replies: []dialog.Reply{{Text: dialog.Plain(fmt.Sprintf("rating %d: %d", r.ID, r.Score))}}})
		}
		return out, nil
	}
}

func noAlerts(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, nil }

func ratingResident(t *testing.T, s Store, user string) vikno.Resident {
	t.Helper()
	r, err := s.EnsureResident(context.Background(), vikno.Telegram, user, "uk")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustRate(t *testing.T, s Store, residentID int64, loc, day string, score int) cases.Rating {
	t.Helper()
	r, err := s.SaveRating(context.Background(), cases.Rating{ResidentID: residentID, LocationID: loc, Day: day, Score: score}, noAlerts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mustManager makes a manager through an invite, as managers are made.
func mustManager(t *testing.T, s Store, user string, level cases.Level, scope string) cases.Manager {
	t.Helper()
	ctx := context.Background()
	res := ratingResident(t, s, user)
	inv := cases.Invite{Token: cases.NewToken(), Level: level, Scope: scope, CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	if _, err := s.CreateInvite(ctx, inv); err != nil {
		t.Fatal(err)
	}
	m, err := s.RedeemInvite(ctx, inv.Token, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func testFeedback(t *testing.T, open Opener) {
	t.Run("RatingPointsKeepTheirToken", func(t *testing.T) { testRatingPoints(t, open(t)) })
	t.Run("OneRatingPerResidentLocationAndDay", func(t *testing.T) { testOneRatingPerDay(t, open(t)) })
	t.Run("ConcurrentRatingsOfOneDayGiveOneRow", func(t *testing.T) { testConcurrentRatings(t, open(t)) })
	t.Run("AlertsAreQueuedWithTheRating", func(t *testing.T) { testAlertsQueued(t, open(t)) })
	t.Run("FailedAlertsSaveNothing", func(t *testing.T) { testFailedAlerts(t, open(t)) })
	t.Run("ScopesFilterEveryQuery", func(t *testing.T) { testScopes(t, open(t)) })
	t.Run("AnswerIsQueuedOnlyInScope", func(t *testing.T) { testAnswer(t, open(t)) })
	t.Run("ReplyGoesToTheManagerWhoAnswered", func(t *testing.T) { testReply(t, open(t)) })
	t.Run("InvitesWorkOnceAndExpire", func(t *testing.T) { testInvites(t, open(t)) })
	t.Run("ConcurrentRedeemMakesOneManager", func(t *testing.T) { testConcurrentRedeem(t, open(t)) })
	t.Run("RevokedManagerSeesNothing", func(t *testing.T) { testRevoke(t, open(t)) })
	t.Run("Inbox", func(t *testing.T) { testInbox(t, open) })
}

func testRatingPoints(t *testing.T, s Store) {
	ctx := context.Background()
	a, err := s.EnsureRatingPoint(ctx, cases.RatingPoint{Token: cases.NewToken(), LocationID: "lviv-1"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.EnsureRatingPoint(ctx, cases.RatingPoint{Token: cases.NewToken(), LocationID: "lviv-1"})
	if err != nil || b.Token != a.Token {
		t.Fatalf("second ensure = %+v, %v; want the first token %s kept", b, err, a.Token)
	}
	w, err := s.EnsureRatingPoint(ctx, cases.RatingPoint{Token: cases.NewToken(), LocationID: "lviv-1", Point: "w3"})
	if err != nil || w.Token == a.Token || w.Point != "w3" {
		t.Fatalf("window point = %+v, %v", w, err)
	}
	got, err := s.FindRatingPoint(ctx, w.Token)
	if err != nil || got.LocationID != "lviv-1" || got.Point != "w3" {
		t.Fatalf("FindRatingPoint = %+v, %v", got, err)
	}
	if _, err := s.FindRatingPoint(ctx, cases.NewToken()); !vikno.IsNotFound(err) {
		t.Fatalf("unknown token: err = %v, want not found", err)
	}
}

func testOneRatingPerDay(t *testing.T, s Store) {
	ctx := context.Background()
	res := ratingResident(t, s, "r1")
	first := mustRate(t, s, res.ID, "lviv-1", "2026-05-14", 2)
	if first.ID == 0 || first.Revision != 1 || first.Status != cases.RatingNew || first.CreatedAt.IsZero() {
		t.Fatalf("first rating = %+v", first)
	}
	upd := cases.Rating{ResidentID: res.ID, LocationID: "lviv-1", Point: "w2", Day: "2026-05-14", Score: 3,
		Aspects: []cases.Aspect{cases.AspectWaiting, cases.AspectResult}, Comment: "довго"}
	second, err := s.SaveRating(ctx, upd, noAlerts)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID || second.Revision != 2 || second.Score != 3 || second.Point != "w2" ||
		!slices.Equal(second.Aspects, upd.Aspects) || second.Comment != "довго" {
		t.Fatalf("second rating the same day = %+v; want rating %d changed, revision 2", second, first.ID)
	}
	if found, err := s.FindResidentRating(ctx, res.ID, "lviv-1", "2026-05-14"); err != nil || found.ID != first.ID || found.Score != 3 {
		t.Fatalf("FindResidentRating = %+v, %v; want rating %d with score 3", found, err, first.ID)
	}
	if _, err := s.FindResidentRating(ctx, res.ID, "lviv-1", "2026-05-15"); !vikno.IsNotFound(err) {
		t.Fatalf("FindResidentRating of a day without a rating: err = %v, want not found", err)
	}
	if other := mustRate(t, s, res.ID, "lviv-1", "2026-05-15", 5); other.ID == first.ID || other.Revision != 1 {
		t.Fatalf("next day = %+v; want a new rating", other)
	}
	if other := mustRate(t, s, res.ID, "lviv-2", "2026-05-14", 5); other.ID == first.ID {
		t.Fatalf("another location = %+v; want a new rating", other)
	}
	if _, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: "lviv-1", Day: "2026-05-16", Score: 9}, noAlerts); err == nil {
		t.Fatal("score 9 was stored; the database must refuse it")
	}
}

func testConcurrentRatings(t *testing.T, s Store) {
	res := ratingResident(t, s, "r1")
	ids := make([]int64, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.SaveRating(context.Background(), cases.Rating{ResidentID: res.ID, LocationID: "lviv-1",
				Day: "2026-05-14", Score: 1 + i%5}, noAlerts)
			if err != nil {
				t.Error(err)
			}
			ids[i] = r.ID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("ids = %v; want one rating", ids)
		}
	}
	m := mustManager(t, s, "boss", cases.LevelCountry, "ua")
	all, err := s.ListRatings(context.Background(), m.ID, cases.RatingFilter{})
	if err != nil || len(all) != 1 || all[0].Revision != len(ids) {
		t.Fatalf("ListRatings = %+v, %v; want one rating with revision %d", all, err, len(ids))
	}
}

func testAlertsQueued(t *testing.T, s Store) {
	ctx := context.Background()
	if err := s.SetLocationRegions(ctx, cases.LocationRegions(scopeCity())); err != nil {
		t.Fatal(err)
	}
	local := mustManager(t, s, "m-local", cases.LevelLocation, "lviv-1")
	city := mustManager(t, s, "m-city", cases.LevelRegion, "lviv")
	mustManager(t, s, "m-other", cases.LevelLocation, "lviv-2")
	res := ratingResident(t, s, "r1")
	var got []int64
	r, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: "lviv-1", Day: "2026-05-14", Score: 2}, alertsTo(&got))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int64{local.ID, city.ID}) {
		t.Fatalf("alerted managers %v, want %v", got, []int64{local.ID, city.ID})
	}
	msgs, err := s.FindOutbox(ctx, fmt.Sprintf("rating:%d.1:", r.ID))
	if err != nil || len(msgs) != 2 || msgs[0].Key != cases.AlertKey(r, local.ID) || msgs[0].UserID != "m-local" ||
		msgs[1].UserID != "m-city" || msgs[0].Status != notify.StatusPending {
		t.Fatalf("outbox = %+v, %v", msgs, err)
	}
	// Changing the rating alerts again, under new keys.
	got = nil
	r2, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: "lviv-1", Day: "2026-05-14", Score: 1}, alertsTo(&got))
	if err != nil || r2.Revision != 2 {
		t.Fatalf("update = %+v, %v", r2, err)
	}
	if msgs, _ := s.FindOutbox(ctx, "rating:"); len(msgs) != 4 {
		t.Fatalf("outbox after update has %d alerts, want 4", len(msgs))
	}
}

func testFailedAlerts(t *testing.T, s Store) {
	ctx := context.Background()
	mustManager(t, s, "m", cases.LevelCountry, "ua")
	res := ratingResident(t, s, "r1")
	boom := errors.New("render failed")
	_, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: "lviv-1", Day: "2026-05-14", Score: 2},
		func(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the alerts' error", err)
	}
	m, _ := s.FindManager(ctx, ratingResident(t, s, "m").ID)
	if all, _ := s.ListRatings(ctx, m.ID, cases.RatingFilter{}); len(all) != 0 {
		t.Fatalf("a rating whose alerts failed was stored: %+v", all)
	}
}

// scopeFixture is a store with ratings at every location of scopeCity and a
// manager of every level and scope, plus a revoked one.
type scopeFixture struct {
	city     vikno.City
	managers []cases.Manager
	ratings  []cases.Rating
	alerted  map[int64][]int64 // rating id → managers alerted
}

func newScopeFixture(t *testing.T, s Store) scopeFixture {
	ctx := context.Background()
	f := scopeFixture{city: scopeCity(), alerted: map[int64][]int64{}}
	if err := s.SetLocationRegions(ctx, cases.LocationRegions(f.city)); err != nil {
		t.Fatal(err)
	}
	for _, l := range f.city.Locations {
		f.managers = append(f.managers, mustManager(t, s, "m-"+l.ID, cases.LevelLocation, l.ID))
	}
	for _, r := range []string{"west", "east", "lviv", "vynnyky", "kharkiv"} {
		f.managers = append(f.managers, mustManager(t, s, "m-"+r, cases.LevelRegion, r))
	}
	f.managers = append(f.managers, mustManager(t, s, "m-ua", cases.LevelCountry, "ua"))
	gone := mustManager(t, s, "m-gone", cases.LevelLocation, "lviv-1")
	if err := s.RevokeManager(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	gone.RevokedAt = time.Now()
	f.managers = append(f.managers, gone)
	for i, l := range f.city.Locations {
		for j := range 3 {
			res := ratingResident(t, s, fmt.Sprintf("r-%d-%d", i, j))
			var got []int64
			r, err := s.SaveRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: l.ID, Day: "2026-05-14",
				Score: 1 + (i+j)%5}, alertsTo(&got))
			if err != nil {
				t.Fatal(err)
			}
			f.ratings = append(f.ratings, r)
			f.alerted[r.ID] = got
		}
	}
	return f
}

// visible returns the ids of the ratings m may see, by cases.Covers.
func (f scopeFixture) visible(m cases.Manager) []int64 {
	var ids []int64
	for _, r := range f.ratings {
		if cases.Covers(f.city, m, r.LocationID) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func testScopes(t *testing.T, s Store) {
	ctx := context.Background()
	f := newScopeFixture(t, s)
	for _, r := range f.ratings {
		var want []int64
		for _, m := range f.managers {
			if cases.Covers(f.city, m, r.LocationID) {
				want = append(want, m.ID)
			}
		}
		if !slices.Equal(f.alerted[r.ID], want) {
			t.Errorf("rating at %s alerted managers %v, want %v", r.LocationID, f.alerted[r.ID], want)
		}
	}
	for _, m := range f.managers {
		want := f.visible(m)
		list, err := s.ListRatings(ctx, m.ID, cases.RatingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range list {
			got = append(got, r.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("manager level %d scope %s (revoked %v) lists %v, want %v", m.Level, m.Scope, !m.Active(), got, want)
		}
		for _, r := range f.ratings {
			_, err := s.FindRating(ctx, m.ID, r.ID)
			if in := slices.Contains(want, r.ID); in != (err == nil) || (!in && !vikno.IsNotFound(err)) {
				t.Errorf("manager %s FindRating(%s) err = %v, visible %v", m.Scope, r.LocationID, err, in)
			}
		}
		d, err := s.RatingDigest(ctx, m.ID, "2026-05-14")
		if err != nil || d.Total().Count != len(want) {
			t.Errorf("manager %s digest counts %d ratings, want %d (%v)", m.Scope, d.Total().Count, len(want), err)
		}
	}
	// A level-1 manager cannot mark another location's rating.
	lviv1, kharkiv := f.managers[0], f.ratings[len(f.ratings)-1]
	if _, err := s.MarkRatingSeen(ctx, lviv1.ID, kharkiv.ID); !vikno.IsNotFound(err) {
		t.Fatalf("MarkRatingSeen outside the scope: err = %v, want not found", err)
	}
	boss := f.managers[len(f.managers)-2]
	if r, _ := s.FindRating(ctx, boss.ID, kharkiv.ID); r.Status != cases.RatingNew {
		t.Fatalf("rating outside the scope changed to %s", r.Status)
	}
	seen, err := s.MarkRatingSeen(ctx, boss.ID, kharkiv.ID)
	if err != nil || seen.Status != cases.RatingSeen {
		t.Fatalf("MarkRatingSeen in scope = %+v, %v", seen, err)
	}
	if list, _ := s.ListRatings(ctx, boss.ID, cases.RatingFilter{Status: cases.RatingNew, LowOnly: true, Limit: 3}); len(list) != 3 ||
		list[0].Status != cases.RatingNew || !list[0].Low() || list[0].ID < list[1].ID {
		t.Fatalf("filtered list = %+v", list)
	}
}

func testAnswer(t *testing.T, s Store) {
	ctx := context.Background()
	f := newScopeFixture(t, s)
	lviv1 := f.managers[0]
	outside := f.ratings[len(f.ratings)-1]
	notice := func(r cases.Rating, key string) notify.Message {
		return notify.Message{Key: key, Kind: "answer", ResidentID: r.ResidentID, Channel: vikno.Telegram, UserID: "x",
			Replies: []dialog.Reply{{Text: dialog.Plain("answer")}}}
	}
	if _, err := s.AnswerRating(ctx, lviv1.ID, outside.ID, "ні", notice(outside, "answer:outside")); !vikno.IsNotFound(err) {
		t.Fatalf("answer outside the scope: err = %v, want not found", err)
	}
	if msgs, _ := s.FindOutbox(ctx, "answer:"); len(msgs) != 0 {
		t.Fatalf("an answer outside the scope was queued: %+v", msgs)
	}
	own := f.ratings[0]
	got, err := s.AnswerRating(ctx, lviv1.ID, own.ID, "Дякуємо, розберемося", notice(own, "answer:own"))
	if err != nil || got.Status != cases.RatingAnswered || got.Answer != "Дякуємо, розберемося" ||
		got.AnsweredBy != lviv1.ID || got.AnsweredAt.IsZero() {
		t.Fatalf("answer = %+v, %v", got, err)
	}
	if msgs, _ := s.FindOutbox(ctx, "answer:"); len(msgs) != 1 || msgs[0].Key != "answer:own" {
		t.Fatalf("queued answers = %+v", msgs)
	}
	if seen, _ := s.MarkRatingSeen(ctx, lviv1.ID, own.ID); seen.Status != cases.RatingAnswered {
		t.Fatalf("marking an answered rating processed made it %s", seen.Status)
	}
}

// replyNotices returns a notices function that queues one message per
// manager with the given key prefix and records whom it was asked to tell.
func replyNotices(prefix string, got *[]int64) func(cases.Rating, []cases.Manager) ([]notify.Message, error) {
	return func(r cases.Rating, ms []cases.Manager) ([]notify.Message, error) {
		var out []notify.Message
		for _, m := range ms {
			*got = append(*got, m.ID)
			out = append(out, notify.Message{Key: fmt.Sprintf("%s:%d", prefix, m.ID), Kind: "reply", ResidentID: m.Resident.ID,
				Channel: m.Resident.Channel, UserID: m.Resident.ExternalID,
				Replies: []dialog.Reply{{Text: dialog.Plain(r.Reply)}}})
		}
		return out, nil
	}
}

func testReply(t *testing.T, s Store) {
	ctx := context.Background()
	f := newScopeFixture(t, s)
	lviv1 := f.managers[0]
	own := f.ratings[0]
	var got []int64
	if _, err := s.ReplyRating(ctx, own.ResidentID, own.ID, "ще не відповіли", "u1", replyNotices("reply:early", &got)); !vikno.IsNotFound(err) || len(got) != 0 {
		t.Fatalf("reply before an answer: err = %v, told %v; want not found and nobody told", err, got)
	}
	answer := notify.Message{Key: "answer:own", Kind: "answer", ResidentID: own.ResidentID, Channel: vikno.Telegram, UserID: "x",
		Replies: []dialog.Reply{{Text: dialog.Plain("answer")}}}
	if _, err := s.AnswerRating(ctx, lviv1.ID, own.ID, "Вибачте", answer); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkRatingSeen(ctx, lviv1.ID, own.ID); err != nil {
		t.Fatal(err)
	}
	other := f.ratings[1]
	if _, err := s.ReplyRating(ctx, other.ResidentID, own.ID, "чужа", "u2", replyNotices("reply:other", &got)); !vikno.IsNotFound(err) {
		t.Fatalf("another resident's reply: err = %v, want not found", err)
	}
	failing := func(cases.Rating, []cases.Manager) ([]notify.Message, error) { return nil, errors.New("render failed") }
	if _, err := s.ReplyRating(ctx, own.ResidentID, own.ID, "загублена", "u3", failing); err == nil {
		t.Fatal("a reply whose notices failed was saved")
	}
	if r, _ := s.FindRating(ctx, lviv1.ID, own.ID); r.Reply != "" || r.Status != cases.RatingAnswered {
		t.Fatalf("after a failed reply the rating is %+v", r)
	}
	r, err := s.ReplyRating(ctx, own.ResidentID, own.ID, "Дякую, але черга та сама", "u4", replyNotices("reply:own", &got))
	if err != nil || r.Reply != "Дякую, але черга та сама" || r.RepliedAt.IsZero() || r.Status != cases.RatingNew ||
		r.Answer != "Вибачте" || !slices.Equal(got, []int64{lviv1.ID}) {
		t.Fatalf("reply = %+v, %v, told %v; want it saved, reopened and told to manager %d alone", r, err, got, lviv1.ID)
	}
	if msgs, _ := s.FindOutbox(ctx, "reply:"); len(msgs) != 1 || msgs[0].Key != fmt.Sprintf("reply:own:%d", lviv1.ID) {
		t.Fatalf("queued replies = %+v", msgs)
	}
	// The manager who answered is gone: the managers who cover the location
	// hear the next reply.
	if err := s.RevokeManager(ctx, lviv1.ID); err != nil {
		t.Fatal(err)
	}
	got = nil
	if _, err := s.ReplyRating(ctx, own.ResidentID, own.ID, "Чи є хтось?", "u5", replyNotices("reply:again", &got)); err != nil {
		t.Fatal(err)
	}
	var want []int64
	for _, m := range f.managers {
		if m.ID != lviv1.ID && cases.Covers(f.city, m, own.LocationID) {
			want = append(want, m.ID)
		}
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Fatalf("after the answering manager left, told %v; want %v", got, want)
	}
}

func testInvites(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Now()
	a, b := ratingResident(t, s, "a"), ratingResident(t, s, "b")
	inv, err := s.CreateInvite(ctx, cases.Invite{Token: cases.NewToken(), Level: cases.LevelRegion, Scope: "lviv",
		Name: "Олена", CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if pending, _ := s.ListInvites(ctx); len(pending) != 1 || pending[0].Token != inv.Token || pending[0].Name != "Олена" {
		t.Fatalf("ListInvites = %+v", pending)
	}
	m, err := s.RedeemInvite(ctx, inv.Token, a.ID)
	if err != nil || m.Level != cases.LevelRegion || m.Scope != "lviv" || m.Name != "Олена" || m.Resident.ID != a.ID ||
		m.Resident.ExternalID != "a" || !m.Active() {
		t.Fatalf("RedeemInvite = %+v, %v", m, err)
	}
	if _, err := s.RedeemInvite(ctx, inv.Token, b.ID); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("second use: err = %v, want conflict", err)
	}
	if pending, _ := s.ListInvites(ctx); len(pending) != 0 {
		t.Fatalf("a used invite is still listed: %+v", pending)
	}
	old, _ := s.CreateInvite(ctx, cases.Invite{Token: cases.NewToken(), Level: cases.LevelLocation, Scope: "lviv-1",
		CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)})
	if _, err := s.RedeemInvite(ctx, old.Token, b.ID); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("expired invite: err = %v, want invalid", err)
	}
	if _, err := s.RedeemInvite(ctx, cases.NewToken(), b.ID); !vikno.IsNotFound(err) {
		t.Fatalf("unknown invite: err = %v, want not found", err)
	}
	if _, err := s.FindManager(ctx, b.ID); !vikno.IsNotFound(err) {
		t.Fatalf("b became a manager through a bad invite: %v", err)
	}
	// A second invite replaces the resident's role.
	again, _ := s.CreateInvite(ctx, cases.Invite{Token: cases.NewToken(), Level: cases.LevelLocation, Scope: "lviv-2",
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	m2, err := s.RedeemInvite(ctx, again.Token, a.ID)
	if err != nil || m2.ID == m.ID {
		t.Fatalf("second role = %+v, %v", m2, err)
	}
	if cur, err := s.FindManager(ctx, a.ID); err != nil || cur.ID != m2.ID || cur.Scope != "lviv-2" {
		t.Fatalf("FindManager = %+v, %v; want the new role", cur, err)
	}
	all, _ := s.ListManagers(ctx)
	if len(all) != 2 || all[0].Active() || !all[1].Active() {
		t.Fatalf("ListManagers = %+v; want the first role revoked", all)
	}
}

func testConcurrentRedeem(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Now()
	inv, _ := s.CreateInvite(ctx, cases.Invite{Token: cases.NewToken(), Level: cases.LevelCountry, Scope: "ua",
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	residents := make([]vikno.Resident, 6)
	for i := range residents {
		residents[i] = ratingResident(t, s, fmt.Sprint("c", i))
	}
	var wins, conflicts int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, r := range residents {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.RedeemInvite(ctx, inv.Token, r.ID)
			mu.Lock()
			defer mu.Unlock()
			switch vikno.ErrorCode(err) {
			case "":
				wins++
			case vikno.ECONFLICT:
				conflicts++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if wins != 1 || conflicts != len(residents)-1 {
		t.Fatalf("%d residents became managers through one invite (%d conflicts)", wins, conflicts)
	}
}

func testRevoke(t *testing.T, s Store) {
	ctx := context.Background()
	m := mustManager(t, s, "m", cases.LevelCountry, "ua")
	r := mustRate(t, s, ratingResident(t, s, "r").ID, "lviv-1", "2026-05-14", 1)
	if _, err := s.FindRating(ctx, m.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	for range 2 { // revoking twice is harmless
		if err := s.RevokeManager(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FindManager(ctx, m.Resident.ID); !vikno.IsNotFound(err) {
		t.Fatalf("FindManager after revoke: err = %v", err)
	}
	if _, err := s.FindRating(ctx, m.ID, r.ID); !vikno.IsNotFound(err) {
		t.Fatalf("a revoked manager still sees ratings: err = %v", err)
	}
	var got []int64
	if _, err := s.SaveRating(ctx, cases.Rating{ResidentID: r.ResidentID, LocationID: "lviv-2", Day: "2026-05-14", Score: 1},
		alertsTo(&got)); err != nil || len(got) != 0 {
		t.Fatalf("a revoked manager was alerted: %v, %v", got, err)
	}
	if err := s.RevokeManager(ctx, 999999); !vikno.IsNotFound(err) {
		t.Fatalf("revoke unknown: err = %v", err)
	}
}
