package open311_test

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

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/cases/casestest"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/storage/memory"
	"github.com/vikno-city/vikno/web/open311"
)

const key = "test-key-1"

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

type world struct {
	srv   *httptest.Server
	svc   *cases.AppealService
	store *casestest.Appeals
	clock *clock
}

func newWorld(t *testing.T) world {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	w := world{store: &casestest.Appeals{}, clock: &clock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, city.Loc())}}
	w.svc = &cases.AppealService{Store: w.store, City: city, Limiter: memory.New(), Hasher: cases.Bcrypt{Cost: 4}, Now: w.clock.Now}
	mux := http.NewServeMux()
	mux.Handle(open311.Prefix, open311.New(w.svc, []string{"other-key", key}, nil))
	w.srv = httptest.NewServer(mux)
	t.Cleanup(w.srv.Close)
	return w
}

func (w world) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(w.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return read(t, resp)
}

func (w world) post(t *testing.T, contentType, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(w.srv.URL+"/open311/v2/requests.json", contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return read(t, resp)
}

func (w world) postForm(t *testing.T, v url.Values) (int, string) {
	t.Helper()
	return w.post(t, "application/x-www-form-urlencoded; charset=utf-8", v.Encode())
}

func read(t *testing.T, resp *http.Response) (int, string) {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, body %s", ct, b)
	}
	return resp.StatusCode, string(b)
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

// validRequest is a complete POST with personal data that must not leak.
func validRequest() url.Values {
	return url.Values{
		"api_key": {key}, "jurisdiction_id": {"lviv.example"}, "service_code": {"pothole"},
		"lat": {"49.8397"}, "long": {"24.0297"}, "address_string": {"вул. Городоцька, 100"},
		"description": {"Глибока яма на правій смузі, машини об’їжджають по зустрічній"},
		"media_url":   {"https://example.org/photos/pothole.jpg"}, "phone": {"+380671234567"},
		"first_name": {"Тарас"}, "last_name": {"Шевчук"}, "email": {"taras@example.org"},
	}
}

type apiError struct {
	Code        int    `json:"code"`
	Description string `json:"description"`
}

func mustError(t *testing.T, status int, body string, want int) {
	t.Helper()
	errs := decode[[]apiError](t, body)
	if status != want || len(errs) != 1 || errs[0].Code != want || errs[0].Description == "" {
		t.Fatalf("status %d, body %s; want %d in the spec's error format", status, body, want)
	}
}

func TestServicesListsAppealCategories(t *testing.T) {
	w := newWorld(t)
	code, body := w.get(t, "/open311/v2/services.json")
	services := decode[[]map[string]any](t, body)
	if code != http.StatusOK || len(services) < 20 {
		t.Fatalf("services.json = %d, %d services", code, len(services))
	}
	var hot map[string]any
	for _, s := range services {
		if s["service_code"] == "no-hot-water" {
			hot = s
		}
	}
	if hot == nil || hot["service_name"] != "Немає гарячої води" || hot["group"] != "Житлове господарство" ||
		hot["metadata"] != false || hot["type"] != "realtime" || !strings.Contains(hot["keywords"].(string), "гвп") ||
		!strings.Contains(hot["description"].(string), "24 год.") {
		t.Fatalf("no-hot-water service = %v", hot)
	}
}

func TestServiceDefinition(t *testing.T) {
	w := newWorld(t)
	code, body := w.get(t, "/open311/v2/services/pothole.json")
	def := decode[map[string]any](t, body)
	if code != http.StatusOK || def["service_code"] != "pothole" || def["attributes"] == nil {
		t.Fatalf("definition = %d %s", code, body)
	}
	code, body = w.get(t, "/open311/v2/services/ufo.json")
	mustError(t, code, body, http.StatusNotFound)
	code, body = w.get(t, "/open311/v2/services/pothole.xml")
	mustError(t, code, body, http.StatusBadRequest)
	code, body = w.get(t, "/open311/v2/nothing-here")
	mustError(t, code, body, http.StatusNotFound)
}

type created struct {
	ID     string  `json:"service_request_id"`
	Notice string  `json:"service_notice"`
	Acct   *string `json:"account_id"`
	PIN    string  `json:"pin"`
}

func TestCreateWithKeyAndReadItBack(t *testing.T) {
	w := newWorld(t)
	code, body := w.postForm(t, validRequest())
	res := decode[[]created](t, body)
	if code != http.StatusOK || len(res) != 1 || res[0].ID != "2026-000001" || !cases.ValidPIN(res[0].PIN) ||
		!strings.Contains(res[0].Notice, "Міськавтодор") {
		t.Fatalf("POST = %d %s", code, body)
	}
	code, body = w.get(t, "/open311/v2/requests/2026-000001.json")
	reqs := decode[[]map[string]any](t, body)
	if code != http.StatusOK || len(reqs) != 1 {
		t.Fatalf("GET = %d %s", code, body)
	}
	r := reqs[0]
	for k, want := range map[string]any{
		"service_request_id": "2026-000001", "status": "open", "service_code": "pothole", "service_name": "Яма на дорозі",
		"lat": 49.8397, "long": 24.0297, "address": "вул. Городоцька, 100",
		"media_url": "https://example.org/photos/pothole.jpg", "requested_datetime": "2026-03-10T09:00:00+02:00",
		"expected_datetime": "2026-03-25T09:00:00+02:00", "agency_responsible": "КП «Міськавтодор» (демо)",
	} {
		if r[k] != want {
			t.Errorf("%s = %v, want %v", k, r[k], want)
		}
	}
	if !strings.HasPrefix(r["status_notes"].(string), "registered: ") || !strings.Contains(r["description"].(string), "яма") {
		t.Errorf("request = %v", r)
	}
	noPersonalData(t, body)
	a, err := w.store.FindAppeal(context.Background(), "2026-000001")
	if err != nil || a.Phone != "+380671234567" || a.Channel != cases.Open311 || a.ResidentID != 0 ||
		a.History[0].Actor.Kind != cases.ActorIntegration {
		t.Fatalf("stored %+v, %v", a, err)
	}
}

// noPersonalData fails when a public response holds the phone, the name,
// the e-mail or a PIN.
func noPersonalData(t *testing.T, body string) {
	t.Helper()
	for _, bad := range []string{"671234567", "Тарас", "Шевчук", "taras@", "phone", "first_name", "pin", "resident"} {
		if strings.Contains(body, bad) {
			t.Fatalf("public response contains %q:\n%s", bad, body)
		}
	}
}

func TestCreateWithoutAValidKeyIsForbidden(t *testing.T) {
	for name, change := range map[string]func(url.Values){
		"Missing": func(v url.Values) { v.Del("api_key") },
		"Wrong":   func(v url.Values) { v.Set("api_key", "guess") },
		"Empty":   func(v url.Values) { v.Set("api_key", "") },
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			v := validRequest()
			change(v)
			code, body := w.postForm(t, v)
			mustError(t, code, body, http.StatusForbidden)
			if list, _ := w.store.ListAppeals(context.Background(), cases.AppealFilter{}); len(list) != 0 {
				t.Fatal("a request without a valid key was stored")
			}
		})
	}
}

