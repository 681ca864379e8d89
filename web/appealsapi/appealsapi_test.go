package appealsapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/casestest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/storage/memory"
	"github.com/vikno-city/vikno/web/appealsapi"
)

const key = "executor-key"

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type notices struct {
	mu  sync.Mutex
	got []cases.AppealEvent
}

func (n *notices) AppealChanged(_ context.Context, _ cases.Appeal, e cases.AppealEvent) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, e)
	return nil
}

type world struct {
	srv     *httptest.Server
	svc     *cases.AppealService
	clock   *clock
	notices *notices
	number  string
	pin     string
}

func newWorld(t *testing.T) world {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	w := world{clock: &clock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, city.Loc())}, notices: &notices{}}
	limiter := memory.New()
	limiter.Now = w.clock.Now
	w.svc = &cases.AppealService{Store: &casestest.Appeals{}, City: city, Limiter: limiter,
		Hasher: cases.Bcrypt{Cost: 4}, Now: w.clock.Now, Notifier: w.notices}
	filed, err := w.svc.File(context.Background(), cases.AppealDraft{Channel: vikno.Telegram, ResidentID: 7,
		Category: "no-hot-water", Description: "Немає гарячої води", Address: "вул. Зелена, 1", Phone: "+380501234567"})
	if err != nil {
		t.Fatal(err)
	}
	w.number, w.pin = filed.Appeal.Number, filed.PIN
	w.srv = httptest.NewServer(appealsapi.New(w.svc, []string{key}, nil))
	t.Cleanup(w.srv.Close)
	return w
}

func (w world) do(t *testing.T, method, path, ctype, body string, header ...string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, v, resp.Header
}

func (w world) setStatus(t *testing.T, body string, header ...string) (int, map[string]any) {
	t.Helper()
	code, v, _ := w.do(t, "POST", "/api/v1/appeals/"+w.number+"/status", "application/json", body, header...)
	return code, v
}

var bearer = []string{"Authorization", "Bearer " + key}

func TestStatusChangeNeedsAKey(t *testing.T) {
	w := newWorld(t)
	for _, h := range [][]string{nil, {"Authorization", "Bearer nope"}, {"X-API-Key", "nope"}, {"Authorization", "Basic " + key}} {
		code, v := w.setStatus(t, `{"status":"in_progress"}`, h...)
		if code != http.StatusUnauthorized || v["error"] != vikno.EUNAUTHORIZED {
			t.Fatalf("headers %v: %d %v", h, code, v)
		}
	}
	if len(w.notices.got) != 0 {
		t.Fatal("an unauthorised call changed the appeal")
	}
}

func TestExecutorMovesAnAppealWithAComment(t *testing.T) {
	w := newWorld(t)
	code, v := w.setStatus(t, `{"status":"in_progress","comment":"Бригада виїхала","actor":"Диспетчер Ірина"}`, bearer...)
	if code != http.StatusOK || v["status"] != "in_progress" || v["note"] != "Бригада виїхала" {
		t.Fatalf("%d %v", code, v)
	}
	history := v["history"].([]any)
	last := history[len(history)-1].(map[string]any)
	if last["actor"] != "api:"+appealsapi.KeyID(key)+" Диспетчер Ірина" || last["actor_kind"] != "executor" ||
		last["from"] != "registered" || strings.Contains(last["actor"].(string), key) {
		t.Fatalf("last event %v", last)
	}
	form := url.Values{"status": {"done"}, "comment": {"Подачу відновлено"}}.Encode()
	code, v, _ = w.do(t, "POST", "/api/v1/appeals/"+w.number+"/status", "application/x-www-form-urlencoded", form, "X-API-Key", key)
	if code != http.StatusOK || v["status"] != "done" {
		t.Fatalf("form change: %d %v", code, v)
	}
	if len(w.notices.got) != 2 || w.notices.got[1].To != cases.AppealDone {
		t.Fatalf("notices %+v, want one per change", w.notices.got)
	}
}

