package open311_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web/open311"
)

func TestBadInputIsRefusedWithAReason(t *testing.T) {
	ids := make([]string, 30000)
	for i := range ids {
		ids[i] = cases.FormatAppealNumber(2026, int64(i+1))
	}
	tests := []struct{ name, path, reason string }{
		{"InvalidUTF8InQuery", "/open311/v2/requests.json?service_code=%FF%FE", "UTF-8"},
		{"NULInQuery", "/open311/v2/requests.json?service_code=pot%00hole", "NUL"},
		{"InvalidUTF8InArgumentName", "/open311/v2/requests.json?%FF=1", "UTF-8"},
		{"NULInPath", "/open311/v2/requests/2026-000001%00.json", "NUL"},
		{"InvalidUTF8InPath", "/open311/v2/services/%FF.json", "UTF-8"},
		{"ThirtyThousandIDs", "/open311/v2/requests.json?service_request_id=" + strings.Join(ids, ","), "at most"},
		{"TooManyServiceCodes", "/open311/v2/requests.json?service_code=" + strings.Repeat("pothole,", 300), "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			code, body := w.get(t, tt.path)
			mustError(t, code, body, http.StatusBadRequest)
			if !strings.Contains(body, tt.reason) {
				t.Fatalf("reason %q not in %s", tt.reason, body)
			}
		})
	}
}

func TestCreateRefusesInvalidTextAndStoresNothing(t *testing.T) {
	for name, body := range map[string]string{
		"InvalidUTF8Description": func() string {
			v := validRequest()
			v.Del("description")
			return v.Encode() + "&description=%D1%8F%FF%FE"
		}(),
		"NULInDescription":     func() string { v := validRequest(); v.Set("description", "яма\x00яма"); return v.Encode() }(),
		"NULInAddress":         func() string { v := validRequest(); v.Set("address_string", "вул.\x00 1"); return v.Encode() }(),
		"InvalidUTF8FieldName": validRequest().Encode() + "&%FF=1",
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			code, resp := w.post(t, "application/x-www-form-urlencoded", body)
			mustError(t, code, resp, http.StatusBadRequest)
			if list, _ := w.store.ListAppeals(context.Background(), cases.AppealFilter{}); len(list) != 0 {
				t.Fatal("an invalid request was stored")
			}
		})
	}
}

func TestAPIKeyIsTakenFromTheBodyOrAHeaderNeverTheURL(t *testing.T) {
	w := newWorld(t)
	v := validRequest()
	v.Del("api_key")
	resp, err := http.Post(w.srv.URL+"/open311/v2/requests.json?api_key="+key, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	code, body := read(t, resp)
	mustError(t, code, body, http.StatusBadRequest)
	if !strings.Contains(body, "URL") {
		t.Fatalf("the refusal does not say why: %s", body)
	}
	code, body = w.get(t, "/open311/v2/requests.json?api_key="+key)
	mustError(t, code, body, http.StatusBadRequest)
	if list, _ := w.store.ListAppeals(context.Background(), cases.AppealFilter{}); len(list) != 0 {
		t.Fatal("a request with the key in the URL was stored")
	}

	for _, header := range [][2]string{{"X-API-Key", key}, {"Authorization", "Bearer " + key}} {
		req, _ := http.NewRequest("POST", w.srv.URL+"/open311/v2/requests.json", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(header[0], header[1])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if code, body := read(t, resp); code != http.StatusOK {
			t.Fatalf("key in %s = %d %s", header[0], code, body)
		}
	}
	if code, body := w.postForm(t, validRequest()); code != http.StatusOK {
		t.Fatalf("key in the body = %d %s", code, body)
	}
}

// downStore is an appeal store whose database cannot be reached.
type downStore struct{ cases.AppealStore }

var errDown = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}

func (downStore) CreateAppeal(context.Context, cases.Appeal, cases.AppealEvent) (cases.Appeal, bool, error) {
	return cases.Appeal{}, false, errDown
}
func (downStore) FindAppeal(context.Context, string) (cases.Appeal, error) {
	return cases.Appeal{}, errDown
}
func (downStore) FindAppealByToken(context.Context, int64, string) (cases.Appeal, error) {
	return cases.Appeal{}, errDown
}
func (downStore) ListAppeals(context.Context, cases.AppealFilter) ([]cases.Appeal, error) {
	return nil, errDown
}

func TestUnavailableDatabaseIs503WithRetryAfter(t *testing.T) {
	w := newWorld(t)
	svc := &cases.AppealService{Store: downStore{}, City: w.svc.City, Limiter: w.svc.Limiter, Hasher: w.svc.Hasher, Now: w.svc.Now}
	srv := httptest.NewServer(open311.New(svc, []string{key}, nil))
	t.Cleanup(srv.Close)
	check := func(resp *http.Response, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		retry := resp.Header.Get("Retry-After")
		code, body := read(t, resp)
		mustError(t, code, body, http.StatusServiceUnavailable)
		if retry == "" || strings.Contains(body, "connection refused") {
			t.Fatalf("Retry-After %q, body %s", retry, body)
		}
	}
	check(http.Get(srv.URL + "/open311/v2/requests.json"))
	check(http.Get(srv.URL + "/open311/v2/requests/2026-000001.json"))
	check(http.PostForm(srv.URL+"/open311/v2/requests.json", url.Values(validRequest())))
}