func TestCreateRefusesBadRequestsAndStoresNothing(t *testing.T) {
	tests := []struct {
		name   string
		ctype  string
		body   func() string
		status int
	}{
		{"JSONBody", "application/json", func() string { return `{"service_code":"pothole"}` }, 400},
		{"BadPercentEncoding", "application/x-www-form-urlencoded", func() string { return "api_key=" + key + "&description=%zz" }, 400},
		{"NoServiceCode", "", func() string { v := validRequest(); v.Del("service_code"); return v.Encode() }, 400},
		{"UnknownServiceCode", "", func() string { v := validRequest(); v.Set("service_code", "ufo"); return v.Encode() }, 404},
		{"LatWithoutLong", "", func() string { v := validRequest(); v.Del("long"); return v.Encode() }, 400},
		{"LatNotANumber", "", func() string { v := validRequest(); v.Set("lat", "north"); return v.Encode() }, 400},
		{"OutsideTheCity", "", func() string {
			v := validRequest()
			v.Set("lat", "50.4501")
			v.Set("long", "30.5234")
			return v.Encode()
		}, 400},
		{"NoLocation", "", func() string {
			v := validRequest()
			v.Del("lat")
			v.Del("long")
			v.Del("address_string")
			return v.Encode()
		}, 400},
		{"DescriptionTooLong", "", func() string {
			v := validRequest()
			v.Set("description", strings.Repeat("я", cases.MaxDescriptionLen+1))
			return v.Encode()
		}, 400},
		{"NoDescription", "", func() string { v := validRequest(); v.Del("description"); return v.Encode() }, 400},
		{"BadPhone", "", func() string {
			v := validRequest()
			v.Set("phone", "дзвоніть увечері")
			return v.Encode()
		}, 400},
		{"MediaURLNotAURL", "", func() string { v := validRequest(); v.Set("media_url", "javascript:alert(1)"); return v.Encode() }, 400},
		{"HugeBody", "", func() string {
			v := validRequest()
			v.Set("description", strings.Repeat("я", 40000))
			return v.Encode()
		}, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			ct := tt.ctype
			if ct == "" {
				ct = "application/x-www-form-urlencoded"
			}
			code, body := w.post(t, ct, tt.body())
			mustError(t, code, body, tt.status)
			if list, _ := w.store.ListAppeals(context.Background(), cases.AppealFilter{}); len(list) != 0 {
				t.Fatalf("a bad request stored %d appeals", len(list))
			}
		})
	}
}

