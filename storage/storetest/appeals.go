package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// AppealsStore is what the appeal tests need: residents, whom appeals refer
// to, and appeals.
type AppealsStore interface {
	vikno.ResidentStore
	cases.AppealStore
}

// RunAppeals runs the appeal part of the suite. Run calls it for the SQL
// backends; in-memory fakes call it on their own.
func RunAppeals(t *testing.T, open func(t *testing.T) AppealsStore) {
	for _, tt := range []struct {
		name string
		test func(t *testing.T, s AppealsStore)
	}{
		{"CreateAndFindRoundTrip", testAppealRoundTrip},
		{"AddressOnlyAppealHasNoLocation", testAppealAddressOnly},
		{"NumbersCountPerLocalYear", testAppealNumbersPerYear},
		{"ConcurrentFilingsGetDistinctNumbers", testAppealConcurrentNumbers},
		{"SameTokenFilesOnce", testAppealSameToken},
		{"TokenIsPerResidentAndEmptyTokenNeverMatches", testAppealTokenScope},
		{"UpdateSavesChangeAndEvent", testAppealUpdate},
		{"UpdateErrorChangesNothing", testAppealUpdateError},
		{"UpdateSavesExecutorAndDistrict", testAppealUpdateExecutor},
		{"UpdateSavesPhotos", testAppealUpdatePhotos},
		{"ConcurrentUpdatesSeeEachOther", testAppealConcurrentUpdates},
		{"UnknownAppealIsNotFound", testAppealNotFound},
		{"ListFilters", testAppealList},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open(t)) })
	}
}

var kyiv = mustLoad("Europe/Kyiv")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day0 is a filing time with microseconds (what PostgreSQL keeps).
var day0 = time.Date(2026, 3, 10, 9, 30, 15, 123456000, kyiv)

