package visitsapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/visitstest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/storage/memory"
	"github.com/vikno-city/vikno/web/visitsapi"
)

type notices struct {
	mu  sync.Mutex
	got []cases.VisitNotice
}

func (n *notices) Notify(_ context.Context, _ int64, v cases.VisitNotice) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, v)
	return nil
}

type env struct {
	srv     *httptest.Server
	visits  *cases.Visits
	store   *visitstest.Store
	notices *notices
}

// newEnv serves the API on the demo city at Tuesday 14 July 2026, 10:00
// Kyiv, with integration key "int-key" and key "center-key" for cnap-center.
func newEnv(t *testing.T) *env {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 7, 14, 10, 0, 0, 0, city.Loc())
	clock := func() time.Time { return now }
	e := &env{store: &visitstest.Store{}, notices: &notices{}}
	e.visits = &cases.Visits{City: city, Store: e.store, Notifier: e.notices, Rules: cases.DefaultVisitRules(), Now: clock}
	api := &visitsapi.API{
		Visits: e.visits,
		Queue:  &cases.Queue{City: city, KV: memory.New(), Now: clock},
		Keys:   visitsapi.Keys{Integration: []string{"int-key"}, Locations: map[string]string{"cnap-center": "center-key"}},
	}
	mux := http.NewServeMux()
	api.Mount(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) do(t *testing.T, method, path, key, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestQueueIngestValidatesAndAuthorises(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, path, key, body string
		status                int
		reason                string
	}{
		{"IntegrationKey", "/api/v1/locations/cnap-sykhiv/queue", "int-key", `{"waiting": 5, "windows_open": 3, "avg_service_minutes": 12}`, 200, ""},
		{"OwnLocationKey", "/api/v1/locations/cnap-center/queue", "center-key", `{"waiting": 0, "windows_open": 6}`, 200, ""},
		{"ManualSource", "/api/v1/locations/cnap-center/queue", "center-key", `{"waiting": 2, "windows_open": 6, "source": "manual"}`, 200, ""},
		{"NoKey", "/api/v1/locations/cnap-center/queue", "", `{"waiting": 1, "windows_open": 1}`, 401, "missing API key"},
		{"WrongKey", "/api/v1/locations/cnap-center/queue", "nope", `{"waiting": 1, "windows_open": 1}`, 401, "not valid"},
		{"AnotherLocationsKey", "/api/v1/locations/cnap-sykhiv/queue", "center-key", `{"waiting": 1, "windows_open": 1}`, 401, "not valid for location"},
		{"UnknownLocation", "/api/v1/locations/atlantis/queue", "int-key", `{"waiting": 1, "windows_open": 1}`, 404, "not found"},
		{"NegativeWaiting", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": -4, "windows_open": 1}`, 400, "waiting: -4"},
		{"AbsurdWaiting", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": 100000, "windows_open": 1}`, 400, "waiting: 100000"},
		{"TooManyWindows", "/api/v1/locations/cnap-shevchenka/queue", "int-key", `{"waiting": 3, "windows_open": 50}`, 400, "windows_open: 50"},
		{"ZeroServiceTime", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": 3, "windows_open": 1, "avg_service_minutes": 0}`, 400, "avg_service_minutes"},
		{"MissingWaiting", "/api/v1/locations/cnap-center/queue", "int-key", `{"windows_open": 1}`, 400, "waiting: required"},
		{"FractionalWaiting", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": 2.5, "windows_open": 1}`, 400, "waiting: must be a whole number"},
		{"StringWaiting", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": "five", "windows_open": 1}`, 400, "waiting"},
		{"UnknownField", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": 1, "windows_open": 1, "wating": 2}`, 400, "unknown field"},
		{"NotJSON", "/api/v1/locations/cnap-center/queue", "int-key", `waiting=5`, 400, "not valid JSON"},
		{"Empty", "/api/v1/locations/cnap-center/queue", "int-key", ``, 400, "empty body"},
		{"TwoObjects", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting": 1, "windows_open": 1} {}`, 400, "one JSON object"},
		{"Huge", "/api/v1/locations/cnap-center/queue", "int-key", `{"source": "` + strings.Repeat("a", 5000) + `"}`, 400, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.do(t, http.MethodPut, tt.path, tt.key, tt.body)
			msg, _ := body["message"].(string)
			if status != tt.status || !strings.Contains(msg, tt.reason) {
				t.Fatalf("status %d %v, want %d with %q", status, body, tt.status, tt.reason)
			}
		})
	}
	status, body := e.do(t, http.MethodGet, "/api/v1/locations/cnap-sykhiv/queue", "int-key", "")
	if status != 200 || body["waiting"] != 5.0 || body["estimated_wait_minutes"] != 20.0 || body["stale"] != false {
		t.Fatalf("GET queue = %d %v", status, body)
	}
	status, body = e.do(t, http.MethodGet, "/api/v1/queue", "", "")
	if status != 200 || len(body["locations"].([]any)) != 11 {
		t.Fatalf("GET board = %d %v", status, body)
	}
	first := body["locations"].([]any)[0].(map[string]any)
	if first["location_id"] != "cnap-center" || first["source"] != "manual" {
		t.Fatalf("board starts with %v, want cnap-center without a queue, set by hand", first)
	}
}

func TestStaffListMarkAndCancel(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r, _ := e.store.EnsureResident(ctx, vikno.Telegram, "1", "uk")
	start := time.Date(2026, 7, 14, 11, 0, 0, 0, e.visits.City.Loc())
	v, err := e.visits.Book(ctx, cases.BookRequest{ResidentID: r.ID, LocationID: "cnap-center", ServiceID: "id-card",
		Start: start, Name: "Олена Петренко", Phone: "0671234567"})
	if err != nil {
		t.Fatal(err)
	}
	status, body := e.do(t, http.MethodGet, "/api/v1/locations/cnap-center/visits?date=2026-07-14", "center-key", "")
	list, _ := body["visits"].([]any)
	if status != 200 || len(list) != 1 || list[0].(map[string]any)["code"] != v.Code || list[0].(map[string]any)["start"] != "2026-07-14T11:00:00+03:00" {
		t.Fatalf("list = %d %v", status, body)
	}
	if status, _ := e.do(t, http.MethodGet, "/api/v1/locations/cnap-sykhiv/visits", "center-key", ""); status != 401 {
		t.Fatalf("another location's list with a location key: %d", status)
	}
	if status, body := e.do(t, http.MethodGet, "/api/v1/locations/cnap-center/visits?date=14.07", "int-key", ""); status != 400 {
		t.Fatalf("bad date: %d %v", status, body)
	}
	if status, body := e.do(t, http.MethodPost, "/api/v1/visits/1/cancel", "center-key", `{"reason": ""}`); status != 400 {
		t.Fatalf("cancel without a reason: %d %v", status, body)
	}
	status, body = e.do(t, http.MethodPost, "/api/v1/visits/1/cancel", "center-key", `{"reason": "Вимкнення світла"}`)
	if status != 200 || body["status"] != "cancelled" || body["cancel_reason"] != "Вимкнення світла" {
		t.Fatalf("cancel = %d %v", status, body)
	}
	if len(e.notices.got) != 1 || e.notices.got[0].Kind != cases.NoticeStaffCancel {
		t.Fatalf("the resident was not told: %+v", e.notices.got)
	}
	if status, _ := e.do(t, http.MethodPost, "/api/v1/visits/1/attended", "int-key", ""); status != 409 {
		t.Fatalf("marking a cancelled visit: %d, want 409", status)
	}
	v2, err := e.visits.Book(ctx, cases.BookRequest{ResidentID: r.ID, LocationID: "cnap-center", ServiceID: "id-card",
		Start: start, Name: "Олена Петренко", Phone: "0671234567"})
	if err != nil {
		t.Fatalf("the cancelled time is not free again: %v", err)
	}
	if status, body := e.do(t, http.MethodPost, "/api/v1/visits/2/no-show", "int-key", ""); status != 200 || body["status"] != "no_show" || body["id"] != float64(v2.ID) {
		t.Fatalf("no-show = %d %v", status, body)
	}
	if status, body := e.do(t, http.MethodPost, "/api/v1/visits/2/attended", "center-key", ""); status != 200 || body["status"] != "attended" {
		t.Fatalf("attended = %d %v", status, body)
	}
	if status, _ := e.do(t, http.MethodPost, "/api/v1/visits/99/attended", "int-key", ""); status != 404 {
		t.Fatalf("unknown visit: %d", status)
	}
	if status, _ := e.do(t, http.MethodPost, "/api/v1/visits/99/attended", "nope", ""); status != 401 {
		t.Fatalf("unknown visit with a wrong key: %d", status)
	}
	if status, _ := e.do(t, http.MethodPost, "/api/v1/visits/2/attended", "", ""); status != 401 {
		t.Fatalf("without a key: %d", status)
	}
}
