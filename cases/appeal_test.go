package cases_test

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/casestest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/storage/memory"
)

func mustCity(t *testing.T) vikno.City {
	t.Helper()
	c, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// notices records what the service asked to notify.
type notices struct {
	mu     sync.Mutex
	events []cases.AppealEvent
}

func (n *notices) AppealChanged(_ context.Context, a cases.Appeal, e cases.AppealEvent) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.events = append(n.events, e)
	return nil
}

func (n *notices) statuses() []cases.AppealStatus {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []cases.AppealStatus
	for _, e := range n.events {
		out = append(out, e.To)
	}
	return out
}

type fixture struct {
	svc     *cases.AppealService
	store   *casestest.Appeals
	clock   *clock
	notices *notices
	limiter *memory.Store
}

func newFixture(t *testing.T) fixture {
	city := mustCity(t)
	f := fixture{store: &casestest.Appeals{}, notices: &notices{}, limiter: memory.New(),
		clock: &clock{t: time.Date(2026, 3, 10, 9, 30, 0, 0, city.Loc())}}
	f.limiter.Now = f.clock.Now
	f.svc = &cases.AppealService{Store: f.store, City: city, Limiter: f.limiter, Hasher: cases.Bcrypt{Cost: 4},
		Notifier: f.notices, Now: f.clock.Now}
	return f
}

func draft(residentID int64) cases.AppealDraft {
	return cases.AppealDraft{
		Channel: vikno.Telegram, ResidentID: residentID, Category: "no-hot-water",
		Description: "Немає гарячої води з понеділка", Location: &cases.GeoPoint{Lat: 49.8419, Lon: 24.0315},
		Photos: []string{"tg:photo-1"}, Phone: "050 123 45 67",
	}
}

func (f fixture) mustFile(t *testing.T, d cases.AppealDraft) cases.FiledAppeal {
	t.Helper()
	filed, err := f.svc.File(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return filed
}

func TestTransitionTable(t *testing.T) {
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "api"}
	resident := cases.ResidentActor(1)
	tests := []struct {
		name    string
		from    cases.AppealStatus
		to      cases.AppealStatus
		by      cases.Actor
		comment string
		want    string // error code, "" for allowed
	}{
		{"ExecutorTakesRegistered", cases.AppealRegistered, cases.AppealInProgress, executor, "", ""},
		{"ExecutorFinishesInProgress", cases.AppealInProgress, cases.AppealDone, executor, "Готово", ""},
		{"ExecutorFinishesRegisteredAtOnce", cases.AppealRegistered, cases.AppealDone, executor, "", ""},
		{"RejectNeedsReason", cases.AppealInProgress, cases.AppealRejected, executor, " ", vikno.EINVALID},
		{"RejectWithReason", cases.AppealInProgress, cases.AppealRejected, executor, "Дублікат", ""},
		{"OutOfCompetenceNeedsExplanation", cases.AppealRegistered, cases.AppealOutOfCompetence, executor, "", vikno.EINVALID},
		{"OutOfCompetenceExplained", cases.AppealRegistered, cases.AppealOutOfCompetence, executor, "Це питання ОСББ", ""},
		{"OutOfCompetenceOnlyBeforeWork", cases.AppealInProgress, cases.AppealOutOfCompetence, executor, "x", vikno.ECONFLICT},
		{"OnlyResidentCloses", cases.AppealDone, cases.AppealClosed, executor, "", vikno.EINVALID},
		{"ResidentCloses", cases.AppealDone, cases.AppealClosed, resident, "", ""},
		{"ResidentReopensWithComment", cases.AppealDone, cases.AppealReopened, resident, "Досі тече", ""},
		{"ReopenNeedsComment", cases.AppealDone, cases.AppealReopened, resident, "", vikno.EINVALID},
		{"ResidentCannotWork", cases.AppealRegistered, cases.AppealInProgress, resident, "", vikno.EINVALID},
		{"ReopenedGoesBackToWork", cases.AppealReopened, cases.AppealInProgress, executor, "", ""},
		{"NoCloseBeforeDone", cases.AppealInProgress, cases.AppealClosed, resident, "", vikno.ECONFLICT},
		{"ClosedIsFinal", cases.AppealClosed, cases.AppealReopened, resident, "x", vikno.ECONFLICT},
		{"RejectedIsFinal", cases.AppealRejected, cases.AppealInProgress, executor, "", vikno.ECONFLICT},
		{"NoStandingStill", cases.AppealInProgress, cases.AppealInProgress, executor, "", vikno.ECONFLICT},
		{"UnknownStatus", cases.AppealRegistered, "lost", executor, "", vikno.EINVALID},
		{"OverlongComment", cases.AppealInProgress, cases.AppealDone, executor, strings.Repeat("я", cases.MaxAppealCommentLen+1), vikno.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := cases.CheckAppealTransition(tt.from, cases.AppealChange{To: tt.to, Comment: tt.comment, By: tt.by})
			if got := vikno.ErrorCode(err); got != tt.want {
				t.Fatalf("CheckAppealTransition = %v (code %q), want code %q", err, got, tt.want)
			}
		})
	}
	for _, s := range cases.FinalAppealStatuses() {
		for _, k := range []cases.ActorKind{cases.ActorExecutor, cases.ActorResident} {
			if moves := cases.AllowedAppealMoves(s, k); len(moves) != 0 {
				t.Errorf("final status %s allows %v to %s", s, moves, k)
			}
		}
	}
}

