package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/web/admin"
)

// feedbackEnv is the admin web with the feedback inbox on the same store:
// ratings at the first location (the manager's) and the second, and a
// Telegram manager of the second.
type feedbackEnv struct {
	*env
	own, other cases.Rating
	locA, locB string
	fb         *cases.Feedback[notify.Message]
}

func newFeedbackEnv(t *testing.T) *feedbackEnv {
	t.Helper()
	ctx := context.Background()
	fe := &feedbackEnv{}
	fe.env = newEnv(t, func(c *admin.Config) {
		db := c.Staff.(*sqlstore.DB)
		engine := dialog.New(dialog.Config{Residents: db, KV: memory.New(), Catalog: dialog.DefaultCatalog()})
		msgs := notify.FeedbackMessages{Outbox: &notify.Outbox{Store: db, Engine: engine}, City: c.City}
		fe.fb = &cases.Feedback[notify.Message]{Store: db, Messages: msgs, City: c.City}
		dialog.RegisterRatingReplies(engine, fe.fb)
		c.Feedback = &cases.Inbox[notify.Message]{Store: db, Messages: msgs, City: c.City}
		c.Residents = db
		if err := fe.fb.SyncRegions(ctx); err != nil {
			t.Fatal(err)
		}
		fe.locA, fe.locB = c.City.Locations[0].ID, c.City.Locations[1].ID
	})
	hash, _ := staff.HashPassword(password)
	for _, u := range []staff.User{
		{Login: "manager-b", Role: staff.RoleManager, Level: cases.LevelLocation, Scope: fe.locB},
		{Login: "executor", Role: staff.RoleExecutor, Categories: []string{"x"}},
		{Login: "manager-lviv", Role: staff.RoleManager, Level: cases.LevelRegion, Scope: "lviv"},
		{Login: "manager-volyn", Role: staff.RoleManager, Level: cases.LevelRegion, Scope: "volyn-oblast"},
	} {
		u.PasswordHash, u.Name = hash, "Name "+u.Login
		created, err := fe.db.CreateUser(ctx, u, staff.AuditEntry{Actor: "test", Action: "user.create"})
		if err != nil {
			t.Fatal(err)
		}
		fe.users[u.Login] = created
	}
	res, err := fe.db.EnsureResident(ctx, vikno.Telegram, "4242", "uk")
	if err != nil {
		t.Fatal(err)
	}
	if fe.own, err = fe.fb.SubmitRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: fe.locA, Score: 2,
		Aspects: []cases.Aspect{cases.AspectWaiting}, Comment: "=HYPERLINK(1) <script>alert(1)</script> довго"}); err != nil {
		t.Fatal(err)
	}
	if fe.other, err = fe.fb.SubmitRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: fe.locB, Score: 5}); err != nil {
		t.Fatal(err)
	}
	return fe
}

