package visitsapi_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
)

func TestBadInputIsRefusedWithAReason(t *testing.T) {
	e := newEnv(t)
	tests := []struct{ name, method, path, key, body, reason string }{
		{"InvalidUTF8InQuery", "GET", "/api/v1/locations/cnap-center/visits?date=%FF", "int-key", "", "UTF-8"},
		{"NULInPath", "GET", "/api/v1/locations/cnap%00center/visits", "int-key", "", "NUL"},
		{"InvalidUTF8Body", "PUT", "/api/v1/locations/cnap-center/queue", "int-key", "{\"waiting\":1,\"windows_open\":1,\"source\":\"\xff\"}", "UTF-8"},
		{"NULInBody", "PUT", "/api/v1/locations/cnap-center/queue", "int-key", `{"waiting":1,"windows_open":1,"source":"a\u0000"}`, "NUL"},
		{"KeyInTheURL", "GET", "/api/v1/locations/cnap-center/queue?api_key=int-key", "", "", "URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := e.do(t, tt.method, tt.path, tt.key, tt.body)
			msg, _ := out["message"].(string)
			if code != http.StatusBadRequest || !strings.Contains(msg, tt.reason) {
				t.Fatalf("%s %s = %d %v, want 400 saying %q", tt.method, tt.path, code, out, tt.reason)
			}
		})
	}
}

// downVisits is a visit store whose database cannot be reached.
type downVisits struct{ cases.VisitStore }

func (downVisits) LocationVisits(context.Context, string, time.Time, time.Time) ([]cases.Visit, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
}

func (downVisits) FindVisit(context.Context, int64) (cases.Visit, error) {
	return cases.Visit{}, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
}

func TestUnavailableDatabaseIs503WithRetryAfter(t *testing.T) {
	e := newEnv(t)
	e.visits.Store = downVisits{}
	for _, path := range []string{"/api/v1/locations/cnap-center/visits", "/api/v1/visits/1/attended"} {
		method := "GET"
		if strings.HasPrefix(path, "/api/v1/visits/") {
			method = "POST"
		}
		req, _ := http.NewRequest(method, e.srv.URL+path, nil)
		req.Header.Set("X-API-Key", "int-key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s %s with the database down = %d, Retry-After %q", method, path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
}