func TestDueTimeFromTheCategoryTerm(t *testing.T) {
	kyiv := mustCity(t).Loc()
	// Summer time starts in Kyiv on 29 March 2026 at 03:00.
	filed := time.Date(2026, 3, 28, 10, 0, 0, 0, kyiv)
	tests := []struct {
		name string
		term cases.AppealTerm
		want time.Time
	}{
		{"HoursAreElapsedTime", cases.AppealTerm{Hours: 24}, time.Date(2026, 3, 29, 11, 0, 0, 0, kyiv)},
		{"FourHours", cases.AppealTerm{Hours: 4}, time.Date(2026, 3, 28, 14, 0, 0, 0, kyiv)},
		{"DaysKeepTheWallClock", cases.AppealTerm{Days: 7}, time.Date(2026, 4, 4, 10, 0, 0, 0, kyiv)},
		{"ThirtyDays", cases.AppealTerm{Days: 30}, time.Date(2026, 4, 27, 10, 0, 0, 0, kyiv)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.term.Due(filed); !got.Equal(tt.want) {
				t.Fatalf("Due = %v, want %v", got, tt.want)
			}
		})
	}
	cat, _, _ := mustCity(t).Category("pothole")
	if got := cases.TermOf(cat); got != (cases.AppealTerm{Days: 15}) {
		t.Fatalf("TermOf(pothole) = %+v", got)
	}
}

func TestFileRoutesToTheExecutorWithDueTime(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	a := filed.Appeal
	if !filed.Created || a.Number != "2026-000001" || a.Executor != "teplomerezha" || a.Status != cases.AppealRegistered {
		t.Fatalf("filed %+v", filed)
	}
	if want := f.clock.Now().Add(24 * time.Hour); !a.DueAt.Equal(want) {
		t.Errorf("due %v, want %v (24 hours)", a.DueAt, want)
	}
	if a.Phone != "+380501234567" {
		t.Errorf("phone %q, want normalised", a.Phone)
	}
	if len(a.History) != 1 || a.History[0].Actor != cases.ResidentActor(7) {
		t.Errorf("history %+v", a.History)
	}
	if !cases.ValidPIN(filed.PIN) || strings.Contains(a.PINHash, filed.PIN) || !(cases.Bcrypt{}).Verify(a.PINHash, filed.PIN) {
		t.Errorf("PIN %q / hash %q: want a hashed valid PIN", filed.PIN, a.PINHash)
	}
}

func TestFileWithTheSameTokenFilesOnce(t *testing.T) {
	f := newFixture(t)
	d := draft(7)
	d.ClientToken = "summary-1"
	first := f.mustFile(t, d)
	second := f.mustFile(t, d)
	if !first.Created || second.Created || second.Appeal.Number != first.Appeal.Number || second.PIN != "" {
		t.Fatalf("first %+v\nsecond %+v", first, second)
	}
}