func (fe *feedbackEnv) outbox(t *testing.T, prefix string) []notify.Message {
	t.Helper()
	msgs, err := fe.db.FindOutbox(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

var refRe = regexp.MustCompile(`name="ref" value="([^"]+)"`)

// answerForm opens the rating's page and returns its form fields.
func (fe *feedbackEnv) answerForm(t *testing.T, c *http.Client, id int64, answer string) url.Values {
	t.Helper()
	code, html, _ := fe.do(c, "GET", fmt.Sprintf("/admin/feedback/%d", id), nil)
	m := refRe.FindStringSubmatch(html)
	if code != http.StatusOK || m == nil {
		t.Fatalf("rating page = %d:\n%.2000s", code, html)
	}
	form := url.Values{"csrf": {csrfOf(t, html)}, "ref": {m[1]}, "answer": {answer}}
	if s := seenFieldRe.FindStringSubmatch(html); s != nil {
		form.Set("seen", s[1])
	}
	return form
}

// A filter naming a location the manager does not cover is refused with a
// page in the admin's language that says why: 403 for a location of the
// city outside the scope (locations are no secret), 404 for one the city
// does not have; a rating outside the scope stays 404, as if it did not
// exist, said in Ukrainian too.
func TestFeedbackFilterOutsideTheScopeSaysWhyInUkrainian(t *testing.T) {
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	nameB := fe.fb.City.Locations[1].Name
	tests := []struct {
		name, path string
		code       int
		want       string
	}{
		{"ListOfAnotherLocation", "/admin/feedback?location=" + fe.locB, http.StatusForbidden, "«" + nameB + "» не входить у Вашу зону"},
		{"CSVOfAnotherLocation", "/admin/feedback.csv?location=" + fe.locB, http.StatusForbidden, "«" + nameB + "» не входить у Вашу зону"},
		{"ListOfAnUnknownLocation", "/admin/feedback?location=atlantis", http.StatusNotFound, "Місця «atlantis» у місті немає"},
		{"RatingOutsideTheScope", fmt.Sprintf("/admin/feedback/%d", fe.other.ID), http.StatusNotFound, "Такого запису немає або він Вам недоступний"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, resp := fe.do(c, "GET", tt.path, nil)
			if code != tt.code || !strings.Contains(body, tt.want) || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("GET %s = %d %s, want %d saying %q:\n%.2000s", tt.path, code, resp.Header.Get("Content-Type"), tt.code, tt.want, body)
			}
			if strings.Contains(body, "not found") {
				t.Fatalf("an English message on a Ukrainian page:\n%.2000s", body)
			}
			if tt.code == http.StatusForbidden && !strings.Contains(body, `<a href="/admin/feedback">← Відгуки</a>`) {
				t.Fatalf("the refused filter does not lead back to the list:\n%.2000s", body)
			}
		})
	}
	if code, body, _ := fe.do(c, "GET", fmt.Sprintf("/admin/feedback/%d", fe.own.ID), nil); code != http.StatusOK {
		t.Fatalf("own rating = %d:\n%.1000s", code, body)
	}
}

func TestFeedbackPagesKeepToTheScope(t *testing.T) {
	fe := newFeedbackEnv(t)
	own, other := fmt.Sprintf("/admin/feedback/%d", fe.own.ID), fmt.Sprintf("/admin/feedback/%d", fe.other.ID)
	c, csrf := fe.login("manager")
	_, list, _ := fe.do(c, "GET", "/admin/feedback", nil)
	if !strings.Contains(list, `href="`+own+`"`) || strings.Contains(list, `href="`+other+`"`) {
		t.Fatalf("the manager's list:\n%.3000s", list)
	}
	form := fe.answerForm(t, c, fe.own.ID, "чуже")
	tests := []struct {
		name, method, path string
		form               url.Values
	}{
		{"Page", "GET", other, nil},
		{"Answer", "POST", other + "/answer", form},
		{"Handled", "POST", other + "/handled", url.Values{"csrf": {csrf}}},
		{"UnknownRating", "GET", "/admin/feedback/999999", nil},
		{"MalformedRating", "GET", "/admin/feedback/x1", nil},
	}
	for _, tt := range tests {
		t.Run("ManagerOfAnotherLocation"+tt.name, func(t *testing.T) {
			if code, body, _ := fe.do(c, tt.method, tt.path, tt.form); code != http.StatusNotFound {
				t.Fatalf("%s %s = %d, want 404:\n%.1000s", tt.method, tt.path, code, body)
			}
		})
	}
	if msgs := fe.outbox(t, fmt.Sprintf("rating:%d:answer", fe.other.ID)); len(msgs) != 0 {
		t.Fatalf("an answer outside the scope was queued: %+v", msgs)
	}
	_, csv, _ := fe.do(c, "GET", "/admin/feedback.csv", nil)
	if !strings.Contains(csv, fmt.Sprintf("\n%d;", fe.own.ID)) || strings.Contains(csv, fmt.Sprintf("\n%d;", fe.other.ID)) {
		t.Fatalf("the manager's CSV:\n%s", csv)
	}
	for _, login := range []string{"editor", "executor"} {
		c, csrf := fe.login(login)
		for _, p := range []string{"/admin/feedback", own, "/admin/feedback.csv"} {
			if code, _, _ := fe.do(c, "GET", p, nil); code != http.StatusForbidden {
				t.Errorf("%s GET %s = %d, want 403", login, p, code)
			}
		}
		if code, _, _ := fe.do(c, "POST", own+"/handled", url.Values{"csrf": {csrf}}); code != http.StatusForbidden {
			t.Errorf("%s marked a rating handled: %d", login, code)
		}
	}
	if r, _, _ := fe.fb.Store.(*sqlstore.DB).InboxRating(context.Background(), fe.users["admin"].ID, fe.other.ID); r.Status != cases.RatingNew {
		t.Fatalf("the other location's rating changed: %+v", r)
	}
	for _, login := range []string{"admin", "manager-lviv"} {
		c, _ := fe.login(login)
		_, all, _ := fe.do(c, "GET", "/admin/feedback", nil)
		if !strings.Contains(all, `href="`+own+`"`) || !strings.Contains(all, `href="`+other+`"`) {
			t.Fatalf("the list of %s lacks a rating:\n%.3000s", login, all)
		}
	}
	v, _ := fe.login("manager-volyn")
	if _, list, _ := fe.do(v, "GET", "/admin/feedback", nil); !strings.Contains(list, "Оцінок не знайдено") {
		t.Fatalf("another oblast's manager sees ratings:\n%.3000s", list)
	}
	if code, _, _ := fe.do(v, "GET", own, nil); code != http.StatusNotFound {
		t.Fatalf("another oblast's manager opened a rating: %d", code)
	}
}