func TestStatusChangeErrors(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"NoClosingBeforeDone", "", `{"status":"closed"}`, 409, vikno.ECONFLICT},
		{"RejectWithoutReason", "", `{"status":"rejected"}`, 400, vikno.EINVALID},
		{"UnknownStatus", "", `{"status":"lost"}`, 400, vikno.EINVALID},
		{"UnknownField", "", `{"status":"done","pin":"1234"}`, 400, vikno.EINVALID},
		{"MalformedJSON", "", `{"status":`, 400, vikno.EINVALID},
		{"ActorOnTwoLines", "", `{"status":"done","actor":"a\nb"}`, 400, vikno.EINVALID},
		{"UnknownAppeal", "/api/v1/appeals/2026-000999/status", `{"status":"done"}`, 404, vikno.ENOTFOUND},
		{"MalformedNumber", "/api/v1/appeals/abc/status", `{"status":"done"}`, 400, vikno.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "/api/v1/appeals/" + w.number + "/status"
			}
			code, v, _ := w.do(t, "POST", path, "application/json", tt.body, bearer...)
			if code != tt.status || v["error"] != tt.code {
				t.Fatalf("%d %v, want %d %s", code, v, tt.status, tt.code)
			}
		})
	}
	// Once rejected, nothing moves it any more: a conflict.
	if code, _ := w.setStatus(t, `{"status":"rejected","comment":"Дублікат"}`, bearer...); code != http.StatusOK {
		t.Fatal(code)
	}
	if code, v := w.setStatus(t, `{"status":"in_progress"}`, bearer...); code != http.StatusConflict || v["error"] != vikno.ECONFLICT {
		t.Fatalf("moving a rejected appeal: %d %v", code, v)
	}
}

func TestExecutorReadsAnAppealAndTheOverdueList(t *testing.T) {
	w := newWorld(t)
	code, v, _ := w.do(t, "GET", "/api/v1/appeals/"+w.number, "", "", bearer...)
	if code != http.StatusOK || v["phone"] != "+380501234567" || v["executor"] != "teplomerezha" || v["overdue"] != false ||
		len(v["next_statuses"].([]any)) != 4 || v["due_at"] != "2026-03-11T09:00:00+02:00" {
		t.Fatalf("GET = %d %v", code, v)
	}
	if code, _, _ := w.do(t, "GET", "/api/v1/appeals/"+w.number, "", ""); code != http.StatusUnauthorized {
		t.Fatalf("GET without a key = %d", code)
	}
	_, v, _ = w.do(t, "GET", "/api/v1/appeals/overdue", "", "", bearer...)
	if v["count"] != 0.0 {
		t.Fatalf("overdue before the term: %v", v)
	}
	w.clock.Add(25 * time.Hour)
	_, v, _ = w.do(t, "GET", "/api/v1/appeals/overdue?executor=teplomerezha&limit=10", "", "", bearer...)
	list := v["appeals"].([]any)
	if v["count"] != 1.0 || list[0].(map[string]any)["number"] != w.number || list[0].(map[string]any)["overdue"] != true {
		t.Fatalf("overdue after the term: %v", v)
	}
	_, v, _ = w.do(t, "GET", "/api/v1/appeals/overdue?executor=vodokanal", "", "", bearer...)
	if v["count"] != 0.0 {
		t.Fatalf("overdue of another executor: %v", v)
	}
	if code, _, _ := w.do(t, "GET", "/api/v1/appeals/overdue?limit=0", "", "", bearer...); code != http.StatusBadRequest {
		t.Fatalf("limit=0: %d", code)
	}
}

func TestPublicLookupByNumberAndPIN(t *testing.T) {
	w := newWorld(t)
	body := `{"number":"` + w.number + `","pin":"` + w.pin + `"}`
	code, v, _ := w.do(t, "POST", "/api/v1/appeals/lookup", "application/json", body)
	if code != http.StatusOK || v["status"] != "registered" || v["executor_name"] != "КП «Тепломережа» (демо)" {
		t.Fatalf("lookup = %d %v", code, v)
	}
	for _, private := range []string{"phone", "description", "address", "history", "lat"} {
		if _, ok := v[private]; ok {
			t.Errorf("public lookup shows %s", private)
		}
	}
	wrong := url.Values{"number": {w.number}, "pin": {"000000"}}.Encode()
	var last int
	var header http.Header
	for range cases.PINNumberBackoff.Burst + 1 {
		last, v, header = w.do(t, "POST", "/api/v1/appeals/lookup", "application/x-www-form-urlencoded", wrong)
	}
	if last != http.StatusTooManyRequests || v["error"] != vikno.ELIMITED || header.Get("Retry-After") == "" {
		t.Fatalf("after %d wrong PINs: %d %v", cases.PINNumberBackoff.Burst+1, last, v)
	}
	if code, _, _ := w.do(t, "POST", "/api/v1/appeals/lookup", "application/json", body); code != http.StatusTooManyRequests {
		t.Fatalf("the right PIN during the lockout = %d", code)
	}
}

func TestUnknownEndpointIsNotFound(t *testing.T) {
	w := newWorld(t)
	if code, v, _ := w.do(t, "GET", "/api/v1/appeals/"+w.number+"/photos", "", "", bearer...); code != http.StatusNotFound {
		t.Fatalf("%d %v", code, v)
	}
}