func TestFileRefusesBadInputAndSavesNothing(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *cases.AppealDraft)
	}{
		{"DescriptionTooLong", func(d *cases.AppealDraft) { d.Description = strings.Repeat("в", cases.MaxDescriptionLen+1) }},
		{"DescriptionTooShort", func(d *cases.AppealDraft) { d.Description = " а " }},
		{"OutsideTheCity", func(d *cases.AppealDraft) { d.Location = &cases.GeoPoint{Lat: 50.45, Lon: 30.52} }},
		{"NotANumber", func(d *cases.AppealDraft) { d.Location = &cases.GeoPoint{Lat: math.NaN(), Lon: 24} }},
		{"NoPlace", func(d *cases.AppealDraft) { d.Location, d.Address = nil, "  " }},
		{"UnknownCategory", func(d *cases.AppealDraft) { d.Category = "ufo" }},
		{"BadPhone", func(d *cases.AppealDraft) { d.Phone = "call me" }},
		{"TooManyPhotos", func(d *cases.AppealDraft) { d.Photos = make([]string, cases.MaxPhotos+1) }},
		{"UnknownChannel", func(d *cases.AppealDraft) { d.Channel = "pigeon" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := draft(7)
			tt.change(&d)
			_, err := f.svc.File(context.Background(), d)
			if vikno.ErrorCode(err) != vikno.EINVALID {
				t.Fatalf("File = %v, want invalid", err)
			}
			if list, _ := f.store.ListAppeals(context.Background(), cases.AppealFilter{}); len(list) != 0 {
				t.Fatalf("%d appeals saved after bad input", len(list))
			}
		})
	}
}

func TestAddressWithoutCoordinatesIsEnough(t *testing.T) {
	f := newFixture(t)
	d := draft(7)
	d.Location, d.Address = nil, "вул. Городоцька, 15"
	if filed := f.mustFile(t, d); filed.Appeal.Address != "вул. Городоцька, 15" || filed.Appeal.Location != nil {
		t.Fatalf("filed %+v", filed.Appeal)
	}
}

func TestPINIsRandomHashedAndVerified(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		pin, err := cases.NewPIN(cases.PINLen)
		if err != nil || len(pin) != cases.PINLen || !cases.ValidPIN(pin) {
			t.Fatalf("NewPIN = %q, %v", pin, err)
		}
		seen[pin] = true
	}
	if len(seen) < 15 {
		t.Fatalf("20 PINs gave only %d distinct values", len(seen))
	}
	h := cases.Bcrypt{Cost: 4}
	hash, err := h.Hash("4821")
	if err != nil || hash == "4821" || !strings.HasPrefix(hash, "$2") {
		t.Fatalf("Hash = %q, %v", hash, err)
	}
	if !h.Verify(hash, "4821") || h.Verify(hash, "4822") || h.Verify(hash, "") {
		t.Fatal("Verify accepts a wrong PIN or refuses the right one")
	}
	for pin, ok := range map[string]bool{"1234": true, "123456": true, "123": false, "1234567": false, "12a4": false, "": false, "１２３４": false} {
		if cases.ValidPIN(pin) != ok {
			t.Errorf("ValidPIN(%q) = %v", pin, !ok)
		}
	}
}

func TestLookupNeedsTheRightPIN(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	ctx := context.Background()
	a, err := f.svc.Lookup(ctx, "2026-1", filed.PIN, "resident:9")
	if err != nil || a.Number != filed.Appeal.Number {
		t.Fatalf("Lookup with the PIN = %+v, %v", a, err)
	}
	_, wrong := f.svc.Lookup(ctx, filed.Appeal.Number, wrongPIN(filed.PIN), "resident:9")
	_, unknown := f.svc.Lookup(ctx, "2026-000777", filed.PIN, "resident:9")
	if !vikno.IsNotFound(wrong) || !vikno.IsNotFound(unknown) || vikno.ErrorMessage(wrong) != vikno.ErrorMessage(unknown) {
		t.Fatalf("wrong PIN: %v; unknown number: %v; want the same not-found answer", wrong, unknown)
	}
	for _, tt := range []struct{ number, pin string }{{"123", filed.PIN}, {filed.Appeal.Number, "12"}} {
		if _, err := f.svc.Lookup(ctx, tt.number, tt.pin, "resident:9"); vikno.ErrorCode(err) != vikno.EINVALID {
			t.Errorf("Lookup(%q, %q) = %v, want invalid", tt.number, tt.pin, err)
		}
	}
}