func TestAnsweringFromTheWebReachesTheResidentOnce(t *testing.T) {
	fe := newFeedbackEnv(t)
	page := fmt.Sprintf("/admin/feedback/%d", fe.own.ID)
	c, _ := fe.login("manager")
	form := fe.answerForm(t, c, fe.own.ID, "Вибачте! Відкриємо ще два вікна.")
	noCSRF := url.Values{"ref": form["ref"], "answer": form["answer"]}
	if code, _, _ := fe.do(c, "POST", page+"/answer", noCSRF); code != http.StatusForbidden {
		t.Fatalf("an answer without the CSRF token = %d, want 403", code)
	}
	for i, want := range []string{"done=answered", "done=twice"} { // a double click
		code, _, resp := fe.do(c, "POST", page+"/answer", form)
		if code != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), want) {
			t.Fatalf("answer %d = %d → %s, want a redirect with %s", i, code, resp.Header.Get("Location"), want)
		}
	}
	msgs := fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))
	if len(msgs) != 1 || msgs[0].Kind != notify.KindRatingAnswer || msgs[0].Channel != vikno.Telegram || msgs[0].UserID != "4242" {
		t.Fatalf("queued answers = %+v; want one to the resident's Telegram chat", msgs)
	}
	text := msgs[0].Replies[0].Text.String()
	var buttons []string
	for _, row := range msgs[0].Replies[0].Buttons {
		for _, b := range row {
			buttons = append(buttons, b.Action)
		}
	}
	if !strings.Contains(text, "Відкриємо ще два вікна") || !strings.Contains(strings.Join(buttons, " "), fmt.Sprintf("rr:%d", fe.own.ID)) {
		t.Fatalf("the resident gets %q with buttons %v", text, buttons)
	}
	// The resident replies from Telegram: the reply shows in the thread and
	// the rating is open again.
	if _, err := fe.fb.ReplyRating(context.Background(), fe.own.ResidentID, fe.own.ID, "Дякую, чекатиму", "tg-1"); err != nil {
		t.Fatal(err)
	}
	_, html, _ := fe.do(c, "GET", page, nil)
	for _, want := range []string{"Відкриємо ще два вікна", "Name manager", "Дякую, чекатиму", "знову відкрито", `id="handled"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the thread lacks %q", want)
		}
	}
	if strings.Contains(html, "<script>alert") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the resident's comment is not escaped:\n%.3000s", html)
	}
	csrf := csrfOf(t, html)
	for i, want := range []string{"done=handled", "done=already"} {
		code, _, resp := fe.do(c, "POST", page+"/handled", url.Values{"csrf": {csrf}})
		if code != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), want) {
			t.Fatalf("handled %d = %d → %s", i, code, resp.Header.Get("Location"))
		}
	}
	audit, _ := fe.db.ListAudit(context.Background(), 20)
	got := map[string]int{}
	for _, e := range audit {
		if e.Target == fmt.Sprintf("rating:%d", fe.own.ID) && e.Actor == "manager" {
			got[e.Action]++
		}
	}
	if got["rating.answer"] != 1 || got["rating.handled"] != 1 {
		t.Fatalf("audit of the rating = %v; want one answer and one handled", got)
	}
	// An empty answer is refused with the reason and queues nothing.
	empty := fe.answerForm(t, c, fe.own.ID, "   ")
	if code, body, _ := fe.do(c, "POST", page+"/answer", empty); code != http.StatusBadRequest || !strings.Contains(body, `class="problem"`) {
		t.Fatalf("an empty answer = %d", code)
	}
	if n := len(fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))); n != 1 {
		t.Fatalf("%d answers queued, want 1", n)
	}
}

func TestFeedbackListFiltersSumsUpAndExports(t *testing.T) {
	fe := newFeedbackEnv(t)
	ctx := context.Background()
	for i, score := range []int{4, 1, 5} {
		res, _ := fe.db.EnsureResident(ctx, vikno.Viber, fmt.Sprint("v", i), "uk")
		if _, err := fe.fb.SubmitRating(ctx, cases.Rating{ResidentID: res.ID, LocationID: fe.locA, Score: score}); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := fe.login("manager")
	_, html, _ := fe.do(c, "GET", "/admin/feedback", nil)
	// Four ratings of the location: 2, 4, 1, 5 — average 3,0, one of each level.
	for _, want := range []string{"Знайдено 4 оцінки", `id="average">3,0<`, "відмінно <strong>25%", "дуже погано <strong>25%", "<svg", `class="dot"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if strings.Contains(html, "<script>alert") {
		t.Error("a resident's comment renders as HTML in the list")
	}
	_, low, _ := fe.do(c, "GET", "/admin/feedback?score=2&aspect=wait&status=new", nil)
	if !strings.Contains(low, "Знайдено 1 оцінку") || !strings.Contains(low, fmt.Sprintf(`href="/admin/feedback/%d"`, fe.own.ID)) {
		t.Fatalf("the filtered list:\n%.3000s", low)
	}
	if code, _, _ := fe.do(c, "GET", "/admin/feedback?score=9", nil); code != http.StatusBadRequest {
		t.Fatalf("score 9 = %d, want 400", code)
	}
	if code, _, _ := fe.do(c, "GET", "/admin/feedback?from=14.05.2026", nil); code != http.StatusBadRequest {
		t.Fatalf("a malformed date = %d, want 400", code)
	}
	code, csv, resp := fe.do(c, "GET", "/admin/feedback.csv?score=2", nil)
	if code != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(csv, "\ufeffНомер;День;") {
		t.Fatalf("CSV = %d %s:\n%s", code, resp.Header.Get("Content-Type"), csv)
	}
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "'=HYPERLINK") ||
		!strings.Contains(lines[1], "погано") || !strings.Contains(lines[1], "час очікування") {
		t.Fatalf("CSV rows:\n%s", csv)
	}
	_, en, _ := fe.do(c, "GET", "/admin/feedback?lang=en", nil)
	if !strings.Contains(en, "4 ratings found") || !strings.Contains(en, "excellent") {
		t.Fatalf("the English list:\n%.2000s", en)
	}
}

