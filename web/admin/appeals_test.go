package admin_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/web/admin"
)

// recorder is the resident notices the service asked for.
type recorder struct {
	mu     sync.Mutex
	events []cases.AppealEvent
}

func (n *recorder) AppealChanged(_ context.Context, _ cases.Appeal, e cases.AppealEvent) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.events = append(n.events, e)
	return nil
}

func (n *recorder) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.events)
}

// photos is a channel that gives every photo of Telegram.
type photos struct{}

func (photos) Fetches(ch vikno.Channel) bool { return ch == vikno.Telegram }

func (photos) Photo(_ context.Context, ch vikno.Channel, ref string) (string, []byte, error) {
	if ch != vikno.Telegram {
		return "", nil, vikno.Errorf(vikno.ENOTFOUND, "no photo")
	}
	return "image/jpeg", []byte("JPEG:" + ref), nil
}

// board is an admin web with the appeals board over a real SQLite store:
// executor "water" handles hot water, "roads" potholes.
type board struct {
	*env
	svc     *cases.AppealService
	notices *recorder
	hot     cases.Appeal // no-hot-water, with a photo and a phone
	hole    cases.Appeal // pothole
}

func newBoard(t *testing.T) *board {
	t.Helper()
	b := &board{notices: &recorder{}}
	b.env = newEnv(t, func(c *admin.Config) {
		b.svc = &cases.AppealService{Store: c.Staff.(*sqlstore.DB), City: c.City, Limiter: c.Limiter,
			Hasher: cases.Bcrypt{Cost: 4}, Notifier: b.notices}
		c.Appeals, c.Photos = b.svc, photos{}
	})
	ctx := context.Background()
	hash, _ := staff.HashPassword(password)
	for login, cats := range map[string][]string{"water": {"no-hot-water"}, "roads": {"pothole"}, "dispatcher": nil} {
		u := staff.User{Login: login, Name: "Name " + login, Role: staff.RoleExecutor, Categories: cats, PasswordHash: hash}
		if cats == nil {
			u.Role = staff.RoleDispatcher
		}
		var err error
		if b.users[login], err = b.db.CreateUser(ctx, u, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	b.hot = b.file(t, "no-hot-water", "Немає гарячої води <script>alert(1)</script>")
	b.hole = b.file(t, "pothole", "=HYPERLINK(\"http://evil\")")
	return b
}

func (b *board) file(t *testing.T, category, description string) cases.Appeal {
	t.Helper()
	r, err := b.db.EnsureResident(context.Background(), vikno.Telegram, fmt.Sprint("tg-", category), "uk")
	if err != nil {
		t.Fatal(err)
	}
	filed, err := b.svc.File(context.Background(), cases.AppealDraft{Channel: vikno.Telegram, ResidentID: r.ID,
		Category: category, Description: description, Address: "вул. Зелена, 1",
		Location: &cases.GeoPoint{Lat: 49.8419, Lon: 24.0315}, Photos: []string{"file-" + category}, Phone: "+380501234567"})
	if err != nil {
		t.Fatal(err)
	}
	return filed.Appeal
}

func (b *board) find(t *testing.T, number string) cases.Appeal {
	t.Helper()
	a, err := b.svc.Find(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var seenRe = regexp.MustCompile(`name="seen" value="(\d+)"`)

func seenOf(t *testing.T, html string) string {
	t.Helper()
	m := seenRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no status form in:\n%.2000s", html)
	}
	return m[1]
}

func TestExecutorSeesOnlyTheAppealsOfItsCategories(t *testing.T) {
	b := newBoard(t)
	water, csrf := b.login("water")
	code, list, _ := b.do(water, "GET", "/admin/appeals", nil)
	if code != http.StatusOK || !strings.Contains(list, b.hot.Number) || strings.Contains(list, b.hole.Number) {
		t.Fatalf("water's board = %d, hot %v, pothole %v", code, strings.Contains(list, b.hot.Number), strings.Contains(list, b.hole.Number))
	}
	if !strings.Contains(list, "Показано 1 звернення") {
		t.Fatalf("board does not say how many appeals it shows:\n%.3000s", list)
	}
	if code, list, _ := b.do(water, "GET", "/admin/appeals?category=pothole", nil); code != http.StatusForbidden || strings.Contains(list, b.hole.Number) ||
		!strings.Contains(list, "не входить до Ваших категорій") || !strings.Contains(list, `<a href="/admin/appeals">← Звернення</a>`) {
		t.Fatalf("asking for another category's appeals = %d, want 403 with the reason:\n%.2000s", code, list)
	}
	if code, list, _ := b.do(water, "GET", "/admin/appeals?category=atlantis", nil); code != http.StatusNotFound || !strings.Contains(list, "Категорії «atlantis» у місті немає") {
		t.Fatalf("asking for an unknown category = %d, want 404 with the reason:\n%.2000s", code, list)
	}
	other := "/admin/appeals/" + b.hole.Number
	for _, tc := range []struct {
		method, path string
		form         url.Values
	}{
		{"GET", other, nil},
		{"POST", other + "/status", url.Values{"csrf": {csrf}, "to": {"in_progress"}, "seen": {"1"}}},
		{"POST", other + "/district", url.Values{"csrf": {csrf}, "district": {"sykhivskyi"}}},
		{"GET", other + "/photos/1", nil},
	} {
		if code, body, _ := b.do(water, tc.method, tc.path, tc.form); code != http.StatusNotFound || !strings.Contains(body, "Такого запису немає або він Вам недоступний") {
			t.Errorf("%s %s by another category's executor = %d, want 404 in Ukrainian:\n%.1000s", tc.method, tc.path, code, body)
		}
	}
	if a := b.find(t, b.hole.Number); a.Status != cases.AppealRegistered || a.District != "" {
		t.Fatalf("the pothole changed: %s, district %q", a.Status, a.District)
	}
	code, body, _ := b.do(water, "GET", "/admin/appeals.csv?category=pothole", nil)
	if code != http.StatusForbidden || strings.Contains(body, b.hole.Number) || !strings.Contains(body, "не входить до Ваших категорій") {
		t.Fatalf("CSV of another category = %d, want 403 with the reason", code)
	}
	_, body, _ = b.do(water, "GET", "/admin/appeals.csv", nil)
	if !strings.Contains(body, b.hot.Number) || strings.Contains(body, b.hole.Number) {
		t.Fatalf("water's CSV:\n%s", body)
	}
	admin, _ := b.login("admin")
	if _, list, _ := b.do(admin, "GET", "/admin/appeals", nil); !strings.Contains(list, b.hot.Number) || !strings.Contains(list, b.hole.Number) {
		t.Fatal("the admin does not see every appeal")
	}
}

func TestManagersEditorsAndDispatchersHaveNoAppealsBoard(t *testing.T) {
	b := newBoard(t)
	for _, login := range []string{"manager", "editor", "dispatcher"} {
		c, csrf := b.login(login)
		n := b.hot.Number
		for _, tc := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/admin/appeals", nil},
			{"GET", "/admin/appeals.csv", nil},
			{"GET", "/admin/appeals/" + n, nil},
			{"GET", "/admin/appeals/" + n + "/photos/1", nil},
			{"POST", "/admin/appeals/" + n + "/status", url.Values{"csrf": {csrf}, "to": {"in_progress"}, "seen": {"1"}}},
			{"POST", "/admin/appeals/" + n + "/executor", url.Values{"csrf": {csrf}, "from": {"teplomerezha"}, "executor": {"vodokanal"}}},
			{"POST", "/admin/appeals/" + n + "/district", url.Values{"csrf": {csrf}, "district": {"sykhivskyi"}}},
		} {
			if code, _, _ := b.do(c, tc.method, tc.path, tc.form); code != http.StatusForbidden {
				t.Errorf("%s: %s %s = %d, want 403", login, tc.method, tc.path, code)
			}
		}
	}
	if a := b.find(t, b.hot.Number); a.Status != cases.AppealRegistered || a.Executor != "teplomerezha" {
		t.Fatalf("the appeal changed: %s, %s", a.Status, a.Executor)
	}
}

func TestAppealPageShowsTheAppealSafely(t *testing.T) {
	b := newBoard(t)
	water, _ := b.login("water")
	code, page, _ := b.do(water, "GET", "/admin/appeals/"+b.hot.Number, nil)
	if code != http.StatusOK {
		t.Fatalf("appeal page = %d", code)
	}
	for _, want := range []string{
		"Немає гарячої води &lt;script&gt;", "https://www.openstreetmap.org/?mlat=49.841900&amp;mlon=24.031500",
		"380501234567", "/admin/appeals/" + b.hot.Number + "/photos/1", "вул. Зелена, 1", "зареєстровано",
		`value="in_progress"`, `value="done"`, `value="rejected"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("appeal page lacks %q", want)
		}
	}
	for _, never := range []string{"<script>alert", b.hot.PINHash, `value="closed"`, `value="reopened"`, `id="executor-form"`} {
		if strings.Contains(page, never) {
			t.Errorf("appeal page shows %q", never)
		}
	}
	code, img, resp := b.do(water, "GET", "/admin/appeals/"+b.hot.Number+"/photos/1", nil)
	if code != http.StatusOK || img != "JPEG:file-no-hot-water" || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("photo = %d %q %q", code, img, resp.Header.Get("Content-Type"))
	}
	if code, _, _ := b.do(water, "GET", "/admin/appeals/"+b.hot.Number+"/photos/2", nil); code != http.StatusNotFound {
		t.Fatalf("a photo the appeal lacks = %d, want 404", code)
	}
}

func TestStatusChangeNotifiesTheResidentAndIsAudited(t *testing.T) {
	b := newBoard(t)
	water, _ := b.login("water")
	path := "/admin/appeals/" + b.hot.Number
	_, page, _ := b.do(water, "GET", path, nil)
	form := url.Values{"csrf": {csrfOf(t, page)}, "seen": {seenOf(t, page)}, "to": {"rejected"}}
	if code, body, _ := b.do(water, "POST", path+"/status", form); code != http.StatusBadRequest || !strings.Contains(body, "Для цього статусу напишіть коментар") {
		t.Fatalf("rejecting without a comment = %d", code)
	}
	form.Set("to", "in_progress")
	form.Set("comment", "Бригада виїхала")
	code, _, resp := b.do(water, "POST", path+"/status", form)
	if code != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=status" {
		t.Fatalf("status change = %d → %q", code, resp.Header.Get("Location"))
	}
	a := b.find(t, b.hot.Number)
	last, _ := a.LastEvent()
	if a.Status != cases.AppealInProgress || last.Comment != "Бригада виїхала" || last.Actor.Name != "staff:water" || a.Note != "Бригада виїхала" {
		t.Fatalf("after the change: %s, last event %+v", a.Status, last)
	}
	if b.notices.count() != 1 {
		t.Fatalf("the resident got %d notices, want 1", b.notices.count())
	}
	_, page, _ = b.do(water, "GET", path+"?done=status", nil)
	if !strings.Contains(page, "Статус змінено") || !strings.Contains(page, "Бригада виїхала") || !strings.Contains(page, "в роботі") {
		t.Fatalf("page after the change:\n%.3000s", page)
	}
	entries, err := b.db.ListAudit(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Action != "appeal.status" || entries[0].Target != "appeal:"+a.Number || entries[0].Actor != "water" {
		t.Fatalf("audit = %+v", entries)
	}
}

func TestStatusChangeFromAStalePageIsRefused(t *testing.T) {
	b := newBoard(t)
	path := "/admin/appeals/" + b.hot.Number
	first, _ := b.login("water")
	second, _ := b.login("admin")
	_, page1, _ := b.do(first, "GET", path, nil)
	_, page2, _ := b.do(second, "GET", path, nil)
	form1 := url.Values{"csrf": {csrfOf(t, page1)}, "seen": {seenOf(t, page1)}, "to": {"in_progress"}}
	if code, _, _ := b.do(first, "POST", path+"/status", form1); code != http.StatusSeeOther {
		t.Fatalf("first change = %d", code)
	}
	if code, _, _ := b.do(first, "POST", path+"/status", form1); code != http.StatusSeeOther {
		t.Fatalf("the same change again (double click) = %d, want it taken as done", code)
	}
	form2 := url.Values{"csrf": {csrfOf(t, page2)}, "seen": {seenOf(t, page2)}, "to": {"rejected"}, "comment": {"Дубль"}}
	code, body, _ := b.do(second, "POST", path+"/status", form2)
	if code != http.StatusConflict || !strings.Contains(body, "Звернення вже змінили") || !strings.Contains(body, "Дубль") {
		t.Fatalf("change from a stale page = %d:\n%.2000s", code, body)
	}
	if a := b.find(t, b.hot.Number); a.Status != cases.AppealInProgress || len(a.History) != 2 {
		t.Fatalf("after the refused change: %s with %d events", a.Status, len(a.History))
	}
	if b.notices.count() != 1 {
		t.Fatalf("notices = %d, want 1", b.notices.count())
	}
}

func TestOnlyTheAdminReassignsAnAppeal(t *testing.T) {
	b := newBoard(t)
	path := "/admin/appeals/" + b.hot.Number
	water, csrf := b.login("water")
	form := url.Values{"csrf": {csrf}, "from": {"teplomerezha"}, "executor": {"vodokanal"}}
	if code, _, _ := b.do(water, "POST", path+"/executor", form); code != http.StatusForbidden {
		t.Fatalf("executor reassigning = %d, want 403", code)
	}
	admin, _ := b.login("admin")
	_, page, _ := b.do(admin, "GET", path, nil)
	if !strings.Contains(page, `id="executor-form"`) {
		t.Fatal("the admin's page has no reassign form")
	}
	form.Set("csrf", csrfOf(t, page))
	if code, _, _ := b.do(admin, "POST", path+"/executor", form); code != http.StatusSeeOther {
		t.Fatalf("reassign = %d", code)
	}
	if a := b.find(t, b.hot.Number); a.Executor != "vodokanal" {
		t.Fatalf("executor = %s", a.Executor)
	}
	form.Set("executor", "zhytloservis")
	if code, body, _ := b.do(admin, "POST", path+"/executor", form); code != http.StatusConflict || !strings.Contains(body, "Звернення вже змінили") {
		t.Fatalf("reassign from a stale executor = %d", code)
	}
	form.Set("from", "vodokanal")
	form.Set("executor", "no-such")
	if code, _, _ := b.do(admin, "POST", path+"/executor", form); code != http.StatusBadRequest {
		t.Fatalf("reassign to an unknown executor = %d", code)
	}
	entries, _ := b.db.ListAudit(context.Background(), 10)
	if len(entries) == 0 || entries[0].Action != "appeal.executor" || entries[0].Detail != "teplomerezha → vodokanal" {
		t.Fatalf("audit = %+v", entries)
	}
	if _, list, _ := b.do(admin, "GET", "/admin/appeals?executor=vodokanal", nil); !strings.Contains(list, b.hot.Number) || strings.Contains(list, b.hole.Number) {
		t.Fatal("the executor filter does not follow the reassignment")
	}
}

func TestBoardFiltersOverdueAndPages(t *testing.T) {
	b := newBoard(t)
	ctx := context.Background()
	r, _ := b.db.EnsureResident(ctx, vikno.Telegram, "tg-many", "uk")
	past := time.Now().Add(-72 * time.Hour)
	var late cases.Appeal
	for i := range 52 {
		a := cases.Appeal{PINHash: "x", Channel: vikno.Telegram, ResidentID: r.ID, Category: "no-hot-water",
			Executor: "teplomerezha", Description: fmt.Sprint("Звернення ", i), Address: "вул. Зелена, 2",
			Status: cases.AppealRegistered, DueAt: past.Add(time.Duration(i)*24*time.Hour + 12*time.Hour), CreatedAt: past, UpdatedAt: past}
		stored, _, err := b.db.CreateAppeal(ctx, a, cases.AppealEvent{At: past, To: cases.AppealRegistered, Actor: cases.ResidentActor(r.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			late = stored
		}
	}
	water, _ := b.login("water")
	_, list, _ := b.do(water, "GET", "/admin/appeals?overdue=1", nil)
	if !strings.Contains(list, late.Number) || strings.Contains(list, b.hot.Number) || !strings.Contains(list, "Показано 3 звернення") {
		t.Fatalf("overdue list:\n%.3000s", list)
	}
	_, page1, _ := b.do(water, "GET", "/admin/appeals", nil)
	_, page2, _ := b.do(water, "GET", "/admin/appeals?page=2", nil)
	if !strings.Contains(page1, "Показано 50 звернень") || !strings.Contains(page1, "page=2") || !strings.Contains(page2, "Показано 3 звернення") {
		t.Fatalf("pages: first %v, second %v", strings.Contains(page1, "Показано 50 звернень"), strings.Contains(page2, "Показано 3 звернення"))
	}
	_, csvBody, _ := b.do(water, "GET", "/admin/appeals.csv?overdue=1", nil)
	rows := readSheet(t, "overdue", csvBody, ';')
	if len(rows) != 4 || rows[1][0] != late.Number {
		t.Fatalf("overdue CSV = %d rows:\n%s", len(rows), csvBody)
	}
}

func TestCSVKeepsFormulasInert(t *testing.T) {
	b := newBoard(t)
	admin, _ := b.login("admin")
	code, body, resp := b.do(admin, "GET", "/admin/appeals.csv?category=pothole", nil)
	if code != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV = %d %s", code, resp.Header.Get("Content-Type"))
	}
	rows := readSheet(t, "appeals", body, ';')
	if len(rows) != 2 {
		t.Fatalf("CSV rows = %d", len(rows))
	}
	if rows[0][0] != "Номер" || !strings.Contains(strings.Join(rows[1], "|"), `'=HYPERLINK`) || strings.Contains(body, "+380") {
		t.Fatalf("CSV = %q", rows)
	}
}

func TestDistrictIsSetAndFiltersTheBoard(t *testing.T) {
	b := newBoard(t)
	water, csrf := b.login("water")
	path := "/admin/appeals/" + b.hot.Number
	if code, _, _ := b.do(water, "POST", path+"/district", url.Values{"csrf": {csrf}, "district": {"atlantis"}}); code != http.StatusBadRequest {
		t.Fatalf("an unknown district = %d, want 400", code)
	}
	code, _, resp := b.do(water, "POST", path+"/district", url.Values{"csrf": {csrf}, "district": {"sykhivskyi"}})
	if code != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=district" {
		t.Fatalf("set district = %d", code)
	}
	if _, page, _ := b.do(water, "GET", path, nil); !strings.Contains(page, `<dd id="district">Сихівський район</dd>`) {
		t.Fatal("the appeal page does not show the district")
	}
	admin, _ := b.login("admin")
	_, list, _ := b.do(admin, "GET", "/admin/appeals?district=sykhivskyi", nil)
	if !strings.Contains(list, b.hot.Number) || strings.Contains(list, b.hole.Number) {
		t.Fatal("the district filter does not select the appeals of the district")
	}
	if _, list, _ := b.do(admin, "GET", "/admin/appeals?district=halytskyi", nil); strings.Contains(list, b.hot.Number) {
		t.Fatal("another district's filter shows the appeal")
	}
	entries, _ := b.db.ListAudit(context.Background(), 1)
	if len(entries) != 1 || entries[0].Action != "appeal.district" || entries[0].Detail != " → sykhivskyi" {
		t.Fatalf("audit = %+v", entries)
	}
}

func TestWrongStatusMoveIsRefusedWithTheReasonNotAsAStalePage(t *testing.T) {
	b := newBoard(t)
	path := "/admin/appeals/" + b.hot.Number
	water, _ := b.login("water")
	for _, tc := range []struct {
		to   string
		want []string
	}{
		{"closed", []string{"Зі стану «зареєстровано» звернення не можна перевести в «закрито»", "Закриває або повторно відкриває звернення мешканець", "Зараз можна: «в роботі», «виконано»"}},
		{"registered", []string{"Зі стану «зареєстровано» звернення не можна перевести в «зареєстровано»", "Зараз можна:"}},
	} {
		_, page, _ := b.do(water, "GET", path, nil)
		form := url.Values{"csrf": {csrfOf(t, page)}, "seen": {seenOf(t, page)}, "to": {tc.to}}
		code, body, _ := b.do(water, "POST", path+"/status", form)
		if code != http.StatusConflict || strings.Contains(body, "Звернення вже змінили") {
			t.Fatalf("registered → %s = %d:\n%.3000s", tc.to, code, body)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Fatalf("registered → %s: no %q in:\n%.3000s", tc.to, w, body)
			}
		}
	}
	if a := b.find(t, b.hot.Number); a.Status != cases.AppealRegistered || len(a.History) != 1 || b.notices.count() != 0 {
		t.Fatalf("after refused moves: %s, %d events, %d notices", a.Status, len(a.History), b.notices.count())
	}
	_, page, _ := b.do(water, "GET", path, nil)
	if code, _, _ := b.do(water, "POST", path+"/status", url.Values{"csrf": {csrfOf(t, page)}, "seen": {seenOf(t, page)}, "to": {"done"}}); code != http.StatusSeeOther {
		t.Fatalf("registered → done = %d", code)
	}
	last, _ := b.find(t, b.hot.Number).LastEvent() // the page of a done appeal has no status form: a forged one
	code, body, _ := b.do(water, "POST", path+"/status", url.Values{"csrf": {csrfOf(t, page)}, "seen": {fmt.Sprint(last.ID)}, "to": {"closed"}})
	if code != http.StatusConflict || !strings.Contains(body, "бот попросить його підтвердити") || !strings.Contains(body, "Змінити стан зараз не можна") {
		t.Fatalf("done → closed by the executor = %d:\n%.3000s", code, body)
	}
}