func mustResident(t *testing.T, s AppealsStore, id string) int64 {
	t.Helper()
	r, err := s.EnsureResident(context.Background(), vikno.Telegram, id, "uk")
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func sampleAppeal(residentID int64, token string, at time.Time) (cases.Appeal, cases.AppealEvent) {
	a := cases.Appeal{
		PINHash: "$2a$04$notarealhashnotarealhashnotarealhashnotarealhashnot", Channel: vikno.Telegram,
		ResidentID: residentID, ClientToken: token, Category: "no-hot-water", Executor: "teplomerezha",
		Description: "Немає гарячої води з понеділка", Address: "вул. Городоцька, 1, під’їзд 2", District: "zaliznychnyi",
		Location: &cases.GeoPoint{Lat: 49.8419, Lon: 24.0315}, Photos: []string{"tg:file-1", "tg:file-2"},
		Phone: "+380501234567", DescriptionPublic: true, Status: cases.AppealRegistered, DueAt: at.Add(24 * time.Hour),
		CreatedAt: at, UpdatedAt: at,
	}
	ev := cases.AppealEvent{At: at, To: cases.AppealRegistered, Actor: cases.ResidentActor(residentID)}
	return a, ev
}

func mustCreate(t *testing.T, s AppealsStore, a cases.Appeal, ev cases.AppealEvent) cases.Appeal {
	t.Helper()
	got, created, err := s.CreateAppeal(context.Background(), a, ev)
	if err != nil || !created {
		t.Fatalf("CreateAppeal = %v, created %v", err, created)
	}
	return got
}

func testAppealRoundTrip(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	rid := mustResident(t, s, "a-1")
	a, ev := sampleAppeal(rid, "tok-1", day0)
	created := mustCreate(t, s, a, ev)
	if created.ID == 0 || created.Number != "2026-000001" || len(created.History) != 1 || created.History[0].ID == 0 {
		t.Fatalf("created = %+v", created)
	}
	got, err := s.FindAppeal(ctx, created.Number)
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.ID, want.Number = created.ID, created.Number
	checkAppeal(t, got, want)
	if len(got.History) != 1 || got.History[0].To != cases.AppealRegistered || got.History[0].From != "" ||
		got.History[0].Actor != ev.Actor || !got.History[0].At.Equal(day0) {
		t.Fatalf("history = %+v", got.History)
	}
	byToken, err := s.FindAppealByToken(ctx, rid, "tok-1")
	if err != nil || byToken.Number != created.Number {
		t.Fatalf("FindAppealByToken = %+v, %v", byToken, err)
	}
}

// checkAppeal compares the stored fields of two appeals (not history).
func checkAppeal(t *testing.T, got, want cases.Appeal) {
	t.Helper()
	diffs := []string{}
	add := func(name string, ok bool, g, w any) {
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", name, g, w))
		}
	}
	add("ID", got.ID == want.ID, got.ID, want.ID)
	add("Number", got.Number == want.Number, got.Number, want.Number)
	add("PINHash", got.PINHash == want.PINHash, got.PINHash, want.PINHash)
	add("Channel", got.Channel == want.Channel, got.Channel, want.Channel)
	add("ResidentID", got.ResidentID == want.ResidentID, got.ResidentID, want.ResidentID)
	add("ClientToken", got.ClientToken == want.ClientToken, got.ClientToken, want.ClientToken)
	add("Category", got.Category == want.Category, got.Category, want.Category)
	add("Executor", got.Executor == want.Executor, got.Executor, want.Executor)
	add("Description", got.Description == want.Description, got.Description, want.Description)
	add("Address", got.Address == want.Address, got.Address, want.Address)
	add("District", got.District == want.District, got.District, want.District)
	add("Location", (got.Location == nil) == (want.Location == nil) && (got.Location == nil || *got.Location == *want.Location), got.Location, want.Location)
	add("Photos", slices.Equal(got.Photos, want.Photos) || len(got.Photos)+len(want.Photos) == 0, got.Photos, want.Photos)
	add("Phone", got.Phone == want.Phone, got.Phone, want.Phone)
	add("DescriptionPublic", got.DescriptionPublic == want.DescriptionPublic, got.DescriptionPublic, want.DescriptionPublic)
	add("Status", got.Status == want.Status, got.Status, want.Status)
	add("Note", got.Note == want.Note, got.Note, want.Note)
	add("Resolution", got.Resolution == want.Resolution, got.Resolution, want.Resolution)
	add("Rating", got.Rating == want.Rating, got.Rating, want.Rating)
	add("DueAt", got.DueAt.Equal(want.DueAt), got.DueAt, want.DueAt)
	add("CreatedAt", got.CreatedAt.Equal(want.CreatedAt), got.CreatedAt, want.CreatedAt)
	add("UpdatedAt", got.UpdatedAt.Equal(want.UpdatedAt), got.UpdatedAt, want.UpdatedAt)
	add("ClosedAt", got.ClosedAt.Equal(want.ClosedAt), got.ClosedAt, want.ClosedAt)
	if len(diffs) > 0 {
		t.Fatalf("appeal differs:\n  %s", fmt.Sprint(diffs))
	}
}

func testAppealAddressOnly(t *testing.T, s AppealsStore) {
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	a.Location, a.Photos, a.Phone, a.DescriptionPublic = nil, nil, "", false
	created := mustCreate(t, s, a, ev)
	got, err := s.FindAppeal(context.Background(), created.Number)
	if err != nil {
		t.Fatal(err)
	}
	a.ID, a.Number = created.ID, created.Number
	checkAppeal(t, got, a)
}

func testAppealNumbersPerYear(t *testing.T, s AppealsStore) {
	rid := mustResident(t, s, "a-1")
	// 00:30 on 1 January in Kyiv is still 31 December in UTC: the number
	// takes the local year.
	newYear := time.Date(2027, 1, 1, 0, 30, 0, 0, kyiv)
	for i, tc := range []struct {
		at   time.Time
		want string
	}{
		{day0, "2026-000001"},
		{day0.Add(time.Hour), "2026-000002"},
		{newYear, "2027-000001"},
		{day0.Add(2 * time.Hour), "2026-000003"},
	} {
		a, ev := sampleAppeal(rid, fmt.Sprint("tok-", i), tc.at)
		if got := mustCreate(t, s, a, ev); got.Number != tc.want {
			t.Fatalf("appeal %d at %v got number %s, want %s", i, tc.at, got.Number, tc.want)
		}
	}
}

// Filings is how many appeals testAppealConcurrentNumbers files at once.
const Filings = 200