func TestPagesShowTimesInTheCitysTimeZoneNotTheServers(t *testing.T) {
	saved := time.Local
	time.Local = time.UTC // a server in UTC, as most are
	t.Cleanup(func() { time.Local = saved })
	fe := newFeedbackEnv(t)
	show := func(at time.Time) (string, string) {
		return readable(t, "uk", at), at.UTC().Format(", 15:04</time>")
	}
	c, _ := fe.login("manager")
	_, html, _ := fe.do(c, "GET", fmt.Sprintf("/admin/feedback/%d", fe.own.ID), nil)
	city, utc := show(fe.own.CreatedAt)
	if !strings.Contains(html, "· "+city+"</small>") || strings.Contains(html, utc) {
		t.Fatalf("rating made at %s (Kyiv) / %s (UTC) shown as:\n%.3000s", city, utc, html)
	}
	a, err := fe.db.FindArticle(context.Background(), "passport")
	if err != nil {
		t.Fatal(err)
	}
	ed, _ := fe.login("editor")
	_, html, _ = fe.do(ed, "GET", "/admin/kb", nil)
	city, utc = show(a.UpdatedAt)
	if !strings.Contains(html, city) || strings.Contains(html, utc) {
		t.Fatalf("article saved at %s (Kyiv) / %s (UTC) listed as:\n%.3000s", city, utc, html)
	}
}