func wrongPIN(pin string) string {
	b := []byte(pin)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

func TestLookupAttemptsAreLimitedPerNumber(t *testing.T) {
	f := newFixture(t)
	filed := f.mustFile(t, draft(7))
	ctx := context.Background()
	burst := cases.PINNumberBackoff.Burst
	for i := range burst {
		// Each guess comes from another client: only the number's limit applies.
		if _, err := f.svc.Lookup(ctx, filed.Appeal.Number, wrongPIN(filed.PIN), "ip:10.0.0."+string(rune('1'+i))); !vikno.IsNotFound(err) {
			t.Fatalf("guess %d = %v, want not found", i+1, err)
		}
	}
	_, err := f.svc.Lookup(ctx, filed.Appeal.Number, filed.PIN, "ip:10.9.9.9")
	if vikno.ErrorCode(err) != vikno.ELIMITED {
		t.Fatalf("after %d wrong guesses even the right PIN = %v, want rate limited", burst, err)
	}
	var re *cases.RetryError
	if !errorsAs(err, &re) || re.Minutes() < 1 {
		t.Fatalf("err %v carries no wait", err)
	}
	f.clock.Add(time.Duration(re.Minutes()) * time.Minute)
	if _, err := f.svc.Lookup(ctx, filed.Appeal.Number, filed.PIN, "ip:10.9.9.9"); err != nil {
		t.Fatalf("after the wait the right PIN = %v", err)
	}
}

func TestLookupAttemptsAreLimitedPerClient(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var last error
	for i := range cases.PINClientBackoff.Burst + 1 {
		_, last = f.svc.Lookup(ctx, cases.FormatAppealNumber(2026, int64(i+1)), "1234", "resident:9")
	}
	if vikno.ErrorCode(last) != vikno.ELIMITED {
		t.Fatalf("one client trying %d numbers = %v, want rate limited", cases.PINClientBackoff.Burst+1, last)
	}
	if _, err := f.svc.Lookup(ctx, "2026-000001", "1234", "resident:10"); vikno.ErrorCode(err) == vikno.ELIMITED {
		t.Fatalf("another client is limited too: %v", err)
	}
}

func TestExecutorChangesNotifyAndResidentConfirms(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.mustFile(t, draft(7)).Appeal.Number
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "api:test"}
	if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealInProgress, By: executor}); err != nil {
		t.Fatal(err)
	}
	done, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealDone, Comment: "Відновили подачу", By: executor})
	if err != nil || done.Note != "Відновили подачу" || len(done.History) != 3 {
		t.Fatalf("done = %+v, %v", done, err)
	}
	if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealClosed, By: executor}); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("executor closing = %v, want invalid: only the resident closes", err)
	}
	if _, err := f.svc.Confirm(ctx, 8, n, cases.ResolvedYes, ""); !vikno.IsNotFound(err) {
		t.Fatalf("another resident confirming = %v, want not found", err)
	}
	if _, err := f.svc.Confirm(ctx, 7, n, cases.ResolvedNo, ""); vikno.ErrorCode(err) != vikno.EINVALID {
		t.Fatalf("reopening without a comment = %v, want invalid", err)
	}
	f.clock.Add(48 * time.Hour)
	reopened, err := f.svc.Confirm(ctx, 7, n, cases.ResolvedPartly, "Тече лише холодна")
	if err != nil || reopened.Status != cases.AppealReopened || reopened.Resolution != cases.ResolvedPartly ||
		!reopened.DueAt.Equal(f.clock.Now().Add(24*time.Hour)) || reopened.Note != "Відновили подачу" {
		t.Fatalf("reopened = %+v, %v", reopened, err)
	}
	if _, err := f.svc.ChangeStatus(ctx, n, cases.AppealChange{To: cases.AppealDone, By: executor}); err != nil {
		t.Fatal(err)
	}
	closed, err := f.svc.Confirm(ctx, 7, n, cases.ResolvedYes, "")
	if err != nil || closed.Status != cases.AppealClosed || closed.ClosedAt.IsZero() || closed.Resolution != cases.ResolvedYes {
		t.Fatalf("closed = %+v, %v", closed, err)
	}
	if _, err := f.svc.Confirm(ctx, 7, n, cases.ResolvedYes, ""); vikno.ErrorCode(err) != vikno.ECONFLICT {
		t.Fatalf("confirming twice = %v, want conflict", err)
	}
	rated, err := f.svc.Rate(ctx, 7, n, 5)
	if err != nil || rated.Rating != 5 {
		t.Fatalf("Rate = %+v, %v", rated, err)
	}
	want := []cases.AppealStatus{cases.AppealInProgress, cases.AppealDone, cases.AppealDone}
	if got := f.notices.statuses(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("notified %v, want %v (executors' changes only)", got, want)
	}
}