// A comment longer than the limit is not cut by the browser and sent in
// part: the form names the limit, the page refuses the whole comment with
// its length, keeps it in the form, and changes nothing.
func TestAnOverlongCommentIsKeptWholeAndRefusedWithItsLength(t *testing.T) {
	b := newBoard(t)
	path := "/admin/appeals/" + b.hot.Number
	water, _ := b.login("water")
	_, page, _ := b.do(water, "GET", path, nil)
	if strings.Contains(page, "maxlength") || !strings.Contains(page, fmt.Sprintf("До %d символів", cases.MaxAppealCommentLen)) {
		t.Fatalf("the comment field cuts silently or names no limit:\n%.3000s", page)
	}
	long := strings.Repeat("Замінили трубу в підвалі. ", 100) // 2,600 characters
	form := url.Values{"csrf": {csrfOf(t, page)}, "seen": {seenOf(t, page)}, "to": {"in_progress"}, "comment": {long}}
	code, body, _ := b.do(water, "POST", path+"/status", form)
	want := fmt.Sprintf("символів: %d, можна до %d", utf8.RuneCountInString(strings.TrimSpace(long)), cases.MaxAppealCommentLen)
	if code != http.StatusBadRequest || !strings.Contains(body, want) || !strings.Contains(body, html.EscapeString(strings.TrimSpace(long))) {
		t.Fatalf("overlong comment = %d, want 400 with %q and the whole comment kept:\n%.2000s", code, want, body)
	}
	if a := b.find(t, b.hot.Number); a.Status != cases.AppealRegistered || len(a.History) != 1 || b.notices.count() != 0 {
		t.Fatalf("after the refused comment: %s, %d events, %d notices", a.Status, len(a.History), b.notices.count())
	}
}