func TestABadAnswerIsRefusedInTheManagersLanguageWithTheDraftKept(t *testing.T) {
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	page := fmt.Sprintf("/admin/feedback/%d", fe.own.ID)
	long := strings.Repeat("Перепрошуємо за незручності. ", 70) // 2030 characters
	for _, tc := range []struct {
		name, answer, ref, want string
	}{
		{"spaces only", "   \r\n ", "", "Напишіть відповідь: порожню надіслати не можна."},
		{"over the limit", long, "", "Відповідь задовга: можна до 2000 символів, а в ній 2029."},
		{"a broken form", "Дякуємо, розберемося.", "not a ref!", "Форма відповіді застаріла."},
	} {
		form := fe.answerForm(t, c, fe.own.ID, tc.answer)
		if tc.ref != "" {
			form.Set("ref", tc.ref)
		}
		code, body, _ := fe.do(c, "POST", page+"/answer", form)
		if code != http.StatusBadRequest || !strings.Contains(body, tc.want) || strings.Contains(body, "an answer must") ||
			strings.Contains(body, "malformed") {
			t.Fatalf("%s = %d:\n%.3000s", tc.name, code, body)
		}
		if draft := []rune(strings.TrimSpace(tc.answer)); len(draft) > 0 && !strings.Contains(body, string(draft[:min(len(draft), 20)])) {
			t.Fatalf("%s: the draft is lost", tc.name)
		}
	}
	if got := fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID)); len(got) != 0 {
		t.Fatalf("a refused answer was queued: %d", len(got))
	}
}

func TestAnAnswerWrittenWhileAColleagueAnsweredIsHeldBackWithTheThreadShown(t *testing.T) {
	fe := newFeedbackEnv(t)
	page := fmt.Sprintf("/admin/feedback/%d", fe.own.ID)
	own, _ := fe.login("manager")
	city, _ := fe.login("manager-lviv")
	first := fe.answerForm(t, own, fe.own.ID, "Перепрошуємо! Відкриємо ще два вікна.")
	second := fe.answerForm(t, city, fe.own.ID, "Шановний відвідувачу, ми розберемося.")
	if code, _, _ := fe.do(own, "POST", page+"/answer", first); code != http.StatusSeeOther {
		t.Fatalf("first answer = %d", code)
	}
	code, html, _ := fe.do(city, "POST", page+"/answer", second)
	if code != http.StatusConflict || !strings.Contains(html, "Поки Ви писали, у листуванні з’явилося нове повідомлення") ||
		!strings.Contains(html, "Перепрошуємо! Відкриємо ще два вікна.") || !strings.Contains(html, "ми розберемося.</textarea>") {
		t.Fatalf("an answer over a colleague's = %d:\n%.4000s", code, html)
	}
	if n := len(fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))); n != 1 {
		t.Fatalf("%d answers queued, want the first only", n)
	}
	// Sent again from the page that shows the colleague's answer, it goes.
	again := url.Values{"csrf": {csrfOf(t, html)}, "ref": {refRe.FindStringSubmatch(html)[1]},
		"seen": {seenFieldRe.FindStringSubmatch(html)[1]}, "answer": {"Шановний відвідувачу, ми розберемося."}}
	if code, _, resp := fe.do(city, "POST", page+"/answer", again); code != http.StatusSeeOther ||
		!strings.HasSuffix(resp.Header.Get("Location"), "done=answered") {
		t.Fatalf("the answer sent again = %d", code)
	}
	if n := len(fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))); n != 2 {
		t.Fatalf("%d answers queued, want 2", n)
	}
}