func TestRequestsFilters(t *testing.T) {
	w := newWorld(t)
	file := func(code string) string {
		v := validRequest()
		v.Set("service_code", code)
		status, body := w.postForm(t, v)
		if status != http.StatusOK {
			t.Fatalf("POST %s = %d %s", code, status, body)
		}
		w.clock.Add(time.Hour)
		return decode[[]created](t, body)[0].ID
	}
	first, second, third := file("pothole"), file("no-hot-water"), file("pothole")
	_, err := w.svc.ChangeStatus(context.Background(), second, cases.AppealChange{To: cases.AppealRejected,
		Comment: "Дублікат звернення", By: cases.Actor{Kind: cases.ActorExecutor, Name: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{third, second, first}},
		{"?status=open", []string{third, first}},
		{"?status=closed", []string{second}},
		{"?status=open,closed", []string{third, second, first}},
		{"?service_code=pothole", []string{third, first}},
		{"?service_code=pothole,no-hot-water&status=closed", []string{second}},
		{"?service_request_id=" + first + "," + third + "&status=closed", []string{third, first}},
		{"?start_date=2026-03-10T10:00:00%2B02:00&end_date=2026-03-10T11:30:00%2B02:00", []string{third, second}},
		{"?start_date=2026-03-11", nil},
		{"?end_date=2026-03-10T09:30:00Z", []string{third, second, first}},
	}
	for _, tt := range tests {
		code, body := w.get(t, "/open311/v2/requests.json"+tt.query)
		reqs := decode[[]map[string]any](t, body)
		var got []string
		for _, r := range reqs {
			got = append(got, r["service_request_id"].(string))
		}
		if code != http.StatusOK || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("requests.json%s = %d %v, want %v", tt.query, code, got, tt.want)
		}
		noPersonalData(t, body)
	}
	_, body := w.get(t, "/open311/v2/requests/"+second+".json")
	r := decode[[]map[string]any](t, body)[0]
	if r["status"] != "closed" || r["status_notes"] != "rejected: відхилено. Дублікат звернення" {
		t.Errorf("rejected request = %v", r)
	}
	for _, bad := range []string{"?status=pending", "?start_date=yesterday", "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
		"?start_date=2026-03-10T00:00:00Z&end_date=2026-03-01T00:00:00Z", "?service_request_id=abc"} {
		code, body := w.get(t, "/open311/v2/requests.json"+bad)
		mustError(t, code, body, http.StatusBadRequest)
	}
	code, body := w.get(t, "/open311/v2/requests/2026-000099.json")
	mustError(t, code, body, http.StatusNotFound)
	code, body = w.get(t, "/open311/v2/requests/hello.json")
	mustError(t, code, body, http.StatusNotFound)
}

func TestRequestsDefaultToTheLast90Days(t *testing.T) {
	w := newWorld(t)
	if code, body := w.postForm(t, validRequest()); code != http.StatusOK {
		t.Fatalf("POST = %d %s", code, body)
	}
	w.clock.Add(91 * 24 * time.Hour)
	_, body := w.get(t, "/open311/v2/requests.json")
	if reqs := decode[[]map[string]any](t, body); len(reqs) != 0 {
		t.Fatalf("a request of 91 days ago is listed by default: %s", body)
	}
	_, body = w.get(t, "/open311/v2/requests.json?service_request_id=2026-000001")
	if reqs := decode[[]map[string]any](t, body); len(reqs) != 1 {
		t.Fatalf("service_request_id does not override the default range: %s", body)
	}
}