func testAppealConcurrentNumbers(t *testing.T, s AppealsStore) {
	residents := make([]int64, 10)
	for i := range residents {
		residents[i] = mustResident(t, s, fmt.Sprint("c-", i))
	}
	numbers := make([]string, Filings)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range Filings {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, ev := sampleAppeal(residents[i%len(residents)], fmt.Sprint("tok-", i), day0)
			got, created, err := s.CreateAppeal(context.Background(), a, ev)
			if err != nil || !created {
				t.Errorf("filing %d: %v, created %v", i, err, created)
				return
			}
			numbers[i] = got.Number
		}()
	}
	wg.Wait()
	t.Logf("%d concurrent filings took %v", Filings, time.Since(start).Round(time.Millisecond))
	slices.Sort(numbers)
	for i, n := range numbers {
		if want := cases.FormatAppealNumber(2026, int64(i+1)); n != want {
			t.Fatalf("numbers[%d] = %q, want %q (distinct, without gaps)", i, n, want)
		}
	}
}

func testAppealSameToken(t *testing.T, s AppealsStore) {
	rid := mustResident(t, s, "a-1")
	const taps = 20
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		created int
		numbers = map[string]bool{}
	)
	for range taps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, ev := sampleAppeal(rid, "double-tap", day0)
			got, ok, err := s.CreateAppeal(context.Background(), a, ev)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			numbers[got.Number] = true
			if ok {
				created++
			}
		}()
	}
	wg.Wait()
	if created != 1 || len(numbers) != 1 {
		t.Fatalf("%d taps created %d appeals with numbers %v; want exactly one", taps, created, numbers)
	}
	list, err := s.ListAppeals(context.Background(), cases.AppealFilter{ResidentID: rid})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored appeals = %d, %v; want 1", len(list), err)
	}
	// A refused duplicate spends no number.
	a, ev := sampleAppeal(rid, "next", day0)
	if got := mustCreate(t, s, a, ev); got.Number != "2026-000002" {
		t.Fatalf("next number = %s, want 2026-000002", got.Number)
	}
}

func testAppealTokenScope(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	one, two := mustResident(t, s, "a-1"), mustResident(t, s, "a-2")
	a, ev := sampleAppeal(one, "same", day0)
	mustCreate(t, s, a, ev)
	b, ev := sampleAppeal(two, "same", day0)
	mustCreate(t, s, b, ev)
	for range 2 { // integrations file without a resident or token
		c, ev := sampleAppeal(0, "", day0)
		c.Channel, c.Phone = cases.Open311, ""
		mustCreate(t, s, c, ev)
	}
	if _, err := s.FindAppealByToken(ctx, one, ""); !vikno.IsNotFound(err) {
		t.Fatalf("FindAppealByToken with no token: %v, want not found", err)
	}
	if _, err := s.FindAppealByToken(ctx, two, "other"); !vikno.IsNotFound(err) {
		t.Fatalf("FindAppealByToken unknown token: %v, want not found", err)
	}
	list, _ := s.ListAppeals(ctx, cases.AppealFilter{})
	if len(list) != 4 {
		t.Fatalf("%d appeals, want 4", len(list))
	}
}

func testAppealUpdate(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	created := mustCreate(t, s, a, ev)
	later := day0.Add(3 * time.Hour)
	by := cases.Actor{Kind: cases.ActorExecutor, Name: "api:test"}
	got, err := s.UpdateAppeal(ctx, created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
		if a.Status != cases.AppealRegistered || a.ID != created.ID {
			t.Errorf("change got %+v", a)
		}
		a.Status, a.Note, a.UpdatedAt, a.ClosedAt = cases.AppealDone, "Замінили засувку", later, later
		a.DueAt, a.Resolution, a.Rating = later.Add(time.Hour), cases.ResolvedPartly, 4
		return cases.AppealEvent{At: later, From: cases.AppealRegistered, To: cases.AppealDone, Comment: "Замінили засувку", Actor: by}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.FindAppeal(ctx, created.Number)
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.ID, want.Number, want.Status, want.Note, want.UpdatedAt, want.ClosedAt = created.ID, created.Number, cases.AppealDone, "Замінили засувку", later, later
	want.DueAt, want.Resolution, want.Rating = later.Add(time.Hour), cases.ResolvedPartly, 4
	checkAppeal(t, got, want)
	checkAppeal(t, found, want)
	if len(found.History) != 2 || found.History[1].Comment != "Замінили засувку" || found.History[1].Actor != by ||
		found.History[1].From != cases.AppealRegistered || !found.History[1].At.Equal(later) || len(got.History) != 2 {
		t.Fatalf("history = %+v", found.History)
	}
	// A change without an event (a rating) records none.
	got, err = s.UpdateAppeal(ctx, created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
		a.Rating = 5
		return cases.AppealEvent{}, nil
	})
	if err != nil || got.Rating != 5 || len(got.History) != 2 {
		t.Fatalf("rating update = %+v, %v", got, err)
	}
}