func TestOverdueAppeals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	hot := f.mustFile(t, draft(7)).Appeal // 24 hours
	d := draft(7)
	d.Category = "pothole" // 15 days
	pothole := f.mustFile(t, d).Appeal
	d.Category = "traffic-light-broken" // 4 hours
	light := f.mustFile(t, d).Appeal
	executor := cases.Actor{Kind: cases.ActorExecutor, Name: "x"}
	if _, err := f.svc.ChangeStatus(ctx, light.Number, cases.AppealChange{To: cases.AppealDone, By: executor}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(25 * time.Hour)
	list, err := f.svc.Overdue(ctx, "", 0)
	if err != nil || len(list) != 1 || list[0].Number != hot.Number || !list[0].Overdue(f.clock.Now()) {
		t.Fatalf("overdue = %+v, %v; want only %s (done and in-term ones are not overdue)", list, err, hot.Number)
	}
	if list, _ := f.svc.Overdue(ctx, "miskavtodor", 0); len(list) != 0 {
		t.Fatalf("overdue of miskavtodor = %+v", list)
	}
	f.clock.Add(15 * 24 * time.Hour)
	if list, _ := f.svc.Overdue(ctx, "", 0); len(list) != 2 || list[0].Number != hot.Number || list[1].Number != pothole.Number {
		t.Fatalf("overdue later = %+v, want most overdue first", list)
	}
}

func TestParseAppealNumber(t *testing.T) {
	for in, want := range map[string]string{
		"2026-000123": "2026-000123", "2026-123": "2026-000123", "№ 2026/123": "2026-000123",
		"№2026-000123": "2026-000123", " 2026 000123 ": "2026-000123", "#2026-5": "2026-000005",
		"2026-": "", "26-123": "", "2026-0": "", "abcd-123": "", "2026-12a": "", "": "", "2026-0000000001": "",
	} {
		got, ok := cases.ParseAppealNumber(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseAppealNumber(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestMatchCategoriesFromFreeText(t *testing.T) {
	city := mustCity(t)
	tests := []struct {
		text string
		want string // best category, "" for none
	}{
		{"немає гарячої води", "no-hot-water"},
		{"Вже тиждень НЕМАЄ ГАРЯЧОЇ ВОДИ!!!", "no-hot-water"},
		{"нет горячей воды", "no-hot-water"},
		{"Не працює домофон у під’їзді", "entrance-repair"},
		{"не працює домофон у підʼїзді", "entrance-repair"},
		{"застряг ліфт", "lift-broken"},
		{"велика яма на дорозі", "pothole"},
		{"рецепт борщу", ""},
		// residents who write in English describe the problem in their words
		{"the street light is out near my house", "street-light-out"},
		{"There is a huge pothole on our street", "pothole"},
		{"garbage has not been collected for a week", "waste-not-collected"},
		{"the lift in our building is broken again", "lift-broken"},
		{"no hot water since Monday", "no-hot-water"},
		{"a dead dog lies by the road", "dead-animal"},
		{"my business registration", ""},
	}
	for _, tt := range tests {
		got := cases.MatchCategories(city, tt.text, 3)
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("%q matched %v, want nothing", tt.text, got[0].ID)
		case tt.want != "" && (len(got) == 0 || got[0].ID != tt.want):
			t.Errorf("%q matched %v, want %s first", tt.text, ids(got), tt.want)
		}
	}
	if got := cases.MatchCategories(city, "вода", 3); len(got) > 3 {
		t.Errorf("limit ignored: %v", ids(got))
	}
	for text, want := range map[string]string{"Немає гарячої води": "no-hot-water", "  немає  гарячої води! ": "no-hot-water",
		"No hot water": "no-hot-water", "немає гарячої води третій день": "", "вода": ""} {
		got, ok := cases.CategoryNamed(city, text)
		if ok != (want != "") || ok && got.ID != want {
			t.Errorf("CategoryNamed(%q) = %s, %v; want %q", text, got.ID, ok, want)
		}
	}
	if cases.NormalizeText("Під’ЇЗД ʼ `а́") != "під'їзд ' 'а" {
		t.Errorf("NormalizeText = %q", cases.NormalizeText("Під’ЇЗД ʼ `а́"))
	}
}

func ids(cs []vikno.Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