func TestAnEditedFilterIsRefusedInTheManagersLanguageWithTheFormKept(t *testing.T) {
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	for _, tc := range []struct {
		name, query, want, wantEN string
	}{
		{"a month 13", "from=2026-13-01", "Дату «з дня» записано неправильно", "The «from day» date is not valid"},
		{"a dotted date", "to=14.05.2026", "Дату «по день» записано неправильно", "The «to day» date is not valid"},
		{"a score of 9", "score=9&status=new", "Оцінка може бути від 1 до 5", "The score can be 1 to 5"},
		{"an unknown aspect", "aspect=queue", "Такої причини незадоволення немає", "There is no such complaint"},
		{"an unknown status", "status=lost", "Такого стану відгуку немає", "There is no such status"},
		{"page zero", "page=0", "Такої сторінки немає", "There is no such page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, html, _ := fe.do(c, "GET", "/admin/feedback?"+tc.query, nil)
			if code != http.StatusBadRequest || !strings.Contains(html, `class="problem"`) || !strings.Contains(html, tc.want) ||
				!strings.Contains(html, `action="/admin/feedback"`) || !strings.Contains(html, `id="location"`) ||
				!strings.Contains(html, "<details class=\"filter-box\" open>") {
				t.Fatalf("%s = %d:\n%.3000s", tc.query, code, html)
			}
			for _, english := range []string{"must be", "unknown", "bad page"} {
				if strings.Contains(html, english) {
					t.Fatalf("%s: the Ukrainian page says %q", tc.query, english)
				}
			}
			if code, en, _ := fe.do(c, "GET", "/admin/feedback?lang=en&"+tc.query, nil); code != http.StatusBadRequest || !strings.Contains(en, tc.wantEN) {
				t.Fatalf("%s in English = %d:\n%.3000s", tc.query, code, en)
			}
			fe.do(c, "GET", "/admin/feedback?lang=uk", nil)
		})
	}
	// A valid part of the filter stays chosen in the form.
	_, html, _ := fe.do(c, "GET", "/admin/feedback?score=9&status=new", nil)
	if !strings.Contains(html, `<option value="new" selected>`) {
		t.Fatalf("the status chosen is lost:\n%.3000s", html)
	}
	if code, csv, _ := fe.do(c, "GET", "/admin/feedback.csv?from=2026-13-01", nil); code != http.StatusBadRequest || !strings.Contains(csv, "Дату «з дня» записано неправильно") {
		t.Fatalf("CSV of a bad filter = %d:\n%.2000s", code, csv)
	}
}

func TestRatingCSVTimesAreTheCitysTimeAsTheHeaderSays(t *testing.T) {
	saved := time.Local
	time.Local = time.UTC // a server in UTC, as most are
	t.Cleanup(func() { time.Local = saved })
	fe := newFeedbackEnv(t)
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := fe.login("manager")
	code, csv, _ := fe.do(c, "GET", "/admin/feedback.csv", nil)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if code != http.StatusOK || len(lines) != 2 {
		t.Fatalf("CSV = %d:\n%s", code, csv)
	}
	for _, want := range []string{"Створено (Europe/Kyiv)", "Оновлено (Europe/Kyiv)", "Час відповіді (Europe/Kyiv)"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("the header lacks %q: %s", want, lines[0])
		}
	}
	city, utc := fe.own.CreatedAt.In(kyiv).Format("2006-01-02 15:04:05"), fe.own.CreatedAt.UTC().Format("2006-01-02 15:04:05")
	if !strings.Contains(lines[1], ";"+city+";") || strings.Contains(lines[1], utc) || strings.Contains(lines[1], "Z;") {
		t.Fatalf("a rating made at %s (Kyiv) / %s (UTC) is written as:\n%s", city, utc, lines[1])
	}
}