func testAppealUpdateError(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	created := mustCreate(t, s, a, ev)
	boom := vikno.Errorf(vikno.ECONFLICT, "refused")
	_, err := s.UpdateAppeal(ctx, created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
		a.Status, a.Note = cases.AppealClosed, "changed"
		return cases.AppealEvent{To: cases.AppealClosed}, boom
	})
	if vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("err = %v, want the change's error", err)
	}
	got, _ := s.FindAppeal(ctx, created.Number)
	if got.Status != cases.AppealRegistered || got.Note != "" || len(got.History) != 1 {
		t.Fatalf("after a refused change: %+v", got)
	}
}

func testAppealConcurrentUpdates(t *testing.T, s AppealsStore) {
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	created := mustCreate(t, s, a, ev)
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		won int
	)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.UpdateAppeal(context.Background(), created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
				if a.Status != cases.AppealRegistered {
					return cases.AppealEvent{}, vikno.Errorf(vikno.ECONFLICT, "already moved")
				}
				a.Status = cases.AppealInProgress
				return cases.AppealEvent{At: day0, From: cases.AppealRegistered, To: cases.AppealInProgress,
					Actor: cases.Actor{Kind: cases.ActorExecutor, Name: "x"}}, nil
			})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case vikno.ErrorCode(err) != vikno.ECONFLICT:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := s.FindAppeal(context.Background(), created.Number)
	if won != 1 || len(got.History) != 2 {
		t.Fatalf("%d changes won, history %d; want exactly one", won, len(got.History))
	}
}

func testAppealNotFound(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	if _, err := s.FindAppeal(ctx, "2026-999999"); !vikno.IsNotFound(err) {
		t.Fatalf("FindAppeal = %v", err)
	}
	_, err := s.UpdateAppeal(ctx, "2026-999999", func(*cases.Appeal) (cases.AppealEvent, error) {
		t.Error("change called for an unknown appeal")
		return cases.AppealEvent{}, nil
	})
	if !vikno.IsNotFound(err) {
		t.Fatalf("UpdateAppeal = %v", err)
	}
}

func testAppealList(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	rid, other := mustResident(t, s, "a-1"), mustResident(t, s, "a-2")
	file := func(resident int64, cat, exec string, status cases.AppealStatus, at time.Time, due time.Duration) cases.Appeal {
		a, ev := sampleAppeal(resident, "", at)
		a.Category, a.Executor, a.Status, a.DueAt = cat, exec, status, at.Add(due)
		return mustCreate(t, s, a, ev)
	}
	a1 := file(rid, "no-hot-water", "teplomerezha", cases.AppealRegistered, day0, 24*time.Hour)
	a2 := file(rid, "pothole", "miskavtodor", cases.AppealInProgress, day0.Add(time.Hour), 15*24*time.Hour)
	a3 := file(other, "no-hot-water", "teplomerezha", cases.AppealClosed, day0.Add(2*time.Hour), 2*time.Hour)
	a4 := file(other, "lift-broken", "liftservis", cases.AppealReopened, day0.Add(3*time.Hour), 5*time.Hour)
	tests := []struct {
		name string
		f    cases.AppealFilter
		want []cases.Appeal
	}{
		{"AllNewestFirst", cases.AppealFilter{}, []cases.Appeal{a4, a3, a2, a1}},
		{"Numbers", cases.AppealFilter{Numbers: []string{a1.Number, a3.Number, "2026-999999"}}, []cases.Appeal{a3, a1}},
		{"Categories", cases.AppealFilter{Categories: []string{"no-hot-water", "lift-broken"}}, []cases.Appeal{a4, a3, a1}},
		{"Statuses", cases.AppealFilter{Statuses: []cases.AppealStatus{cases.AppealClosed, cases.AppealInProgress}}, []cases.Appeal{a3, a2}},
		{"Executor", cases.AppealFilter{Executor: "teplomerezha"}, []cases.Appeal{a3, a1}},
		{"District", cases.AppealFilter{District: "zaliznychnyi", Categories: []string{"pothole"}}, []cases.Appeal{a2}},
		{"DistrictNone", cases.AppealFilter{District: "lychakivskyi"}, nil},
		{"Resident", cases.AppealFilter{ResidentID: other}, []cases.Appeal{a4, a3}},
		{"CreatedRangeInclusive", cases.AppealFilter{CreatedFrom: a2.CreatedAt, CreatedTo: a3.CreatedAt}, []cases.Appeal{a3, a2}},
		{"OverdueMostOverdueFirst", cases.AppealFilter{Statuses: cases.WorkAppealStatuses(), DueBefore: day0.Add(30 * time.Hour),
			Order: cases.AppealsDueFirst}, []cases.Appeal{a4, a1}},
		{"Limit", cases.AppealFilter{Limit: 2}, []cases.Appeal{a4, a3}},
		{"OffsetPages", cases.AppealFilter{Limit: 2, Offset: 2}, []cases.Appeal{a2, a1}},
		{"OffsetPastTheEnd", cases.AppealFilter{Offset: 4}, nil},
		{"OffsetWithFilter", cases.AppealFilter{Categories: []string{"no-hot-water"}, Offset: 1}, []cases.Appeal{a1}},
		{"BoardOverdueOfCategories", cases.AppealFilter{Categories: []string{"no-hot-water", "pothole"},
			Statuses: cases.WorkAppealStatuses(), DueBefore: day0.Add(30 * time.Hour)}, []cases.Appeal{a1}},
		{"Nothing", cases.AppealFilter{Categories: []string{"noise"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ListAppeals(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if numbersOf(got) != numbersOf(tt.want) {
				t.Fatalf("ListAppeals = %s, want %s", numbersOf(got), numbersOf(tt.want))
			}
			for i := range got {
				checkAppeal(t, got[i], tt.want[i])
				if len(got[i].History) != 0 {
					t.Fatalf("a list carries history")
				}
			}
		})
	}
}

func numbersOf(as []cases.Appeal) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Number
	}
	return fmt.Sprint(out)
}

// testAppealUpdateExecutor: handing an appeal to another executor and
// putting it in a district are saved by UpdateAppeal and seen by the
// filters.
func testAppealUpdateExecutor(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	created := mustCreate(t, s, a, ev)
	later := day0.Add(time.Hour)
	_, err := s.UpdateAppeal(ctx, created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
		a.Executor, a.District, a.UpdatedAt = "vodokanal", "sykhivskyi", later
		return cases.AppealEvent{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.FindAppeal(ctx, created.Number)
	if err != nil {
		t.Fatal(err)
	}
	if found.Executor != "vodokanal" || found.District != "sykhivskyi" || !found.UpdatedAt.Equal(later) || len(found.History) != 1 {
		t.Fatalf("after reassigning: executor %q, district %q, updated %v, %d events", found.Executor, found.District,
			found.UpdatedAt, len(found.History))
	}
	for _, tc := range []struct {
		f    cases.AppealFilter
		want int
	}{
		{cases.AppealFilter{Executor: "vodokanal"}, 1},
		{cases.AppealFilter{Executor: "teplomerezha"}, 0},
		{cases.AppealFilter{District: "sykhivskyi"}, 1},
		{cases.AppealFilter{District: "halytskyi"}, 0},
	} {
		got, err := s.ListAppeals(ctx, tc.f)
		if err != nil || len(got) != tc.want {
			t.Fatalf("ListAppeals(%+v) = %d appeals, %v; want %d", tc.f, len(got), err, tc.want)
		}
	}
}

// testAppealUpdatePhotos: photos added by a change (a resident's photo of
// what is still wrong, sent with «ні, не зроблено») are saved with it.
func testAppealUpdatePhotos(t *testing.T, s AppealsStore) {
	ctx := context.Background()
	a, ev := sampleAppeal(mustResident(t, s, "a-1"), "", day0)
	created := mustCreate(t, s, a, ev)
	want := append(slices.Clone(created.Photos), "tg:still-broken")
	if _, err := s.UpdateAppeal(ctx, created.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
		a.Photos = append(a.Photos, "tg:still-broken")
		return cases.AppealEvent{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	found, err := s.FindAppeal(ctx, created.Number)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(found.Photos, want) {
		t.Fatalf("photos after the change = %q, want %q", found.Photos, want)
	}
}
